//! The top-level entries of a front matter with their decoration: the comment and blank lines
//! above each key and the comment ending its last line (`Decor`), so that style fixes move an
//! entry with its comments without reading the text again.
//!
//! Computed from the spans the builder already has, once per reading, touching only the bytes
//! between one entry's value and the next key: the rest of a value's last line, and the key's
//! indentation. No `#` inside a value is taken for a comment, since the search starts where
//! libyaml ends the value (after a closing quote, a bracket, a plain scalar's last character).

use std::ops::Range;

use super::model::{Decor, Document, Entry, Link, Node, NodeKind, Scalar};

/// The document that `root` is, its top-level entries decorated. `range` is the text read;
/// `marker_end` the end of its `---`, when it starts with one.
pub(super) fn document<'a>(
    file: &str,
    range: Range<usize>,
    marker_end: Option<usize>,
    root: Option<Node<'a>>,
) -> Document<'a> {
    let Some(node) = root else {
        return Document::Empty;
    };
    match node.kind {
        NodeKind::Scalar {
            value: Scalar::Null,
            ..
        } => Document::Empty,
        NodeKind::Map { entries, .. } => {
            let mut prev_end = first_line(file, &range, marker_end);
            Document::Mapping(
                entries
                    .into_iter()
                    .map(|(k, v)| entry(file, range.end, &mut prev_end, k, v))
                    .collect(),
            )
        }
        _ => Document::Other(node),
    }
}

/// Where the first entry's lines start: below the `---` line, or where the text read starts.
pub(super) fn first_line(file: &str, range: &Range<usize>, marker_end: Option<usize>) -> usize {
    match marker_end {
        Some(m) => line_end(file, m, range.end).1,
        None => range.start,
    }
}

/// The entry `k: v`, decorated, below `prev_end` (the previous entry's end, which becomes this
/// one's) and before `limit`. The fast reader makes its entries with it as it reads them.
pub(super) fn entry<'a>(
    file: &str,
    limit: usize,
    prev_end: &mut usize,
    k: Node<'a>,
    v: Node<'a>,
) -> Entry<'a> {
    let decor = decorate(file, limit, *prev_end, &k, &v);
    *prev_end = decor.end;
    Entry {
        key_span: k.span.clone(),
        key: k.into_display(),
        value: v,
        decor,
    }
}

/// One entry's decoration, below `prev_end` (the previous entry's `end`) and before `limit`.
fn decorate(file: &str, limit: usize, prev_end: usize, key: &Node, value: &Node) -> Decor {
    if key.link == Link::Merged {
        // Its text is in the merged mapping, elsewhere: nothing here is its own. The `<<`
        // key's lines go with the next entry, as the lines above it do.
        return Decor {
            above: prev_end..prev_end,
            trailing: None,
            end: prev_end,
            own_lines: false,
        };
    }
    let bytes = file.as_bytes();
    let key_start = key.span.start;
    // The start of the key's line, looked for only back to the previous entry's end.
    let line_start = (key_start >= prev_end).then(|| {
        // Byte loops, not memchr: the gaps are a byte or two, shorter than memchr's set-up.
        match bytes[prev_end..key_start].iter().rposition(|&b| b == b'\n') {
            Some(i) => Some(prev_end + i + 1),
            None => at_line_start(bytes, prev_end).then_some(prev_end),
        }
    });
    let (above, own_lines) = match line_start.flatten() {
        Some(l) => (prev_end..l, l == key_start),
        None => (key_start..key_start, false),
    };
    // The value's last character: a block scalar's span takes the line breaks after it.
    let mut last = value.span.end.max(key.span.end);
    while last > key.span.end && matches!(bytes[last - 1], b'\n' | b'\r') {
        last -= 1;
    }
    let (content_end, end) = line_end(file, last.min(limit), limit);
    let mut hash = last.min(content_end);
    while hash < content_end && matches!(bytes[hash], b' ' | b'\t') {
        hash += 1;
    }
    let trailing = (hash < content_end && bytes[hash] == b'#').then_some(hash..content_end);
    Decor {
        above,
        trailing,
        end,
        own_lines,
    }
}

/// From `at`, the end of its line's content (before `\r\n` or `\n`) and the start of the next
/// line, neither past `limit`.
fn line_end(file: &str, at: usize, limit: usize) -> (usize, usize) {
    let bytes = file.as_bytes();
    match bytes[at..limit].iter().position(|&b| b == b'\n') {
        Some(i) => {
            let nl = at + i;
            let content = if nl > at && bytes[nl - 1] == b'\r' {
                nl - 1
            } else {
                nl
            };
            (content, nl + 1)
        }
        None => (limit, limit),
    }
}

fn at_line_start(bytes: &[u8], at: usize) -> bool {
    at == 0 || bytes[at - 1] == b'\n'
}

#[cfg(test)]
mod tests;
