//! A whole run: discover posts, check (and fix) each in parallel, render each file's report in
//! the worker that produced it, then write the reports sorted by path.

use std::collections::HashSet;
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

mod collect;
mod file;
mod leftovers;
mod writer;

use collect::{Collected, Collector, FirstVisits};
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
    let roots = read::Roots::default();
    let collector = Collector::new(reporter.as_ref(), opts.statistics, opts.mode);
    let folders_seen = Mutex::new(HashSet::new());
    let record_post = |outcome: FileOutcome| collector.post(outcome);
    let walk_errors = std::thread::scope(|scope| {
        // Started only by a first fix to write: a check or a diff never starts its threads.
        let writer = Writer::new(scope, &record_post);
        discover::walk_with(&opts.paths, opts.threads, || {
            let mut memo = file::FolderMemo::default();
            let mut visits = FirstVisits::new(&folders_seen);
            let hand_over = |job| writer.submit(job);
            let (collector, sites, roots) = (&collector, &sites, &roots);
            move |path: PathBuf| {
                // Each folder searched for posts is searched once for the leftovers of killed
                // runs. A file named on the command line (a pre-commit hook's) does not have its
                // folder listed: that folder may hold a whole archive.
                let (dir, name) = parent_and_name(&path);
                let dir = dir.unwrap_or(Path::new(""));
                let named = opts.paths.contains(&path);
                if !named && visits.first(dir) && opts.mode != Mode::Diff {
                    let dir = if dir.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        dir
                    };
                    for o in leftover_outcomes(dir, opts, sites) {
                        collector.leftover(o);
                    }
                }
                // Named on the command line, a temporary file is still not a post.
                if name
                    .map(crate::paths::lossy)
                    .is_some_and(|n| tempfiles::is_temp_name(&n))
                {
                    return;
                }
                match file::process_file_in(&path, named, opts, sites, roots, &mut memo, &hand_over)
                {
                    Ok(Some(o)) => collector.post(o),
                    Ok(None) => {}
                    Err(errors) => collector.config_failed(errors),
                }
            }
        })
    });
    let Collected {
        mut summary,
        chunks,
        site_errors,
        config_errors,
    } = collector.finish(opts.mode);
    let mut run_errors = walk_errors;
    run_errors.extend(site_errors);
    summary.run_failed = !run_errors.is_empty() || !config_errors.is_empty();
    if opts.mode == Mode::Diff {
        for diff in chunks.iter().filter_map(|c| c.diff.as_ref()) {
            out.write_all(diff.as_bytes())?;
        }
        if !opts.quiet {
            writeln!(err, "{}", report::human::summary_line(&summary))?;
        }
    } else if opts.statistics {
        report::write_statistics(out, &summary)?;
    } else {
        let rendered: Vec<String> = chunks.into_iter().map(|c| c.rendered).collect();
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
    let reporter = report::reporter(opts.format, opts.color, opts.quiet, opts.show_all);
    let collector = Collector::new(reporter.as_ref(), false, opts.mode);
    collector.post(outcome);
    let Collected {
        mut summary,
        mut chunks,
        ..
    } = collector.finish(opts.mode);
    summary.run_failed = site_error.is_some();
    let diff = chunks.first_mut().and_then(|c| c.diff.take());
    let chunk: Vec<String> = chunks.into_iter().map(|c| c.rendered).collect();
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
            if let Some(d) = &diff {
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
