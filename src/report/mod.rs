//! Output formats. Each renders one file's diagnostics on its own (in parallel, while the
//! file's text is at hand) and then writes the chunks in path order with a summary.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::rules::{self, Fixability};

pub mod diff;
pub mod human;
pub mod json;

/// One file's diagnostics with the text they point into.
pub struct FileReport {
    pub path: String,
    pub text: String,
    pub lines: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn new(path: String, text: String, diagnostics: Vec<Diagnostic>) -> Self {
        let lines = LineIndex::new(&text);
        FileReport {
            path,
            text,
            lines,
            diagnostics,
        }
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
    /// Fix modes: diagnostics fixed (or that would be, under `--diff`) and files changed.
    pub fixed: usize,
    pub files_fixed: usize,
    pub mode: crate::run::Mode,
}

impl Summary {
    pub fn new() -> Self {
        Summary {
            by_rule: vec![0; rules::REGISTRY.len()],
            ..Default::default()
        }
    }

    pub fn add_file(&mut self, diags: &[Diagnostic]) {
        self.files_checked += 1;
        if !diags.is_empty() {
            self.files_with_problems += 1;
        }
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
            }
        }
    }

    pub fn merge(&mut self, other: &Summary) {
        self.files_checked += other.files_checked;
        self.files_with_problems += other.files_with_problems;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.fixable += other.fixable;
        self.unsafe_fixable += other.unsafe_fixable;
        self.fixed += other.fixed;
        self.files_fixed += other.files_fixed;
        for (a, b) in self.by_rule.iter_mut().zip(&other.by_rule) {
            *a += b;
        }
    }

    pub fn problems(&self) -> usize {
        self.errors + self.warnings
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

pub trait Reporter: Sync {
    fn render_file(&self, file: &FileReport) -> String;
    fn finish(&self, out: &mut dyn Write, chunks: &[String], summary: &Summary) -> io::Result<()>;
}

pub fn reporter(format: Format, color: bool, quiet: bool) -> Box<dyn Reporter> {
    match format {
        Format::Human => Box::new(human::Human::new(color, quiet)),
        Format::Json => Box::new(json::Json),
    }
}

/// `--statistics`: one line per rule that fired, most first, then by code.
pub fn write_statistics(out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
    let mut rows: Vec<(usize, &rules::Rule)> = rules::REGISTRY
        .iter()
        .enumerate()
        .filter(|(i, _)| summary.by_rule[*i] > 0)
        .map(|(i, r)| (summary.by_rule[i], *r))
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.code.cmp(b.1.code)));
    let width = rows
        .iter()
        .map(|r| r.0.to_string().len())
        .max()
        .unwrap_or(1);
    for (n, r) in rows {
        let fix = match r.fix {
            Fixability::None => "",
            _ => " [fixable]",
        };
        writeln!(
            out,
            "{n:>width$}  {}  {} ({}){fix}",
            r.code,
            r.name,
            r.severity.as_str()
        )?;
    }
    Ok(())
}
