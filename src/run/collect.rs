//! What a run gathers from its workers as they finish each file: the counts, the reports
//! worth showing (rendered where they were made, so memory follows the output, not the
//! archive), and the sites and configurations that could not be read. Each has a lock of its
//! own, held only for the few operations a file adds.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use super::file::FileOutcome;
use crate::config::error::ConfigError;
use crate::mode::Mode;
use crate::report::{Reporter, Summary};

/// One file's part of the output: its rendered report (empty when only its diff is shown).
pub(super) struct Chunk {
    pub path: String,
    pub rendered: String,
    pub diff: Option<String>,
}

pub(super) struct Collector<'r> {
    reporter: &'r dyn Reporter,
    /// Whether reports are rendered at all: `--statistics` and `--diff` show something else.
    render: bool,
    summary: Mutex<Summary>,
    chunks: Mutex<Vec<Chunk>>,
    site_errors: Mutex<BTreeSet<String>>,
    config_errors: Mutex<Vec<ConfigError>>,
}

/// Everything collected, in the run's order: chunks sorted by path, configuration errors by
/// place, site errors once each.
pub(super) struct Collected {
    pub summary: Summary,
    pub chunks: Vec<Chunk>,
    pub site_errors: BTreeSet<String>,
    pub config_errors: Vec<ConfigError>,
}

/// A poisoned lock still holds what was collected: a panic elsewhere loses no report.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn into_inner<T>(m: Mutex<T>) -> T {
    m.into_inner().unwrap_or_else(|p| p.into_inner())
}

impl<'r> Collector<'r> {
    pub fn new(reporter: &'r dyn Reporter, statistics: bool, mode: Mode) -> Self {
        Collector {
            reporter,
            render: !statistics && mode != Mode::Diff,
            summary: Mutex::new(Summary::new()),
            chunks: Mutex::default(),
            site_errors: Mutex::default(),
            config_errors: Mutex::default(),
        }
    }

    /// A post checked (and perhaps fixed).
    pub fn post(&self, outcome: FileOutcome) {
        self.record(outcome, true);
    }

    /// A temporary file a killed run left: its problems count, but it is no post checked.
    pub fn leftover(&self, outcome: FileOutcome) {
        self.record(outcome, false);
    }

    fn record(&self, outcome: FileOutcome, is_post: bool) {
        {
            // Counted straight into the run's summary: a summary of its own a file cost more
            // (three vectors of a counter a rule) than the few additions done under the lock.
            let mut total = lock(&self.summary);
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
            lock(&self.site_errors).insert(e);
        }
        let show_report = self.render
            && (!outcome.report.diagnostics.is_empty() || self.reporter.renders_clean_files());
        if show_report || outcome.diff.is_some() {
            let rendered = if show_report {
                self.reporter.render_file(&outcome.report)
            } else {
                String::new()
            };
            lock(&self.chunks).push(Chunk {
                path: outcome.report.path,
                rendered,
                diff: outcome.diff,
            });
        }
    }

    /// Configuration files that kept a post from being checked; each is reported once, however
    /// many posts it governs.
    pub fn config_failed(&self, errors: Vec<ConfigError>) {
        let mut all = lock(&self.config_errors);
        for e in errors {
            if !all.contains(&e) {
                all.push(e);
            }
        }
    }

    pub fn finish(self, mode: Mode) -> Collected {
        let mut chunks: Vec<Chunk> = into_inner(self.chunks);
        chunks.sort_by(|a, b| a.path.cmp(&b.path));
        let mut summary: Summary = into_inner(self.summary);
        summary.mode = mode;
        let mut config_errors: Vec<ConfigError> = into_inner(self.config_errors);
        config_errors.sort_by(|a, b| (&a.path, a.span.start).cmp(&(&b.path, b.span.start)));
        Collected {
            summary,
            chunks,
            site_errors: into_inner(self.site_errors),
            config_errors,
        }
    }
}

/// The folders a run has entered, to look in each once for the leftovers of killed runs. A
/// walker thread meets a folder's files one after another, so only a change of folder asks
/// the run's shared set.
pub(super) struct FirstVisits<'s> {
    seen: &'s Mutex<HashSet<PathBuf>>,
    last: Option<PathBuf>,
}

impl<'s> FirstVisits<'s> {
    pub fn new(seen: &'s Mutex<HashSet<PathBuf>>) -> Self {
        FirstVisits { seen, last: None }
    }

    /// Whether `dir` is entered here for the first time in the run.
    pub fn first(&mut self, dir: &Path) -> bool {
        if self.last.as_deref().map(Path::as_os_str) == Some(dir.as_os_str()) {
            return false;
        }
        self.last = Some(dir.to_path_buf());
        lock(self.seen).insert(dir.to_path_buf())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_first_visited_once_across_walkers() {
        let seen = Mutex::default();
        let (mut a, mut b) = (FirstVisits::new(&seen), FirstVisits::new(&seen));
        assert!(a.first(Path::new("x")));
        assert!(!a.first(Path::new("x")));
        assert!(!b.first(Path::new("x")));
        assert!(b.first(Path::new("y")));
        assert!(!a.first(Path::new("y")));
        assert!(!a.first(Path::new("x")));
    }
}
