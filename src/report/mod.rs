//! Output formats. Each renders one file's diagnostics on its own (in parallel, while the
//! file's text is at hand) and then writes the chunks in path order with a summary.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::rules;

pub mod concise;
pub mod config_error;
pub mod diff;
pub mod github;
pub mod hint;
pub mod human;
pub mod init;
pub mod inspect;
pub mod json;
pub mod junit;
pub mod sarif;
mod wrap;

/// One file's diagnostics with the text they point into.
pub struct FileReport {
    pub path: String,
    pub text: String,
    pub lines: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn new(path: String, text: String, diagnostics: Vec<Diagnostic>) -> Self {
        let lines = LineIndex::lazy();
        FileReport {
            path,
            text,
            lines,
            diagnostics,
        }
    }

    /// 1-based (line, column) of a diagnostic's start.
    pub fn start(&self, d: &Diagnostic) -> (usize, usize) {
        self.lines.line_col(&self.text, d.span.start)
    }

    /// 1-based (line, column) of the start and end of a diagnostic.
    pub fn range(&self, d: &Diagnostic) -> ((usize, usize), (usize, usize)) {
        (
            self.lines.line_col(&self.text, d.span.start),
            self.lines.line_col(&self.text, d.span.end),
        )
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub files_checked: usize,
    pub files_with_problems: usize,
    pub errors: usize,
    pub warnings: usize,
    pub fixable: usize,
    pub unsafe_fixable: usize,
    /// Diagnostics per rule, indexed like `rules::REGISTRY`.
    pub by_rule: Vec<usize>,
    /// Of those, how many were errors (severity can be configured per path) and how many
    /// carried a fix.
    pub by_rule_errors: Vec<usize>,
    pub by_rule_fixable: Vec<usize>,
    /// Fix modes: diagnostics fixed (or that would be, under `--diff`) and files changed.
    pub fixed: usize,
    pub files_fixed: usize,
    pub mode: crate::mode::Mode,
    /// The run itself failed (a missing path, a broken configuration): no success line then.
    pub run_failed: bool,
}

impl Summary {
    pub fn new() -> Self {
        Summary {
            by_rule: vec![0; rules::REGISTRY.len()],
            by_rule_errors: vec![0; rules::REGISTRY.len()],
            by_rule_fixable: vec![0; rules::REGISTRY.len()],
            ..Default::default()
        }
    }

    /// A post checked, and what was found in it.
    pub fn add_file(&mut self, diags: &[Diagnostic]) {
        self.files_checked += 1;
        if !diags.is_empty() {
            self.files_with_problems += 1;
        }
        self.add_diagnostics(diags);
    }

    /// What was found in a file that is no post (a killed run's leftover temporary file): its
    /// problems count, the file does not, so `files_with_problems` stays within
    /// `files_checked` (JUnit's count of clean files subtracts the one from the other).
    pub fn add_leftover(&mut self, diags: &[Diagnostic]) {
        self.add_diagnostics(diags);
    }

    fn add_diagnostics(&mut self, diags: &[Diagnostic]) {
        for d in diags {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(crate::diagnostic::Applicability::Safe) => self.fixable += 1,
                Some(crate::diagnostic::Applicability::Unsafe) => self.unsafe_fixable += 1,
                None => {}
            }
            if let Some(i) = rules::index_of(d.rule) {
                self.by_rule[i] += 1;
                self.by_rule_errors[i] += usize::from(d.severity == Severity::Error);
                self.by_rule_fixable[i] += usize::from(d.fix.is_some());
            }
        }
    }

    pub fn problems(&self) -> usize {
        self.errors + self.warnings
    }
}

/// The output formats. `cli::Format` is the same list as the command line knows it, with each
/// one's help: the library carries no clap derive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
    Sarif,
    Junit,
    Concise,
}

/// An output format. `render_file` runs in the worker that checked the file, in parallel;
/// `finish` writes the chunks, already sorted by path, and whatever frames them.
pub trait Reporter: Sync {
    fn render_file(&self, file: &FileReport) -> String;
    fn finish(&self, out: &mut dyn Write, chunks: &[String], summary: &Summary) -> io::Result<()>;
    /// Whether files without diagnostics are rendered too (JUnit counts them as passing tests).
    fn renders_clean_files(&self) -> bool {
        false
    }
}

/// The reporter for a format. `show_all`: the human output never groups a large run by rule.
pub fn reporter(format: Format, color: bool, quiet: bool, show_all: bool) -> Box<dyn Reporter> {
    match format {
        Format::Human => Box::new(human::Human::new(color, quiet).show_all(show_all)),
        Format::Json => Box::new(json::Json),
        Format::Github => Box::new(github::Github),
        Format::Sarif => Box::new(sarif::Sarif),
        Format::Junit => Box::new(junit::Junit),
        Format::Concise => Box::new(concise::Concise { quiet }),
    }
}

/// Writes the non-empty chunks separated by `,` and a line break, ending the last with a line
/// break: the body of a JSON array whose items the workers rendered.
pub fn write_json_items(out: &mut dyn Write, chunks: &[String]) -> io::Result<()> {
    let mut first = true;
    for c in chunks.iter().filter(|c| !c.is_empty()) {
        if !first {
            writeln!(out, ",")?;
        }
        write!(out, "{c}")?;
        first = false;
    }
    if !first {
        writeln!(out)?;
    }
    Ok(())
}

/// The rules that fired with their counts, most first, then by code.
pub fn rule_counts(summary: &Summary) -> Vec<(usize, &'static rules::Rule)> {
    let mut rows: Vec<(usize, &'static rules::Rule)> = rules::REGISTRY
        .iter()
        .enumerate()
        .filter(|(i, _)| summary.by_rule[*i] > 0)
        .map(|(i, r)| (summary.by_rule[i], *r))
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.code.cmp(b.1.code)));
    rows
}

/// `--statistics`: one line per rule that fired, most first, then by code.
pub fn write_statistics(out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
    let rows = rule_counts(summary);
    let width = rows
        .iter()
        .map(|r| r.0.to_string().len())
        .max()
        .unwrap_or(1);
    for (n, r) in rows {
        writeln!(out, "{n:>width$}  {}", rule_label(r, summary))?;
    }
    Ok(())
}

/// `FM201  date-format (error) [fixable]`: a rule as `--statistics` and grouped output show it,
/// with the severity and fixability its diagnostics actually had in this run.
pub fn rule_label(r: &rules::Rule, summary: &Summary) -> String {
    let Some(i) = rules::index_of(r) else {
        return format!("{}  {}", r.code, r.name);
    };
    let (n, errors, fixable) = (
        summary.by_rule[i],
        summary.by_rule_errors[i],
        summary.by_rule_fixable[i],
    );
    let severity = match errors {
        0 => "warning".to_string(),
        e if e == n => "error".to_string(),
        e => format!("{e} errors, {} warnings", n - e),
    };
    let fix = match fixable {
        0 => String::new(),
        f if f == n => " [fixable]".to_string(),
        f => format!(" [{f} fixable]"),
    };
    format!("{}  {} ({severity}){fix}", r.code, r.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::registry::RuleId;

    #[test]
    fn statistics_show_the_severity_and_fixes_of_this_run() {
        let mut s = Summary::new();
        let mut as_error = Diagnostic::new(RuleId::Whitespace, 0..0, "x");
        as_error.severity = Severity::Error;
        s.add_file(&[as_error, Diagnostic::new(RuleId::Whitespace, 0..0, "y")]);
        assert_eq!(
            rule_label(RuleId::Whitespace.rule(), &s),
            "FM604  whitespace (1 errors, 1 warnings)"
        );
        let mut one = Summary::new();
        one.add_file(&[Diagnostic::new(RuleId::Whitespace, 0..0, "y")]);
        assert_eq!(
            rule_label(RuleId::Whitespace.rule(), &one),
            "FM604  whitespace (warning)"
        );
    }
}
