//! A problem in a configuration file: where it is, what was expected. Data only: the report
//! (`report::config_error`) draws it against the file; the run stops with exit code 2.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::visible::{visible, visible_line};

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
