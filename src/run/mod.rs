//! A whole run: discover posts, check (and fix) each in parallel, render each file's report in
//! the worker that produced it, then write the reports sorted by path.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::config::error::ConfigError;
use crate::config::resolve::Resolver;
use crate::discover;
use crate::lint;
use crate::mode::Mode;
use crate::paths::{display_path, parent_and_name};
use crate::read;
use crate::report::{self, FileReport, Format, Summary};
use crate::rules;
use crate::site::{Site, SiteCache};
use crate::tempfiles;

mod file;
mod leftovers;
mod writer;

pub use file::FileOutcome;
use file::site_of;
use file::{Checked, check_bytes};
use leftovers::leftover_outcomes;
use writer::Writer;

pub struct Options {
    pub paths: Vec<PathBuf>,
    /// Finds each post's configuration and settings.
    pub resolver: Resolver,
    pub format: Format,
    pub color: bool,
    pub quiet: bool,
    pub exit_zero: bool,
    pub statistics: bool,
    /// Worker threads; 0: one a processor, asked only when workers are started (the answer
    /// takes a dozen system calls, reading the cgroup's quota, that one named file needs not).
    pub threads: usize,
    pub mode: Mode,
    pub unsafe_fixes: bool,
    pub exit_non_zero_on_fix: bool,
    /// `--show-all`: the human output draws every diagnostic, however many.
    pub show_all: bool,
}

impl Options {
    pub fn new(paths: Vec<PathBuf>) -> Self {
        Options {
            paths,
            resolver: Resolver::defaults(),
            format: Format::Human,
            color: false,
            quiet: false,
            exit_zero: false,
            statistics: false,
            threads: 0,
            mode: Mode::Check,
            unsafe_fixes: false,
            exit_non_zero_on_fix: false,
            show_all: false,
        }
    }
}

/// What the run found; `main` maps it to an exit code.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    pub summary: Summary,
    /// Failures of the run itself (a missing path, an unreadable `_config.yml`).
    pub run_errors: Vec<String>,
    /// Configuration files that could not be used; their posts were not checked.
    pub config_errors: Vec<ConfigError>,
}

impl Outcome {
    pub fn exit_code(&self, opts: &Options) -> i32 {
        let s = &self.summary;
        let changed = s.files_fixed > 0
            && (opts.mode == Mode::Diff || (opts.mode == Mode::Fix && opts.exit_non_zero_on_fix));
        // `--diff` answers one question, "would --fix change anything?", like a formatter's check.
        let errors_count = opts.mode != Mode::Diff && s.errors > 0 && !opts.exit_zero;
        if !self.run_errors.is_empty() || !self.config_errors.is_empty() {
            2
        } else if changed || errors_count {
            1
        } else {
            0
        }
    }
}

pub fn run(opts: &Options, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<Outcome> {
    let reporter = report::reporter(opts.format, opts.color, opts.quiet, opts.show_all);
    let sites = SiteCache::default();
    // Only files with something to show are kept: memory follows the output, not the archive.
    let chunks: Mutex<Vec<(String, String, Option<String>)>> = Mutex::new(Vec::new());
    let summary = Mutex::new(Summary::new());
    let site_errors = Mutex::new(std::collections::BTreeSet::new());
    let config_errors: Mutex<Vec<ConfigError>> = Mutex::new(Vec::new());
    let roots = read::Roots::default();
    let folders_seen = Mutex::new(std::collections::HashSet::new());
    // `is_post`: false for a leftover temporary file, which is reported but is no post checked.
    let record = |outcome: FileOutcome, is_post: bool| {
        {
            // Counted straight into the run's summary: a summary of its own a file cost more
            // (three vectors of a counter a rule) than the few additions done under the lock.
            let mut total = summary.lock().unwrap_or_else(|p| p.into_inner());
            if is_post {
                total.add_file(&outcome.report.diagnostics);
            } else {
                total.add_leftover(&outcome.report.diagnostics);
            }
            if outcome.fixed > 0 {
                total.fixed += outcome.fixed;
                total.files_fixed += 1;
            }
        }
        if let Some(e) = outcome.site_error {
            site_errors
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(e);
        }
        let show_report = (!outcome.report.diagnostics.is_empty()
            || reporter.renders_clean_files())
            && !opts.statistics
            && opts.mode != Mode::Diff;
        if show_report || outcome.diff.is_some() {
            let rendered = if show_report {
                reporter.render_file(&outcome.report)
            } else {
                String::new()
            };
            chunks.lock().unwrap_or_else(|p| p.into_inner()).push((
                outcome.report.path,
                rendered,
                outcome.diff,
            ));
        }
    };
    let record_post = |outcome: FileOutcome| record(outcome, true);
    let walk_errors = std::thread::scope(|scope| {
        // Started only by a first fix to write: a check or a diff never starts its threads.
        let writer = Writer::new(scope, &record_post);
        discover::walk_with(&opts.paths, opts.threads, || {
            let mut memo = file::FolderMemo::default();
            let hand_over = |job| writer.submit(job);
            let mut last_dir: Option<PathBuf> = None;
            let (record, sites, roots) = (&record, &sites, &roots);
            let (folders_seen, config_errors) = (&folders_seen, &config_errors);
            move |path: PathBuf| {
                // Each folder searched for posts is searched once for the leftovers of killed
                // runs. A file named on the command line (a pre-commit hook's) does not have its
                // folder listed: that folder may hold a whole archive.
                let (dir, name) = parent_and_name(&path);
                let dir = dir.unwrap_or(Path::new(""));
                let named = opts.paths.contains(&path);
                let new_dir =
                    !named && last_dir.as_deref().map(Path::as_os_str) != Some(dir.as_os_str());
                let first = new_dir
                    && folders_seen
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .insert(dir.to_path_buf());
                if new_dir {
                    last_dir = Some(dir.to_path_buf());
                }
                if first && opts.mode != Mode::Diff {
                    let dir = if dir.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        dir
                    };
                    for o in leftover_outcomes(dir, opts, sites) {
                        record(o, false);
                    }
                }
                // Named on the command line, a temporary file is still not a post.
                if name
                    .and_then(|n| n.to_str())
                    .is_some_and(tempfiles::is_temp_name)
                {
                    return;
                }
                match file::process_file_in(&path, named, opts, sites, roots, &mut memo, &hand_over)
                {
                    Ok(Some(o)) => record(o, true),
                    Ok(None) => {}
                    Err(errors) => {
                        let mut all = config_errors.lock().unwrap_or_else(|p| p.into_inner());
                        for e in errors {
                            if !all.contains(&e) {
                                all.push(e);
                            }
                        }
                    }
                }
            }
        })
    });
    let mut chunks = chunks.into_inner().unwrap_or_else(|p| p.into_inner());
    chunks.sort_by(|a, b| a.0.cmp(&b.0));
    let mut summary = summary.into_inner().unwrap_or_else(|p| p.into_inner());
    summary.mode = opts.mode;
    let mut run_errors = walk_errors;
    run_errors.extend(site_errors.into_inner().unwrap_or_else(|p| p.into_inner()));
    let mut config_errors = config_errors
        .into_inner()
        .unwrap_or_else(|p| p.into_inner());
    config_errors.sort_by(|a, b| (&a.path, a.span.start).cmp(&(&b.path, b.span.start)));
    summary.run_failed = !run_errors.is_empty() || !config_errors.is_empty();
    if opts.mode == Mode::Diff {
        for (_, _, diff) in &chunks {
            if let Some(d) = diff {
                out.write_all(d.as_bytes())?;
            }
        }
        if !opts.quiet {
            writeln!(err, "{}", report::human::summary_line(&summary))?;
        }
    } else if opts.statistics {
        report::write_statistics(out, &summary)?;
    } else {
        let rendered: Vec<String> = chunks.into_iter().map(|(_, c, _)| c).collect();
        reporter.finish(out, &rendered, &summary)?;
    }
    Ok(Outcome {
        summary,
        run_errors,
        config_errors,
    })
}

/// `fmlint -`: one post from standard input, as editors send it. `filename` says where it
/// lives (for its site and its messages). Under `--fix` the fixed post goes to `out` and the
/// report to `err`, so that `out` can replace the editor's buffer.
pub fn run_stdin(
    opts: &Options,
    bytes: Vec<u8>,
    filename: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let path = filename.unwrap_or(Path::new("-"));
    let shown = filename.map_or("<stdin>".to_string(), display_path);
    let sites = SiteCache::default();
    let (site, site_error) = if filename.is_some() {
        site_of(&sites, path)
    } else {
        (Site::default(), None)
    };
    let settings = match opts.resolver.settings_for(path, &site, None) {
        Ok(s) => s,
        Err(config_errors) => {
            return Ok(Outcome {
                summary: Summary::new(),
                run_errors: vec![],
                config_errors,
            });
        }
    };
    let original = bytes.clone();
    let mut written: Option<String> = None;
    // The name is only where the post lives, never read; but a name that is not a regular file
    // (a FIFO, a device) is not where Jekyll could read a post from.
    let irregular = filename
        .and_then(|f| std::fs::metadata(f).ok())
        .and_then(|m| read::irregular_kind(m.file_type()));
    let outcome = match irregular {
        Some(kind) => FileOutcome {
            report: FileReport::new(
                shown,
                String::new(),
                lint::configured(
                    &settings,
                    rules::structure::fm000_io_error::refused(&read::Refused::NotRegular(kind)),
                ),
            ),
            diff: None,
            fixed: 0,
            site_error: None,
        },
        None => match check_bytes(path, shown, bytes, opts, &settings, &site) {
            Checked::Done(outcome) => outcome,
            // The editor replaces its buffer with what goes to `out`: that is the write.
            Checked::ToWrite(pending) => {
                written = Some(pending.new_text().to_string());
                pending.finish(Ok(()), &settings, &site)
            }
        },
    };
    let mut summary = Summary::new();
    summary.mode = opts.mode;
    summary.run_failed = site_error.is_some();
    summary.add_file(&outcome.report.diagnostics);
    if outcome.fixed > 0 {
        summary.fixed = outcome.fixed;
        summary.files_fixed = 1;
    }
    let reporter = report::reporter(opts.format, opts.color, opts.quiet, opts.show_all);
    let chunk = if outcome.report.diagnostics.is_empty() && !reporter.renders_clean_files() {
        vec![]
    } else {
        vec![reporter.render_file(&outcome.report)]
    };
    match opts.mode {
        Mode::Check => reporter.finish(out, &chunk, &summary)?,
        Mode::Fix => {
            match &written {
                Some(t) => out.write_all(t.as_bytes())?,
                None => out.write_all(&original)?,
            }
            reporter.finish(err, &chunk, &summary)?;
        }
        Mode::Diff => {
            if let Some(d) = &outcome.diff {
                out.write_all(d.as_bytes())?;
            }
            if !opts.quiet {
                writeln!(err, "{}", report::human::summary_line(&summary))?;
            }
        }
    }
    Ok(Outcome {
        summary,
        run_errors: site_error.into_iter().collect(),
        config_errors: vec![],
    })
}
