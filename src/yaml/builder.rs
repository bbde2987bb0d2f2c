//! Events to nodes, as Jekyll's loader builds its Ruby values.
//!
//! The events come from libyaml-safer, a port of libyaml: Psych *is* libyaml, so the text
//! Psych refuses is refused here, with libyaml's words and position, and no leniency of ours
//! needs emulating (fmlint once rewrote the text to mimic Psych; reading with libyaml ended
//! that). What Psych adds above libyaml is written by hand after `Psych::Visitors::ToRuby`
//! (Psych 4, Ruby 3.1), since no crate does it: aliases read as copies of their anchor, `<<`
//! merge keys (`links`), explicit tags and the classes
//! `Psych.safe_load(permitted_classes: [Date, Time])` refuses (`tags`), plain scalars typed
//! as `ScalarScanner` types them (`resolve`). `Loader::SafeYaml` reads as the `safe_yaml` gem
//! does instead (GitHub Pages, the released Jekyll gems).

use std::collections::HashMap;
use std::ops::Range;

use libyaml_safer::{Event, EventData, MappingStyle, Parser, ScalarStyle, SequenceStyle};

use super::Loader;
use super::links::{count, is_merge_key, merge, relink};
use super::model::{ErrorKind, Link, Node, NodeKind, Scalar, Style, YamlError};
use super::spans::{clamp, closing, content_start, scalar_end};
use super::{resolve, tags};

/// Psych reads an alias as a reference; fmlint copies. A few nested aliases can ask for
/// billions of copies (the "billion laughs"): past this many nodes fmlint gives up.
const NODE_BUDGET: usize = 200_000;
/// How deep collections may nest. libyaml sets no limit, and the tree is walked recursively
/// afterwards (by the rules, `Clone`, `Drop`): a post of 100,000 `[` would overflow a worker's
/// stack, which no one can catch. Psych's recursive loader runs out of stack there too.
const MAX_DEPTH: usize = 512;
/// How much of the document is still parsed after a refusal, looking for a syntax error that
/// would win over it, counted as the nesting depth summed over the events. libyaml's scanner
/// takes time in proportion to the depth for each token, so the rest of a hostile nest
/// (100,000 `[`) took it 40 seconds; past this budget (about a tenth of a second of its work)
/// the refusal stands, as its message says ("fmlint stops there").
const REST_BUDGET: usize = 10_000_000;

/// The first document of `file[range]`, its root node (None when empty), and whether the
/// reading could differ under the other loader (a tag, a merge key, a symbol, `a:b`).
pub struct Composed<'a> {
    pub root: Option<Node<'a>>,
    pub loader_sensitive: bool,
    /// The end of an explicit `---` that starts the document, where its content lines begin
    /// (on the next line): the decoration of the first entry starts there.
    pub marker_end: Option<usize>,
}

/// Its nodes own their text: libyaml's events hand it over as strings.
pub fn compose(
    file: &str,
    range: Range<usize>,
    loader: Loader,
) -> Result<Composed<'static>, YamlError> {
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
        marker_end: None,
    };
    // Psych parses the whole document before it builds Ruby values: a syntax error anywhere
    // in it wins over a refused value before it. So the first refusal waits for the end, or
    // for the rest's budget (see `REST_BUDGET`).
    let mut refused: Option<YamlError> = None;
    let (mut depth, mut work) = (0usize, 0usize);
    loop {
        let event = match parser.parse() {
            Ok(e) => e,
            Err(e) => return Err(syntax_error(file, range.start, &e)),
        };
        if refused.is_some() {
            match event.data {
                EventData::DocumentEnd { .. } | EventData::StreamEnd => break,
                EventData::SequenceStart { .. } | EventData::MappingStart { .. } => depth += 1,
                EventData::SequenceEnd | EventData::MappingEnd => depth = depth.saturating_sub(1),
                _ => {}
            }
            work += depth;
            if work > REST_BUDGET {
                break;
            }
            continue;
        }
        match b.event(event) {
            Ok(true) => break,
            Ok(false) => {}
            Err(e) => {
                depth = b.stack.len();
                refused = Some(e);
            }
        }
    }
    if let Some(e) = refused {
        return Err(e);
    }
    Ok(Composed {
        root: b.root,
        loader_sensitive: b.sensitive,
        marker_end: b.marker_end,
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

enum Frame {
    Seq {
        start: usize,
        items: Vec<Node<'static>>,
        flow: bool,
        tagged: bool,
        anchor: Option<String>,
    },
    Map {
        start: usize,
        entries: Vec<(Node<'static>, Node<'static>)>,
        pending_key: Option<Node<'static>>,
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
    root: Option<Node<'static>>,
    anchors: HashMap<String, Node<'static>>,
    budget: usize,
    sensitive: bool,
    marker_end: Option<usize>,
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
                let start = content_start(self.file, start, end, true);
                let end = scalar_end(self.file, start, end, style);
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
                    return Err(YamlError::refused(
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
                let start = content_start(self.file, start, end, false);
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
                let start = content_start(self.file, start, end, false);
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
                        closing(self.file, last, b']').unwrap_or(end.max(last))
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
                        closing(self.file, last, b'}').unwrap_or(end.max(last))
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
            EventData::DocumentStart { implicit, .. } => {
                if !implicit {
                    self.marker_end = Some(end);
                }
            }
            EventData::StreamStart { .. } => {}
        }
        Ok(false)
    }

    /// A completed node: registered under its anchor, then added to its parent.
    fn finish(&mut self, mut node: Node<'static>, anchor: Option<String>) -> Result<(), YamlError> {
        if let Some(a) = anchor {
            relink(&mut node, Link::Anchor);
            self.anchors.insert(a, node.clone());
        }
        self.push(node)
    }

    fn spend(&mut self, node: &Node, span: Range<usize>) -> Result<(), YamlError> {
        let n = count(node);
        if n > self.budget {
            return Err(YamlError::refused(
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
    ) -> Result<Scalar<'static>, YamlError> {
        let (loader, sensitive) = (self.loader, &mut self.sensitive);
        let Some(tag) = tag else {
            if style != Style::Plain {
                return Ok(Scalar::Str(text.to_string().into()));
            }
            return resolve::tokenize(text, loader, span, sensitive).map(Scalar::into_owned);
        };
        // A tagged scalar is never "quoted" to Psych: its tag decides, even on `!!int "12"`.
        *sensitive = true;
        if loader == Loader::SafeYaml {
            // safe_yaml ignores tags and guesses from the text alone.
            return resolve::tokenize(text, loader, span, sensitive).map(Scalar::into_owned);
        }
        tags::scalar(text, tag, span, || {
            resolve::tokenize(text, loader, span, sensitive)
        })
        .map(Scalar::into_owned)
    }

    /// The nesting limit, then the tags on a collection that `safe_load` refuses.
    fn check_collection_tag(
        &mut self,
        tag: Option<&str>,
        span: Range<usize>,
        map: bool,
    ) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(YamlError::refused(
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
        tags::collection(tag, span, map)
    }

    /// Adds a node to the collection being built, or makes it the root.
    fn push(&mut self, node: Node<'static>) -> Result<(), YamlError> {
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
}
