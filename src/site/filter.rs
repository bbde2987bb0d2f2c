//! Which files Jekyll reads as posts: a port of `Reader#read_directories`,
//! `Reader#get_entries` and `EntryFilter#filter` (Jekyll 4.3).
//!
//! Jekyll walks the site from its root. In every folder it keeps the entries that are not
//! special (`.`, `_`, `#`, `~` first), not backups (`~` last) and not excluded, unless they are
//! included; it reads the `_posts` (and, with `show_drafts`, `_drafts`) folder of every folder it
//! reaches, and descends into the folders it kept. Inside `_posts` it lists `**/*` (hidden names
//! are never listed) and filters each entry, a path relative to `_posts`, the same way. A post's
//! file name must then start with a date (`_drafts`: have an extension).

use super::Site;
use super::glob::fnmatch;

/// Why Jekyll does not read a file as a post or draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRead {
    /// Not under a `_posts` or `_drafts` folder.
    NotAPost,
    /// A folder or file name Jekyll skips: `exclude:` (and not `include:`), a special first
    /// character, a backup, a hidden name. `what` is the name, `why` a phrase.
    Excluded { what: String, why: String },
}

/// The folder a post is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Magic {
    Posts,
    Drafts,
}

/// Where a file sits in its site, as Jekyll reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The path relative to the site's source, `/`-separated: Jekyll's `relative_path` (relative
    /// to `collections_dir` when the site sets one).
    pub relative_path: String,
    pub magic: Magic,
    /// The entry below the magic folder (`2021/2021-07-20-a.md`).
    pub entry: String,
}

/// Ruby's `File.join` of two parts: one `/` between them.
fn join(a: &str, b: &str) -> String {
    match (a.ends_with('/'), b.starts_with('/')) {
        (true, true) => format!("{a}{}", &b[1..]),
        (false, false) => format!("{a}/{b}"),
        _ => format!("{a}{b}"),
    }
}

/// Whether `File.fnmatch?` reads `pattern` as plain text (no `*`, `?`, `[…]` or `\\`): then it
/// matches only the same string. Jekyll's default excludes and most sites' are such names, and
/// every walked file meets them all, so they are compared without building any string.
fn is_literal(pattern: &str) -> bool {
    !pattern.contains(['*', '?', '[', '\\'])
}

/// `glob_include?`'s test for one plain-text pattern, on the parts after [`SOURCE`]: `join`
/// puts `/SITE/` before each part, less one leading `/`, so the joined strings compare as the
/// parts do. Fnmatch of a plain pattern is equality, which the prefix test covers.
fn literal_include(pattern: &str, entry: &str, is_dir: bool) -> bool {
    let p = pattern.strip_prefix('/').unwrap_or(pattern);
    let e = entry.strip_prefix('/').unwrap_or(entry);
    e.starts_with(p) || (is_dir && p.len() == e.len() + 1 && p.starts_with(e) && p.ends_with('/'))
}

/// A stand-in for the site's absolute source folder in `glob_include?`: patterns and entries are
/// both joined to it, so any folder name without glob characters does.
const SOURCE: &str = "/SITE";

impl Site {
    /// `EntryFilter#glob_include?(patterns, entry)`.
    fn glob_include<'a>(
        patterns: impl IntoIterator<Item = &'a String>,
        entry: &str,
        is_dir: bool,
    ) -> bool {
        let mut with_source = None;
        patterns.into_iter().any(|pattern| {
            if is_literal(pattern) {
                return literal_include(pattern, entry, is_dir);
            }
            let with_source = with_source.get_or_insert_with(|| join(SOURCE, entry));
            let pattern = join(SOURCE, pattern);
            fnmatch(&pattern, with_source)
                || with_source.starts_with(&pattern)
                || (is_dir && pattern == format!("{with_source}/"))
        })
    }

    /// `EntryFilter#filter` for one entry: `entry` as listed (a name, or under `_posts` a path
    /// relative to it), `base` the folder listed, relative to the source with a leading `/`
    /// (`""` for the root). `Err` says why it is skipped.
    fn filter_entry(&self, base: &str, entry: &str, is_dir: bool) -> Result<(), String> {
        if entry.ends_with('.') {
            return Err("a name ending in `.`".into());
        }
        let basename = entry.rsplit('/').next().unwrap_or(entry);
        let included = Self::glob_include(self.include.iter(), entry, is_dir)
            || Self::glob_include(self.include.iter(), basename, is_dir);
        if !included && Self::glob_include(self.excluding(), &join(base, entry), is_dir) {
            return Err("matched by `exclude:` in _config.yml".into());
        }
        if included {
            return Ok(());
        }
        let special = |s: &str| s.starts_with(['.', '_', '#', '~']);
        if special(entry) || special(basename) {
            return Err("a name starting with `.`, `_`, `#` or `~`, which Jekyll skips".into());
        }
        if entry.ends_with('~') {
            return Err("a backup file (its name ends in `~`)".into());
        }
        Ok(())
    }

    /// Jekyll's `relative_path` of a document: its path below `collections_dir` (defaults'
    /// scopes and `inspect` both read it).
    pub fn collection_relative(&self, source_relative: &str) -> String {
        match self.collections_dir.as_str() {
            "" => source_relative.to_string(),
            c => source_relative
                .strip_prefix(&format!("{c}/"))
                .unwrap_or(source_relative)
                .to_string(),
        }
    }

    /// How Jekyll reads the file at `relative` (relative to the site's source, `/`-separated):
    /// from which `_posts`/`_drafts` folder, or why not at all. The file name's date (`_posts`
    /// needs one) and `show_drafts` are not judged here but by the reading of the post, which
    /// builds on this placement.
    pub fn placement(&self, relative: &str) -> Result<Placement, NotRead> {
        let (dirs, name) = match relative.rsplit_once('/') {
            Some((d, n)) => (d.split('/').collect::<Vec<_>>(), n),
            None => (Vec::new(), relative),
        };
        let folder = self.folder(&dirs)?;
        self.entry_in(&folder, name)
    }

    /// The part of [`Site::placement`] that depends on the file's folder only (`dirs`: its
    /// folders from the source down), so that a walk judges each folder once.
    pub fn folder(&self, dirs: &[&str]) -> Result<Folder, NotRead> {
        let Some(k) = dirs.iter().position(|c| *c == "_posts" || *c == "_drafts") else {
            return Err(NotRead::NotAPost);
        };
        // The folders above the magic one: each must be kept in its parent's listing.
        let mut base = String::new();
        for comp in &dirs[..k] {
            if let Err(why) = self.filter_entry(&base, comp, true) {
                return Err(NotRead::Excluded {
                    what: format!("{}/", &join(&base, comp)[1..]),
                    why,
                });
            }
            base = join(&base, comp);
        }
        if !self.collections_dir.is_empty()
            && !base.starts_with(&format!("/{}", self.collections_dir))
        {
            return Err(NotRead::Excluded {
                what: format!("{}/", dirs[..=k].join("/")),
                why: format!("outside `collections_dir: {}`", self.collections_dir),
            });
        }
        let magic_dir = join(&base, dirs[k]);
        Ok(Folder {
            source_dir: dirs.join("/"),
            plain: self.plain_rules(&magic_dir),
            magic_dir,
            below: dirs[k + 1..].join("/"),
            magic: if dirs[k] == "_posts" {
                Magic::Posts
            } else {
                Magic::Drafts
            },
        })
    }

    /// The entry Jekyll lists for a file of `folder`: its path below the magic folder.
    fn entry_of(folder: &Folder, name: &str) -> String {
        if folder.below.is_empty() {
            name.to_string()
        } else {
            format!("{}/{name}", folder.below)
        }
    }

    /// Why Jekyll skips `entry` (see [`Site::entry_of`]) of `folder`, if it does.
    fn skips_entry(&self, folder: &Folder, entry: &str) -> Result<(), String> {
        // `Dir["**/*"]` lists no hidden name.
        if entry.split('/').any(|c| c.starts_with('.')) {
            return Err("a hidden name, which Jekyll never lists".into());
        }
        self.filter_entry(&folder.magic_dir, entry, false)
    }

    /// Whether Jekyll reads the file `name` of `folder`: [`Site::entry_in`] without building
    /// the placement, for the walk, which asks it of every file.
    pub fn reads(&self, folder: &Folder, name: &str) -> bool {
        let Some(rules) = &folder.plain else {
            return self
                .skips_entry(folder, &Self::entry_of(folder, name))
                .is_ok();
        };
        // `skips_entry` and `filter_entry`, in their order, with the patterns worked out.
        let entry = if folder.below.is_empty() {
            std::borrow::Cow::Borrowed(name)
        } else {
            std::borrow::Cow::Owned(Self::entry_of(folder, name))
        };
        // A post's entry is nearly always its name alone: one search for a `/` tells, and
        // spares the walk splitting every name into components (470 instructions a post).
        let slash = memchr::memrchr(b'/', entry.as_bytes());
        let dotted = match slash {
            None => entry.starts_with('.'),
            Some(_) => entry.split('/').any(|c| c.starts_with('.')),
        };
        if dotted || entry.ends_with('.') {
            return false;
        }
        let basename = slash.map_or(&*entry, |i| &entry[i + 1..]);
        let starts = |list: &[String], s: &str| list.iter().any(|p| s.starts_with(p.as_str()));
        if starts(&rules.included, &entry) || starts(&rules.included, basename) {
            return true;
        }
        if rules.all_excluded || starts(&rules.excluded, &entry) {
            return false;
        }
        let special = |s: &str| s.starts_with(['.', '_', '#', '~']);
        !(special(&entry) || special(basename) || entry.ends_with('~'))
    }

    /// `filter_entry`'s patterns for the files of the folder whose magic folder is
    /// `magic_dir`, worked out once, when they are all plain text (Jekyll's defaults and most
    /// sites' are): then [`literal_include`] is a test of the start of a string that is the
    /// magic folder's path and the entry, and the folder's part of it is the same for all files.
    fn plain_rules(&self, magic_dir: &str) -> Option<PlainRules> {
        if !self
            .exclude
            .iter()
            .chain(self.include.iter())
            .all(|p| is_literal(p))
        {
            return None;
        }
        let folder = format!("{}/", magic_dir.strip_prefix('/').unwrap_or(magic_dir));
        let mut rules = PlainRules {
            all_excluded: false,
            excluded: Vec::new(),
            included: self
                .include
                .iter()
                .map(|p| p.strip_prefix('/').unwrap_or(p).to_string())
                .collect(),
        };
        for p in self.excluding() {
            let p = p.strip_prefix('/').unwrap_or(p);
            if p.len() <= folder.len() {
                rules.all_excluded |= folder.starts_with(p);
            } else if let Some(rest) = p.strip_prefix(folder.as_str()) {
                rules.excluded.push(rest.to_string());
            }
        }
        Some(rules)
    }

    /// The part of [`Site::placement`] for one file of a folder Jekyll reads posts from.
    pub fn entry_in(&self, folder: &Folder, name: &str) -> Result<Placement, NotRead> {
        let entry = Self::entry_of(folder, name);
        let relative = if folder.source_dir.is_empty() {
            name.to_string()
        } else {
            format!("{}/{name}", folder.source_dir)
        };
        if let Err(why) = self.skips_entry(folder, &entry) {
            return Err(NotRead::Excluded {
                what: relative,
                why,
            });
        }
        let relative_path = self.collection_relative(&relative);
        Ok(Placement {
            relative_path,
            magic: folder.magic,
            entry,
        })
    }
}

/// A folder at or below a `_posts`/`_drafts` folder that Jekyll reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    /// The folder, relative to the source.
    pub source_dir: String,
    /// The magic folder as `EntryFilter` names it (`/news/_posts`).
    magic_dir: String,
    /// The folders between the magic one and the file (`2021`).
    below: String,
    pub magic: Magic,
    /// `exclude:` and `include:` for this folder's files, when they are plain text.
    plain: Option<PlainRules>,
}

/// What `filter_entry` asks of a file's entry (its path below the magic folder), for one folder.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PlainRules {
    /// An `exclude:` pattern covers the whole folder.
    all_excluded: bool,
    /// An entry that starts with one of these is excluded (unless included).
    excluded: Vec<String>,
    /// An entry or base name that starts with one of these is included.
    included: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn site(config: &str) -> Site {
        Site::from_config(Path::new("_config.yml"), config).unwrap()
    }

    fn read(site: &Site, rel: &str) -> bool {
        site.placement(rel).is_ok()
    }

    #[test]
    fn reads_what_jekyll_reads() {
        // Checked with jekyll-oracle: the same tree, the same configuration.
        let s = site(
            "exclude: [news, \"_posts/2021-07-2*\", \"*/x\", \"q/_posts/*-b.md\"]\ninclude: [_arch, \"2021-07-22-inc.md\"]\n",
        );
        for (rel, want) in [
            ("_posts/sub/_x/2021-07-20-a.md", true),
            ("_posts/_y/2021-07-20-a.md", false),
            ("_posts/.h/2021-07-20-a.md", false),
            ("_posts/sub/2021-07-20-subok.md", true),
            ("_posts/2021-07-21-ex.md", false),
            ("_posts/2021-07-22-inc.md", true),
            ("_posts/2021-07-19-ok.md", true),
            ("_posts/_2021-07-19-u.md", false),
            ("newsletter/_posts/2021-07-19-nl.md", false),
            ("news/_posts/2021-07-19-n.md", false),
            ("_arch/_posts/2021-07-19-arch.md", true),
            ("old/x/_posts/2021-07-19-ox.md", false),
            ("vendor/bundle/_posts/2021-07-19-v.md", false),
            ("node_modules/_posts/2021-07-19-nm.md", false),
            ("q/_posts/2021-07-19-a.md", true),
            ("q/_posts/2021-07-19-b.md", false),
            ("keep/_posts/2021-07-19-k.md~", false),
            ("about.md", false),
        ] {
            assert_eq!(read(&s, rel), want, "{rel}");
        }
    }

    /// `glob_include?` as Jekyll writes it, every pattern through `fnmatch`: what the plain-text
    /// shortcut must agree with.
    fn glob_include_by_fnmatch(pattern: &str, entry: &str, is_dir: bool) -> bool {
        let with_source = join(SOURCE, entry);
        let pattern = join(SOURCE, pattern);
        fnmatch(&pattern, &with_source)
            || with_source.starts_with(&pattern)
            || (is_dir && pattern == format!("{with_source}/"))
    }

    proptest::proptest! {
        #[test]
        fn plain_patterns_match_as_fnmatch_does(
            pattern in "[/._ab]{0,6}",
            entry in "[/._ab]{0,6}",
            is_dir: bool,
        ) {
            proptest::prop_assert!(is_literal(&pattern));
            proptest::prop_assert_eq!(
                literal_include(&pattern, &entry, is_dir),
                glob_include_by_fnmatch(&pattern, &entry, is_dir)
            );
        }
    }

    proptest::proptest! {
        /// Reading a folder's files through its worked-out patterns agrees with
        /// `filter_entry`, pattern by pattern, on plain-text patterns made of the characters
        /// that matter (separators, the special first characters, the magic names).
        #[test]
        fn worked_out_patterns_read_as_filter_entry_does(
            exclude in proptest::collection::vec("/?(_posts|[._a]{0,3})(/[._a~]{0,3}){0,2}/?", 0..4),
            include in proptest::collection::vec("/?(_posts|[._a]{0,3})(/[._a~]{0,3}){0,2}/?", 0..3),
            dirs in "(a/|_a/|\\.a/){0,2}_posts(/a|/_a|/\\.a){0,2}",
            name in "[._a~#]{1,4}",
        ) {
            let s = Site {
                exclude: exclude.into(),
                include: include.into(),
                ..Site::default()
            };
            let dirs: Vec<&str> = dirs.split('/').collect();
            if let Ok(folder) = s.folder(&dirs) {
                proptest::prop_assert!(folder.plain.is_some());
                let general = s.skips_entry(&folder, &Site::entry_of(&folder, &name)).is_ok();
                proptest::prop_assert_eq!(s.reads(&folder, &name), general);
            }
        }
    }

    #[test]
    fn reads_agrees_with_placement() {
        let s = site("exclude: [\"_posts/2021-07-2*\", \"q/_posts/*-b.md\", Rakefile]\n");
        for rel in [
            "_posts/2021-07-21-ex.md",
            "_posts/2021-07-19-ok.md",
            "_posts/_2021-07-19-u.md",
            "_posts/sub/.h/2021-07-19-u.md",
            "q/_posts/2021-07-19-a.md",
            "q/_posts/2021-07-19-b.md",
            "q/_posts/x.md~",
        ] {
            let (dirs, name) = rel.rsplit_once('/').unwrap();
            let dirs: Vec<&str> = dirs.split('/').collect();
            let folder = s.folder(&dirs).unwrap();
            assert_eq!(s.reads(&folder, name), s.placement(rel).is_ok(), "{rel}");
        }
    }

    #[test]
    fn default_site_skips_special_folders() {
        let s = Site::default();
        assert!(read(&s, "_posts/2021-07-20-a.md"));
        assert!(read(&s, "en/news/_posts/2021-07-20-a.md"));
        assert!(read(&s, "_drafts/a.md"));
        assert!(!read(&s, "_archive/_posts/2021-07-20-a.md"));
        assert!(!read(&s, ".git/_posts/2021-07-20-a.md"));
        assert!(!read(&s, "node_modules/x/_posts/2021-07-20-a.md"));
        let p = s.placement("en/_posts/2021/2021-07-20-a.md").unwrap();
        assert_eq!(p.entry, "2021/2021-07-20-a.md");
        assert_eq!(p.magic, Magic::Posts);
    }
}
