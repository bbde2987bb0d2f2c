//! The Jekyll site a post belongs to: its `_config.yml`, found once per folder and shared.
//!
//! fmlint reads what decides how Jekyll 4.3 reads a post: `timezone`, `defaults`, `exclude`,
//! `include`, `future`, `show_drafts`, `unpublished`, `permalink` (and the posts collection's),
//! `collections_dir`, `markdown_ext` and `strict_front_matter`. Everything else is Jekyll's
//! business. A site without `_config.yml` has Jekyll's defaults.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::yaml::{self, Document, Entry, Node, NodeKind};
use crate::zone::Tz;

pub mod defaults;
pub mod filter;
pub mod glob;

pub use defaults::{Applied, AppliedCache, DefaultSet, DefaultValue};
pub use filter::{Folder, Magic, NotRead, Placement};

/// Jekyll's `DEFAULT_EXCLUDES`, added to every site's `exclude:`.
pub const DEFAULT_EXCLUDES: [&str; 10] = [
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
];

#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub config_path: Option<PathBuf>,
    pub timezone: Option<Tz>,
    /// `defaults:`, in order.
    pub defaults: Arc<[DefaultSet]>,
    /// `exclude:` with Jekyll's default excludes added.
    pub exclude: Arc<[String]>,
    /// `include:` (Jekyll's default: `[.htaccess]`).
    pub include: Arc<[String]>,
    /// `exclude - include`, worked out on first use: every file asks it, and with a
    /// stranger's lists of 100,000 patterns a search of one per pattern of the other hung.
    pub excluding: Excluding,
    /// `future: true`: posts dated later than the build are published.
    pub future: bool,
    /// `show_drafts: true`: `_drafts/` are published.
    pub show_drafts: bool,
    /// `unpublished: true`: `published: false` is ignored.
    pub unpublished: bool,
    /// The posts' URL template: `collections.posts.permalink`, else the `permalink:` style
    /// turned into a template. `None` when Jekyll could not make one (`permalink: null`).
    pub permalink: Option<String>,
    /// `collections_dir:` (`""`: the source).
    pub collections_dir: String,
    /// `markdown_ext:`, the extensions converted to `.html`.
    pub markdown_ext: Arc<[String]>,
    /// `strict_front_matter: true`: a front matter Jekyll cannot read stops the build.
    pub strict_front_matter: bool,
    /// The `defaults:` merged for each combination of sets that applies to some post.
    pub applied: AppliedCache,
}

impl Default for Site {
    fn default() -> Self {
        Site {
            config_path: None,
            timezone: None,
            defaults: Arc::from(Vec::new()),
            exclude: DEFAULT_EXCLUDES.iter().map(|s| s.to_string()).collect(),
            include: Arc::from(vec![".htaccess".to_string()]),
            excluding: Excluding::default(),
            future: false,
            show_drafts: false,
            unpublished: false,
            permalink: Some(style_to_permalink("date")),
            collections_dir: String::new(),
            markdown_ext: "markdown,mkdown,mkdn,mkd,md"
                .split(',')
                .map(str::to_string)
                .collect(),
            strict_front_matter: false,
            applied: AppliedCache::default(),
        }
    }
}

/// `Configuration#style_to_permalink`.
pub fn style_to_permalink(style: &str) -> String {
    match style {
        "none" => "/:categories/:title:output_ext",
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        other => other,
    }
    .to_string()
}

/// [`Site::excluding`]'s list, worked out once (its own type: nothing else may set it).
#[derive(Debug, Clone, Default)]
pub struct Excluding(std::sync::OnceLock<Arc<[String]>>);

/// Derived from `exclude` and `include`, which the site's equality compares already.
impl PartialEq for Excluding {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Where the line feeds of `text` are.
fn line_feeds(text: &str) -> Vec<usize> {
    memchr::memchr_iter(b'\n', text.as_bytes()).collect()
}

/// The 1-based line of a byte offset, from the line feeds before it.
fn line_of(feeds: &[usize], offset: usize) -> usize {
    feeds.partition_point(|&f| f < offset) + 1
}

/// The value of `key` (the last, as Psych keeps the last of a repeated key).
fn get<'a>(entries: &'a [Entry<'a>], key: &str) -> Option<&'a Node<'a>> {
    entries
        .iter()
        .rev()
        .find(|e| e.key == key)
        .map(|e| &e.value)
}

fn map_get<'a>(node: &'a Node<'a>, key: &str) -> Option<&'a Node<'a>> {
    match &node.kind {
        NodeKind::Map { entries, .. } => entries
            .iter()
            .rev()
            .find(|(k, _)| k.display() == key)
            .map(|(_, v)| v),
        _ => None,
    }
}

/// A list of strings (`exclude:`, `include:`): Jekyll ignores entries that are not strings.
fn string_list(path: &Path, key: &str, node: Option<&Node>) -> Result<Option<Vec<String>>, String> {
    let Some(node) = node else { return Ok(None) };
    match &node.kind {
        NodeKind::Seq { items, .. } => Ok(Some(
            items
                .iter()
                .filter_map(|n| n.as_str().map(str::to_string))
                .collect(),
        )),
        _ if node.is_null() => Ok(None),
        _ => Err(format!(
            "{}: `{key}:` must be a list (Jekyll stops: \"'{key}' should be set as an array\")",
            path.display()
        )),
    }
}

impl Site {
    /// The site a post is checked against: the one read, or Jekyll's defaults where its
    /// `_config.yml` could not be read (that is reported once, as the run's error; the posts
    /// are still checked). The default is built once: it costs allocations.
    pub fn readable_or_default(read: &Result<Site, String>) -> &Site {
        static DEFAULT: std::sync::LazyLock<Site> = std::sync::LazyLock::new(Site::default);
        read.as_ref().unwrap_or(&DEFAULT)
    }

    /// Ruby's `site.exclude - site.include`: the excludes not also included, in order.
    pub fn excluding(&self) -> &[String] {
        self.excluding.0.get_or_init(|| {
            let included: std::collections::HashSet<&String> = self.include.iter().collect();
            self.exclude
                .iter()
                .filter(|e| !included.contains(e))
                .cloned()
                .collect()
        })
    }

    /// The site's root folder: where its `_config.yml` is.
    pub fn root(&self) -> Option<&Path> {
        self.config_path.as_deref().and_then(Path::parent)
    }

    /// Reads the site settings fmlint needs from a `_config.yml` text.
    pub fn from_config(path: &Path, text: &str) -> Result<Site, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let doc = yaml::parse(text, 0..text.len()).map_err(|e| {
            format!(
                "{}: not valid YAML ({}) at byte {}",
                path.display(),
                e.message,
                e.offset
            )
        })?;
        let mut site = Site {
            config_path: Some(path.to_path_buf()),
            ..Site::default()
        };
        let Document::Mapping(entries) = doc else {
            return Ok(site);
        };
        if let Some(v) = get(&entries, "timezone")
            && !v.is_null()
        {
            let name = v.display();
            site.timezone = Some(name.parse::<Tz>().map_err(|_| {
                format!(
                    "{}: `timezone: {name}` is not an IANA time zone name (e.g. Asia/Singapore)",
                    path.display()
                )
            })?);
        }
        if let Some(v) = get(&entries, "defaults") {
            // Found once, searched per value: a `_config.yml` may give 100,000 values.
            let feeds = line_feeds(text);
            site.defaults = Arc::from(defaults::read_sets(v, &|o| line_of(&feeds, o)));
        }
        if let Some(mut list) = string_list(path, "exclude", get(&entries, "exclude"))? {
            for d in DEFAULT_EXCLUDES {
                if !list.iter().any(|e| e == d) {
                    list.push(d.to_string());
                }
            }
            let mut seen = std::collections::HashSet::new();
            list.retain(|e| seen.insert(e.clone()));
            site.exclude = Arc::from(list);
        }
        if let Some(list) = string_list(path, "include", get(&entries, "include"))? {
            site.include = Arc::from(list);
        }
        let flag = |key: &str| get(&entries, key).is_some_and(Node::is_truthy);
        site.future = flag("future");
        site.show_drafts = flag("show_drafts");
        site.unpublished = flag("unpublished");
        site.strict_front_matter = flag("strict_front_matter");
        if let Some(v) = get(&entries, "collections_dir")
            && !v.is_null()
        {
            site.collections_dir = v.display();
        }
        if let Some(v) = get(&entries, "markdown_ext")
            && !v.is_null()
        {
            site.markdown_ext = v
                .display()
                .split(',')
                .map(|s| s.trim().to_string())
                .collect();
        }
        // `add_default_collections`: the posts collection's permalink, else the site's style.
        let style = match get(&entries, "permalink") {
            None => Some("date".to_string()),
            Some(v) if v.is_null() => None,
            Some(v) => Some(v.display()),
        };
        let collection = get(&entries, "collections")
            .and_then(|c| map_get(c, "posts"))
            .and_then(|p| map_get(p, "permalink"))
            .filter(|p| p.is_truthy())
            .map(Node::display);
        site.permalink = collection.or_else(|| style.as_deref().map(style_to_permalink));
        Ok(site)
    }

    /// The post's place in this site (see [`Site::placement`]) from its path on disk. A site
    /// without `_config.yml` is taken to start at the folder holding the post's first `_posts`
    /// or `_drafts` folder.
    pub fn locate(&self, path: &Path) -> Result<Placement, NotRead> {
        self.placement(&self.source_relative(path).ok_or(NotRead::NotAPost)?)
    }

    /// The path relative to the site's source, `/`-separated.
    pub fn source_relative(&self, path: &Path) -> Option<String> {
        let comps: Vec<String> = match self.root() {
            Some(root) => {
                let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
                let root = if root.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    root
                };
                let rel = abs(path).strip_prefix(abs(root)).ok()?.to_path_buf();
                rel.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect()
            }
            None => {
                let all: Vec<String> = path
                    .components()
                    .filter(|c| matches!(c, std::path::Component::Normal(_)))
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                let k = all[..all.len().saturating_sub(1)]
                    .iter()
                    .position(|c| c == "_posts" || c == "_drafts")?;
                all[k..].to_vec()
            }
        };
        (!comps.is_empty()).then(|| comps.join("/"))
    }

    /// The default values that apply to a post (`relative_path` as Jekyll has it,
    /// `source_relative` from the site's source), merged by precedence.
    pub fn defaults_for(&self, relative_path: &str, source_relative: &str) -> Applied {
        if self.defaults.is_empty() {
            return Applied::default();
        }
        defaults::all(
            &self.defaults,
            relative_path,
            source_relative,
            &self.collections_dir,
            &|p| self.exists(p),
            &self.applied,
        )
    }

    /// Whether a path relative to the site's source exists (false for a site without
    /// `_config.yml`, whose source fmlint can only guess).
    pub fn exists(&self, relative: &str) -> bool {
        self.root().is_some_and(|root| {
            let root = if root.as_os_str().is_empty() {
                Path::new(".")
            } else {
                root
            };
            root.join(relative).exists()
        })
    }

    /// How `_config.yml` is named in messages.
    pub fn config_name(&self) -> String {
        self.config_path
            .as_deref()
            .map_or("_config.yml".to_string(), crate::paths::display_path)
    }
}

/// Finds and caches sites by folder, so that 10,000 posts in one `_posts` read `_config.yml` once.
#[derive(Default)]
pub struct SiteCache {
    by_dir: Mutex<HashMap<PathBuf, Arc<Result<Site, String>>>>,
}

impl SiteCache {
    /// The site of the post at `path`: the nearest `_config.yml` in its folder or above.
    pub fn site_for(&self, path: &Path) -> Arc<Result<Site, String>> {
        let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        self.lookup(&dir)
    }

    fn lookup(&self, dir: &Path) -> Arc<Result<Site, String>> {
        if let Some(hit) = self
            .by_dir
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(dir)
        {
            return hit.clone();
        }
        let candidate = dir.join("_config.yml");
        let found = if candidate.is_file() {
            Arc::new(
                std::fs::read_to_string(&candidate)
                    .map_err(|e| format!("{}: {e}", candidate.display()))
                    .and_then(|t| Site::from_config(&candidate, &t)),
            )
        } else {
            // Relative paths end at "" (the current folder); the search goes on above it, so
            // that `fmlint .` run inside `_posts` still finds the site.
            let parent = if dir.as_os_str().is_empty() {
                std::env::current_dir()
                    .ok()
                    .and_then(|cwd| cwd.parent().map(Path::to_path_buf))
            } else {
                dir.parent().map(Path::to_path_buf)
            };
            match parent {
                Some(p) => self.lookup(&p),
                None => Arc::new(Ok(Site::default())),
            }
        };
        self.by_dir
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_path_buf(), found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_timezone() {
        let s = Site::from_config(
            Path::new("_config.yml"),
            "title: x\ntimezone: Asia/Singapore\n",
        )
        .unwrap();
        assert_eq!(s.timezone, Some("Asia/Singapore".parse().unwrap()));
        assert!(Site::from_config(Path::new("_config.yml"), "timezone: Mars/Base\n").is_err());
    }

    #[test]
    fn reads_what_decides_a_post() {
        let s = Site::from_config(
            Path::new("_config.yml"),
            "exclude: [Rakefile, node_modules]\ninclude: [_headers]\nfuture: true\nshow_drafts: yes\npermalink: pretty\ncollections_dir: coll\nstrict_front_matter: true\n",
        )
        .unwrap();
        assert_eq!(&s.exclude[..3], ["Rakefile", "node_modules", ".sass-cache"]);
        assert_eq!(
            s.exclude.len(),
            11,
            "Jekyll's default excludes are added once"
        );
        assert_eq!(&s.include[..], ["_headers"]);
        assert!(s.future && s.show_drafts && s.strict_front_matter && !s.unpublished);
        assert_eq!(
            s.permalink.as_deref(),
            Some("/:categories/:year/:month/:day/:title/")
        );
        assert_eq!(s.collections_dir, "coll");
        let d = Site::default();
        assert_eq!(&d.include[..], [".htaccess"]);
        assert_eq!(
            d.permalink.as_deref(),
            Some("/:categories/:year/:month/:day/:title:output_ext")
        );
        // The posts collection's own permalink wins.
        let s = Site::from_config(
            Path::new("_config.yml"),
            "permalink: pretty\ncollections:\n  posts:\n    permalink: /news/:year/:title/\n",
        )
        .unwrap();
        assert_eq!(s.permalink.as_deref(), Some("/news/:year/:title/"));
        assert!(
            Site::from_config(Path::new("_config.yml"), "exclude: vendor\n").is_err(),
            "Jekyll stops on an exclude that is not a list"
        );
    }

    fn defaults_at(config: &str, rel: &str) -> Vec<(String, String, usize)> {
        let s = Site::from_config(Path::new("_config.yml"), config).unwrap();
        let p = s.placement(rel).unwrap();
        let mut v: Vec<_> = s
            .defaults_for(&p.relative_path, rel)
            .iter()
            .map(|d| (d.key.clone(), d.value.display(), d.line))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn defaults_precedence_as_jekyll() {
        // Checked with jekyll-oracle: the longer path wins, then the one with a type; a null
        // keeps what a weaker set gave; `type: drafts` applies to nothing (drafts are posts).
        let config = "defaults:\n  - scope: { path: \"\", type: post }\n    values: { layout: a, tags: t }\n  - scope: { path: _posts, type: posts }\n    values: { author: typed }\n  - scope: { path: _posts }\n    values: { author: untyped, from: f, tags: ~ }\n  - scope: { path: \"\", type: drafts }\n    values: { layout: never }\n";
        assert_eq!(
            defaults_at(config, "_posts/2021-07-20-a.md"),
            [
                ("author".into(), "typed".into(), 5),
                ("from".into(), "f".into(), 7),
                ("layout".into(), "a".into(), 3),
                ("tags".into(), "t".into(), 3),
            ]
        );
        assert_eq!(
            defaults_at(config, "_drafts/a.md"),
            [
                ("layout".into(), "a".into(), 3),
                ("tags".into(), "t".into(), 3)
            ]
        );
        let globbed = "defaults:\n  - scope: { path: \"*/news\" }\n    values: { layout: n }\n  - scope: { path: /en }\n    values: { author: never }\n  - scope: { path: e }\n    values: { author: prefix }\n";
        assert_eq!(
            defaults_at(globbed, "en/news/_posts/2021-07-20-a.md"),
            [
                ("author".into(), "prefix".into(), 7),
                ("layout".into(), "n".into(), 3)
            ]
        );
        assert_eq!(defaults_at(globbed, "fr/blog/_posts/2021-07-20-a.md"), []);
    }
}
