//! Text from the input as a terminal or a CI log may show it: every character that would
//! act instead of print (ESC and the other C0 controls, DEL, the C1 controls, a bare CR, the
//! bidirectional overrides and isolates that reorder what follows, the Unicode line breaks) is
//! written as a visible escape such as `\u{1b}`, so a post can neither recolour, clear, hyperlink
//! nor reorder fmlint's report. fmlint's own colours are then the only escape sequences it
//! writes. Tabs and line feeds are left to each format (JSON, SARIF and JUnit escape on their own
//! and never come here).
//!
//! [`Shown`] does the same for a whole file, for the source snippet of the human output, and
//! keeps a map from the file's byte offsets to the shown text so that underlines stay under the
//! characters they mean; it also cuts very long lines, so a 10 MB line is not drawn whole.
//!
//! A leaf module, outside `report`: text that other modules write themselves goes through it
//! too (a configuration error's one-line form, the comments of the file `fmlint init` writes).

use std::borrow::Cow;
use std::fmt::Write;

/// Lines of the source snippet longer than this many characters are cut with `…`.
pub const LINE_MAX: usize = 500;

/// Whether a character must never reach a terminal as itself. `\t`, `\n` and `\r` are decided by
/// the caller (a CR is harmless before a LF, and a snippet keeps its line breaks).
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\0'..='\u{8}' | '\u{b}'..='\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // Bidirectional marks, embeddings, overrides and isolates.
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        // Line and paragraph separators: some terminals and log viewers break lines on them.
        | '\u{2028}' | '\u{2029}')
}

fn escape_into(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

fn escape_with(s: &str, also: impl Fn(char) -> Option<&'static str>) -> Cow<'_, str> {
    if !s.chars().any(|c| is_hidden(c) || also(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if let Some(e) = also(c) {
            out.push_str(e);
        } else if is_hidden(c) {
            escape_into(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Escapes the hidden characters and keeps `\r` and `\n` (for formats that encode those
/// themselves, as GitHub's workflow commands do).
pub fn escape_hidden(s: &str) -> Cow<'_, str> {
    escape_with(s, |_| None)
}

/// A message, label or help text: hidden characters and every CR escaped, line feeds kept.
pub fn visible(s: &str) -> Cow<'_, str> {
    escape_with(s, |c| (c == '\r').then_some("\\r"))
}

/// Text that must stay on one line (a path, a concise or grouped entry): CR and LF escaped too.
pub fn visible_line(s: &str) -> Cow<'_, str> {
    escape_with(s, |c| match c {
        '\r' => Some("\\r"),
        '\n' => Some("\\n"),
        _ => None,
    })
}

/// A stretch of the shown text: `orig` and `shown` are where it starts in each. A verbatim
/// stretch is the same bytes in both; a replaced one (an escape, a cut) maps as a whole.
#[derive(Debug, Clone, Copy)]
struct Stretch {
    orig: usize,
    shown: usize,
    verbatim: bool,
}

/// A file's text with its hidden characters escaped and its long lines cut, and the map
/// between the two. Line breaks are never added or removed, so line numbers agree.
#[derive(Debug)]
pub struct Shown {
    pub text: String,
    stretches: Vec<Stretch>,
    orig_len: usize,
}

impl Shown {
    /// None when the text can be shown as it is (the common case: no copy is made).
    pub fn new(text: &str) -> Option<Shown> {
        let needs = text.split('\n').any(|line| {
            line.chars().count() > LINE_MAX
                || line
                    .char_indices()
                    .any(|(i, c)| is_hidden(c) || (c == '\r' && i + 1 != line.len()))
        });
        if !needs {
            return None;
        }
        let mut shown = Shown {
            text: String::with_capacity(text.len() + 64),
            stretches: Vec::new(),
            orig_len: text.len(),
        };
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            shown.push_line(line_start, line);
            line_start += line.len();
        }
        Some(shown)
    }

    fn mark(&mut self, orig: usize, verbatim: bool) {
        let shown = self.text.len();
        if let Some(last) = self.stretches.last()
            && last.verbatim
            && verbatim
        {
            return;
        }
        self.stretches.push(Stretch {
            orig,
            shown,
            verbatim,
        });
    }

    fn push_line(&mut self, start: usize, line: &str) {
        let body_len = line
            .strip_suffix("\r\n")
            .or_else(|| line.strip_suffix('\n'))
            .map_or(line.len(), str::len);
        for (n, (i, c)) in line.char_indices().enumerate() {
            let at = start + i;
            if i >= body_len {
                // The line's own ending, CRLF or LF.
                self.mark(at, true);
                self.text.push(c);
            } else if n == LINE_MAX {
                self.mark(at, false);
                self.text.push('…');
                let end = start + body_len;
                self.mark(end, true);
                self.text.push_str(&line[body_len..]);
                return;
            } else if is_hidden(c) || c == '\r' {
                self.mark(at, false);
                if c == '\r' {
                    self.text.push_str("\\r");
                } else {
                    escape_into(&mut self.text, c);
                }
            } else {
                self.mark(at, true);
                self.text.push(c);
            }
        }
    }

    fn stretch_of_orig(&self, offset: usize) -> usize {
        self.stretches
            .partition_point(|s| s.orig <= offset)
            .saturating_sub(1)
    }

    /// Where a span that starts at `offset` in the file starts in the shown text.
    pub fn start(&self, offset: usize) -> usize {
        let Some(s) = self.stretches.get(self.stretch_of_orig(offset)) else {
            return offset.min(self.text.len());
        };
        if s.verbatim {
            s.shown + (offset - s.orig)
        } else {
            s.shown
        }
    }

    /// Where a span that ends at `offset` in the file ends in the shown text: a span that ends
    /// inside an escape or a cut covers all of it.
    pub fn end(&self, offset: usize) -> usize {
        if offset >= self.orig_len {
            return self.text.len();
        }
        let i = self.stretch_of_orig(offset);
        match self.stretches.get(i) {
            Some(s) if s.verbatim => s.shown + (offset - s.orig),
            Some(s) if s.orig == offset => s.shown,
            Some(_) => self
                .stretches
                .get(i + 1)
                .map_or(self.text.len(), |n| n.shown),
            None => offset.min(self.text.len()),
        }
    }

    /// The file offset a shown offset comes from (the start of an escape or a cut).
    pub fn orig(&self, shown: usize) -> usize {
        let i = self
            .stretches
            .partition_point(|s| s.shown <= shown)
            .saturating_sub(1);
        match self.stretches.get(i) {
            Some(s) if s.verbatim => s.orig + (shown - s.shown),
            Some(s) => s.orig,
            None => shown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_escaped_visibly() {
        assert_eq!(visible("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(
            visible("\x1b]8;;http://x\x07link"),
            "\\u{1b}]8;;http://x\\u{7}link"
        );
        assert_eq!(visible("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(
            visible("abc\u{202e}def\u{2066}"),
            "abc\\u{202e}def\\u{2066}"
        );
        assert_eq!(visible("a\rb\nc\td"), "a\\rb\nc\td");
        assert_eq!(visible_line("a\r\nb"), "a\\r\\nb");
        assert_eq!(escape_hidden("a\r\n\x1b"), "a\r\n\\u{1b}");
        assert!(matches!(visible("联合早报 plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_file_is_shown_escaped_with_offsets_mapped() {
        let text = "a: \x1bx\r\nb: \u{202e}y\rz\n";
        let shown = Shown::new(text).unwrap();
        assert_eq!(shown.text, "a: \\u{1b}x\r\nb: \\u{202e}y\\rz\n");
        let x = text.find('x').unwrap();
        assert_eq!(&shown.text[shown.start(x)..shown.end(x + 1)], "x");
        // A span over the ESC covers its whole escape.
        assert_eq!(&shown.text[shown.start(3)..shown.end(4)], "\\u{1b}");
        let y = text.find('y').unwrap();
        assert_eq!(&shown.text[shown.start(y)..shown.end(y + 1)], "y");
        assert_eq!(shown.orig(shown.start(y)), y);
        let z = text.find('z').unwrap();
        assert_eq!(&shown.text[shown.start(z)..shown.end(text.len())], "z\n");
        assert_eq!(shown.text.lines().count(), text.lines().count());
        assert!(Shown::new("a: b\r\nc: 联合\n").is_none());
    }

    #[test]
    fn long_lines_are_cut() {
        let text = format!("date: {}\nnext\n", "9".repeat(10_000));
        let shown = Shown::new(&text).unwrap();
        let first = shown.text.lines().next().unwrap();
        assert_eq!(first.chars().count(), LINE_MAX + 1);
        assert!(first.ends_with('…'));
        let next = text.find("next").unwrap();
        assert_eq!(&shown.text[shown.start(next)..shown.end(next + 4)], "next");
        // A span in the cut part is drawn on the `…`.
        assert_eq!(&shown.text[shown.start(5000)..shown.end(5001)], "…");
    }
}
