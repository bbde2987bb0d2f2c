//! One file, read, checked, fixed and written: what a worker does with a path.

use std::path::Path;

use super::Options;
use crate::config::Settings;
use crate::config::error::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::fix;
use crate::lint;
use crate::mode::Mode;
use crate::paths::display_path;
use crate::read;
use crate::report::{self, FileReport};
use crate::rules;
use crate::site::{Site, SiteCache};
use crate::write;

/// One file's result: the report to render, the diff to print, and what was fixed.
pub struct FileOutcome {
    pub report: FileReport,
    pub diff: Option<String>,
    pub fixed: usize,
    pub site_error: Option<String>,
}

pub(super) fn site_of(sites: &SiteCache, path: &Path) -> (Site, Option<String>) {
    match sites.site_for(path).as_ref() {
        Ok(s) => (s.clone(), None),
        Err(e) => (Site::default(), Some(e.clone())),
    }
}

/// Checks, and in fix modes fixes, one file held in memory. `write` is called with the new
/// text when the file should be rewritten; its error becomes an FM992 diagnostic.
pub fn process_bytes(
    path: &Path,
    shown: String,
    bytes: Vec<u8>,
    opts: &Options,
    settings: &Settings,
    site: &Site,
    write: impl FnOnce(&[u8], &str) -> Result<(), write::WriteError>,
) -> FileOutcome {
    let text = match lint::decode(bytes) {
        Ok(t) => t,
        Err(bad) => {
            let (text, d) = *bad;
            let diags = lint::configured(settings, d);
            return FileOutcome {
                report: FileReport::new(shown, text, diags),
                diff: None,
                fixed: 0,
                site_error: None,
            };
        }
    };
    if opts.mode == Mode::Check {
        let diags = lint::lint_text(path, &text, settings, site);
        return FileOutcome {
            report: FileReport::new(shown, text, diags),
            diff: None,
            fixed: 0,
            site_error: None,
        };
    }
    let fixed = fix::fix_text(path, &text, settings, site, opts.unsafe_fixes);
    if fixed.text == text {
        return FileOutcome {
            report: FileReport::new(shown, text, fixed.remaining),
            diff: None,
            fixed: 0,
            site_error: None,
        };
    }
    if opts.mode == Mode::Diff {
        let diff = report::diff::unified(&shown, &text, &fixed.text, opts.color);
        // The report is of the original: nothing was written.
        let diags = lint::lint_text(path, &text, settings, site);
        return FileOutcome {
            report: FileReport::new(shown, text, diags),
            diff: Some(diff),
            fixed: fixed.applied,
            site_error: None,
        };
    }
    match write(text.as_bytes(), &fixed.text) {
        Ok(()) => FileOutcome {
            report: FileReport::new(shown, fixed.text, fixed.remaining),
            diff: None,
            fixed: fixed.applied,
            site_error: None,
        },
        Err(e) => {
            let mut diags = lint::lint_text(path, &text, settings, site);
            diags.insert(
                0,
                Diagnostic::new(
                    rules::RuleId::WriteFailed,
                    0..0,
                    format!("the fixed post was not written: {e}"),
                ),
            );
            FileOutcome {
                report: FileReport::new(shown, text, diags),
                diff: None,
                fixed: 0,
                site_error: None,
            }
        }
    }
}

/// Reads and processes one file. Never fails: a file that cannot be read, is not a regular
/// file, or leads out of its site through a link is FM000. A post whose configuration is
/// broken is not checked; the error goes to `config_errors`.
pub fn process_file(
    path: &Path,
    opts: &Options,
    sites: &SiteCache,
    roots: &read::Roots,
) -> Result<FileOutcome, Vec<ConfigError>> {
    let shown = display_path(path);
    // Borrowed from the cache: a clone per file cost three allocations.
    let cached = sites.site_for(path);
    let fallback;
    let (site, site_error) = match cached.as_ref() {
        Ok(s) => (s, None),
        Err(e) => {
            fallback = Site::default();
            (&fallback, Some(e.clone()))
        }
    };
    let settings = opts.resolver.settings_for(path, site, None)?;
    let pointed = read::pointed_folder(&opts.paths, path);
    let loaded = match roots.root_for(path, site, &pointed) {
        Some(root) => read::read_post(path, &root),
        None => Err(read::Refused::Io(std::io::Error::other(
            "cannot resolve the folder it must be in",
        ))),
    };
    let loaded = match loaded {
        Ok(l) => l,
        Err(refused) => {
            let d = rules::structure::fm000_io_error::refused(&refused);
            let diags = lint::configured(&settings, d);
            return Ok(FileOutcome {
                report: FileReport::new(shown, String::new(), diags),
                diff: None,
                fixed: 0,
                site_error,
            });
        }
    };
    let real = loaded.real;
    let mut out = process_bytes(
        path,
        shown,
        loaded.bytes,
        opts,
        &settings,
        site,
        |old, new| write::write_atomic(&real, old, new.as_bytes()),
    );
    out.site_error = site_error;
    Ok(out)
}
