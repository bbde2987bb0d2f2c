//! A reader for the front matter nearly every post has: `key: value` lines, quoted titles,
//! `[ tag ]` lists and `- item` lists, `>` excerpts, comments and blank lines.
//!
//! Hand-written for speed only. libyaml-safer decodes the text into a queue of chars, then
//! tokens, then events, and `builder` composes nodes on top: some 50,000 instructions for ten
//! short lines. This reads those shapes in one pass over the bytes. It is no second YAML
//! parser: libyaml remains the judge. It reads only what it can show libyaml reads the same way
//! (each rule below names the libyaml behaviour it leans on), gives exactly the document that
//! `builder::compose` and `decor::document` would, spans and decoration and all, and declines
//! anything else (`Err` with the reason), which `builder` then reads. `fast/tests.rs` and
//! `tests/yaml_fast.rs` hold it to `builder`.

use std::ops::Range;

use super::decor;
use super::model::{Document, Entry, Link, Node, NodeKind, Scalar, Style};
use super::resolve;
use super::{Loader, Reading};

/// Why the fast path declined: for the tests, which count the reasons.
pub(super) type Bail = &'static str;
type Step<T> = Result<T, Bail>;

/// The reading `builder::compose` and `decor::document` give of `file[range]`, or why this
/// reader leaves it to them.
pub(super) fn read(file: &str, range: Range<usize>, loader: Loader) -> Result<Reading<'_>, Bail> {
    let text = &file.as_bytes()[range.clone()];
    check_chars(text)?;
    let mut r = Reader {
        file,
        b: file.as_bytes(),
        loader,
        sensitive: false,
    };
    let entries = r.mapping(range)?;
    Ok(Reading {
        document: Ok(Document::Mapping(entries)),
        loader_sensitive: r.sensitive,
    })
}

/// libyaml's reader refuses control characters anywhere in its input, before any token
/// (`push_char`), and it reads the whole input at once. Beyond those: a tab (where it may or
/// may not be indentation), a CR not in CRLF, NEL, LS and PS (line breaks to libyaml, not to
/// this reader), and a BOM (skipped at a line start) are left to libyaml.
///
/// Most of a front matter holds none of the bytes that can start such a character, so it is
/// passed over a block at a time, by a test the compiler makes into vector compares; only a
/// block holding one is read byte by byte ([`check_bytes`], which alone decides).
fn check_chars(b: &[u8]) -> Step<()> {
    const BLOCK: usize = 32;
    // A whole block, of a size known here, is what the compiler turns into vectors.
    let clean = |at: usize| {
        <&[u8; BLOCK]>::try_from(&b[at..at + BLOCK])
            .is_ok_and(|block| !block.iter().fold(false, |any, &c| any | suspect(c)))
    };
    let mut i = 0;
    while i + BLOCK <= b.len() {
        if !clean(i) {
            check_bytes(b, i, i + BLOCK)?;
        }
        i += BLOCK;
    }
    // The last bytes, short of a block, are tested as the block that ends the text (some of
    // it tested already), and read byte by byte only if that holds a suspect.
    if i < b.len() && (b.len() < BLOCK || !clean(b.len() - BLOCK)) {
        check_bytes(b, i, b.len())?;
    }
    Ok(())
}

/// Where a plain scalar in block context that starts at `v` ends on its line: at ` #` (a
/// comment), or the line's end, trailing blanks excluded (libyaml's end mark is after the last
/// non-blank, and blanks inside a line are kept as written). `: ` or a `:` ending the line
/// would be a mapping value: declined. A title or a URL runs for dozens of bytes without a
/// blank or a colon: such a stretch is passed over 16 bytes at a time (a test the compiler
/// makes into vector compares), and a block that holds one is read byte by byte
/// ([`plain_bytes`]).
fn block_plain_end(b: &[u8], v: usize, ce: usize) -> Step<usize> {
    const BLOCK: usize = 16;
    let (mut i, mut last) = (v, v);
    while i < ce {
        let end = (i + BLOCK).min(ce);
        let plain = <&[u8; BLOCK]>::try_from(&b[i..end]).is_ok_and(|block| {
            !block
                .iter()
                .fold(false, |any, &c| any | (c == b' ') | (c == b':'))
        });
        if plain {
            last = end;
        } else if plain_bytes(b, i, end, ce, &mut last)? {
            break;
        }
        i = end;
    }
    Ok(last)
}

/// The plain scalar's bytes `b[from..to]` of a line ending at `ce`, byte by byte: `last` moves
/// past each that is not a blank; `true` where a comment (` #`) ends the scalar.
fn plain_bytes(b: &[u8], from: usize, to: usize, ce: usize, last: &mut usize) -> Step<bool> {
    for i in from..to {
        match b[i] {
            b' ' if i + 1 < ce && b[i + 1] == b'#' => return Ok(true),
            b' ' => {}
            b':' if i + 1 == ce || b[i + 1] == b' ' => {
                return Err("`: ` or a trailing `:` in a plain scalar");
            }
            _ => *last = i + 1,
        }
    }
    Ok(false)
}

/// Wider than what is refused (every control byte but LF, so CR too, and the lead bytes of
/// C1, LS, PS, BOM and U+FFFE/F): the bytewise check sorts those out.
fn suspect(c: u8) -> bool {
    ((c < 0x20) & (c != b'\n')) | (c == 0x7f) | (c == 0xc2) | (c == 0xe2) | (c == 0xef)
}

/// The check of the characters that start in `b[from..to]`, byte by byte. `from` may fall on
/// a continuation byte (a block's end cut a character), which passes: its lead byte, in the
/// block before, was not one of those refused, or that block was read here too.
fn check_bytes(b: &[u8], from: usize, to: usize) -> Step<()> {
    // The text is UTF-8 (a `str`), cut at characters: a lead byte has its continuation bytes.
    let mut i = from;
    while i < to {
        let ok = match b[i] {
            b'\n' | 0x20..=0x7e => true,
            b'\r' => b.get(i + 1) == Some(&b'\n'),
            0x00..=0x7f => false,
            // C1 controls, NEL among them.
            0xc2 => b[i + 1] >= 0xa0,
            // LS, PS.
            0xe2 => !(b[i + 1] == 0x80 && matches!(b[i + 2], 0xa8 | 0xa9)),
            // BOM, and the non-characters U+FFFE and U+FFFF.
            0xef => !matches!((b[i + 1], b[i + 2]), (0xbb, 0xbf) | (0xbf, 0xbe..=0xbf)),
            _ => true,
        };
        if !ok {
            return Err("a tab, CR, control character, line separator or BOM");
        }
        i += 1;
    }
    Ok(())
}

struct Reader<'a> {
    file: &'a str,
    b: &'a [u8],
    loader: Loader,
    sensitive: bool,
}

/// A key whose value was not on its line: null, or the block sequence on the lines below.
struct Open<'a> {
    key: Node<'a>,
    colon_end: usize,
    seq: Option<(usize, usize, Vec<Node<'a>>)>,
}

impl<'a> Open<'a> {
    fn close(self) -> (Node<'a>, Node<'a>) {
        let value = match self.seq {
            // libyaml's empty scalar sits at the end of the `:` token.
            None => scalar(Scalar::Null, Style::Plain, self.colon_end..self.colon_end),
            // A block sequence spans from its first `-` to its last item's end (`builder`).
            Some((_, start, items)) => {
                let last = items
                    .last()
                    .map_or(start + 1, |n| n.span.end.max(start + 1));
                Node {
                    kind: NodeKind::Seq { items, flow: false },
                    span: start..last,
                    tagged: false,
                    link: Link::Own,
                }
            }
        };
        (self.key, value)
    }
}

pub(super) fn scalar(value: Scalar<'_>, style: Style, span: Range<usize>) -> Node<'_> {
    Node {
        kind: NodeKind::Scalar { value, style },
        span,
        tagged: false,
        link: Link::Own,
    }
}

impl<'a> Reader<'a> {
    /// The top-level block mapping's entries, decorated as they are read (`decor::entry`,
    /// which `decor::document` gives the general reader's): a mapping built first and
    /// decorated after was each entry moved twice more and a vector more a post.
    fn mapping(&mut self, range: Range<usize>) -> Step<Vec<Entry<'a>>> {
        let (start, end) = (range.start, range.end);
        let b = self.b;
        let mut p = start;
        let mut marker_end = None;
        // `---` then blanks only: libyaml's DOCUMENT-START token ends after the three dashes.
        if b[start..end].starts_with(b"---") {
            let (ce, next) = self.line(start + 3, end);
            if b[start + 3..ce].iter().any(|&c| c != b' ') {
                return Err("something after `---` on its line");
            }
            marker_end = Some(start + 3);
            p = next;
        }
        let mut entries: Vec<Entry<'a>> = Vec::with_capacity(12);
        let mut prev_end = decor::first_line(self.file, &range, marker_end);
        let file = self.file;
        let mut push = |(k, v): (Node<'a>, Node<'a>)| {
            entries.push(decor::entry(file, end, &mut prev_end, k, v));
        };
        let mut open: Option<Open> = None;
        while p < end {
            let (ce, next) = self.line(p, end);
            let q = skip_spaces(b, p, ce);
            // Blank and comment lines: libyaml skips them between tokens, whatever their
            // indentation, and they end a plain scalar (`#` after blanks ends it, and so does
            // a line at column 0).
            if q == ce || b[q] == b'#' {
                p = next;
                continue;
            }
            if b[q] == b'-' && (q + 1 == ce || b[q + 1] == b' ') {
                // An item of the sequence of the key above. Every item at the sequence's
                // indentation n: a plain item ends at a line indented n (it continues at
                // n + 1 and more, which this reader declines), and the next `-` is the same
                // sequence's.
                let o = open
                    .as_mut()
                    .ok_or("a `- ` line where no key waits for a value")?;
                let indent = q - p;
                let seq = o.seq.get_or_insert_with(|| (indent, q, Vec::new()));
                if seq.0 != indent {
                    return Err("items of one sequence at different indentations");
                }
                let v = skip_spaces(b, q + 1, ce);
                let item = if v == ce || b[v] == b'#' {
                    // libyaml's empty scalar sits at the end of the `-` token.
                    scalar(Scalar::Null, Style::Plain, q + 1..q + 1)
                } else {
                    self.value(v, ce)?
                };
                seq.2.push(item);
            } else if q == p {
                if let Some(o) = open.take() {
                    push(o.close());
                }
                let (key, colon_end) = self.key(p, ce)?;
                let v = skip_spaces(b, colon_end, ce);
                if v == ce || b[v] == b'#' {
                    open = Some(Open {
                        key,
                        colon_end,
                        seq: None,
                    });
                } else if matches!(b[v], b'>' | b'|') {
                    let (value, resume) = self.block_scalar(v, ce, next, end)?;
                    push((key, value));
                    p = resume;
                    continue;
                } else {
                    let value = self.value(v, ce)?;
                    push((key, value));
                }
            } else {
                return Err("an indented line (a continuation or a nested block)");
            }
            p = next;
        }
        if let Some(o) = open.take() {
            push(o.close());
        }
        if entries.is_empty() {
            return Err("no entries");
        }
        Ok(entries)
    }

    /// From `at`, the end of the line's content (before `\r\n` or `\n`) and the next line's
    /// start. `check_chars` let a CR through only before a LF, and libyaml reads CRLF as one
    /// break, as it reads LF.
    fn line(&self, at: usize, end: usize) -> (usize, usize) {
        match memchr::memchr(b'\n', &self.b[at..end]) {
            Some(i) => {
                let nl = at + i;
                let ce = if nl > at && self.b[nl - 1] == b'\r' {
                    nl - 1
                } else {
                    nl
                };
                (ce, nl + 1)
            }
            None => (end, end),
        }
    }

    /// A key at column 0: a plain scalar of letters, digits, non-ASCII characters and
    /// `_-./` not starting with one of `-./`, then `:` and a blank or the line's end (libyaml's
    /// VALUE indicator in block context). Returns the key and the end of its `:`.
    fn key(&mut self, p: usize, ce: usize) -> Step<(Node<'a>, usize)> {
        let b = self.b;
        if !(b[p].is_ascii_alphanumeric() || b[p] == b'_' || b[p] >= 0x80) {
            return Err("a key starting with an indicator or punctuation");
        }
        let mut i = p + 1;
        while i < ce && KEY_BYTE[usize::from(b[i])] {
            i += 1;
        }
        if i == ce || b[i] != b':' {
            return Err("a key with other characters, or no `: `");
        }
        if i + 1 < ce && b[i + 1] != b' ' {
            return Err("a key's `:` followed by no blank");
        }
        // libyaml forgets a simple key more than 1,024 bytes before its `:`.
        if i - p > 1000 {
            return Err("a very long key");
        }
        let node = self.plain_node(p, i)?;
        Ok((node, i + 1))
    }

    /// The value starting at `v` (not blank, no comment) on a line ending at `ce`, and nothing
    /// after it but blanks and a comment.
    fn value(&mut self, v: usize, ce: usize) -> Step<Node<'a>> {
        let b = self.b;
        let node = match b[v] {
            b'"' => quoted::double(self.file, v, ce)?,
            b'\'' => quoted::single(self.file, v, ce)?,
            b'[' => self.flow_seq(v, ce)?,
            // libyaml: `-`, `?` and `:` start a plain scalar in block context only when a
            // non-blank follows; the other indicators never do.
            b'-' | b'?' | b':' if v + 1 == ce || b[v + 1] == b' ' => {
                return Err("a value starting with an indicator");
            }
            b',' | b']' | b'{' | b'}' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' => {
                return Err("a value starting with an indicator");
            }
            _ => {
                let e = block_plain_end(b, v, ce)?;
                self.plain_node(v, e)?
            }
        };
        // After a value: blanks, then the line's end or a comment. libyaml takes a `#` right
        // after a quote or bracket for a comment too; this reader leaves that to it.
        let e = node.span.end;
        let j = skip_spaces(b, e, ce);
        if j < ce && !(b[j] == b'#' && j > e) {
            return Err("something after a value on its line");
        }
        Ok(node)
    }

    /// A plain scalar's node, typed as `builder` types it (`resolve::tokenize`). A symbol,
    /// which Psych refuses, is left to `builder`, which words the refusal.
    fn plain_node(&mut self, s: usize, e: usize) -> Step<Node<'a>> {
        let span = s..e;
        let file = self.file;
        let value = resolve::tokenize(&file[s..e], self.loader, &span, &mut self.sensitive)
            .map_err(|_| "a plain scalar the loader refuses")?;
        Ok(scalar(value, Style::Plain, span))
    }

    /// `[a, "b", 'c']` on one line, of scalars only, with no trailing comma. A plain item
    /// holds none of `,[]{}:#?` (which end it, or make it a mapping, a comment, or an error in
    /// libyaml's flow context) and starts with no indicator.
    fn flow_seq(&mut self, v: usize, ce: usize) -> Step<Node<'a>> {
        let b = self.b;
        let mut items = Vec::new();
        let mut i = skip_spaces(b, v + 1, ce);
        if i >= ce || b[i] != b']' {
            loop {
                if i >= ce {
                    return Err("a flow sequence over lines");
                }
                let item = match b[i] {
                    b'"' => quoted::double(self.file, i, ce)?,
                    b'\'' => quoted::single(self.file, i, ce)?,
                    // A `match`, not `contains`: a byte slice's `contains` is a `memchr` call.
                    b' ' | b'-' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&'
                    | b'*' | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' => {
                        return Err("a flow item starting with an indicator");
                    }
                    _ => {
                        let mut j = i;
                        let mut last = i;
                        while j < ce
                            && !matches!(
                                b[j],
                                b',' | b'[' | b']' | b'{' | b'}' | b':' | b'#' | b'?'
                            )
                        {
                            if b[j] != b' ' {
                                last = j + 1;
                            }
                            j += 1;
                        }
                        self.plain_node(i, last)?
                    }
                };
                i = skip_spaces(b, item.span.end, ce);
                items.push(item);
                match b.get(i).filter(|_| i < ce) {
                    Some(b',') => {
                        i = skip_spaces(b, i + 1, ce);
                        if i < ce && b[i] == b']' {
                            return Err("a trailing comma in a flow sequence");
                        }
                    }
                    Some(b']') => break,
                    _ => return Err("a flow sequence with other content, or over lines"),
                }
            }
        }
        // `builder` ends a flow sequence past its `]`.
        Ok(Node {
            kind: NodeKind::Seq { items, flow: true },
            span: v..i + 1,
            tagged: false,
            link: Link::Own,
        })
    }
}

/// The bytes a key is read of after its first: letters, digits, `_-./` and any byte of a
/// non-ASCII character. A table: the test ran for every byte of every key of every post.
const KEY_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b >= 0x80 || matches!(b, b'_' | b'-' | b'.' | b'/');
        c += 1;
    }
    t
};

fn skip_spaces(b: &[u8], mut i: usize, ce: usize) -> usize {
    while i < ce && b[i] == b' ' {
        i += 1;
    }
    i
}

mod block;
mod quoted;
#[cfg(test)]
mod tests;
