//! `--diff`: a unified diff of what `--fix` would write, `a/PATH` and `b/PATH` headers, so the
//! output applies with `git apply` or `patch -p1`.

use similar::{ChangeTag, TextDiff};

pub fn unified(path: &str, old: &str, new: &str, color: bool) -> String {
    let diff = TextDiff::from_lines(old, new);
    let path = path.trim_start_matches('/');
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
            let mut line = format!("{sign}{}", change.value());
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
    fn headers_and_hunks() {
        let d = unified("_posts/a.md", "a\nb\nc\n", "a\nB\nc\n", false);
        assert_eq!(
            d,
            "--- a/_posts/a.md\n+++ b/_posts/a.md\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
        );
    }
}
