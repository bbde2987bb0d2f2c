//! [`Reading`]: what `fmlint inspect` shows of a post, made from its [`PostView`], and what it
//! says of files Jekyll never reads as posts.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::date::{Build, ReadDate};
use super::publish::{Unpublished, unread};
use super::view::PostView;
use crate::post::Post;
use crate::site::{NotRead, Site};
use crate::zone::Tz;

/// How Jekyll reads one post.
#[derive(Debug, Clone)]
pub struct Reading {
    /// Jekyll's `relative_path`, when the file is in a `_posts` or `_drafts` folder.
    pub path: Option<String>,
    pub draft: bool,
    /// `Ok` when Jekyll publishes it.
    pub published: Result<(), Unpublished>,
    pub date: Option<ReadDate>,
    pub title: Value,
    pub author: Value,
    pub layout: Value,
    pub from: Value,
    pub tags: Value,
    pub categories: Value,
    pub url: Option<String>,
    /// What the reader should know: values from defaults, a front matter Jekyll could not read.
    pub notes: Vec<String>,
}

/// What `read` needs besides the post.
pub struct ReadOptions {
    /// The zone dates are read in: the site's `timezone:`, else the build machine's.
    pub tz: Option<Tz>,
    /// The time of the build, for `future` and for undated drafts' fallbacks.
    pub now: DateTime<Utc>,
    /// The file's modification time (drafts without a date are dated with it).
    pub mtime: Option<DateTime<Utc>>,
    /// The YAML loader of the Jekyll that builds the site (`yaml-loader`).
    pub loader: crate::yaml::Loader,
}

/// The keys whose value from `defaults:` a reading points out.
const NOTED_DEFAULTS: [&str; 6] = [
    "layout",
    "author",
    "title",
    "date",
    "published",
    "permalink",
];

/// Reads a post as Jekyll 4.3 does. `text` is `None` when the file is not UTF-8.
pub fn read(path: &Path, text: Option<&str>, site: &Site, opts: &ReadOptions) -> Reading {
    let mut reading = Reading {
        path: None,
        draft: false,
        published: Ok(()),
        date: None,
        title: Value::Null,
        author: Value::Null,
        layout: Value::Null,
        from: Value::Null,
        tags: Value::Array(vec![]),
        categories: Value::Array(vec![]),
        url: None,
        notes: Vec::new(),
    };
    // Where the file sits: a post or draft of its site, or not read at all.
    let source_relative = site.source_relative(path);
    let placement = match source_relative
        .as_deref()
        .ok_or(NotRead::NotAPost)
        .and_then(|r| site.placement(r))
    {
        Ok(p) => p,
        Err(NotRead::NotAPost) => {
            reading.published = Err(Unpublished::NotAPost);
            return reading;
        }
        Err(NotRead::Excluded { what, why }) => {
            reading.path = source_relative;
            reading.published = Err(Unpublished::Excluded { what, why });
            return reading;
        }
    };
    reading.path = Some(placement.relative_path.clone());
    let skip = unread(&placement, site);
    let Some(text) = text else {
        reading.draft = !placement.relative_path.contains("_posts");
        reading.published = Err(skip.unwrap_or(Unpublished::NotUtf8));
        return reading;
    };

    let post = Post::with_loader(path, text, opts.loader);
    let view = PostView::new(&post, site, opts.tz)
        .with_build(Build {
            now: opts.now,
            mtime: opts.mtime,
        })
        .with_placement(placement);
    reading.draft = view.draft();
    if let Some(e) = view.jekyll_error() {
        reading.notes.push(format!(
            "Jekyll cannot use the front matter: {e}; it logs an error and publishes the post \
             with `_config.yml` defaults only, no title, dated with the time of the build"
        ));
    }
    for key in NOTED_DEFAULTS {
        if view.from_defaults(key)
            && let Some(d) = view.default(key)
        {
            reading.notes.push(format!(
                "`{key}` from `{}` defaults (line {})",
                site.config_name(),
                d.line
            ));
        }
    }
    reading.title = view.title();
    reading.author = view.json("author");
    reading.layout = view.json("layout");
    reading.from = view.json("from");
    reading.tags = view.tags().clone();
    reading.categories = Value::Array(view.categories().to_vec());
    // Never read, an undated name has no date and no URL.
    if skip != Some(Unpublished::UndatedFilename) {
        reading.date = view.jekyll_date().ok().flatten().cloned();
        reading.url = view.url().map(str::to_string);
    }
    reading.published = view.published().map_err(Clone::clone);
    reading
}
