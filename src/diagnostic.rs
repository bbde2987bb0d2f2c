//! What a rule reports: a diagnostic with a span into the file, and an optional fix.

use std::ops::Range;
use std::sync::OnceLock;

use crate::rules::Rule;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether a fix may be applied without the user asking for unsafe fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Applicability {
    Safe,
    Unsafe,
}

/// One replacement of a byte range of the original file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    pub message: String,
    pub edits: Vec<Edit>,
    /// Top-level keys whose value the fix means to change (a quoted `title: 2021` becomes a
    /// string). The safety check lets these differ after the fix and nothing else.
    pub changes: Vec<String>,
}

/// A secondary place in the file that explains the primary one (the first of two duplicate keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Range<usize>,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    /// Byte range in the file as read (a BOM included).
    pub span: Range<usize>,
    pub label: String,
    pub help: Option<String>,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(rule: &'static Rule, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.severity,
            message: message.into(),
            span,
            label: String::new(),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            label: label.into(),
        });
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }
}

/// Byte offsets of line starts, to turn a span into 1-based line and column. Built on first
/// use: most files have no diagnostic, and a post's body is most of its bytes.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: OnceLock<Vec<usize>>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let idx = LineIndex::default();
        idx.starts(text);
        idx
    }

    /// An index built when first asked, from the text `line_col` is given.
    pub fn lazy() -> Self {
        LineIndex::default()
    }

    fn starts(&self, text: &str) -> &[usize] {
        self.starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
            starts
        })
    }

    /// 1-based line and column of a byte offset. Columns count characters, as editors do, and a
    /// BOM at the start of the file is not counted.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let starts = self.starts(text);
        let offset = offset.min(text.len());
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let mut start = starts[line];
        if start == 0 && text.starts_with('\u{feff}') {
            start = 3.min(offset);
        }
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line + 1, col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_and_skips_bom() {
        let text = "\u{feff}ab\n联合x\n";
        let idx = LineIndex::lazy();
        assert_eq!(idx.line_col(text, 3), (1, 1));
        assert_eq!(idx.line_col(text, 4), (1, 2));
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), (2, 3));
        assert_eq!(idx.line_col(text, text.len()), (3, 1));
    }
}
