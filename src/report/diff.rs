//! `--diff`: a unified diff of what `--fix` would write, `a/PATH` and `b/PATH` headers, so the
//! output applies with `git apply` or `patch -p1`.
//!
//! A control character from the file (ESC, a bare CR, a bidirectional override) is shown
//! escaped, as everywhere else: the diff goes to a terminal or a CI log. A hunk holding one no
//! longer matches the file, so `git apply` refuses it rather than writing other bytes; `--fix`
//! is the way to apply that one.

use similar::{ChangeTag, TextDiff};

use crate::visible::{visible, visible_line};

pub fn unified(path: &str, old: &str, new: &str, color: bool) -> String {
    let diff = TextDiff::from_lines(old, new);
    let path = visible_line(path.trim_start_matches('/'));
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        let header = format!("{}\n", hunk.header());
        out.push_str(&paint(&header, "36", color));
        for change in hunk.iter_changes() {
            let (sign, code) = match change.tag() {
                ChangeTag::Delete => ("-", "31"),
                ChangeTag::Insert => ("+", "32"),
                ChangeTag::Equal => (" ", ""),
            };
            let mut line = format!("{sign}{}", shown_line(change.value()));
            if change.missing_newline() {
                line.push_str("\n\\ No newline at end of file\n");
            }
            out.push_str(&if code.is_empty() {
                line
            } else {
                paint(&line, code, color)
            });
        }
    }
    out
}

/// A line of the file with its hidden characters escaped; its own `\n` or `\r\n` is kept.
fn shown_line(line: &str) -> std::borrow::Cow<'_, str> {
    let body = line
        .strip_suffix("\r\n")
        .or_else(|| line.strip_suffix('\n'))
        .unwrap_or(line);
    match visible(body) {
        std::borrow::Cow::Borrowed(_) => line.into(),
        std::borrow::Cow::Owned(b) => format!("{b}{}", &line[body.len()..]).into(),
    }
}

fn paint(s: &str, code: &str, color: bool) -> String {
    if !color {
        return s.to_string();
    }
    // Colour each line on its own so a pager or terminal never carries it past the newline.
    s.split_inclusive('\n')
        .map(|l| match l.strip_suffix('\n') {
            Some(body) => format!("\x1b[{code}m{body}\x1b[0m\n"),
            None => format!("\x1b[{code}m{l}\x1b[0m"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped() {
        let d = unified("_posts/\x1b.md", "a\x1b[2J\r\n", "b\u{202e}\r\n", false);
        assert_eq!(
            d,
            "--- a/_posts/\\u{1b}.md\n+++ b/_posts/\\u{1b}.md\n@@ -1 +1 @@\n\
             -a\\u{1b}[2J\r\n+b\\u{202e}\r\n"
        );
    }

    #[test]
    fn headers_and_hunks() {
        let d = unified("_posts/a.md", "a\nb\nc\n", "a\nB\nc\n", false);
        assert_eq!(
            d,
            "--- a/_posts/a.md\n+++ b/_posts/a.md\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
        );
    }
}
