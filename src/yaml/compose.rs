//! Events to nodes, as Jekyll's loader builds its Ruby values.
//!
//! The events come from libyaml-safer, a port of libyaml: Psych *is* libyaml, so the text
//! Psych refuses is refused here, with libyaml's words and position, and no leniency of ours
//! needs emulating. What Psych adds above libyaml is written here by hand, after
//! `Psych::Visitors::ToRuby` (Psych 4, Ruby 3.1), since no crate does it: aliases read as
//! copies of their anchor, `<<` merge keys, explicit tags, and the classes
//! `Psych.safe_load(permitted_classes: [Date, Time])` refuses. `Loader::SafeYaml` reads as the
//! `safe_yaml` gem does instead (GitHub Pages, the released Jekyll gems).

use std::collections::HashMap;
use std::ops::Range;

use libyaml_safer::{Event, EventData, MappingStyle, Parser, ScalarStyle, SequenceStyle};

use super::model::{ErrorKind, Link, Node, NodeKind, Scalar, Style, YamlError};
use super::{Loader, plain_is_symbol, resolve_plain};

/// Psych reads an alias as a reference; fmlint copies. A few nested aliases can ask for
/// billions of copies (the "billion laughs"): past this many nodes fmlint gives up.
const NODE_BUDGET: usize = 200_000;
/// How deep collections may nest. libyaml sets no limit, and the tree is walked recursively
/// afterwards (by the rules, `Clone`, `Drop`): a post of 100,000 `[` would overflow a worker's
/// stack, which no one can catch. Psych's recursive loader runs out of stack there too.
const MAX_DEPTH: usize = 512;

const STR_TAG: &str = "tag:yaml.org,2002:str";
const FLOAT_TAG: &str = "tag:yaml.org,2002:float";
const BINARY_TAG: &str = "tag:yaml.org,2002:binary";

/// The first document of `file[range]`, its root node (None when empty), and whether the
/// reading could differ under the other loader (a tag, a merge key, a symbol, `a:b`).
pub struct Composed {
    pub root: Option<Node>,
    pub loader_sensitive: bool,
}

pub fn compose(file: &str, range: Range<usize>, loader: Loader) -> Result<Composed, YamlError> {
    let mut input = file[range.clone()].as_bytes();
    let mut parser = Parser::new();
    parser.set_input_string(&mut input);
    let mut b = Builder {
        file,
        base: range.start,
        loader,
        stack: Vec::new(),
        root: None,
        anchors: HashMap::new(),
        budget: NODE_BUDGET,
        sensitive: false,
    };
    // Psych parses the whole document before it builds Ruby values: a syntax error anywhere
    // in it wins over a refused value before it. So the first refusal waits for the end.
    let mut refused: Option<YamlError> = None;
    loop {
        let event = match parser.parse() {
            Ok(e) => e,
            Err(e) => return Err(syntax_error(file, range.start, &e)),
        };
        if refused.is_some() {
            if matches!(
                event.data,
                EventData::DocumentEnd { .. } | EventData::StreamEnd
            ) {
                break;
            }
            continue;
        }
        match b.event(event) {
            Ok(true) => break,
            Ok(false) => {}
            Err(e) => refused = Some(e),
        }
    }
    if let Some(e) = refused {
        return Err(e);
    }
    Ok(Composed {
        root: b.root,
        loader_sensitive: b.sensitive,
    })
}

/// Psych's `SyntaxError`: `problem context`, at the context's mark when there is one (Psych
/// reports `context_mark`; libyaml sets it to the problem's own mark when there is no context).
fn syntax_error(file: &str, base: usize, e: &libyaml_safer::Error) -> YamlError {
    let message = match e.context() {
        Some(c) => format!("{} {c}", e.problem()),
        None => e.problem().to_string(),
    };
    let at = e.context_mark().or_else(|| e.problem_mark());
    let offset = at.map_or(base, |m| clamp(file, base + m.index as usize));
    YamlError {
        message,
        offset,
        kind: ErrorKind::Syntax,
        span: None,
    }
}

/// A byte offset moved back to a character boundary, and into the file.
fn clamp(file: &str, mut at: usize) -> usize {
    at = at.min(file.len());
    while !file.is_char_boundary(at) {
        at -= 1;
    }
    at
}

enum Frame {
    Seq {
        start: usize,
        items: Vec<Node>,
        flow: bool,
        tagged: bool,
        anchor: Option<String>,
    },
    Map {
        start: usize,
        entries: Vec<(Node, Node)>,
        pending_key: Option<Node>,
        flow: bool,
        tagged: bool,
        anchor: Option<String>,
    },
}

struct Builder<'a> {
    file: &'a str,
    base: usize,
    loader: Loader,
    stack: Vec<Frame>,
    root: Option<Node>,
    anchors: HashMap<String, Node>,
    budget: usize,
    sensitive: bool,
}

fn load_error(kind: ErrorKind, message: String, span: Range<usize>) -> YamlError {
    YamlError {
        message,
        offset: span.start,
        kind,
        span: Some(span),
    }
}

fn disallowed(class: &str, span: Range<usize>) -> YamlError {
    load_error(
        ErrorKind::DisallowedClass,
        format!("Tried to load unspecified class: {class}"),
        span,
    )
}

impl Builder<'_> {
    /// Returns true when the first document is complete.
    fn event(&mut self, event: Event) -> Result<bool, YamlError> {
        let start = clamp(self.file, self.base + event.start_mark.index as usize);
        let end = clamp(self.file, self.base + event.end_mark.index as usize);
        match event.data {
            EventData::Scalar {
                anchor,
                tag,
                value,
                style,
                ..
            } => {
                let style = match style {
                    ScalarStyle::SingleQuoted => Style::SingleQuoted,
                    ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                    ScalarStyle::Literal => Style::Literal,
                    ScalarStyle::Folded => Style::Folded,
                    _ => Style::Plain,
                };
                let start = self.content_start(start, end, true);
                let end = self.scalar_end(start, end, style);
                let span = start..end;
                let value = self.scalar(&value, tag.as_deref(), style, &span)?;
                let node = Node {
                    kind: NodeKind::Scalar { value, style },
                    span,
                    tagged: tag.is_some(),
                    link: Link::Own,
                };
                self.finish(node, anchor)?;
            }
            EventData::Alias { anchor } => {
                let Some(target) = self.anchors.get(&anchor) else {
                    return Err(load_error(
                        ErrorKind::Load,
                        format!("Unknown alias: {anchor}"),
                        start..end,
                    ));
                };
                let mut node = target.clone();
                self.spend(&node, start..end)?;
                relink(&mut node, Link::Alias);
                node.span = start..end;
                self.push(node)?;
            }
            EventData::SequenceStart {
                anchor, tag, style, ..
            } => {
                self.check_collection_tag(tag.as_deref(), start..end, false)?;
                let start = self.content_start(start, end, false);
                self.stack.push(Frame::Seq {
                    start,
                    items: Vec::new(),
                    flow: style == SequenceStyle::Flow,
                    tagged: tag.is_some(),
                    anchor,
                });
            }
            EventData::MappingStart {
                anchor, tag, style, ..
            } => {
                self.check_collection_tag(tag.as_deref(), start..end, true)?;
                let start = self.content_start(start, end, false);
                self.stack.push(Frame::Map {
                    start,
                    entries: Vec::new(),
                    pending_key: None,
                    flow: style == MappingStyle::Flow,
                    tagged: tag.is_some(),
                    anchor,
                });
            }
            EventData::SequenceEnd => {
                if let Some(Frame::Seq {
                    start: s,
                    items,
                    flow,
                    tagged,
                    anchor,
                }) = self.stack.pop()
                {
                    let last = items.last().map_or(s + 1, |n| n.span.end.max(s + 1));
                    let e = if flow {
                        self.closing(last, b']').unwrap_or(end.max(last))
                    } else {
                        last
                    };
                    let node = Node {
                        kind: NodeKind::Seq { items, flow },
                        span: s..e.min(self.file.len()),
                        tagged,
                        link: Link::Own,
                    };
                    self.finish(node, anchor)?;
                }
            }
            EventData::MappingEnd => {
                if let Some(Frame::Map {
                    start: s,
                    entries,
                    flow,
                    tagged,
                    anchor,
                    ..
                }) = self.stack.pop()
                {
                    let last = entries
                        .iter()
                        .filter(|(_, v)| v.link != Link::Merged)
                        .map(|(_, v)| v.span.end)
                        .next_back()
                        .map_or(s + 1, |e| e.max(s + 1));
                    let e = if flow {
                        self.closing(last, b'}').unwrap_or(end.max(last))
                    } else {
                        last
                    };
                    let node = Node {
                        kind: NodeKind::Map { entries, flow },
                        span: s..e.min(self.file.len()),
                        tagged,
                        link: Link::Own,
                    };
                    self.finish(node, anchor)?;
                }
            }
            EventData::DocumentEnd { .. } => return Ok(true),
            EventData::StreamEnd => return Ok(true),
            EventData::StreamStart { .. } | EventData::DocumentStart { .. } => {}
        }
        Ok(false)
    }

    /// A completed node: registered under its anchor, then added to its parent.
    fn finish(&mut self, mut node: Node, anchor: Option<String>) -> Result<(), YamlError> {
        if let Some(a) = anchor {
            relink(&mut node, Link::Anchor);
            self.anchors.insert(a, node.clone());
        }
        self.push(node)
    }

    fn spend(&mut self, node: &Node, span: Range<usize>) -> Result<(), YamlError> {
        let n = count(node);
        if n > self.budget {
            return Err(load_error(
                ErrorKind::Load,
                format!("aliases expand to more than {NODE_BUDGET} nodes; fmlint stops there"),
                span,
            ));
        }
        self.budget -= n;
        Ok(())
    }

    /// What `ToRuby#deserialize` makes of a scalar.
    fn scalar(
        &mut self,
        text: &str,
        tag: Option<&str>,
        style: Style,
        span: &Range<usize>,
    ) -> Result<Scalar, YamlError> {
        let Some(tag) = tag else {
            if style != Style::Plain {
                return Ok(Scalar::Str(text.to_string()));
            }
            return self.tokenize(text, span);
        };
        // A tagged scalar is never "quoted" to Psych: its tag decides, even on `!!int "12"`.
        self.sensitive = true;
        if self.loader == Loader::SafeYaml {
            // safe_yaml ignores tags and guesses from the text alone.
            return self.tokenize(text, span);
        }
        if let Some(class) = class_of_string_tag(tag) {
            return match class {
                Some(c) => Err(disallowed(c, span.clone())),
                None => Ok(Scalar::Str(text.to_string())),
            };
        }
        match tag {
            BINARY_TAG | "!binary" => Ok(Scalar::Str(text.to_string())),
            "!ruby/object:BigDecimal" => Err(disallowed("BigDecimal", span.clone())),
            "!ruby/object:DateTime" => Err(disallowed("DateTime", span.clone())),
            "!ruby/object:Complex" => Err(disallowed("Complex", span.clone())),
            "!ruby/object:Rational" => Err(disallowed("Rational", span.clone())),
            "!ruby/class" | "!ruby/module" => Err(disallowed(text, span.clone())),
            "!ruby/regexp" => Err(disallowed("Regexp", span.clone())),
            "!ruby/range" => Err(disallowed("Range", span.clone())),
            t if t.starts_with("!ruby/sym") => Err(disallowed("Symbol", span.clone())),
            FLOAT_TAG | "!float" => ruby_float(self.tokenize(text, span)?, text, span),
            _ => self.tokenize(text, span),
        }
    }

    /// `ScalarScanner#tokenize` under the loader's rules.
    fn tokenize(&mut self, text: &str, span: &Range<usize>) -> Result<Scalar, YamlError> {
        if plain_is_symbol(text) {
            self.sensitive = true;
            return match self.loader {
                Loader::Psych => Err(disallowed("Symbol", span.clone())),
                Loader::SafeYaml => Ok(Scalar::Str(text.to_string())),
            };
        }
        let value = resolve_plain(text);
        if is_sexagesimal(text, &value) {
            self.sensitive = true;
            if self.loader == Loader::SafeYaml {
                return Ok(safe_yaml_sexagesimal(text).unwrap_or(value));
            }
        }
        Ok(value)
    }

    /// Tags on a collection that `safe_load` refuses: a Ruby class it does not permit.
    fn check_collection_tag(
        &mut self,
        tag: Option<&str>,
        span: Range<usize>,
        map: bool,
    ) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(load_error(
                ErrorKind::Load,
                format!("collections nest more than {MAX_DEPTH} deep; fmlint stops there"),
                span,
            ));
        }
        let Some(tag) = tag else { return Ok(()) };
        self.sensitive = true;
        if self.loader == Loader::SafeYaml {
            return Ok(());
        }
        const CLASS_PREFIXES: [&str; 6] = [
            "!ruby/object:",
            "!ruby/hash:",
            "!ruby/struct:",
            "!ruby/exception:",
            "!ruby/hash-with-ivars:",
            "!ruby/array:",
        ];
        if let Some(class) = CLASS_PREFIXES.iter().find_map(|p| tag.strip_prefix(p)) {
            return Err(disallowed(class, span));
        }
        match tag {
            "tag:yaml.org,2002:set" | "!set" if map => Err(disallowed("Psych::Set", span)),
            "!ruby/range" => Err(disallowed("Range", span)),
            "!ruby/regexp" => Err(disallowed("Regexp", span)),
            "!ruby/object" | "!ruby/struct" | "!ruby/exception" => Err(disallowed("Object", span)),
            _ => Ok(()),
        }
    }

    /// Adds a node to the collection being built, or makes it the root.
    fn push(&mut self, node: Node) -> Result<(), YamlError> {
        let loader = self.loader;
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
                Some(k) => {
                    if is_merge_key(&k) {
                        self.sensitive = true;
                        merge(entries, k, node, loader);
                    } else {
                        entries.push((k, node));
                    }
                }
            },
        }
        Ok(())
    }

    /// Where a node's own text starts: after its anchor and tag (`&a !!str "x"` → `"x"`), and
    /// after the blanks, line breaks and comments that may follow them (`tags: &t # c` and the
    /// list on the next line), so that a fix rewriting the value keeps them. A scalar whose
    /// properties stand alone (`key: !!str`) is empty: it is where libyaml ends it.
    fn content_start(&self, start: usize, end: usize, scalar: bool) -> usize {
        let bytes = self.file.as_bytes();
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
        clamp(self.file, i)
    }

    /// libyaml's end mark of a plain scalar can take trailing blanks; of a block scalar, the
    /// line breaks after it. Quoted ones end at their closing quote.
    fn scalar_end(&self, start: usize, end: usize, style: Style) -> usize {
        let bytes = self.file.as_bytes();
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
    fn closing(&self, from: usize, close: u8) -> Option<usize> {
        let bytes = self.file.as_bytes();
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
}

/// `!str`, `!ruby/string`, `tag:yaml.org,2002:str`: Some(None) for a plain string, Some(class)
/// for a string subclass Psych would have to load.
fn class_of_string_tag(tag: &str) -> Option<Option<&str>> {
    if tag == STR_TAG {
        return Some(None);
    }
    let rest = tag
        .strip_prefix("!str")
        .or_else(|| tag.strip_prefix("!ruby/string"))?;
    match rest {
        "" => Some(None),
        r => {
            let class = r.strip_prefix(':')?;
            Some((!class.is_empty()).then_some(class))
        }
    }
}

/// Ruby's `Float(x)` on what `tokenize` gave: numbers convert, numeric strings parse, the rest
/// raise (`TypeError` for nil and booleans, `ArgumentError` for other text).
fn ruby_float(v: Scalar, text: &str, span: &Range<usize>) -> Result<Scalar, YamlError> {
    let fail = |m: String| Err(load_error(ErrorKind::Load, m, span.clone()));
    match v {
        Scalar::Int(i) => Ok(Scalar::Float(i as f64)),
        Scalar::Float(f) => Ok(Scalar::Float(f)),
        Scalar::Null => fail("can't convert nil into Float".into()),
        Scalar::Bool(b) => fail(format!("can't convert {b} into Float")),
        Scalar::Str(s) => match ruby_float_str(&s) {
            Some(f) => Ok(Scalar::Float(f)),
            None => fail(format!("invalid value for Float(): {text:?}")),
        },
        Scalar::Time(_) => fail("can't convert Time into Float".into()),
        Scalar::Date(_) => fail("can't convert Date into Float".into()),
    }
}

/// `Float("…")`: decimal digits with single underscores between them, an optional fraction
/// and exponent, blanks around.
fn ruby_float_str(s: &str) -> Option<f64> {
    let t = s.trim_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let b = t.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            let digit = |j: Option<&u8>| j.is_some_and(u8::is_ascii_digit);
            if !(i > 0 && digit(b.get(i - 1)) && digit(b.get(i + 1))) {
                return None;
            }
        }
    }
    let cleaned: String = t.chars().filter(|&c| c != '_').collect();
    let ok = cleaned
        .trim_start_matches(['+', '-'])
        .starts_with(|c: char| c.is_ascii_digit())
        && cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && !cleaned.ends_with('.');
    if !ok {
        return None;
    }
    cleaned.parse().ok()
}

/// Whether a plain scalar is Psych's sexagesimal number (`1:20`), read otherwise by safe_yaml.
fn is_sexagesimal(text: &str, value: &Scalar) -> bool {
    matches!(value, Scalar::Int(_) | Scalar::Float(_)) && text.contains(':')
}

/// safe_yaml's `Parse::Sexagesimal`: base 60 from the right (`1:20` is 80), always a Float.
fn safe_yaml_sexagesimal(text: &str) -> Option<Scalar> {
    let neg = text.starts_with('-');
    let body = text.trim_start_matches(['-', '+']);
    let (whole, frac) = match body.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let mut total = 0.0;
    let mut weight = 1.0;
    for part in whole.rsplit(':') {
        total += part.replace('_', "").parse::<f64>().ok()? * weight;
        weight *= 60.0;
    }
    if let Some(f) = frac {
        total += format!("0.{}", f.replace('_', ""))
            .parse::<f64>()
            .unwrap_or(0.0);
    }
    Some(Scalar::Float(if neg { -total } else { total }))
}

/// `key == '<<' && k.tag != "tag:yaml.org,2002:str"`: a `<<` key, quoted or not, unless
/// tagged `!!str`.
fn is_merge_key(k: &Node) -> bool {
    matches!(&k.kind, NodeKind::Scalar { value: Scalar::Str(s), .. } if s == "<<") && !k.tagged
}

/// `revive_hash`'s merge: a mapping (or an alias to one) adds its entries; a list of mappings
/// adds each, the first winning; anything else stays an ordinary `<<` key. Entries are kept as
/// assignments in order (the last one for a key is what Ruby's hash holds), so merged entries
/// go where the `<<` is.
fn merge(entries: &mut Vec<(Node, Node)>, key: Node, value: Node, loader: Loader) {
    let merged: Option<Vec<(Node, Node)>> = match &value.kind {
        NodeKind::Map { entries: m, .. } => {
            // safe_yaml merges only what is already complete when it meets the key: an
            // alias's mapping, never one written in place.
            if loader == Loader::SafeYaml && value.link != Link::Alias {
                Some(Vec::new())
            } else {
                Some(m.clone())
            }
        }
        NodeKind::Seq { items, .. } if value.link != Link::Alias => {
            if loader == Loader::SafeYaml {
                None
            } else {
                let mut all = Vec::new();
                let mut ok = true;
                for item in items.iter().rev() {
                    match &item.kind {
                        NodeKind::Map { entries: m, .. } => all.extend(m.iter().cloned()),
                        _ => ok = false,
                    }
                }
                ok.then_some(all)
            }
        }
        _ => None,
    };
    match merged {
        Some(list) => {
            for (mut k, mut v) in list {
                relink(&mut k, Link::Merged);
                relink(&mut v, Link::Merged);
                entries.push((k, v));
            }
        }
        None => entries.push((key, value)),
    }
}

/// Marks a node and everything in it as read through `link` (an alias or a merge wins over an
/// anchor, which wins over own text).
fn relink(node: &mut Node, link: Link) {
    let rank = |l: Link| match l {
        Link::Own => 0,
        Link::Anchor => 1,
        Link::Alias | Link::Merged => 2,
    };
    if rank(link) >= rank(node.link) {
        node.link = link;
    }
    match &mut node.kind {
        NodeKind::Seq { items, .. } => items.iter_mut().for_each(|n| relink(n, link)),
        NodeKind::Map { entries, .. } => entries.iter_mut().for_each(|(k, v)| {
            relink(k, link);
            relink(v, link);
        }),
        NodeKind::Scalar { .. } => {}
    }
}

fn count(node: &Node) -> usize {
    1 + match &node.kind {
        NodeKind::Seq { items, .. } => items.iter().map(count).sum(),
        NodeKind::Map { entries, .. } => entries.iter().map(|(k, v)| count(k) + count(v)).sum(),
        NodeKind::Scalar { .. } => 0,
    }
}
