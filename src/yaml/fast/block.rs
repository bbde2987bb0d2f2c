//! Block scalars (`excerpt: >` and the lines below it) in the one shape posts write them:
//! every line indented as the first, none blank but empty ones, read as libyaml's
//! `scan_block_scalar` reads them. Anything else (an indentation or chomping digit, a comment
//! on the header, leading empty lines, a more-indented line, a line of spaces) is left to it.

use super::{Reader, Step, skip_spaces};
use crate::yaml::model::{Link, Node, NodeKind, Scalar, Style};

impl Reader<'_> {
    /// The block scalar whose header (`>`, `|`, with `-` or `+`) is at `v`, on a line ending at
    /// `ce` whose next line starts at `next`; and where the lines after it start.
    // Out of line: posts rarely have one, and inlined it cost the common path 250
    // instructions a post under callgrind.
    #[inline(never)]
    pub(super) fn block_scalar(
        &self,
        v: usize,
        ce: usize,
        next: usize,
        end: usize,
    ) -> Step<(Node<'static>, usize)> {
        let b = self.b;
        let literal = b[v] == b'|';
        let mut h = v + 1;
        // libyaml's chomping: strip (-1), clip (0), keep (1).
        let chomp = match b.get(h).filter(|_| h < ce) {
            Some(b'-') => -1,
            Some(b'+') => 1,
            _ => 0,
        };
        if chomp != 0 {
            h += 1;
        }
        if skip_spaces(b, h, ce) != ce || next >= end {
            return Err("a block scalar header with more, or no lines");
        }
        // Its indentation is the first line's (libyaml's `max_indent` when no empty line
        // comes first, and at least 1).
        let (first_ce, _) = self.line(next, end);
        let n = skip_spaces(b, next, first_ce) - next;
        if n == 0 || next + n == first_ce {
            return Err("a block scalar with no text, or empty lines first");
        }
        let mut s = String::new();
        let (mut p, mut breaks) = (next, 0);
        let mark = loop {
            let (lce, lnext) = self.line(p, end);
            if lnext == lce {
                return Err("a block scalar's last line without its line break");
            }
            if p > next {
                // A line joins the one above with its line break (literal), or a space
                // (folded: neither line starts with a blank); empty lines between give a
                // line break each.
                if literal {
                    s.push('\n');
                } else if breaks == 0 {
                    s.push(' ');
                }
                (0..breaks).for_each(|_| s.push('\n'));
            }
            s.push_str(&self.file[p + n..lce]);
            // The empty lines after it. libyaml's end mark is past the last of them.
            let mut q = lnext;
            breaks = 0;
            while q < end && (b[q] == b'\n' || (b[q] == b'\r' && b[q + 1] == b'\n')) {
                q += if b[q] == b'\n' { 1 } else { 2 };
                breaks += 1;
            }
            if q >= end {
                break q;
            }
            let (qce, _) = self.line(q, end);
            let ind = skip_spaces(b, q, qce) - q;
            if ind == 0 {
                break q;
            }
            if ind != n || q + n == qce {
                return Err("a block scalar line indented otherwise, or of spaces");
            }
            p = q;
        };
        if chomp >= 0 {
            s.push('\n');
        }
        if chomp == 1 {
            (0..breaks).for_each(|_| s.push('\n'));
        }
        let style = if literal {
            Style::Literal
        } else {
            Style::Folded
        };
        let node = Node {
            kind: NodeKind::Scalar {
                value: Scalar::Str(s.into()),
                style,
            },
            span: v..mark,
            tagged: false,
            link: Link::Own,
        };
        Ok((node, mark))
    }
}
