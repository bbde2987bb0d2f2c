//! Byte offsets (what fmlint's spans are) to and from LSP positions: a line and a column
//! counted in the code units the client and server agreed on (`positionEncoding`).
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol defines them; a position never
//! lands inside a line ending or inside a character. Hand-written because it is the protocol's
//! arithmetic on fmlint's own text, a few lines with no crate that matches.

use lsp_types::{Position, PositionEncodingKind, Range};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The client's offer, in its order of preference, read for the cheapest we both know:
    /// UTF-8 (fmlint's own offsets), then UTF-32, else the protocol's default UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        let offered = offered.unwrap_or(&[]);
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Where each line of a text starts and where its content ends (before its line ending).
#[derive(Debug, Clone, Default)]
pub struct LineMap {
    lines: Vec<(usize, usize)>,
}

impl LineMap {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut lines = Vec::new();
        let (mut start, mut i) = (0, 0);
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    lines.push((start, i));
                    start = i + 1;
                }
                b'\r' => {
                    lines.push((start, i));
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        lines.push((start, bytes.len()));
        LineMap { lines }
    }

    /// The position of a byte offset (clamped to the text, a character's start, a line's content).
    pub fn position(&self, text: &str, enc: Encoding, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.lines.partition_point(|&(s, _)| s <= offset) - 1;
        let (start, end) = self.lines[line];
        let offset = offset.min(end);
        let character: usize = text[start..offset].chars().map(|c| enc.units(c)).sum();
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, text: &str, enc: Encoding, span: &std::ops::Range<usize>) -> Range {
        Range::new(
            self.position(text, enc, span.start),
            self.position(text, enc, span.end.max(span.start)),
        )
    }

    /// The byte offset of a position. A line past the end is the end of the text; a column past
    /// the line's end is the line's end; a column inside a character is that character's start.
    pub fn offset(&self, text: &str, enc: Encoding, pos: Position) -> usize {
        let Some(&(start, end)) = self.lines.get(pos.line as usize) else {
            return text.len();
        };
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let next = units + enc.units(c);
            if next > want {
                return start + i;
            }
            units = next;
        }
        end
    }

    /// A byte range from an LSP range, start and end in order.
    pub fn span(&self, text: &str, enc: Encoding, range: Range) -> std::ops::Range<usize> {
        let a = self.offset(text, enc, range.start);
        let b = self.offset(text, enc, range.end);
        a.min(b)..a.max(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_each_encoding() {
        let text = "title: 联合😀x\r\nnext\rlone\n";
        let map = LineMap::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(map.position(text, Encoding::Utf8, x), Position::new(0, 17));
        assert_eq!(map.position(text, Encoding::Utf16, x), Position::new(0, 11));
        assert_eq!(map.position(text, Encoding::Utf32, x), Position::new(0, 10));
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let p = map.position(text, enc, x);
            assert_eq!(map.offset(text, enc, p), x);
        }
        // Inside CRLF: the end of the line's content; a lone CR ends a line too.
        let cr = text.find('\r').unwrap();
        assert_eq!(
            map.position(text, Encoding::Utf16, cr + 1),
            Position::new(0, 11 + 1)
        );
        let lone = text.find("lone").unwrap();
        assert_eq!(
            map.position(text, Encoding::Utf16, lone),
            Position::new(2, 0)
        );
        assert_eq!(
            map.offset(text, Encoding::Utf16, Position::new(1, 99)),
            cr + 2 + 4
        );
        assert_eq!(
            map.offset(text, Encoding::Utf16, Position::new(9, 0)),
            text.len()
        );
        // Half of a surrogate pair, or inside a UTF-8 sequence: the character's start.
        let emoji = text.find('😀').unwrap();
        assert_eq!(
            map.offset(text, Encoding::Utf16, Position::new(0, 10)),
            emoji
        );
        assert_eq!(
            map.offset(text, Encoding::Utf8, Position::new(0, 14)),
            emoji
        );
        assert_eq!(
            map.position(text, Encoding::Utf8, emoji + 2),
            Position::new(0, 13)
        );
        assert_eq!(
            map.position(text, Encoding::Utf8, text.len()),
            Position::new(3, 0)
        );
    }

    #[test]
    fn negotiation_prefers_utf8_then_utf32() {
        use PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[K::UTF16])), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF16, K::UTF32])),
            Encoding::Utf32
        );
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF16, K::UTF8])),
            Encoding::Utf8
        );
    }
}
