//! A configuration error drawn with miette against the configuration file's text, as the human
//! output draws a post's diagnostics.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::human::Src;
use crate::config::error::ConfigError;
use crate::visible::{Shown, visible, visible_line};

/// The error with the configuration file's text under it.
pub fn render(err: &ConfigError, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let path = visible_line(&err.path);
    let shown = Shown::new(&err.text);
    let view = View {
        err,
        source: Src {
            name: &path,
            text: &err.text,
            shown: shown.as_ref(),
        },
    };
    let mut out = String::new();
    if handler.render_report(&mut out, &view).is_err() {
        let (l, c) = err.line_col();
        out = format!("{path}:{l}:{c}: {}\n", visible_line(&err.message));
    }
    out
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
