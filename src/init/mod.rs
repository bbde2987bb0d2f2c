//! `fmlint init [SITE]`: learn the conventions a site already keeps from its posts and write
//! them as `.fmlint.yml`, so that `fmlint` then reports only the posts that depart.
//!
//! [`observe`] notes what each post holds, [`learn`] turns the notes into a profile and tries
//! it on every post, [`render`] writes the profile with a comment per choice. This module is the
//! edge: it finds the posts (the walk `fmlint` itself uses, with the site's `exclude:`/
//! `include:`), reads them, writes the file, and prints the summary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::config::resolve::FILE_NAMES;
use crate::discover;
use crate::site::SiteCache;

pub mod hint;
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

/// Why nothing was learned.
fn refuse(err: &mut dyn Write, why: String) -> u8 {
    let _ = writeln!(err, "fmlint init: {why}; nothing was written");
    2
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
            "no posts under {}: fmlint looks for files ending in .md, .markdown or .html in \
             `_posts/` and `_drafts/` folders that the site's Jekyll reads",
            discover::display_path(site_dir)
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
                    discover::display_path(site_dir),
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
            .unwrap_or_else(|_| discover::display_path(&path));
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
                        discover::display_path(&found.file)
                    ));
                }
            }
            Ok(Some(found)) => {
                return Some(format!(
                    "{} already configures {}; a new {} would override it or be overridden: \
                     merge by hand (`--stdout` prints the learned configuration)",
                    discover::display_path(&found.file),
                    s.rel,
                    discover::display_path(&target)
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

/// Runs `fmlint init`; returns the exit code: 0 written (or printed), 2 nothing written.
pub fn main(opts: &Options, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if !opts.min_share.is_finite() || opts.min_share <= 0.0 || opts.min_share > 1.0 {
        return refuse(
            err,
            format!(
                "--min-share {} is not a share: give a number above 0 and at most 1, e.g. 0.98",
                opts.min_share
            ),
        );
    }
    if !opts.site.is_dir() {
        return refuse(
            err,
            format!(
                "{} is not a folder",
                render::printable(&discover::display_path(&opts.site))
            ),
        );
    }
    let target = opts.site.join(FILE_NAMES[0]);
    if !opts.stdout && !opts.force {
        for name in FILE_NAMES {
            let existing = opts.site.join(name);
            if existing.exists() {
                return refuse(
                    err,
                    format!(
                        "{} exists: `--force` replaces it, `--stdout` prints the learned one instead",
                        render::printable(&discover::display_path(&existing))
                    ),
                );
            }
        }
    }
    let (samples, site) = match read_posts(&opts.site) {
        Ok(x) => x,
        Err(why) => return refuse(err, render::printable(&why)),
    };
    if !opts.stdout
        && let Some(why) = configured_elsewhere(&samples, &site, &target, opts.force)
    {
        return refuse(err, render::printable(&why));
    }
    let learned = match learn::learn(&samples, &site, &opts.site, opts.min_share) {
        Ok(l) => l,
        Err(why) => {
            return refuse(
                err,
                format!("the learned configuration does not read back ({why}): a bug in fmlint"),
            );
        }
    };
    let shown = discover::display_path(&opts.site);
    let summary = crate::report::init::summary(&learned, &shown);
    if opts.stdout {
        let _ = out.write_all(learned.config.as_bytes());
        let _ = err.write_all(summary.as_bytes());
        return 0;
    }
    if let Err(e) = crate::write::write_file(&target, learned.config.as_bytes()) {
        return refuse(
            err,
            format!(
                "cannot write {}: {e}",
                render::printable(&discover::display_path(&target))
            ),
        );
    }
    let _ = out.write_all(summary.as_bytes());
    let _ = writeln!(
        out,
        "Wrote {}: `fmlint {}` checks the posts against it.",
        render::printable(&discover::display_path(&target)),
        render::printable(&shown)
    );
    0
}
