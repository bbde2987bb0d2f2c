//! [`PostView`]: Jekyll's reading of one post, built once and shared by the rules (through
//! `rules::Context`) and `fmlint inspect` (through [`super::read`]).
//!
//! Linting reads a few parts of every post and must stay cheap (issue 12 counts its
//! instructions), so only those are computed when the view is built: the `defaults:` that
//! apply and the date. The rest (what only `inspect` shows so far: the values Jekyll makes of
//! the data, the URL, publication) is computed on first use and kept.

use std::borrow::Cow;
use std::cell::OnceCell;

use serde_json::Value;

use super::date::{self, Build, DateValue, Fallbacks, PostDate, ReadDate};
use super::defaults::{Effective, defaults_of, effective, unusable};
use super::filename::{DatedName, dated_name, name_slug};
use super::publish::{self, Unpublished, Verdicts, unread};
use super::ruby_format::{jsonify, ruby_to_s};
use super::ruby_string::titleize_slug;
use super::taxonomy::{self, Taxonomy, TermSource};
use super::url::url_of;
use crate::datetime::{DateProblem, JekyllDate};
use crate::post::Post;
use crate::site::{Applied, DefaultValue, NotRead, Placement, Site};
use crate::yaml::Node;
use crate::zone::Tz;

/// Jekyll's reading of one post in its site.
pub struct PostView<'a> {
    post: &'a Post<'a>,
    site: &'a Site,
    /// The zone dates are read in.
    tz: Option<Tz>,
    /// The `_config.yml` `defaults:` values that apply to the post.
    defaults: Applied,
    date: Option<PostDate>,
    /// The parts only `inspect` reads, boxed so that a view built for linting stays small.
    later: OnceCell<Box<Later>>,
}

/// The parts of a [`PostView`] computed on first use.
#[derive(Default)]
struct Later {
    jekyll_error: OnceCell<Option<String>>,
    placement: OnceCell<Result<Placement, NotRead>>,
    dated: OnceCell<Option<DatedName>>,
    build: OnceCell<Build>,
    jekyll_date: OnceCell<Result<Option<ReadDate>, String>>,
    tags: OnceCell<Value>,
    categories: OnceCell<Vec<Value>>,
    url: OnceCell<Option<String>>,
    published: OnceCell<Result<(), Unpublished>>,
}

impl<'a> PostView<'a> {
    /// The view of `post` in `site`, its dates read in `tz`.
    pub fn new(post: &'a Post<'a>, site: &'a Site, tz: Option<Tz>) -> Self {
        let defaults = defaults_of(site, post.path);
        let date = PostDate::of(post, &defaults, tz);
        PostView {
            post,
            site,
            tz,
            defaults,
            date,
            later: OnceCell::new(),
        }
    }

    fn later(&self) -> &Later {
        self.later.get_or_init(Box::default)
    }

    /// The build the post is read for (else: now, and the file's modification time on disk).
    pub fn with_build(self, build: Build) -> Self {
        let _ = self.later().build.set(build);
        self
    }

    /// The placement of the post, when the caller has it already.
    pub(super) fn with_placement(self, placement: Placement) -> Self {
        let _ = self.later().placement.set(Ok(placement));
        self
    }

    pub fn post(&self) -> &'a Post<'a> {
        self.post
    }

    pub fn site(&self) -> &'a Site {
        self.site
    }

    pub fn tz(&self) -> Option<Tz> {
        self.tz
    }

    /// The `_config.yml` `defaults:` values that apply to this post.
    pub fn defaults(&self) -> &Applied {
        &self.defaults
    }

    pub fn default(&self, key: &str) -> Option<&DefaultValue> {
        self.defaults.get(key)
    }

    /// The value Jekyll uses for `key` once `defaults:` are applied, and where it comes from
    /// (see [`effective`]). The front matter is taken as written, even where Jekyll could not
    /// use it: linting judges what the author wrote.
    pub fn effective(&self, key: &str) -> Option<Effective<'_>> {
        effective(self.post, &self.defaults, key)
    }

    /// The `date` value (the front matter's, else the defaults'), read.
    pub fn date(&self) -> Option<&PostDate> {
        self.date.as_ref()
    }

    /// The front matter's own `date`, read: `None` when the post has none (or a null one
    /// under a default date, which Jekyll does not read), or a list or a mapping.
    pub fn front_matter_date(&self) -> Option<&Result<JekyllDate, DateProblem>> {
        self.date
            .as_ref()
            .filter(|d| !d.from_defaults)?
            .read
            .as_ref()
    }

    /// The front-matter keys Jekyll reads the set from, with their values (see
    /// [`Taxonomy::sources`]). Not kept: two lookups, and each rule asks once.
    pub fn term_sources(&self, set: Taxonomy) -> Vec<TermSource<'a>> {
        let post = self.post;
        set.sources(|key| post.get(key).map(|e| &e.value))
    }

    /// Why Jekyll cannot use the front matter: it logs an error and reads the post with the
    /// defaults alone.
    pub fn jekyll_error(&self) -> Option<&str> {
        self.later()
            .jekyll_error
            .get_or_init(|| unusable(self.post))
            .as_deref()
    }

    /// `data[key]` as `Document#read` leaves it: [`PostView::effective`]'s value, or the
    /// defaults' alone when Jekyll could not use the front matter.
    pub fn data(&self, key: &str) -> Option<Cow<'_, Node<'_>>> {
        if self.jekyll_error().is_none() {
            return self.effective(key).map(|e| e.value);
        }
        self.default(key).map(|d| Cow::Borrowed(&d.value))
    }

    /// Whether `data[key]` is the defaults' value.
    pub fn from_defaults(&self, key: &str) -> bool {
        if self.jekyll_error().is_none() {
            return self.effective(key).is_some_and(|e| e.is_from_defaults());
        }
        self.default(key).is_some()
    }

    /// `data[key]` as Liquid's `jsonify` prints it.
    pub fn json(&self, key: &str) -> Value {
        self.data(key).map_or(Value::Null, |n| jsonify(&n, self.tz))
    }

    /// Where the file sits in its site, or why Jekyll does not read it as a post.
    pub fn placement(&self) -> Result<&Placement, &NotRead> {
        self.later()
            .placement
            .get_or_init(|| {
                self.site
                    .source_relative(self.post.path)
                    .ok_or(NotRead::NotAPost)
                    .and_then(|r| self.site.placement(&r))
            })
            .as_ref()
    }

    /// `draft?`: in the posts collection but not under `_posts`.
    pub fn draft(&self) -> bool {
        self.placement()
            .is_ok_and(|p| !p.relative_path.contains("_posts"))
    }

    fn file_name(&self) -> Cow<'_, str> {
        match self.placement() {
            Ok(p) => Cow::Borrowed(p.relative_path.rsplit('/').next().unwrap_or("")),
            Err(_) => self
                .post
                .path
                .file_name()
                .map_or(Cow::Borrowed(""), |n| n.to_string_lossy()),
        }
    }

    fn dated(&self) -> Option<&DatedName> {
        self.later()
            .dated
            .get_or_init(|| dated_name(&self.file_name()))
            .as_ref()
    }

    fn build(&self) -> &Build {
        self.later()
            .build
            .get_or_init(|| Build::now(self.post.path))
    }

    /// The date Jekyll gives the post, and where from; `Err`: a date that stops the build.
    pub fn jekyll_date(&self) -> Result<Option<&ReadDate>, &str> {
        self.later()
            .jekyll_date
            .get_or_init(|| {
                let usable = self.jekyll_error().is_none();
                let fallbacks = Fallbacks {
                    dated: self.dated(),
                    usable,
                    draft: self.draft(),
                };
                let value = if usable { self.effective("date") } else { None };
                let value = match (&value, self.date.as_ref()) {
                    (Some(e), Some(d)) => Some(DateValue {
                        node: &e.value,
                        from_defaults: d.from_defaults,
                        read: d.read.as_ref(),
                    }),
                    _ => None,
                };
                // The front matter Jekyll could not use: the defaults' date alone.
                let default = self.default("date").filter(|_| !usable);
                let default_read = default.and_then(|d| date::read_date(&d.value, self.tz));
                let value = value.or(default.map(|d| DateValue {
                    node: &d.value,
                    from_defaults: true,
                    read: default_read.as_ref(),
                }));
                date::resolve(value, fallbacks, self.build(), self.tz)
            })
            .as_ref()
            .map(Option::as_ref)
            .map_err(String::as_str)
    }

    /// The slug `populate_title` takes from the file name (without trailing dots).
    fn name_slug(&self) -> String {
        name_slug(&self.file_name(), self.dated())
            .trim_end_matches('.')
            .to_string()
    }

    /// `data["slug"]` as the URL uses it.
    fn slug(&self) -> String {
        match self.data("slug") {
            Some(n) if n.is_truthy() => ruby_to_s(&n, self.tz),
            // `populate_title` did not run: the URL falls back to the file's base name.
            _ if self.jekyll_error().is_some() => {
                let file_name = self.file_name();
                match file_name.rfind('.') {
                    Some(i) if i > 0 => file_name[..i].to_string(),
                    _ => file_name.into_owned(),
                }
            }
            _ => self.name_slug(),
        }
    }

    /// The title: the data's, else (`populate_title`) the file name's slug, titleized.
    pub fn title(&self) -> Value {
        let usable = self.jekyll_error().is_none();
        match self.data("title") {
            Some(n) if n.is_truthy() || !usable => jsonify(&n, self.tz),
            _ if !usable => Value::Null,
            _ => Value::String(titleize_slug(&self.name_slug())),
        }
    }

    /// `populate_tags`; not run when the front matter could not be read.
    pub fn tags(&self) -> &Value {
        self.later().tags.get_or_init(|| {
            if self.jekyll_error().is_some() {
                return self.json("tags");
            }
            let (tag, tags) = (self.data("tag"), self.data("tags"));
            Value::Array(taxonomy::tags(tag.as_deref(), tags.as_deref(), self.tz))
        })
    }

    /// Categories: the folders above `_posts`, then the defaults', then the front matter's
    /// (`merge_categories!` unites each with what is there), then `populate_categories` (not
    /// run when the front matter could not be read).
    pub fn categories(&self) -> &[Value] {
        self.later().categories.get_or_init(|| {
            let special = if self.draft() { "_drafts" } else { "_posts" };
            let from_path = self.placement().map_or_else(
                |_| Vec::new(),
                |p| taxonomy::path_categories(&p.relative_path, special),
            );
            let usable = self.jekyll_error().is_none();
            let written = self.post.get("categories").filter(|_| usable);
            let layers = [
                self.default("categories").map(|d| &d.value),
                written.map(|e| &e.value),
            ];
            let cats =
                taxonomy::merged_categories(from_path, layers.into_iter().flatten(), self.tz);
            if !usable {
                return cats;
            }
            taxonomy::populated_categories(cats, self.data("category").as_deref(), self.tz)
        })
    }

    /// Why Jekyll does not read the file at all (a draft, an undated name, not a post).
    fn skip(&self) -> Option<Unpublished> {
        match self.placement() {
            Ok(p) => unread(p, self.site),
            Err(n) => Some(n.clone().into()),
        }
    }

    /// The URL `Document#url` gives; `None` where Jekyll cannot make one (or never reads the
    /// post: an undated name has no date and no URL).
    pub fn url(&self) -> Option<&str> {
        self.later()
            .url
            .get_or_init(|| {
                if self.skip() == Some(Unpublished::UndatedFilename) {
                    return None;
                }
                let date = self.jekyll_date().ok().flatten()?;
                let placement = self.placement().ok()?;
                url_of(
                    self.data("permalink").as_deref(),
                    self.site,
                    &placement.relative_path,
                    &self.slug(),
                    self.categories(),
                    date.local,
                )
            })
            .as_deref()
    }

    /// Whether Jekyll publishes the post, and if not why.
    pub fn published(&self) -> Result<(), &Unpublished> {
        self.later()
            .published
            .get_or_init(|| {
                let mut build_fails = None;
                if let (Some(e), true) = (self.jekyll_error(), self.site.strict_front_matter) {
                    build_fails =
                        Some(format!("{e} and the site sets `strict_front_matter: true`"));
                }
                if let Err(why) = self.jekyll_date() {
                    build_fails.get_or_insert_with(|| why.to_string());
                }
                let published = self.data("published");
                let verdicts = Verdicts {
                    skip: self.skip(),
                    build_fails,
                    published: published
                        .as_deref()
                        .map(|n| (n, self.from_defaults("published"))),
                    date: self.jekyll_date().ok().flatten(),
                };
                publish::publication(verdicts, self.site, self.build())
            })
            .as_ref()
            .map(|_| ())
    }
}
