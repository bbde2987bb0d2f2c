//! `fmlint init [SITE]`: learn the conventions a site already keeps from its posts and write
//! them as `.fmlint.yml`, so that `fmlint` then reports only the posts that depart.
//!
//! [`observe`] notes what each post holds, [`learn`] turns the notes into a profile and tries
//! it on every post, [`render`] writes the profile with a comment per choice. This module finds
//! the posts (the walk `fmlint` itself uses, with the site's `exclude:`/`include:`), reads them
//! and writes the file; `report::init` says what was learned, `commands` prints it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::config::resolve::FILE_NAMES;
use crate::discover;
use crate::paths::display_path;
use crate::site::SiteCache;

pub mod learn;
pub mod observe;
pub mod render;

pub use observe::Sample;

pub struct Options {
    pub site: PathBuf,
    pub min_share: f64,
    pub force: bool,
    pub stdout: bool,
}

/// The posts under `site` and the site they belong to (one `_config.yml`), or why not.
fn read_posts(site_dir: &Path) -> Result<(Vec<Sample>, crate::site::Site), String> {
    let found: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let errors = discover::walk(&[site_dir.to_path_buf()], threads, |p| {
        found.lock().unwrap_or_else(|e| e.into_inner()).push(p);
    });
    if let Some(e) = errors.first() {
        return Err(e.clone());
    }
    let mut paths = found.into_inner().unwrap_or_else(|e| e.into_inner());
    paths.sort();
    if paths.is_empty() {
        return Err(format!(
            "no posts under {}: fmlint looks for files named `YYYY-MM-DD-slug.EXT` or ending \
             in .md, .markdown or .html in `_posts/` and `_drafts/` folders that the site's \
             Jekyll reads",
            display_path(site_dir)
        ));
    }
    let sites = SiteCache::default();
    let mut site = None;
    for p in &paths {
        let s = sites.site_for(p);
        let s = s.as_ref().as_ref().map_err(|e| {
            format!("the site's `_config.yml` cannot be read ({e}), so its posts cannot be read as Jekyll reads them")
        })?;
        match &site {
            None => site = Some(s.clone()),
            Some(first) if first.config_path != s.config_path => {
                return Err(format!(
                    "the posts under {} belong to more than one site ({} and {}): run `fmlint init` in each",
                    display_path(site_dir),
                    first.config_name(),
                    s.config_name()
                ));
            }
            Some(_) => {}
        }
    }
    let site = site.unwrap_or_default();
    // Globs are relative to the site's root, else to the folder the configuration goes in.
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let base = abs(site.root().map_or(site_dir, |r| {
        if r.as_os_str().is_empty() {
            Path::new(".")
        } else {
            r
        }
    }));
    let mut samples = Vec::with_capacity(paths.len());
    let mut unreadable = 0;
    for path in paths {
        let rel = abs(&path)
            .strip_prefix(&base)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|_| display_path(&path));
        match std::fs::read(&path) {
            Ok(bytes) => samples.push(Sample { path, rel, bytes }),
            Err(_) => unreadable += 1,
        }
    }
    if samples.is_empty() {
        return Err(format!("none of the {unreadable} posts can be read"));
    }
    let readable = samples
        .iter()
        .filter(|s| {
            std::str::from_utf8(&s.bytes)
                .is_ok_and(|t| crate::post::Post::new(&s.path, t).entries().is_some())
        })
        .count();
    if readable == 0 {
        return Err(format!(
            "none of the {} posts has a front matter Jekyll can read",
            samples.len()
        ));
    }
    Ok((samples, site))
}

/// Why writing `target` would not configure the posts as learned: a configuration file that
/// `fmlint` finds for some post (a nearer `.fmlint.yml`, a `.fmlint.yaml`, the `fmlint:` key of
/// `_config.yml`) would take precedence over it, be shadowed by it, or is `target` itself
/// without `--force`. Found the way `fmlint` finds it, post by post.
fn configured_elsewhere(
    samples: &[Sample],
    site: &crate::site::Site,
    target: &Path,
    force: bool,
) -> Option<String> {
    use crate::config::resolve::{CliRules, Resolver};
    let resolver = match Resolver::new(None, false, CliRules::default()) {
        Ok(r) => r,
        Err(e) => return Some(format!("the configuration cannot be read: {}", joined(&e))),
    };
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let target = canonical(target);
    for s in samples {
        match resolver.config_for(&s.path, site) {
            Ok(None) => {}
            Ok(Some(found)) if canonical(&found.file) == target => {
                if !force {
                    return Some(format!(
                        "{} exists: `--force` replaces it, `--stdout` prints the learned one instead",
                        display_path(&found.file)
                    ));
                }
            }
            Ok(Some(found)) => {
                return Some(format!(
                    "{} already configures {}; a new {} would override it or be overridden: \
                     merge by hand (`--stdout` prints the learned configuration)",
                    display_path(&found.file),
                    s.rel,
                    display_path(&target)
                ));
            }
            Err(e) => {
                return Some(format!(
                    "the configuration that applies to {} cannot be read: {}",
                    s.rel,
                    joined(&e)
                ));
            }
        }
    }
    None
}

fn joined(errors: &[crate::config::error::ConfigError]) -> String {
    errors
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// What `fmlint init` learned, and where it goes.
pub struct Learnt {
    pub learned: learn::Learned,
    /// The site's folder as shown to people.
    pub shown_site: String,
    /// The `.fmlint.yml` to write (unless `--stdout`).
    pub target: PathBuf,
}

/// Learns the site's conventions. `Err` says why nothing can be learned, or written where
/// asked, in text ready for the terminal.
pub fn learn_site(opts: &Options) -> Result<Learnt, String> {
    if !opts.min_share.is_finite() || opts.min_share <= 0.0 || opts.min_share > 1.0 {
        return Err(format!(
            "--min-share {} is not a share: give a number above 0 and at most 1, e.g. 0.98",
            opts.min_share
        ));
    }
    if !opts.site.is_dir() {
        return Err(format!(
            "{} is not a folder",
            render::printable(&display_path(&opts.site))
        ));
    }
    let target = opts.site.join(FILE_NAMES[0]);
    if !opts.stdout && !opts.force {
        for name in FILE_NAMES {
            let existing = opts.site.join(name);
            if existing.exists() {
                return Err(format!(
                    "{} exists: `--force` replaces it, `--stdout` prints the learned one instead",
                    render::printable(&display_path(&existing))
                ));
            }
        }
    }
    let (samples, site) = read_posts(&opts.site).map_err(|why| render::printable(&why))?;
    if !opts.stdout
        && let Some(why) = configured_elsewhere(&samples, &site, &target, opts.force)
    {
        return Err(render::printable(&why));
    }
    let learned = learn::learn(&samples, &site, &opts.site, opts.min_share).map_err(|why| {
        format!("the learned configuration does not read back ({why}): a bug in fmlint")
    })?;
    Ok(Learnt {
        learned,
        shown_site: display_path(&opts.site),
        target,
    })
}

/// Writes the learned configuration to its target, atomically.
pub fn write(l: &Learnt) -> Result<(), String> {
    crate::write::write_file(&l.target, l.learned.config.as_bytes()).map_err(|e| {
        format!(
            "cannot write {}: {e}",
            render::printable(&display_path(&l.target))
        )
    })
}
