//! The front matter as fmlint reads it: a tree of nodes with byte spans into the file and
//! each scalar resolved to the Ruby value Psych gives Jekyll.
//!
//! A node's text is borrowed from the file where the file holds it as it reads (a plain
//! scalar on one line, a quoted one without escapes, a key: nearly all of them), and owned
//! where reading made it (escapes, folded lines, libyaml's events). A post is read for every
//! post of an archive; a copy of each of its strings was an allocation each, 17 a generated
//! post. What outlives its text (a site's `defaults:`) is made owned with `into_owned`.

use std::borrow::Cow;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// An integer as Ruby's: up to 128 bits, kept as two halves so that a node aligns to 8 bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Int([u64; 2]);

impl Int {
    pub fn get(self) -> i128 {
        ((u128::from(self.0[0]) << 64) | u128::from(self.0[1])) as i128
    }
}

impl From<i128> for Int {
    fn from(v: i128) -> Self {
        let u = v as u128;
        Int([(u >> 64) as u64, u as u64])
    }
}

impl std::fmt::Display for Int {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl std::fmt::Debug for Int {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// A scalar's text: borrowed from the file being read, or made by reading it.
pub type Text<'a> = Cow<'a, str>;

/// A scalar as Psych resolves it.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar<'a> {
    Null,
    Bool(bool),
    Int(Int),
    Float(f64),
    Str(Text<'a>),
    /// A plain scalar that Psych reads as a Time (`2021-07-20 10:40:01 +0800`).
    Time(Text<'a>),
    /// A plain scalar that Psych reads as a Date (`2021-07-20`).
    Date(Text<'a>),
}

impl Scalar<'_> {
    /// The same value, owning its text.
    pub fn into_owned(self) -> Scalar<'static> {
        match self {
            Scalar::Null => Scalar::Null,
            Scalar::Bool(b) => Scalar::Bool(b),
            Scalar::Int(i) => Scalar::Int(i),
            Scalar::Float(f) => Scalar::Float(f),
            Scalar::Str(s) => Scalar::Str(Cow::Owned(s.into_owned())),
            Scalar::Time(s) => Scalar::Time(Cow::Owned(s.into_owned())),
            Scalar::Date(s) => Scalar::Date(Cow::Owned(s.into_owned())),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind<'a> {
    Scalar {
        value: Scalar<'a>,
        style: Style,
    },
    Seq {
        items: Vec<Node<'a>>,
        flow: bool,
    },
    Map {
        entries: Vec<(Node<'a>, Node<'a>)>,
        flow: bool,
    },
}

/// Whose text a node is. Psych reads an alias as a copy of its anchor's node and a merge key
/// (`<<`) as the merged mapping's entries: their value is right, but their text is elsewhere
/// (or shared), so a fix must not rewrite them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Written here, read once.
    Own,
    /// Inside an anchored node (`&a …`): an alias may read the same text.
    Anchor,
    /// Read through an alias (`*a`): the span is the alias; children point at the anchor.
    Alias,
    /// Brought in by a merge key (`<<`): the span is in the merged mapping.
    Merged,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub kind: NodeKind<'a>,
    /// Byte range in the file: from the first character of the node (a quote or bracket
    /// included) to the end of its last character.
    pub span: Range<usize>,
    pub tagged: bool,
    pub link: Link,
}

impl<'a> Node<'a> {
    /// The same node, owning its text (for what outlives the text it was read from).
    pub fn into_owned(self) -> Node<'static> {
        Node {
            kind: match self.kind {
                NodeKind::Scalar { value, style } => NodeKind::Scalar {
                    value: value.into_owned(),
                    style,
                },
                NodeKind::Seq { items, flow } => NodeKind::Seq {
                    items: items.into_iter().map(Node::into_owned).collect(),
                    flow,
                },
                NodeKind::Map { entries, flow } => NodeKind::Map {
                    entries: entries
                        .into_iter()
                        .map(|(k, v)| (k.into_owned(), v.into_owned()))
                        .collect(),
                    flow,
                },
            },
            span: self.span,
            tagged: self.tagged,
            link: self.link,
        }
    }

    /// Whether a fix may rewrite this node's text: it is written here, and nothing else reads it.
    pub fn is_own(&self) -> bool {
        self.link == Link::Own
    }

    pub fn scalar(&self) -> Option<&Scalar<'a>> {
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

    /// [`Node::display`], taking a string's text instead of copying it (a mapping's keys).
    pub fn into_display(self) -> Text<'a> {
        match self.kind {
            NodeKind::Scalar {
                value: Scalar::Str(s) | Scalar::Time(s) | Scalar::Date(s),
                ..
            } => s,
            _ => Cow::Owned(self.display()),
        }
    }

    /// How Jekyll would print this value (Liquid's to_s), for messages and comparisons.
    pub fn display(&self) -> String {
        match &self.kind {
            NodeKind::Scalar { value, .. } => match value {
                Scalar::Null => String::new(),
                Scalar::Bool(b) => b.to_string(),
                Scalar::Int(i) => i.to_string(),
                Scalar::Float(f) => f.to_string(),
                Scalar::Str(s) | Scalar::Time(s) | Scalar::Date(s) => s.to_string(),
            },
            NodeKind::Seq { items, .. } => items
                .iter()
                .map(Node::display)
                .collect::<Vec<_>>()
                .join(", "),
            NodeKind::Map { .. } => "{…}".into(),
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
        }
    }
}

/// One top-level `key: value` pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    pub key: Text<'a>,
    pub key_span: Range<usize>,
    pub value: Node<'a>,
    /// The comments and blank lines that go with it. Empty for an entry brought in by a
    /// merge key, whose text is elsewhere; the default for entries not read from a front
    /// matter's top level.
    pub decor: Decor,
}

/// The text around a top-level entry that belongs to it, found once while reading, so that a
/// fix can move an entry with its comments. Byte ranges into the file, as spans are.
///
/// ```text
/// layout: post
///                         ┐ above: the blank and comment lines since the
/// # the post's title      ┘        previous entry's last line
/// title: "A # in quotes"  # shown in lists   ← trailing
///                                            ← end: past this line's break
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decor {
    /// Whole lines, line breaks included, from the previous entry's `end` (for the first
    /// entry, the line after `---`, or the start of the text read) to the start of the key's
    /// line: blank lines, comment lines, and a `<<` merge key's lines, which are no entry's
    /// own. Empty when there are none, and when the key is on the previous entry's last line
    /// (a flow mapping).
    pub above: Range<usize>,
    /// The comment that ends the entry's last line, from its `#` to the end of the line (the
    /// line break, `\r\n` or `\n`, excluded). A `#` inside a quoted value is no comment: the
    /// search starts after the value's text.
    pub trailing: Option<Range<usize>>,
    /// Just past the line break of the entry's last line (the line of its value's last
    /// character), or the end of the text read when that line has none.
    pub end: usize,
    /// Whether the key starts its line, at the left margin, below the previous entry's lines:
    /// only then are `above.start..end` whole lines that hold this entry and nothing else
    /// (a flow mapping's entries share their lines, an indented mapping's keys do not start
    /// theirs).
    pub own_lines: bool,
}

impl Entry<'_> {
    /// The entry's lines with its decoration: what moves when the entry moves. None when it
    /// does not have its lines to itself.
    pub fn lines(&self) -> Option<Range<usize>> {
        self.decor
            .own_lines
            .then_some(self.decor.above.start..self.decor.end)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Document<'a> {
    /// No content at all, or only comments: Jekyll reads it as an empty mapping.
    Empty,
    Mapping(Vec<Entry<'a>>),
    /// Anything else at the top (a list, a scalar): Jekyll cannot use it as front matter.
    Other(Node<'a>),
}

/// Why Psych, as Jekyll calls it, gives no data for the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// Psych's own words: `problem context` for a syntax error (without its `(<unknown>): `
    /// prefix and `at line … column …` suffix), the exception's message otherwise.
    pub message: String,
    /// Byte offset in the file, where Psych's `line`/`column` point.
    pub offset: usize,
    pub kind: ErrorKind,
    /// The value that caused a load error, when there is one (a symbol, a tagged node).
    pub span: Option<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `Psych::SyntaxError` (libyaml refused the text): Jekyll logs `YAML Exception reading …`.
    Syntax,
    /// The text is YAML but `Psych.safe_load` refuses a value (`Psych::DisallowedClass`,
    /// `Psych::BadAlias`, a `!!float` that is no number): Jekyll logs `could not read file …`.
    Load,
    /// The value asks for a class Jekyll's loader does not permit (Symbol and the like).
    DisallowedClass,
}

impl YamlError {
    /// A value Psych's loader refuses (not a syntax error), at the value.
    pub(super) fn refused(kind: ErrorKind, message: String, span: Range<usize>) -> YamlError {
        YamlError {
            message,
            offset: span.start,
            kind,
            span: Some(span),
        }
    }

    /// `Psych::DisallowedClass`, in its words.
    pub(super) fn disallowed(class: &str, span: Range<usize>) -> YamlError {
        YamlError::refused(
            ErrorKind::DisallowedClass,
            format!("Tried to load unspecified class: {class}"),
            span,
        )
    }
}
