//! A whole run: discover posts, lint each in parallel, render each file's report in the worker
//! that linted it, then write the reports sorted by path.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::config::Settings;
use crate::discover;
use crate::lint;
use crate::report::{self, FileReport, Format, Summary};
use crate::site::SiteCache;

pub struct Options {
    pub paths: Vec<PathBuf>,
    pub settings: Settings,
    pub format: Format,
    pub color: bool,
    pub quiet: bool,
    pub exit_zero: bool,
    pub statistics: bool,
    pub threads: usize,
}

/// What the run found; `main` maps it to an exit code.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    pub summary: Summary,
    /// Failures of the run itself (a missing path, an unreadable `_config.yml`).
    pub run_errors: Vec<String>,
}

impl Outcome {
    pub fn exit_code(&self, exit_zero: bool) -> i32 {
        if !self.run_errors.is_empty() {
            2
        } else if self.summary.errors > 0 && !exit_zero {
            1
        } else {
            0
        }
    }
}

/// Reads and lints one file. Never fails: a file that cannot be read is an FM000 diagnostic.
pub fn check_file(
    path: &Path,
    settings: &Settings,
    sites: &SiteCache,
) -> (FileReport, Option<String>) {
    let shown = discover::display_path(path);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let d = crate::diagnostic::Diagnostic::new(
                &crate::rules::structure::IO_ERROR,
                0..0,
                format!("cannot read the file: {e}"),
            )
            .label("unreadable");
            return (FileReport::new(shown, String::new(), vec![d]), None);
        }
    };
    let site = sites.site_for(path);
    let (site, site_error) = match site.as_ref() {
        Ok(s) => (s.clone(), None),
        Err(e) => (Default::default(), Some(e.clone())),
    };
    let (text, diags) = lint::lint_bytes(path, bytes, settings, &site);
    (FileReport::new(shown, text, diags), site_error)
}

pub fn run(opts: &Options, out: &mut dyn Write) -> std::io::Result<Outcome> {
    let reporter = report::reporter(opts.format, opts.color, opts.quiet);
    let sites = SiteCache::default();
    let chunks: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());
    let summary = Mutex::new(Summary::new());
    let site_errors = Mutex::new(std::collections::BTreeSet::new());
    let walk_errors = discover::walk(&opts.paths, opts.threads, |path| {
        let (report, site_error) = check_file(&path, &opts.settings, &sites);
        let mut local = Summary::new();
        local.add_file(&report.diagnostics);
        if let Some(e) = site_error {
            site_errors
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(e);
        }
        summary
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .merge(&local);
        if !report.diagnostics.is_empty() && !opts.statistics {
            let rendered = reporter.render_file(&report);
            chunks
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((report.path, rendered));
        }
    });
    let mut chunks = chunks.into_inner().unwrap_or_else(|p| p.into_inner());
    chunks.sort_by(|a, b| a.0.cmp(&b.0));
    let chunks: Vec<String> = chunks.into_iter().map(|(_, c)| c).collect();
    let summary = summary.into_inner().unwrap_or_else(|p| p.into_inner());
    if opts.statistics {
        report::write_statistics(out, &summary)?;
    } else {
        reporter.finish(out, &chunks, &summary)?;
    }
    let mut run_errors = walk_errors;
    run_errors.extend(site_errors.into_inner().unwrap_or_else(|p| p.into_inner()));
    Ok(Outcome {
        summary,
        run_errors,
    })
}
