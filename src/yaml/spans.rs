//! Where a node's own text is, from libyaml's marks: a fix rewrites a value by its span, so a
//! span must hold the value's text and nothing around it (its anchor and tag, the blanks
//! libyaml's end mark takes, a flow collection's closing bracket included).

use super::model::Style;

/// Where a node's own text starts: after its anchor and tag (`&a !!str "x"` → `"x"`), and
/// after the blanks, line breaks and comments that may follow them (`tags: &t # c` and the
/// list on the next line), so that a fix rewriting the value keeps them. A scalar whose
/// properties stand alone (`key: !!str`) is empty: it is where libyaml ends it.
pub(super) fn content_start(file: &str, start: usize, end: usize, scalar: bool) -> usize {
    let bytes = file.as_bytes();
    let blank = |b: u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let mut i = start;
    while matches!(bytes.get(i), Some(b'&' | b'!')) {
        while i < bytes.len() && !blank(bytes[i]) {
            i += 1;
        }
        loop {
            while i < bytes.len() && blank(bytes[i]) {
                i += 1;
            }
            if bytes.get(i) != Some(&b'#') {
                break;
            }
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        }
    }
    if scalar && i > end && end >= start {
        return end;
    }
    clamp(file, i)
}

/// libyaml's end mark of a plain scalar can take trailing blanks; of a block scalar, the
/// line breaks after it. Quoted ones end at their closing quote.
pub(super) fn scalar_end(file: &str, start: usize, end: usize, style: Style) -> usize {
    let bytes = file.as_bytes();
    let end = end.max(start);
    match style {
        Style::Plain => {
            let mut e = end;
            while e > start && matches!(bytes[e - 1], b' ' | b'\t' | b'\r' | b'\n') {
                e -= 1;
            }
            e
        }
        _ => end,
    }
}

/// The end of a flow collection: just past the first `close` after its last item. libyaml's
/// end mark is right; this also holds when the collection is empty.
pub(super) fn closing(file: &str, from: usize, close: u8) -> Option<usize> {
    let bytes = file.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b if b == close => return Some(i + 1),
            b' ' | b'\t' | b'\r' | b'\n' | b',' => i += 1,
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            _ => return None,
        }
    }
    None
}

/// A byte offset moved back to a character boundary, and into the file.
pub(super) fn clamp(file: &str, mut at: usize) -> usize {
    at = at.min(file.len());
    while !file.is_char_boundary(at) {
        at -= 1;
    }
    at
}
