//! A problem in a configuration file: where it is, what was expected. Rendered with miette,
//! pointing into the configuration file; the run stops with exit code 2.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use crate::report::human::Src;
use crate::report::visible::{Shown, visible, visible_line};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file as shown to the user.
    pub path: String,
    pub text: Arc<str>,
    pub span: Range<usize>,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
}

impl ConfigError {
    /// 1-based line and column of the span's start (characters, like every fmlint position).
    pub fn line_col(&self) -> (usize, usize) {
        let idx = crate::diagnostic::LineIndex::new(&self.text);
        idx.line_col(&self.text, self.span.start)
    }

    /// Renders the error with the configuration file's text under it.
    pub fn render(&self, color: bool) -> String {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_links(false);
        let path = visible_line(&self.path);
        let shown = Shown::new(&self.text);
        let view = View {
            err: self,
            source: Src {
                name: &path,
                text: &self.text,
                shown: shown.as_ref(),
            },
        };
        let mut out = String::new();
        if handler.render_report(&mut out, &view).is_err() {
            let (l, c) = self.line_col();
            out = format!("{path}:{l}:{c}: {}\n", visible_line(&self.message));
        }
        out
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (l, c) = self.line_col();
        write!(
            f,
            "{}:{l}:{c}: {}",
            visible_line(&self.path),
            visible(&self.message)
        )
    }
}

struct View<'a> {
    err: &'a ConfigError,
    // Columns in characters, like every other fmlint position.
    source: Src<'a>,
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&visible(&self.err.message))
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&visible(&self.err.message))
    }
}

impl std::error::Error for View<'_> {}

impl miette::Diagnostic for View<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let (l, c) = self.err.line_col();
        Some(Box::new(format!(
            "{}:{l}:{c} configuration error",
            visible_line(&self.err.path)
        )))
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.err
            .help
            .as_ref()
            .map(|h| Box::new(visible(h).into_owned()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = (!self.err.label.is_empty()).then(|| visible(&self.err.label).into_owned());
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(label, self.source.span(&self.err.span)),
        )))
    }
}
