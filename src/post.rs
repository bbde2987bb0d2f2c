//! The post model: one file split into front matter, preamble (timestamp comment and header
//! link) and body, with byte offsets, a line index and the parsed front matter. Built once per
//! file; every rule reads it.

use std::ops::Range;
use std::path::Path;

use crate::yaml::{self, Document, Entry, Loader, YamlError};

/// A line of the file: its content without the line ending, and where the next line starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub content: Range<usize>,
    pub next: usize,
    pub crlf: bool,
}

/// The line starting at `start`, or `None` at the end of the file.
pub fn line_at(text: &str, start: usize) -> Option<Line> {
    let b = text.as_bytes();
    // memchr itself: `str::find` wraps it in a searcher set up anew for every line.
    (start < b.len()).then(|| line_ending_at(b, start, memchr::memchr(b'\n', &b[start..])))
}

/// The lines from `start` on, each as [`line_at`] gives it: one `memchr` iterator finds the
/// line feeds, which costs less a line than a search started afresh at each (FM604 walks every
/// post's front matter this way).
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
        if self.pos >= self.text.len() {
            return None;
        }
        let feed = self.feeds.next().map(|i| self.base + i - self.pos);
        let line = line_ending_at(self.text, self.pos, feed);
        self.pos = line.next;
        Some(line)
    }
}

/// The line of `b` that starts at `start`, whose line feed is `feed` bytes on (none: the
/// line runs to the end).
fn line_ending_at(b: &[u8], start: usize, feed: Option<usize>) -> Line {
    let (mut end, next) = match feed {
        Some(i) => (start + i, start + i + 1),
        None => (b.len(), b.len()),
    };
    let crlf = end > start && b[end - 1] == b'\r';
    if crlf {
        end -= 1;
    }
    Line {
        content: start..end,
        next,
        crlf,
    }
}

/// The front-matter block as Jekyll finds it: `\A---\s*\n … ^(---|...)\s*$`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fence {
    /// The opening line, without its line ending.
    pub open: Range<usize>,
    /// The YAML between the fences (whole lines, line endings included).
    pub yaml: Range<usize>,
    /// The closing line, without its line ending.
    pub close: Range<usize>,
    /// Where the text after the closing line starts.
    pub after: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// The file does not open with `---` (after an optional BOM).
    NoFrontMatter,
    /// An opening line but no closing one: Jekyll reads the whole file as content.
    Unterminated {
        open: Range<usize>,
    },
    Found(Fence),
}

fn is_fence_line(text: &str, line: &Line, allow_dots: bool) -> bool {
    let s = &text[line.content.clone()];
    let rest = if let Some(r) = s.strip_prefix("---") {
        r
    } else if allow_dots && s.starts_with("...") {
        &s[3..]
    } else {
        return false;
    };
    rest.chars().all(char::is_whitespace)
}

pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

pub fn split(text: &str) -> Split {
    split_by(text, closing_line)
}

/// [`split`], with the line that closes the front matter opened by the first line found by
/// `close`: the tests give it the walk line by line that [`closing_line`] replaced.
fn split_by(text: &str, close: fn(&str, &Line) -> Option<Line>) -> Split {
    let start = bom_len(text);
    let Some(first) = line_at(text, start) else {
        return Split::NoFrontMatter;
    };
    // Jekyll's opening needs a line break after it, so a file that is only `---` has none.
    if !is_fence_line(text, &first, false) || first.next == first.content.end {
        return Split::NoFrontMatter;
    }
    match close(text, &first) {
        Some(line) => Split::Found(Fence {
            open: first.content.clone(),
            yaml: first.next..line.content.start,
            close: line.content.clone(),
            after: line.next,
        }),
        None => Split::Unterminated {
            open: first.content,
        },
    }
}

/// The line that closes the front matter opened by `first`. Only a line that starts with `---`
/// or `...` can: those are searched for, not every line's end. The next `---` is kept while it
/// lies ahead: searched for again after each `...` line that closes nothing, a hostile run of
/// them would be searched as many times (a megabyte of `...x` lines took seconds).
fn closing_line(text: &str, first: &Line) -> Option<Line> {
    let b = text.as_bytes();
    let dashes_from = |from: usize| FENCE_DASHES.find(&b[from..]).map(|i| from + i);
    // At a line feed: the one ending the opening line, first.
    let mut from = first.next - 1;
    let mut dashes = dashes_from(from);
    loop {
        let dots = FENCE_DOTS
            .find(&b[from..dashes.unwrap_or(b.len())])
            .map(|i| from + i);
        let feed = dots.or(dashes)?;
        let line = line_at(text, feed + 1).expect("a line starts after the feed");
        if is_fence_line(text, &line, true) {
            return Some(line);
        }
        from = feed + 1;
        if dashes.is_some_and(|d| d < from) {
            dashes = dashes_from(from);
        }
    }
}

/// The starts of the lines that may close a front matter, found with one search each.
static FENCE_DASHES: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"\n---"));
static FENCE_DOTS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"\n..."));

/// `<!--…-->` on the line right after the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampComment {
    /// The whole line's content.
    pub line: Range<usize>,
    /// Between `<!--` and `-->`.
    pub inner: Range<usize>,
}

/// `[text](url)` followed by a line of dashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderLink {
    pub line: Range<usize>,
    pub text: Range<usize>,
    pub url: Range<usize>,
    pub underline: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preamble {
    pub timestamp: Option<TimestampComment>,
    /// Where the header is expected: the line after the timestamp, or after the front matter.
    pub header_at: usize,
    pub header: Option<HeaderLink>,
}

fn parse_timestamp(text: &str, line: &Line) -> Option<TimestampComment> {
    let s = &text[line.content.clone()];
    let trimmed = s.trim_end();
    if trimmed.starts_with("<!--") && trimmed.ends_with("-->") && trimmed.len() >= 7 {
        let base = line.content.start;
        Some(TimestampComment {
            line: base..base + trimmed.len(),
            inner: base + 4..base + trimmed.len() - 3,
        })
    } else {
        None
    }
}

/// Parses `[text](url)` spanning the whole line; brackets and parentheses may nest, and `\`
/// escapes the next character.
fn parse_link(text: &str, line: &Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
    parse_link_by(text, line, link_text_end, parens_balance)
}

/// [`parse_link`], with the bracket that ends the link's text found by `text_end` and the
/// URL's parentheses judged by `balanced`: the tests give it the byte-by-byte scans those
/// replaced.
fn parse_link_by(
    text: &str,
    line: &Range<usize>,
    text_end: fn(&[u8]) -> Option<usize>,
    balanced: fn(&[u8]) -> bool,
) -> Option<(Range<usize>, Range<usize>)> {
    let bytes = text[line.clone()].trim_end().as_bytes();
    if bytes.first() != Some(&b'[') {
        return None;
    }
    let close = text_end(bytes)?;
    if bytes.get(close + 1) != Some(&b'(') || bytes.last() != Some(&b')') {
        return None;
    }
    let url_start = close + 2;
    let url_end = bytes.len() - 1;
    // The URL's own parentheses must balance, or the `)` we took as the end is not the end.
    if !balanced(&bytes[url_start..url_end]) {
        return None;
    }
    let mut url = url_start..url_end;
    if bytes.get(url.start) == Some(&b'<') && url.end > url.start && bytes[url.end - 1] == b'>' {
        url = url.start + 1..url.end - 1;
    }
    let base = line.start;
    Some((base + 1..base + close, base + url.start..base + url.end))
}

/// The `]` that closes the `[` starting `bytes`, brackets nested. The bytes that matter are
/// found by `memchr`: a title runs for dozens of bytes between them. The byte after a
/// backslash is escaped, whatever it is.
fn link_text_end(bytes: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut escaped = 0;
    for i in memchr::memchr3_iter(b'\\', b'[', b']', bytes) {
        if i < escaped {
            continue;
        }
        match bytes[i] {
            b'\\' => escaped = i + 2,
            b'[' => depth += 1,
            _ => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
        }
    }
    None
}

/// Whether no `)` in `url` comes before its `(`.
fn parens_balance(url: &[u8]) -> bool {
    let mut depth = 0i32;
    for i in memchr::memchr2_iter(b'(', b')', url) {
        depth += if url[i] == b'(' { 1 } else { -1 };
        if depth < 0 {
            return false;
        }
    }
    true
}

fn is_underline(text: &str, line: &Line) -> bool {
    let s = text[line.content.clone()].trim_end();
    !s.is_empty() && s.bytes().all(|b| b == b'-')
}

pub fn preamble(text: &str, after: usize) -> Preamble {
    let first = line_at(text, after);
    let timestamp = first.as_ref().and_then(|l| parse_timestamp(text, l));
    let header_at = match (&timestamp, &first) {
        (Some(_), Some(l)) => l.next,
        _ => after,
    };
    let header = line_at(text, header_at).and_then(|l| {
        let (t, u) = parse_link(text, &l.content)?;
        let under = line_at(text, l.next)?;
        is_underline(text, &under).then(|| HeaderLink {
            line: l.content.clone(),
            text: t,
            url: u,
            underline: under.content,
        })
    });
    Preamble {
        timestamp,
        header_at,
        header,
    }
}

/// Everything the rules read about one post, built once.
#[derive(Debug)]
pub struct Post<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub split: Split,
    /// Parsed front matter (only when a fence was found).
    pub yaml: Option<Result<Document<'a>, YamlError>>,
    pub preamble: Option<Preamble>,
    /// The loader `yaml` was read with.
    pub loader: Loader,
    /// Whether the other loader might read the front matter otherwise (see `yaml::Reading`).
    pub loader_sensitive: bool,
}

impl<'a> Post<'a> {
    /// The post as the oracle's loader, Psych, reads it.
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        Self::with_loader(path, text, Loader::Psych)
    }

    pub fn with_loader(path: &'a Path, text: &'a str, loader: Loader) -> Self {
        let split = split(text);
        let (reading, preamble) = match &split {
            Split::Found(f) => (
                Some(yaml::read(text, yaml_range(f), loader)),
                Some(preamble(text, f.after)),
            ),
            _ => (None, None),
        };
        let loader_sensitive = reading.as_ref().is_some_and(|r| r.loader_sensitive);
        Post {
            path,
            text,
            split,
            yaml: reading.map(|r| r.document),
            preamble,
            loader,
            loader_sensitive,
        }
    }

    /// The front matter as the other loader reads it, when it could differ.
    pub fn other_reading(&self) -> Option<Result<Document<'a>, YamlError>> {
        let f = self.fence()?;
        self.loader_sensitive
            .then(|| yaml::read(self.text, yaml_range(f), self.loader.other()).document)
    }

    /// The line ending inserted lines take: the front matter's own (its opening line's).
    pub fn newline(&self) -> &'static str {
        let start = bom_len(self.text);
        if line_at(self.text, start).is_some_and(|l| l.crlf) {
            "\r\n"
        } else {
            "\n"
        }
    }

    pub fn fence(&self) -> Option<&Fence> {
        match &self.split {
            Split::Found(f) => Some(f),
            _ => None,
        }
    }

    /// The top-level entries, when the front matter is a mapping (or empty).
    pub fn entries(&self) -> Option<&[Entry<'a>]> {
        match self.yaml.as_ref()? {
            Ok(Document::Mapping(e)) => Some(e),
            Ok(Document::Empty) => Some(&[]),
            _ => None,
        }
    }

    /// The value Jekyll uses for a key: the last one, since Jekyll keeps the last duplicate.
    pub fn get(&self, key: &str) -> Option<&Entry<'a>> {
        self.entries()?.iter().rev().find(|e| same_key(&e.key, key))
    }

    pub fn slice(&self, r: &Range<usize>) -> &'a str {
        &self.text[r.clone()]
    }
}

/// `a == b` for a front matter's keys, the length and the first byte first: rules compare keys
/// dozens of times a post, and keys of one length (`date`, `from`, `tags`) cost a `memcmp`
/// call each.
#[inline]
pub fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// What Jekyll hands its YAML loader: from the opening `---` line (a document start marker to
/// libyaml) to the closing one, so that Psych's line numbers are the file's.
fn yaml_range(f: &Fence) -> Range<usize> {
    f.open.start..f.yaml.end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `lines_from` gives, from any start, the lines `line_at` gives one after another.
    fn lines_agree(text: &str) {
        for start in (0..=text.len() + 1).filter(|&s| s > text.len() || text.is_char_boundary(s)) {
            let mut pos = start;
            for l in lines_from(text, start) {
                assert_eq!(Some(l.clone()), line_at(text, pos), "{text:?} from {start}");
                pos = l.next;
            }
            assert_eq!(line_at(text, pos), None, "{text:?} from {start}");
        }
    }

    #[test]
    fn lines_at_their_edges() {
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
            lines_agree(text);
        }
        let l = line_at("a\r\nb", 0).unwrap();
        assert_eq!((l.content, l.next, l.crlf), (0..1, 3, true));
        assert_eq!(line_at("a\rb", 0).unwrap().content, 0..3);
    }

    /// `link_text_end` as it read the line byte by byte, before `memchr` found the brackets:
    /// its oracle.
    fn link_text_end_bytewise(bytes: &[u8]) -> Option<usize> {
        let (mut depth, mut i) = (0usize, 0);
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 1,
                b'[' => depth += 1,
                b']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// `parens_balance` byte by byte: its oracle.
    fn parens_balance_bytewise(url: &[u8]) -> bool {
        let mut depth = 0i32;
        for &b in url {
            match b {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth < 0 {
                        return false;
                    }
                }
                _ => {}
            }
        }
        true
    }

    /// Header-link lines: brackets nested and escaped, parentheses in the URL, `<…>`, a
    /// trailing blank; some are links, some not.
    const LINK_LINE: &str =
        "\\[([a-z联 ]|\\\\.|[\\[\\]()<>]){0,30}(\\]\\(([a-z:/.()<>\\\\]){0,20}\\))?[ ]?";

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]

        /// A header link is read as the byte-by-byte reading read it.
        #[test]
        fn links_found_as_byte_by_byte(line in LINK_LINE, lead in "[a ]{0,2}") {
            let text = format!("{lead}{line}\nrest");
            let range = lead.len()..lead.len() + line.len();
            let bytewise =
                parse_link_by(&text, &range, link_text_end_bytewise, parens_balance_bytewise);
            proptest::prop_assert_eq!(parse_link(&text, &range), bytewise);
        }
    }

    /// The proptest above is no vacuous test: its lines are links often enough, and not always.
    #[test]
    fn the_link_lines_are_often_links() {
        use proptest::strategy::{Strategy, ValueTree};
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = LINK_LINE;
        let links = (0..1000)
            .filter(|_| {
                let line = strategy.new_tree(&mut runner).unwrap().current();
                parse_link(&line, &(0..line.len())).is_some()
            })
            .count();
        assert!(
            (100..900).contains(&links),
            "{links} of 1000 lines are links"
        );
    }

    proptest::proptest! {
        #[test]
        fn lines_from_agrees_with_line_at(text in "[a \\t\\r\\n联-]{0,24}") {
            lines_agree(&text);
        }
    }

    /// The closing line as `split` found it before it searched for it, walking the lines one
    /// by one: [`closing_line`]'s oracle.
    fn closing_line_by_line(text: &str, first: &Line) -> Option<Line> {
        let mut pos = first.next;
        while let Some(line) = line_at(text, pos) {
            if is_fence_line(text, &line, true) {
                return Some(line);
            }
            pos = line.next;
        }
        None
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]

        /// The closing fence is found where walking the lines finds it, among lines that
        /// start like fences and are not, CRs, blanks and a BOM.
        #[test]
        fn splits_as_line_by_line(
            lines in proptest::collection::vec(
                "(---|\\.\\.\\.|--|-|\\.\\.|----|a: b|x---|)( |\\t|x|-|\\.)?( |\\r)?",
                0..8,
            ),
            breaks in proptest::collection::vec("\n|\r\n|\r", 8),
            bom in proptest::bool::ANY,
            opened in proptest::bool::ANY,
        ) {
            // Opened by a fence half the time, so that most texts have a front matter to close.
            let mut text = String::from(if bom { "\u{feff}" } else { "" });
            if opened {
                text.push_str("---\n");
            }
            for (l, nl) in lines.iter().zip(&breaks) {
                text.push_str(l);
                text.push_str(nl);
            }
            proptest::prop_assert_eq!(
                split(&text),
                split_by(&text, closing_line_by_line),
                "{:?}",
                text
            );
        }
    }

    #[test]
    fn splits_like_jekyll() {
        let t = "---  \r\ntitle: x\r\n...\r\nbody\r\n";
        match split(t) {
            Split::Found(f) => {
                assert_eq!(&t[f.open.clone()], "---  ");
                assert_eq!(&t[f.yaml.clone()], "title: x\r\n");
                assert_eq!(&t[f.close.clone()], "...");
                assert_eq!(&t[f.after..], "body\r\n");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(split("\u{feff}---\n---\n"), Split::Found(_)));
        assert_eq!(split("text\n---\nx\n---\n"), Split::NoFrontMatter);
        assert_eq!(split("---"), Split::NoFrontMatter);
        assert_eq!(split("--- x\n---\n"), Split::NoFrontMatter);
        assert!(matches!(
            split("---\ntitle: x\n"),
            Split::Unterminated { .. }
        ));
        assert!(matches!(
            split("---\ntitle: x\n----\n"),
            Split::Unterminated { .. }
        ));
    }

    #[test]
    fn reads_the_preamble() {
        let t = "<!--123-->\n[a \\[b\\] (c)](https://x.org/a_(b)?q=1#f)\n------\n\nbody";
        let p = preamble(t, 0);
        assert_eq!(&t[p.timestamp.unwrap().inner], "123");
        let h = p.header.unwrap();
        assert_eq!(&t[h.text], "a \\[b\\] (c)");
        assert_eq!(&t[h.url], "https://x.org/a_(b)?q=1#f");
    }

    #[test]
    fn header_without_underline_is_not_a_header() {
        let t = "[a](https://x.org)\n\nbody";
        assert!(preamble(t, 0).header.is_none());
        let t = "<!--1-->\n\n[a](https://x.org)\n---\n";
        assert!(preamble(t, 0).header.is_none());
    }
}
