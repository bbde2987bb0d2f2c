//! What a rule reports: a diagnostic with a span into the file, and an optional fix.

use std::ops::Range;
use std::sync::OnceLock;

use crate::registry::Rule;

pub use crate::registry::Severity;

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

/// A fix's declared change that makes a front matter Jekyll could not load loadable (FM006's
/// quoting of a symbol): the original is then judged as read with the symbol as text.
pub const WHOLE_FRONT_MATTER: &str = "<the front matter Jekyll could not load>";

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
    /// The top-level key the diagnostic is about, when it is about one: a rule that yields to
    /// another (`Rule::superseded_by`) yields only on the same subject.
    pub subject: Option<Box<str>>,
}

impl Diagnostic {
    pub fn new(
        rule: impl Into<&'static Rule>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let rule = rule.into();
        Diagnostic {
            rule,
            severity: rule.severity,
            message: message.into(),
            span,
            label: String::new(),
            help: None,
            related: Vec::new(),
            fix: None,
            subject: None,
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

    pub fn subject(mut self, key: &str) -> Self {
        self.subject = Some(key.into());
        self
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }
}

/// How many characters of a value from the post a message quotes: a 10 MB date is not echoed
/// whole (once in the message, again in the label, again in the help).
pub const QUOTE_MAX: usize = 80;

/// A value from the post as a message quotes it: in backticks, cut at [`QUOTE_MAX`]
/// characters with `…`. Every value a rule puts into a message, label or help goes through
/// here (control characters are escaped later, by the reporters that show text).
pub fn quote(value: &str) -> String {
    format!("`{}`", cut(value, QUOTE_MAX))
}

/// The first `max` characters of `value`, and `…` when there were more.
pub fn cut(value: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match value.char_indices().nth(max) {
        None => value.into(),
        Some((at, _)) => format!("{}…", &value[..at]).into(),
    }
}

/// Byte offsets of line starts, to turn a span into 1-based line and column. Built on first
/// use: most files have no diagnostic, and a post's body is most of its bytes.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: OnceLock<Vec<usize>>,
    /// Within lines longer than [`MARK_EVERY`] bytes, about every so many bytes: a byte offset
    /// (a character boundary) and its character column from its line's start, so that a
    /// column is counted from the nearest mark. Counted from the line's start, every
    /// diagnostic on a hostile one-line list of 100,000 terms counted the whole line again.
    /// Built only when a column is asked on such a line.
    marks: OnceLock<Vec<(usize, usize)>>,
}

const MARK_EVERY: usize = 1024;

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

    fn marks(&self, text: &str) -> &[(usize, usize)] {
        self.marks.get_or_init(|| {
            let starts = self.starts(text);
            let mut marks = Vec::new();
            for (i, &start) in starts.iter().enumerate() {
                let end = starts.get(i + 1).copied().unwrap_or(text.len());
                if end - start <= MARK_EVERY {
                    continue;
                }
                let (mut at, mut col) = (start, 0);
                while let Some(next) = (at + MARK_EVERY..end).find(|&b| text.is_char_boundary(b)) {
                    col += text.get(at..next).map_or(next - at, |s| s.chars().count());
                    marks.push((next, col));
                    at = next;
                }
            }
            marks
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
        let mut base = 0;
        if offset - start > MARK_EVERY {
            let marks = self.marks(text);
            if let Some(&(mark, col)) = marks[..marks.partition_point(|&(m, _)| m <= offset)].last()
                && mark > start
            {
                // The BOM (3 bytes, one character not counted) is always before a line's first
                // mark.
                base = col - usize::from(starts[line] == 0 && start == 3);
                start = mark;
            }
        }
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line + 1, base + col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_are_cut() {
        assert_eq!(quote("2021-07-20"), "`2021-07-20`");
        let long = "联".repeat(QUOTE_MAX + 1);
        let q = quote(&long);
        assert_eq!(q.chars().count(), QUOTE_MAX + 3);
        assert!(q.ends_with("…`"));
        assert_eq!(quote(&long[..QUOTE_MAX * 3]).chars().count(), QUOTE_MAX + 2);
    }

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

    /// Columns counted from the marks of long lines are the columns counted from the line's
    /// start, at every offset, BOM or not.
    #[test]
    fn long_lines_count_from_their_marks_alike() {
        let naive = |text: &str, offset: usize| {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let from = if line_start == 0 && text.starts_with('\u{feff}') {
                3.min(offset)
            } else {
                line_start
            };
            let line = text[..offset].matches('\n').count() + 1;
            let col = text
                .get(from..offset)
                .map_or(offset - from, |s| s.chars().count());
            (line, col + 1)
        };
        let long: String = (0..3000)
            .map(|i| if i % 7 == 0 { '联' } else { 'a' })
            .collect();
        for text in [
            format!("{long}\nshort\n{long}{long}\nend"),
            format!("\u{feff}{long}\n{long}"),
        ] {
            let idx = LineIndex::lazy();
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                assert_eq!(
                    idx.line_col(&text, offset),
                    naive(&text, offset),
                    "{offset}"
                );
            }
        }
    }
}
