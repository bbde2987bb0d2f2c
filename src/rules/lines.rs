//! [`crate::post::line_at`] for the rules that walk the front matter line by line on every post
//! (FM604). Written by hand with `memchr`: the general one's `str::find` and boundary-checked
//! slicing cost about 250 instructions a line, several times the line's own checks. The general
//! one stays the contract; the tests hold this one to it.

use crate::post::Line;

/// The line starting at `start`, or `None` at the end of the text: as [`crate::post::line_at`].
pub fn line_at(text: &str, start: usize) -> Option<Line> {
    let b = text.as_bytes();
    if start >= b.len() {
        return None;
    }
    let (mut end, next) = match memchr::memchr(b'\n', &b[start..]) {
        Some(i) => (start + i, start + i + 1),
        None => (b.len(), b.len()),
    };
    let crlf = end > start && b[end - 1] == b'\r';
    if crlf {
        end -= 1;
    }
    Some(Line {
        content: start..end,
        next,
        crlf,
    })
}

/// The lines from `start` on, each as [`line_at`] gives it: one `memchr` iterator finds the line
/// feeds, which costs less a line than a search started afresh at each.
pub fn lines_from(text: &str, start: usize) -> Lines<'_> {
    let b = text.as_bytes();
    let start = start.min(b.len());
    Lines {
        text: b,
        pos: start,
        base: start,
        feeds: memchr::memchr_iter(b'\n', &b[start..]),
    }
}

pub struct Lines<'t> {
    text: &'t [u8],
    pos: usize,
    /// Where `feeds` started: its positions are from here.
    base: usize,
    feeds: memchr::Memchr<'t>,
}

impl Iterator for Lines<'_> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        let start = self.pos;
        if start >= self.text.len() {
            return None;
        }
        let (mut end, next) = match self.feeds.next() {
            Some(i) => (self.base + i, self.base + i + 1),
            None => (self.text.len(), self.text.len()),
        };
        self.pos = next;
        let crlf = end > start && self.text[end - 1] == b'\r';
        if crlf {
            end -= 1;
        }
        Some(Line {
            content: start..end,
            next,
            crlf,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_line(text: &str) {
        let mut pos = 0;
        loop {
            let fast = line_at(text, pos);
            assert_eq!(fast, crate::post::line_at(text, pos), "{text:?} at {pos}");
            let Some(l) = fast else { break };
            pos = l.next;
        }
        assert_eq!(line_at(text, text.len() + 1), None);
        for start in (0..=text.len() + 1).filter(|&s| s > text.len() || text.is_char_boundary(s)) {
            let mut pos = start;
            for l in lines_from(text, start) {
                assert_eq!(
                    Some(l.clone()),
                    crate::post::line_at(text, pos),
                    "{text:?} from {start}"
                );
                pos = l.next;
            }
            assert_eq!(
                crate::post::line_at(text, pos),
                None,
                "{text:?} from {start}"
            );
        }
    }

    #[test]
    fn edge_cases() {
        for text in [
            "",
            "\n",
            "\r\n",
            "\r",
            "a",
            "a\r",
            "a\n",
            "a\r\n",
            "\n\n",
            "\r\r\n",
            "a\rb\n",
            "---\r\nk: v\n---\n",
            "联合早报\r\n早报",
        ] {
            every_line(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_post_line_at(text in "[a \\t\\r\\n联-]{0,24}") {
            every_line(&text);
        }
    }
}
