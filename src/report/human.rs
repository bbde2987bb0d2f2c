//! The default output: miette's graphical reports, one source buffer shared by a file's
//! diagnostics, then a summary line.
//!
//! A large run stays readable: past [`GROUP_ABOVE`] diagnostics (and without `--show-all`) the
//! output is the count per rule with its first [`EXAMPLES`] places, not thousands of drawings.
//! Which view a run gets is known only at the end, so each file is drawn only while the running
//! total is within the bound: a run that ends within it had every file drawn, and a run past it
//! needs no drawing at all. The output is the same whatever order the workers took.

use std::fmt;
use std::io::{self, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::{FileReport, Reporter, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::visible::{Shown, visible, visible_line};

/// Past this many diagnostics a run is shown grouped by rule (unless `--show-all`).
pub const GROUP_ABOVE: usize = 200;
/// Places shown under each rule in the grouped view.
pub const EXAMPLES: usize = 3;

/// A place shown in the grouped view: path, line, column, message.
type Example = (String, usize, usize, String);

pub struct Human {
    handler: GraphicalReportHandler,
    /// The same handler without wrapping, for reports whose lines all fit (see `wrap`).
    unwrapped: GraphicalReportHandler,
    quiet: bool,
    color: bool,
    show_all: bool,
    /// Diagnostics rendered or skipped so far, over all workers.
    seen: AtomicUsize,
    /// Per rule (indexed like the registry), the first places in path order.
    examples: Mutex<Vec<Vec<Example>>>,
}

impl Human {
    pub fn new(color: bool, quiet: bool) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(super::wrap::WIDTH)
            .with_links(false)
            .with_context_lines(1);
        Human {
            unwrapped: handler.clone().with_wrap_lines(false),
            handler,
            quiet,
            color,
            show_all: false,
            seen: AtomicUsize::new(0),
            examples: Mutex::new(vec![Vec::new(); crate::rules::REGISTRY.len()]),
        }
    }

    /// `--show-all`: draw every diagnostic however many there are.
    pub fn show_all(mut self, yes: bool) -> Self {
        self.show_all = yes;
        self
    }

    /// Keeps each rule's first places (by path, line, column) among this file's diagnostics.
    fn keep_examples(&self, file: &FileReport) {
        let mut examples = self.examples.lock().unwrap_or_else(|p| p.into_inner());
        for d in &file.diagnostics {
            let Some(i) = crate::rules::index_of(d.rule) else {
                continue;
            };
            let (line, col) = file.start(d);
            let kept = &mut examples[i];
            let at = kept.partition_point(|(p, l, c, _)| {
                (p.as_str(), *l, *c) <= (file.path.as_str(), line, col)
            });
            if at < EXAMPLES {
                kept.insert(at, (file.path.clone(), line, col, d.message.clone()));
                kept.truncate(EXAMPLES);
            }
        }
    }

    fn write_grouped(&self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        writeln!(
            out,
            "{} problems, more than {GROUP_ABOVE}: the count per rule, with its first places.\n\
             `--show-all` draws every problem; `--format concise` lists them one a line.\n",
            summary.problems()
        )?;
        let examples = self.examples.lock().unwrap_or_else(|p| p.into_inner());
        let rows = super::rule_counts(summary);
        let width = rows.first().map_or(1, |r| r.0.to_string().len());
        for (n, rule) in rows {
            writeln!(out, "{n:>width$}  {}", super::rule_label(rule, summary))?;
            let kept = crate::rules::index_of(rule).map_or(&[][..], |i| &examples[i][..]);
            for (path, line, col, message) in kept {
                let (path, message) = (visible_line(path), visible_line(message));
                writeln!(out, "{:width$}    {path}:{line}:{col} {message}", "")?;
            }
            if n > kept.len() {
                writeln!(out, "{:width$}    … and {} more", "", n - kept.len())?;
            }
        }
        writeln!(out)
    }
}

/// A file's text under its path, borrowed: one buffer serves all of the file's reports. miette
/// draws `shown` (the text with its control characters escaped and long lines cut, when it has
/// any) and is given spans into it; columns are still counted in the file as read.
pub(crate) struct Src<'a> {
    pub(crate) name: &'a str,
    pub(crate) text: &'a str,
    pub(crate) shown: Option<&'a Shown>,
}

impl Src<'_> {
    pub(crate) fn drawn(&self) -> &str {
        self.shown.map_or(self.text, |s| &s.text)
    }

    /// A span of the file as a span of the drawn text.
    pub(crate) fn span(&self, span: &std::ops::Range<usize>) -> std::ops::Range<usize> {
        match self.shown {
            Some(s) => s.start(span.start)..s.end(span.end).max(s.start(span.start)),
            None => span.clone(),
        }
    }
}

impl SourceCode for Src<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self
            .drawn()
            .read_span(span, context_lines_before, context_lines_after)?;
        // miette counts columns in bytes; fmlint counts characters everywhere (a CJK title
        // would otherwise put `path:line:col` three times too far right).
        let at = inner.span().offset().min(self.drawn().len());
        let at = self.shown.map_or(at, |s| s.orig(at)).min(self.text.len());
        let line_start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let skip_bom = if line_start == 0 && self.text.starts_with('\u{feff}') {
            3.min(at)
        } else {
            0
        };
        let column = self
            .text
            .get(line_start + skip_bom..at)
            .map_or(inner.column(), |s| s.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// A borrowed view that lets miette render one of our diagnostics against a shared source.
struct View<'a> {
    diag: &'a Diagnostic,
    source: &'a Src<'a>,
    location: String,
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&visible(&self.diag.message))
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&visible(&self.diag.message))
    }
}

impl std::error::Error for View<'_> {}

impl miette::Diagnostic for View<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{} {} {}",
            self.location, self.diag.rule.code, self.diag.rule.name
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let fix = self.diag.fix.as_ref().map(|f| match f.applicability {
            crate::diagnostic::Applicability::Safe => format!("fix: {}", f.message),
            crate::diagnostic::Applicability::Unsafe => format!("unsafe fix: {}", f.message),
        });
        let text = match (&self.diag.help, fix) {
            (None, None) => return None,
            (Some(h), None) => h.clone(),
            (None, Some(f)) => f,
            (Some(h), Some(f)) => format!("{h}\n{f}"),
        };
        Some(Box::new(visible(&text).into_owned()))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diag;
        let primary = LabeledSpan::new_primary_with_span(
            (!d.label.is_empty()).then(|| visible(&d.label).into_owned()),
            self.source.span(&d.span),
        );
        let related = d.related.iter().map(|r| {
            LabeledSpan::new_with_span(
                Some(visible(&r.label).into_owned()),
                self.source.span(&r.span),
            )
        });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

/// The part of `text` the drawings of `diagnostics` can show: up to four lines past the end of
/// the last span (miette shows one line of context after a span).
fn drawable<'a>(text: &'a str, diagnostics: &[Diagnostic]) -> &'a str {
    let reach = diagnostics
        .iter()
        .flat_map(|d| std::iter::once(d.span.end).chain(d.related.iter().map(|r| r.span.end)))
        .max()
        .unwrap_or(0)
        .min(text.len());
    let end = memchr::memchr_iter(b'\n', &text.as_bytes()[reach..])
        .nth(3)
        .map_or(text.len(), |i| reach + i + 1);
    &text[..end]
}

impl Reporter for Human {
    fn render_file(&self, file: &FileReport) -> String {
        if !self.show_all {
            self.keep_examples(file);
            let n = file.diagnostics.len();
            if self.seen.fetch_add(n, Ordering::Relaxed) + n > GROUP_ABOVE {
                // The run is past the bound: it will be shown grouped, without drawings.
                return String::new();
            }
        }
        let path = visible_line(&file.path);
        // miette draws the lines of the spans and one line of context around them: the text
        // past a few lines after the last span is never drawn, and escaping it (a scan of every
        // character of the body) would be wasted.
        let text = drawable(&file.text, &file.diagnostics);
        let shown = Shown::new(text);
        let source = Src {
            name: &path,
            text,
            shown: shown.as_ref(),
        };
        let mut out = String::new();
        for d in &file.diagnostics {
            let (line, col) = file.start(d);
            let view = View {
                diag: d,
                source: &source,
                location: format!("{path}:{line}:{col}"),
            };
            let fits = super::wrap::needless(&view.to_string())
                && miette::Diagnostic::help(&view)
                    .is_none_or(|h| super::wrap::needless(&h.to_string()));
            let handler = if fits { &self.unwrapped } else { &self.handler };
            if handler.render_report(&mut out, &view).is_err() {
                out.push_str(&format!(
                    "{}: {} {}\n",
                    view.location,
                    d.rule.code,
                    visible_line(&d.message)
                ));
            }
        }
        out
    }

    fn finish(&self, out: &mut dyn Write, chunks: &[String], summary: &Summary) -> io::Result<()> {
        if !self.show_all && summary.problems() > GROUP_ABOVE {
            self.write_grouped(out, summary)?;
        } else {
            for c in chunks {
                out.write_all(c.as_bytes())?;
            }
        }
        if self.quiet {
            return Ok(());
        }
        let line = summary_line(summary);
        if self.color {
            let code = if summary.errors > 0 {
                "31"
            } else if summary.warnings > 0 {
                "33"
            } else {
                "32"
            };
            writeln!(out, "\x1b[1;{code}m{line}\x1b[0m")
        } else {
            writeln!(out, "{line}")
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn summary_line(s: &Summary) -> String {
    let files = plural(s.files_checked, "file", "files");
    match s.mode {
        crate::mode::Mode::Fix => {
            let mut line = format!(
                "Fixed {} in {}; {} remaining.",
                plural(s.fixed, "problem", "problems"),
                plural(s.files_fixed, "file", "files"),
                s.problems()
            );
            if s.unsafe_fixable > 0 {
                line.push_str(&format!(
                    " {} more fixable with `--unsafe-fixes`.",
                    s.unsafe_fixable
                ));
            }
            return line;
        }
        crate::mode::Mode::Diff => {
            return format!(
                "Would fix {} in {} ({files} checked).",
                plural(s.fixed, "problem", "problems"),
                plural(s.files_fixed, "file", "files")
            );
        }
        crate::mode::Mode::Check => {}
    }
    if s.problems() == 0 && s.run_failed {
        return format!("No problems in the {files} checked, but the run failed (see its errors).");
    }
    if s.problems() == 0 {
        return format!("All checks passed: {files} checked, no problems.");
    }
    let mut line = format!(
        "Found {} ({}, {}) in {} of {files} checked.",
        plural(s.problems(), "problem", "problems"),
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        s.files_with_problems,
    );
    if s.fixable > 0 {
        line.push_str(&format!(" {} fixable with `--fix`.", s.fixable));
    }
    if s.unsafe_fixable > 0 {
        line.push_str(&format!(
            " {} more with `--unsafe-fixes`.",
            s.unsafe_fixable
        ));
    }
    line
}
