//! The temporary files killed fmlint runs left behind, reported as FM993 (and removed under
//! `--fix`).

use std::path::Path;

use super::Options;
use super::file::{FileOutcome, site_of};
use crate::diagnostic::Diagnostic;
use crate::lint;
use crate::mode::Mode;
use crate::paths::display_path;
use crate::report::FileReport;
use crate::rules;
use crate::site::SiteCache;
use crate::tempfiles;

/// The leftovers of killed fmlint runs in `dir`, as reports: under `--fix` each is removed
/// (and counted as fixed) unless that fails.
pub(super) fn leftover_outcomes(dir: &Path, opts: &Options, sites: &SiteCache) -> Vec<FileOutcome> {
    let mut out = Vec::new();
    for path in tempfiles::leftovers_in(dir) {
        let (site, _) = site_of(sites, &path);
        let Ok(settings) = opts.resolver.settings_for(&path, &site, None) else {
            continue;
        };
        if !settings
            .selection
            .contains(rules::RuleId::TempFileLeftover.rule())
        {
            continue;
        }
        let removed = match opts.mode {
            Mode::Fix => Some(std::fs::remove_file(&path)),
            _ => None,
        };
        let message = match &removed {
            Some(Ok(())) => {
                out.push(FileOutcome {
                    report: FileReport::new(display_path(&path), String::new(), vec![]),
                    diff: None,
                    fixed: 1,
                    site_error: None,
                });
                continue;
            }
            Some(Err(e)) => format!(
                "a temporary file left by an fmlint run that was killed; it could not be removed: {e}"
            ),
            None => "a temporary file left by an fmlint run that was killed (a partial copy of a post); `--fix` removes it".to_string(),
        };
        let mut d = Diagnostic::new(rules::RuleId::TempFileLeftover, 0..0, message)
            .label("left by a killed run");
        if removed.is_none() {
            d.fix = Some(crate::diagnostic::Fix {
                applicability: crate::diagnostic::Applicability::Safe,
                message: "remove the file".to_string(),
                edits: vec![],
                changes: vec![],
            });
        }
        out.push(FileOutcome {
            report: FileReport::new(
                display_path(&path),
                String::new(),
                lint::configured(&settings, d),
            ),
            diff: None,
            fixed: 0,
            site_error: None,
        });
    }
    out
}
