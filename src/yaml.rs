//! A span-keeping YAML reader for front matter.
//!
//! saphyr-parser gives the events and their positions; this module builds a small tree from
//! them, with byte spans into the file, and resolves plain scalars the way Jekyll's loader
//! (Ruby's Psych, YAML 1.1) does: `yes` is true, `010` is 8, `1:20` is 4800. A YAML 1.2 reading
//! would judge those types wrongly, so resolution is ours rather than the parser's.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use saphyr_parser::{Event, Parser, ScalarStyle, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// A scalar as Psych resolves it.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    /// A plain scalar that Psych reads as a Time (`2021-07-20 10:40:01 +0800`).
    Time(String),
    /// A plain scalar that Psych reads as a Date (`2021-07-20`).
    Date(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Scalar {
        value: Scalar,
        style: Style,
    },
    Seq {
        items: Vec<Node>,
        flow: bool,
    },
    Map {
        entries: Vec<(Node, Node)>,
        flow: bool,
    },
    Alias,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    /// Byte range in the file: from the first character of the node (a quote or bracket
    /// included) to the end of its last character.
    pub span: Range<usize>,
    pub tagged: bool,
}

impl Node {
    pub fn scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    pub fn style(&self) -> Option<Style> {
        match &self.kind {
            NodeKind::Scalar { style, .. } => Some(*style),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self.scalar()? {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Ruby truthiness, as Jekyll tests flags (`published`, `future`): all but nil and false.
    pub fn is_truthy(&self) -> bool {
        !matches!(self.scalar(), Some(Scalar::Null | Scalar::Bool(false)))
    }

    pub fn is_null(&self) -> bool {
        matches!(self.scalar(), Some(Scalar::Null))
    }

    /// How Jekyll would print this value (Liquid's to_s), for messages and comparisons.
    pub fn display(&self) -> String {
        match &self.kind {
            NodeKind::Scalar { value, .. } => match value {
                Scalar::Null => String::new(),
                Scalar::Bool(b) => b.to_string(),
                Scalar::Int(i) => i.to_string(),
                Scalar::Float(f) => f.to_string(),
                Scalar::Str(s) | Scalar::Time(s) | Scalar::Date(s) => s.clone(),
            },
            NodeKind::Seq { items, .. } => items
                .iter()
                .map(Node::display)
                .collect::<Vec<_>>()
                .join(", "),
            NodeKind::Map { .. } => "{…}".into(),
            NodeKind::Alias => "*alias".into(),
        }
    }

    /// Psych's class name for the value, for "expected a string, found …" messages.
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar { value, .. } => match value {
                Scalar::Null => "null",
                Scalar::Bool(_) => "a boolean",
                Scalar::Int(_) => "an integer",
                Scalar::Float(_) => "a float",
                Scalar::Str(_) => "a string",
                Scalar::Time(_) => "a timestamp",
                Scalar::Date(_) => "a date",
            },
            NodeKind::Seq { .. } => "a list",
            NodeKind::Map { .. } => "a mapping",
            NodeKind::Alias => "an alias",
        }
    }
}

/// One top-level `key: value` pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// No content at all, or only comments: Jekyll reads it as an empty mapping.
    Empty,
    Mapping(Vec<Entry>),
    /// Anything else at the top (a list, a scalar): Jekyll cannot use it as front matter.
    Other(Node),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    /// Byte offset in the file.
    pub offset: usize,
}

/// Parses `file[range]` as one YAML document. Spans in the result are byte offsets into `file`.
pub fn parse(file: &str, range: Range<usize>) -> Result<Document, YamlError> {
    let first = parse_block(file, range.clone());
    if first.is_ok() {
        return first;
    }
    // Psych (libyaml) is laxer than saphyr in two ways real posts rely on. Retry with the text
    // adjusted so saphyr reads what Psych reads; the first error stands if that fails too.
    // 1. A tab where YAML wants separating space (`key:<TAB>value`): read as a space, same
    //    length, so every span stays right.
    let mut text = if file[range.clone()].contains('\t') {
        soften_tabs(file, range.clone())
    } else {
        file.to_string()
    };
    // 2. A quoted title continued on the next line at column 0: indent that line by one space
    //    (the line break folds to one space either way) and map the spans back.
    let mut inserted: Vec<usize> = Vec::new();
    for _ in 0..64 {
        let block = range.start..range.end + inserted.len();
        match parse_block(&text, block) {
            Ok(doc) => return Ok(remap(doc, &inserted)),
            Err(e) if e.message.contains("invalid indentation in quoted scalar") => {
                // saphyr points at the scalar's opening quote; indent its continuation lines.
                let lines = continuation_lines(&text, e.offset);
                if lines.is_empty() {
                    break;
                }
                for &line_start in lines.iter().rev() {
                    for p in inserted.iter_mut().filter(|p| **p >= line_start) {
                        *p += 1;
                    }
                    inserted.push(line_start);
                    text.insert(line_start, ' ');
                }
            }
            Err(_) => break,
        }
    }
    first
}

/// Starts of the lines inside the quoted scalar opening at `open` that begin at column 0.
fn continuation_lines(text: &str, open: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let Some(&q) = bytes.get(open).filter(|b| matches!(b, b'"' | b'\'')) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if q == b'"' => i += 1,
            b if b == q => {
                if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    break;
                }
            }
            b'\n' if !matches!(bytes.get(i + 1), Some(b' ' | b'\t' | b'\n' | b'\r') | None) => {
                out.push(i + 1)
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Maps spans of a text with single spaces inserted at `inserted` (positions in that text)
/// back to the original.
fn remap(doc: Document, inserted: &[usize]) -> Document {
    if inserted.is_empty() {
        return doc;
    }
    let map = |o: usize| o - inserted.iter().filter(|&&p| p < o).count();
    fn node(n: &mut Node, map: &dyn Fn(usize) -> usize) {
        n.span = map(n.span.start)..map(n.span.end);
        match &mut n.kind {
            NodeKind::Seq { items, .. } => items.iter_mut().for_each(|i| node(i, map)),
            NodeKind::Map { entries, .. } => entries.iter_mut().for_each(|(k, v)| {
                node(k, map);
                node(v, map);
            }),
            _ => {}
        }
    }
    match doc {
        Document::Mapping(mut entries) => {
            for e in &mut entries {
                e.key_span = map(e.key_span.start)..map(e.key_span.end);
                node(&mut e.value, &map);
            }
            Document::Mapping(entries)
        }
        Document::Other(mut n) => {
            node(&mut n, &map);
            Document::Other(n)
        }
        Document::Empty => Document::Empty,
    }
}

/// Replaces tabs that separate (after `:`, `-`, `,`, `[`, `{` or at a line's start, and the
/// tabs and spaces that follow them) by spaces.
fn soften_tabs(file: &str, range: Range<usize>) -> String {
    let mut out = String::with_capacity(file.len());
    out.push_str(&file[..range.start]);
    let mut prev = '\n';
    let mut in_separator = true;
    for c in file[range.clone()].chars() {
        if c == '\t' && (in_separator || matches!(prev, ':' | '-' | ',' | '[' | '{' | '\n')) {
            out.push(' ');
            in_separator = true;
        } else {
            in_separator = (c == ' ' && in_separator) || matches!(c, '\n');
            if c == ' ' && matches!(prev, ':' | '-' | ',' | '[' | '{' | '\n') {
                in_separator = true;
            }
            out.push(c);
        }
        prev = c;
    }
    out.push_str(&file[range.end..]);
    out
}

fn parse_block(file: &str, range: Range<usize>) -> Result<Document, YamlError> {
    let block = &file[range.clone()];
    let offsets = CharOffsets::new(block, range.start);
    let mut builder = Builder {
        file,
        offsets: &offsets,
        stack: Vec::new(),
        root: None,
    };
    let mut parser = Parser::new_from_str(block);
    loop {
        match parser.next_event() {
            None => break,
            Some(Err(e)) => {
                return Err(YamlError {
                    message: e.info().to_string(),
                    offset: offsets.byte(e.marker().index()),
                });
            }
            Some(Ok((event, span))) => {
                let done = builder.event(event, span);
                if done {
                    break;
                }
            }
        }
    }
    Ok(match builder.root {
        None => Document::Empty,
        Some(node) => match node.kind {
            NodeKind::Scalar {
                value: Scalar::Null,
                ..
            } => Document::Empty,
            NodeKind::Map { entries, .. } => {
                let mut out = Vec::with_capacity(entries.len());
                for (k, v) in entries {
                    out.push(Entry {
                        key: k.display(),
                        key_span: k.span,
                        value: v,
                    });
                }
                Document::Mapping(out)
            }
            _ => Document::Other(node),
        },
    })
}

/// saphyr counts positions in characters; the file model counts bytes.
struct CharOffsets {
    base: usize,
    /// Byte offset of each char, only when the block is not ASCII.
    table: Option<Vec<usize>>,
    len: usize,
}

impl CharOffsets {
    fn new(block: &str, base: usize) -> Self {
        let table = (!block.is_ascii()).then(|| block.char_indices().map(|(b, _)| b).collect());
        CharOffsets {
            base,
            table,
            len: block.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        let local = match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).copied().unwrap_or(self.len),
        };
        self.base + local
    }
}

enum Frame {
    Seq {
        start: usize,
        items: Vec<Node>,
        flow: bool,
        tagged: bool,
    },
    Map {
        start: usize,
        entries: Vec<(Node, Node)>,
        pending_key: Option<Node>,
        flow: bool,
        tagged: bool,
    },
}

struct Builder<'a> {
    file: &'a str,
    offsets: &'a CharOffsets,
    stack: Vec<Frame>,
    root: Option<Node>,
}

impl Builder<'_> {
    /// Returns true when the first document is complete.
    fn event(&mut self, event: Event<'_>, span: Span) -> bool {
        let start = self.offsets.byte(span.start.index());
        let end = self.offsets.byte(span.end.index());
        match event {
            Event::Scalar(text, style, _, tag) => {
                let tagged = tag.is_some();
                let (value, style) = match style {
                    ScalarStyle::Plain => {
                        let value = match tag.as_deref() {
                            Some(t) if t.suffix == "str" => Scalar::Str(text.into_owned()),
                            _ => resolve_plain(&text),
                        };
                        (value, Style::Plain)
                    }
                    ScalarStyle::SingleQuoted => {
                        (Scalar::Str(text.into_owned()), Style::SingleQuoted)
                    }
                    ScalarStyle::DoubleQuoted => {
                        (Scalar::Str(text.into_owned()), Style::DoubleQuoted)
                    }
                    ScalarStyle::Literal => (Scalar::Str(text.into_owned()), Style::Literal),
                    ScalarStyle::Folded => (Scalar::Str(text.into_owned()), Style::Folded),
                };
                let end = self.scalar_end(start, end, style);
                self.push(Node {
                    kind: NodeKind::Scalar { value, style },
                    span: start..end,
                    tagged,
                });
            }
            Event::Alias(_) => self.push(Node {
                kind: NodeKind::Alias,
                span: start..end,
                tagged: false,
            }),
            Event::SequenceStart(_, tag) => self.stack.push(Frame::Seq {
                start,
                items: Vec::new(),
                flow: self.is_flow_open(start, '['),
                tagged: tag.is_some(),
            }),
            Event::MappingStart(_, tag) => self.stack.push(Frame::Map {
                start,
                entries: Vec::new(),
                pending_key: None,
                flow: self.is_flow_open(start, '{'),
                tagged: tag.is_some(),
            }),
            Event::SequenceEnd => {
                if let Some(Frame::Seq {
                    start: s,
                    items,
                    flow,
                    tagged,
                }) = self.stack.pop()
                {
                    let last = items.last().map_or(s + 1, |n| n.span.end);
                    let e = if flow {
                        self.closing(last, b']').unwrap_or(end.max(last))
                    } else {
                        last
                    };
                    self.push(Node {
                        kind: NodeKind::Seq { items, flow },
                        span: s..e,
                        tagged,
                    });
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map {
                    start: s,
                    entries,
                    flow,
                    tagged,
                    ..
                }) = self.stack.pop()
                {
                    let last = entries.last().map_or(s + 1, |(_, v)| v.span.end);
                    let e = if flow {
                        self.closing(last, b'}').unwrap_or(end.max(last))
                    } else {
                        last
                    };
                    self.push(Node {
                        kind: NodeKind::Map { entries, flow },
                        span: s..e,
                        tagged,
                    });
                }
            }
            Event::DocumentEnd => return self.root.is_some(),
            Event::StreamEnd => return true,
            Event::Nothing | Event::StreamStart | Event::DocumentStart(_) => {}
        }
        false
    }

    /// saphyr's end marker can lie past a quoted scalar's closing quote (in flow lists it
    /// takes the following space), and past a plain one's trailing blanks: find the real end.
    fn scalar_end(&self, start: usize, end: usize, style: Style) -> usize {
        let bytes = self.file.as_bytes();
        match style {
            Style::DoubleQuoted | Style::SingleQuoted => {
                let q = if style == Style::DoubleQuoted {
                    b'"'
                } else {
                    b'\''
                };
                // A tag or anchor may come before the opening quote.
                let Some(open) = bytes[start..].iter().position(|&b| b == q) else {
                    return end;
                };
                let mut i = start + open + 1;
                while i < bytes.len() {
                    let b = bytes[i];
                    if style == Style::DoubleQuoted && b == b'\\' {
                        i += 2;
                        continue;
                    }
                    if b == q {
                        if style == Style::SingleQuoted && bytes.get(i + 1) == Some(&b'\'') {
                            i += 2;
                            continue;
                        }
                        return i + 1;
                    }
                    i += 1;
                }
                end
            }
            Style::Plain => {
                let mut e = end;
                while e > start && matches!(bytes[e - 1], b' ' | b'\t' | b'\r' | b'\n') {
                    e -= 1;
                }
                e
            }
            Style::Literal | Style::Folded => end,
        }
    }

    /// The end of a flow collection: just past the first `close` after its last item. saphyr's
    /// end marker can lie further, past a trailing comment, which a fix must not swallow.
    fn closing(&self, from: usize, close: u8) -> Option<usize> {
        let bytes = self.file.as_bytes();
        let mut i = from;
        while i < bytes.len() {
            match bytes[i] {
                b if b == close => return Some(i + 1),
                b' ' | b'\t' | b'\r' | b'\n' | b',' => i += 1,
                b'#' => {
                    // A comment inside the collection, up to the end of its line.
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                _ => return None,
            }
        }
        None
    }

    fn is_flow_open(&self, start: usize, open: char) -> bool {
        self.file
            .get(start..)
            .is_some_and(|rest| rest.starts_with(open))
    }

    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                pending_key,
                ..
            }) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
}

static STRING_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^0-9.:\-]?[\p{Alphabetic}_ \t\r\n\x0c\x0b!@#$%^&*(){}<>|/\\~;=]+").unwrap()
});
static NULL_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(~|null)$").unwrap());
static TRUE_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(yes|true|on)$").unwrap());
static FALSE_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(no|false|off)$").unwrap());
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{4}-(?:1[012]|0[0-9]|[0-9])-(?:[12][0-9]|3[01]|0[0-9]|[0-9])$").unwrap()
});
static INF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^[-+]?\.inf$").unwrap());
static NAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^\.nan$").unwrap());
static SEXAGESIMAL_INT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$").unwrap());
static SEXAGESIMAL_FLOAT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\.[0-9_]*$").unwrap());
static FLOAT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?$").unwrap());
static INTEGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$")
        .unwrap()
});

/// Resolves a plain scalar as Psych's ScalarScanner#tokenize does (Psych 4/5, as in Jekyll 4.3).
pub fn resolve_plain(s: &str) -> Scalar {
    if s.is_empty() {
        return Scalar::Null;
    }
    if STRING_LIKE.is_match(s) || s.contains('\n') {
        if s.chars().count() > 5 {
            return Scalar::Str(s.into());
        }
        let first = s.chars().next().unwrap_or(' ').to_ascii_lowercase();
        if !matches!(first, 'y' | 't' | 'o' | 'n' | 'f' | '~') {
            return Scalar::Str(s.into());
        }
        if NULL_WORD.is_match(s) {
            return Scalar::Null;
        }
        if TRUE_WORD.is_match(s) {
            return Scalar::Bool(true);
        }
        if FALSE_WORD.is_match(s) {
            return Scalar::Bool(false);
        }
        return Scalar::Str(s.into());
    }
    if let Some(valid) = crate::datetime::psych_time(s) {
        // Psych falls back to a string when Time.utc rejects a component (month 13, hour 25).
        return if valid {
            Scalar::Time(s.into())
        } else {
            Scalar::Str(s.into())
        };
    }
    if DATE.is_match(s) {
        // Psych's Date.strptime rejects 2021-02-30 and keeps the string.
        return if crate::datetime::ymd_exists(s) {
            Scalar::Date(s.into())
        } else {
            Scalar::Str(s.into())
        };
    }
    if INF.is_match(s) {
        return Scalar::Float(if s.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if NAN.is_match(s) {
        return Scalar::Float(f64::NAN);
    }
    if s.starts_with(':') && s.len() > 1 {
        // A Ruby symbol; Jekyll's safe loader would not even accept it. Treat as text.
        return Scalar::Str(s.into());
    }
    if SEXAGESIMAL_INT.is_match(s) {
        return match sexagesimal(s) {
            Some(v) => Scalar::Int(v),
            None => Scalar::Str(s.into()),
        };
    }
    if SEXAGESIMAL_FLOAT.is_match(s) {
        let neg = s.starts_with('-');
        let body = s.trim_start_matches(['-', '+']);
        let mut total = 0.0;
        for (e, part) in body.split(':').enumerate() {
            let weight = 60f64.powi((e as i32 - 2).abs());
            total += part.replace('_', "").parse::<f64>().unwrap_or(0.0) * weight;
        }
        return Scalar::Float(if neg { -total } else { total });
    }
    if FLOAT.is_match(s) {
        if s.trim_start_matches(['-', '+']) == "." {
            return Scalar::Str(s.into());
        }
        let cleaned: String = s.chars().filter(|c| *c != ',' && *c != '_').collect();
        let cleaned = cleaned.replace(".e", "e").replace(".E", "E");
        let cleaned = cleaned.strip_suffix('.').unwrap_or(&cleaned).to_string();
        return match cleaned.parse::<f64>() {
            Ok(f) => Scalar::Float(f),
            Err(_) => Scalar::Str(s.into()),
        };
    }
    if INTEGER.is_match(s) {
        return match parse_ruby_int(s) {
            Some(v) => Scalar::Int(v),
            None => Scalar::Str(s.into()),
        };
    }
    Scalar::Str(s.into())
}

fn sexagesimal(s: &str) -> Option<i128> {
    let neg = s.starts_with('-');
    let body = s.trim_start_matches(['-', '+']);
    // Psych weighs part e by 60^|e-2|: `1:20` is 1×3600 + 20×60, hours and minutes.
    let mut total: i128 = 0;
    for (e, part) in body.split(':').enumerate() {
        let n: i128 = part.replace('_', "").parse().ok()?;
        let weight = 60i128.pow((e as i32 - 2).unsigned_abs());
        total = total.checked_add(n.checked_mul(weight)?)?;
    }
    Some(if neg { -total } else { total })
}

/// Ruby's `Integer("…")` after Psych deletes `,` and `_`: prefixes 0b, 0x and a leading 0 (octal).
fn parse_ruby_int(s: &str) -> Option<i128> {
    let cleaned: String = s.chars().filter(|c| *c != ',' && *c != '_').collect();
    let (neg, body) = match cleaned.as_bytes().first() {
        Some(b'-') => (true, &cleaned[1..]),
        Some(b'+') => (false, &cleaned[1..]),
        _ => (false, &cleaned[..]),
    };
    let v = if let Some(b) = body.strip_prefix("0b") {
        i128::from_str_radix(b, 2).ok()?
    } else if let Some(h) = body.strip_prefix("0x") {
        i128::from_str_radix(h, 16).ok()?
    } else if body.len() > 1 && body.starts_with('0') {
        i128::from_str_radix(&body[1..], 8).ok()?
    } else {
        body.parse().ok()?
    };
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_psych() {
        assert_eq!(resolve_plain("yes"), Scalar::Bool(true));
        assert_eq!(resolve_plain("On"), Scalar::Bool(true));
        assert_eq!(resolve_plain("Off"), Scalar::Bool(false));
        assert_eq!(resolve_plain("no"), Scalar::Bool(false));
        assert_eq!(resolve_plain("~"), Scalar::Null);
        assert_eq!(resolve_plain("NULL"), Scalar::Null);
        assert_eq!(resolve_plain("010"), Scalar::Int(8));
        assert_eq!(resolve_plain("0x1F"), Scalar::Int(31));
        assert_eq!(resolve_plain("1_000"), Scalar::Int(1000));
        assert_eq!(resolve_plain("1:20"), Scalar::Int(4800));
        assert_eq!(resolve_plain("2021"), Scalar::Int(2021));
        assert_eq!(resolve_plain("y"), Scalar::Str("y".into()));
        assert_eq!(resolve_plain("1e3"), Scalar::Str("1e3".into()));
        assert_eq!(resolve_plain("08"), Scalar::Str("08".into()));
        assert_eq!(resolve_plain("1.5"), Scalar::Float(1.5));
        assert_eq!(resolve_plain("联合早报"), Scalar::Str("联合早报".into()));
        assert_eq!(resolve_plain("yesterday"), Scalar::Str("yesterday".into()));
        assert_eq!(
            resolve_plain("2021-07-20"),
            Scalar::Date("2021-07-20".into())
        );
        assert_eq!(
            resolve_plain("2021-02-30"),
            Scalar::Str("2021-02-30".into())
        );
        assert_eq!(
            resolve_plain("2021-07-20T10:40:01.779Z"),
            Scalar::Time("2021-07-20T10:40:01.779Z".into())
        );
        assert_eq!(
            resolve_plain("2021-07-20 18:40:01 +0800"),
            Scalar::Time("2021-07-20 18:40:01 +0800".into())
        );
        assert_eq!(
            resolve_plain("2021-13-20T10:40:01Z"),
            Scalar::Str("2021-13-20T10:40:01Z".into())
        );
    }

    fn doc(text: &str) -> Vec<Entry> {
        match parse(text, 0..text.len()).unwrap() {
            Document::Mapping(e) => e,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn spans_are_bytes_and_cover_quotes_and_brackets() {
        let text = "title: \"联合 \\\"x\\\"\"\ntags: [ 联合早报, b ]\nplain: 中文 words  \n";
        let e = doc(text);
        assert_eq!(&text[e[0].key_span.clone()], "title");
        assert_eq!(&text[e[0].value.span.clone()], "\"联合 \\\"x\\\"\"");
        assert_eq!(e[0].value.as_str(), Some("联合 \"x\""));
        assert_eq!(&text[e[1].value.span.clone()], "[ 联合早报, b ]");
        assert!(matches!(e[1].value.kind, NodeKind::Seq { flow: true, .. }));
        assert_eq!(&text[e[2].value.span.clone()], "中文 words");
    }

    #[test]
    fn flow_collection_span_stops_at_its_bracket() {
        let text = "tags: [ a, b ] # note\nm: { k: v }  # c\ne: []\n";
        let e = doc(text);
        assert_eq!(&text[e[0].value.span.clone()], "[ a, b ]");
        assert_eq!(&text[e[1].value.span.clone()], "{ k: v }");
        assert_eq!(&text[e[2].value.span.clone()], "[]");
    }

    #[test]
    fn block_sequence_span_ends_at_last_item() {
        let text = "tags:\n  - a\n  - 'b'\nnext: 1\n";
        let e = doc(text);
        assert_eq!(&text[e[0].value.span.clone()], "- a\n  - 'b'");
        assert!(matches!(e[0].value.kind, NodeKind::Seq { flow: false, .. }));
    }

    #[test]
    fn errors_carry_file_offsets() {
        let text = "---\ntitle: \"unclosed\nx: 1\n";
        let err = parse(text, 4..text.len()).unwrap_err();
        assert!(err.offset >= 4, "{err:?}");
    }

    #[test]
    fn psych_leniencies_are_accepted() {
        let text = "title: \"Los programas serán\njuzgados por Matz\"\nlang: es\n";
        let e = doc(text);
        assert_eq!(
            e[0].value.as_str(),
            Some("Los programas serán juzgados por Matz")
        );
        assert_eq!(
            &text[e[0].value.span.clone()],
            "\"Los programas serán\njuzgados por Matz\""
        );
        assert_eq!(&text[e[1].value.span.clone()], "es");
        let tabbed = "layout:\tpost\ntitle: \"a\"\n";
        let e = doc(tabbed);
        assert_eq!(e[0].value.as_str(), Some("post"));
        assert_eq!(&tabbed[e[1].value.span.clone()], "\"a\"");
    }

    #[test]
    fn empty_and_comment_only_blocks_are_empty() {
        assert_eq!(parse("", 0..0).unwrap(), Document::Empty);
        assert_eq!(parse("# c\n", 0..4).unwrap(), Document::Empty);
        assert!(matches!(parse("- a\n", 0..4).unwrap(), Document::Other(_)));
    }
}
