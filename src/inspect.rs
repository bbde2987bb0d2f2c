//! `fmlint inspect PATHS…`: how Jekyll will read each post once `_config.yml` is applied (its
//! `defaults:`, `timezone:`, `exclude:`/`include:`, `future:`, `show_drafts:`, `permalink:`):
//! the date and the day its URL carries, title, author, layout, tags, categories, URL, and
//! whether it is published and if not why. The answer to "why is my post on the wrong day?" and
//! "why is my post missing?". The reading itself is [`crate::jekyll::read`], made from the same
//! [`crate::jekyll::PostView`] the rules read.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, Utc};

use crate::config::resolve::{CliRules, Resolver};
use crate::discover;
use crate::jekyll::{self, ReadOptions, Reading};
use crate::read;
use crate::site::{Site, SiteCache};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InspectFormat {
    /// A block per post.
    Human,
    /// One JSON document: `{"version": 1, "posts": [...]}`, field names as the Jekyll oracle's.
    Json,
}

/// One inspected file.
pub struct Inspected {
    /// The path as walked or given, for people.
    pub file: String,
    pub reading: Reading,
    /// The zone dates are shown in, and where it comes from.
    pub zone: String,
}

/// Reads every post under `paths` (excluded ones too: they are reported as such). Returns the
/// posts sorted by path, and the walk's errors (a path that does not exist).
pub fn inspect(paths: &[PathBuf], now: DateTime<Utc>) -> (Vec<Inspected>, Vec<String>) {
    let sites = SiteCache::default();
    let resolver =
        Resolver::new(None, false, CliRules::default()).unwrap_or_else(|_| Resolver::defaults());
    let found: Mutex<Vec<Inspected>> = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let roots = read::Roots::default();
    let errors = discover::walk_all(paths, threads, |path| {
        let pointed = read::pointed_folder(paths, &path);
        let item = inspect_file(&path, &sites, &resolver, now, &roots, &pointed);
        found.lock().unwrap_or_else(|p| p.into_inner()).push(item);
    });
    let mut found = found.into_inner().unwrap_or_else(|p| p.into_inner());
    found.sort_by(|a, b| a.file.cmp(&b.file));
    (found, errors)
}

/// How Jekyll reads one file on disk. A post whose real path is outside its site is not read:
/// nothing of the target is shown, only where it points and what safe and plain builds do.
pub fn inspect_file(
    path: &Path,
    sites: &SiteCache,
    resolver: &Resolver,
    now: DateTime<Utc>,
    roots: &read::Roots,
    pointed: &Path,
) -> Inspected {
    let cached = sites.site_for(path);
    let site = Site::readable_or_default(&cached);
    let loaded = match roots.root_for(path, site, pointed) {
        Some(root) => read::read_post(path, &root),
        None => Err(read::Refused::Io(std::io::Error::other("no site folder"))),
    };
    if let Err(read::Refused::Outside { real, .. }) = &loaded {
        let why = jekyll::Unpublished::OutsideSite {
            real: crate::paths::display_path(real),
            is_link: std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()),
            safe_skips: read::jekyll_safe_skips(path, site.root().unwrap_or(pointed)),
        };
        let mut item = inspect_text(path, Some(""), sites, resolver, now);
        item.reading.date = None;
        item.reading.notes.retain(|n| n.starts_with(CONFIG_NOTE));
        item.reading.published = Err(why);
        return item;
    }
    let text = loaded.ok().and_then(|l| String::from_utf8(l.bytes).ok());
    inspect_text(path, text.as_deref(), sites, resolver, now)
}

const CONFIG_NOTE: &str = "the site's `_config.yml` cannot be read";

/// How Jekyll would read the post at `path` if it held `text` (an editor's unsaved buffer);
/// `None`: a file that cannot be read as UTF-8. The modification time still comes from disk.
pub fn inspect_text(
    path: &Path,
    text: Option<&str>,
    sites: &SiteCache,
    resolver: &Resolver,
    now: DateTime<Utc>,
) -> Inspected {
    let site_result = sites.site_for(path);
    let site = Site::readable_or_default(&site_result);
    // Jekyll reads dates in the site's `timezone:`; without one, in the build machine's zone,
    // which fmlint's own `timezone` setting may name (else UTC, as on GitHub Pages).
    let settings = resolver.settings_for(path, site, None).ok();
    let fmlint_tz = settings.as_ref().and_then(|s| s.timezone);
    // The reading of the loader the site's Jekyll uses (`yaml-loader`, Psych by default).
    let loader = settings
        .as_ref()
        .map_or_else(Default::default, |s| s.yaml_loader);
    let (tz, zone) = match (site.timezone, fmlint_tz) {
        (Some(t), _) => (Some(t), format!("{} (_config.yml)", t.name())),
        (None, Some(t)) => (Some(t), format!("{} (fmlint configuration)", t.name())),
        (None, None) => (
            None,
            "UTC (no `timezone:`: Jekyll uses the build machine's zone)".to_string(),
        ),
    };
    let mtime = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(DateTime::<Utc>::from);
    let opts = ReadOptions {
        tz,
        now,
        mtime,
        loader,
    };
    let mut reading = jekyll::read(path, text, site, &opts);
    if let Err(e) = site_result.as_ref() {
        reading.notes.push(format!("{CONFIG_NOTE}: {e}"));
    }
    Inspected {
        file: crate::paths::display_path(path),
        reading,
        zone,
    }
}
