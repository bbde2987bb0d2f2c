//! A deterministic generator of Jekyll posts for the `--fix` invariant tests: canonical posts
//! (the seed's shape, lint-clean), posts with defects that only safe fixes repair (their fixed
//! version is known: the canonical post they came from), and freely varied posts (every accepted
//! date form, YAML-special titles, comments, unknown keys, shuffled keys, CRLF, BOM…).
//!
//! Everything is a pure function of a seed, with its own small PRNG (SplitMix64), so that a
//! failure reproduces from the seed alone. Nothing here reads `../shared`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

// ---------------------------------------------------------------------------------------------
// Randomness

/// SplitMix64: tiny, fast, and the same on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// lo..=hi.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % ((hi - lo + 1) as u64)) as i64
    }

    /// True with the given probability in percent.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i + 1);
            xs.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Word pools

/// Title pieces a canonical post may hold: no HTML entity. Some read as another
/// type when unquoted (`yes`, `010`, `1:20`), some need quotes (`: `, ` #`, a leading `-`).
pub const SAFE_TITLE_PIECES: &[&str] = &[
    "中国外交部批美国纠集盟友指责中国网络攻击",
    "联合早报",
    "环线部分车站本周末暂停服务",
    "“三无外交”",
    "（更新）",
    "\"quoted\"",
    "it's",
    "'single'",
    "[更新]",
    "[Updated]",
    "(photo)",
    "C:\\path",
    "a\\b",
    "back\\",
    "10: 20",
    "a: b",
    "1:20",
    "#1",
    "# hash",
    "a #b",
    "- dash",
    "-1",
    "* star",
    "& amp",
    "! bang",
    "&anchor",
    "*alias",
    "!tag",
    "yes",
    "no",
    "No",
    "null",
    "~",
    "010",
    "2021",
    "3.5",
    "0x1F",
    "1_000",
    "true",
    "off",
    "On",
    "2021-07-20",
    "%percent",
    "@at",
    "`tick`",
    "{brace}",
    "a, b",
    "?",
    "? q",
    ":",
    ":sym",
    "—",
    "Ünïcödé",
    "emoji 🎉",
    "Q&A",
    "100%",
    "x|y",
    ">gt",
    "|pipe",
    "a  b",
    "tab\there",
];

/// Title pieces that trip bugs found by these tests (see the ignored tests in
/// `fix_invariants.rs`): an HTML entity, which the header rules compare decoded but the header
/// fix writes raw; a tab, which the whitespace fix turns into a space inside a plain scalar.
pub const BUGGY_TITLE_PIECES: &[&str] = &["&amp;", "a &lt;b&gt;"];

pub const AUTHORS: &[&str] = &[
    "联合早报",
    "Straits Flash",
    "BBC 中文",
    "南洋日报",
    "Reuters",
];

/// Terms that are strings and safe as plain items of a flow list.
pub const SAFE_TERMS: &[&str] = &[
    "联合早报",
    "国际",
    "China",
    "news-daily",
    "C++",
    "狮城快讯",
    "Straits_Flash",
    "中国",
    "Hong.Kong",
];

/// Terms that need care: spaces, YAML-special words, flow indicators.
pub const ODD_TERMS: &[&str] = &[
    "two words",
    "yes",
    "2021",
    "null",
    "a, b",
    "[x]",
    "#tag",
    "a: b",
    "1:20",
    "- x",
    "it's",
    "\"q\"",
    "x:y",
];

pub const COMMENTS: &[&str] = &[
    "# 来源：联合早报",
    "# TODO: check the date",
    "#no-space comment",
    "# a \"quoted\" #2 comment: yes",
    "#",
    "# ---",
];

pub const BODY_LINES: &[&str] = &[
    "<p>中国外交部今天（20日）指美国纠集盟友，在网络安全问题上对中国进行无理指责。</p>",
    "<p>Plain English paragraph with a [link](https://example.com/x).</p>",
    "---",
    "------",
    "title: not front matter",
    "<!--1626799380000-->",
    "[a link](https://example.com/y)",
    "",
    "",
    "   indented with trailing spaces   ",
    "\ttabbed",
    "# A Markdown heading",
    "* a list item",
    "</div>",
];

/// Unknown keys fmlint must keep byte for byte: `(key, rest of the first line, more lines,
/// whether the extra lines are block-scalar content)`.
pub struct Unknown {
    pub key: &'static str,
    pub first: &'static str,
    pub more: &'static [&'static str],
    pub block_scalar: bool,
}

pub const UNKNOWNS: &[Unknown] = &[
    Unknown {
        key: "source_id",
        first: " 12345",
        more: &[],
        block_scalar: false,
    },
    Unknown {
        key: "draft",
        first: " false",
        more: &[],
        block_scalar: false,
    },
    Unknown {
        key: "excerpt",
        first: " \"第一段: 摘要 #1\"",
        more: &[],
        block_scalar: false,
    },
    Unknown {
        key: "image",
        first: " /assets/img/2021/x.jpg",
        more: &[],
        block_scalar: false,
    },
    Unknown {
        key: "summary",
        first: " >",
        more: &[
            "  Folded text with two trailing spaces  ",
            "  and a second line",
        ],
        block_scalar: true,
    },
    Unknown {
        key: "notes",
        first: " |",
        more: &["  line one", "", "  line three"],
        block_scalar: true,
    },
    Unknown {
        key: "nested",
        first: "",
        more: &["  a: 1", "  b: [x, y]"],
        block_scalar: false,
    },
    Unknown {
        key: "links",
        first: "",
        more: &["- https://a.example/1", "- https://a.example/2"],
        block_scalar: false,
    },
    Unknown {
        key: "empty",
        first: "",
        more: &[],
        block_scalar: false,
    },
    Unknown {
        key: "quoted",
        first: " 'it''s \"fine\"'",
        more: &[],
        block_scalar: false,
    },
    Unknown {
        key: "weight",
        first: " 010",
        more: &[],
        block_scalar: false,
    },
    Unknown {
        key: "tabbed",
        first: " \"a\tb\"",
        more: &[],
        block_scalar: false,
    },
];

/// An unknown key whose value is a plain scalar with a tab inside: the whitespace fix breaks it.
pub const BUGGY_UNKNOWN: Unknown = Unknown {
    key: "plain_tab",
    first: " a\tb",
    more: &[],
    block_scalar: false,
};

// ---------------------------------------------------------------------------------------------
// YAML and Markdown text

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quote {
    Plain,
    Single,
    Double,
}

/// A YAML double-quoted scalar reading back as `s` (the escapes fmlint writes for these chars).
pub fn dq(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn sq(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Whether `s` can be written as a plain scalar in block context (a mapping value) and read
/// back as the same characters (its type may differ: `yes` is still plain-writable).
pub fn plain_ok_block(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim_matches([' ', '\t']) != s || s.contains(['\n', '\r']) {
        return false;
    }
    if ",[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if "-?:".contains(first) && s.chars().nth(1).is_none_or(|c| c == ' ' || c == '\t') {
        return false;
    }
    // `:sym` unquoted is a Ruby Symbol to Psych, which Jekyll's safe loader refuses.
    if first == ':' {
        return false;
    }
    !(s.contains(": ")
        || s.contains(":\t")
        || s.ends_with(':')
        || s.contains(" #")
        || s.contains("\t#"))
}

/// Whether `s` can be a plain item of a flow list (conservative).
pub fn plain_ok_flow(s: &str) -> bool {
    plain_ok_block(s)
        && !s.contains([',', '[', ']', '{', '}', ':', '#', '\t'])
        && !s.starts_with(['-', '?'])
}

pub fn render_scalar(s: &str, q: Quote, flow: bool) -> String {
    let plain_ok = if flow {
        plain_ok_flow(s)
    } else {
        plain_ok_block(s)
    };
    match q {
        Quote::Plain if plain_ok => s.to_string(),
        Quote::Single if !s.contains(['\t', '\n']) => sq(s),
        _ => dq(s),
    }
}

/// Markdown link text that renders as `s`.
pub fn link_text(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Dates

/// Every date form fmlint accepts, as people write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// `2021-07-20T10:40:01.779Z`: canonical.
    Rfc3339Z,
    /// `2021-07-20T18:40:01+08:00`: canonical.
    Rfc3339Offset,
    /// `"2021-07-20T10:40:01Z"`: a string, but RFC 3339: left alone.
    QuotedRfc3339,
    /// `2021-07-20 18:40:01 +0800`: a YAML timestamp with an offset.
    SpaceOffset,
    /// `2021-07-20 18:40:01 +08:00`.
    SpaceOffsetColon,
    /// `"2021-07-20 18:40:01 +0800"`: the same, as a string.
    QuotedSpaceOffset,
    /// `2021-07-20 10:40:01`: YAML reads it as UTC.
    UnquotedZoneless,
    /// `"2021-07-20 10:40:01"`: wall-clock time in the site's zone.
    QuotedZoneless,
    /// `'2021-07-20 10:40:01'`.
    SingleQuotedZoneless,
    /// `2021-07-20`: a YAML date, midnight in the site's zone.
    Day,
    /// `2021/07/20`.
    SlashDay,
    /// `July 20, 2021`.
    NamedMonth,
    /// `Tue, 20 Jul 2021 10:40:01 +0000`.
    Rfc2822,
}

pub const DATE_FORMS: &[DateForm] = &[
    DateForm::Rfc3339Z,
    DateForm::Rfc3339Offset,
    DateForm::QuotedRfc3339,
    DateForm::SpaceOffset,
    DateForm::SpaceOffsetColon,
    DateForm::QuotedSpaceOffset,
    DateForm::UnquotedZoneless,
    DateForm::QuotedZoneless,
    DateForm::SingleQuotedZoneless,
    DateForm::Day,
    DateForm::SlashDay,
    DateForm::NamedMonth,
    DateForm::Rfc2822,
];

impl DateForm {
    pub fn has_offset(self) -> bool {
        matches!(
            self,
            DateForm::Rfc3339Z
                | DateForm::Rfc3339Offset
                | DateForm::QuotedRfc3339
                | DateForm::SpaceOffset
                | DateForm::SpaceOffsetColon
                | DateForm::QuotedSpaceOffset
                | DateForm::Rfc2822
        )
    }

    /// Read in the site's zone (the build machine's when the site sets none).
    pub fn site_local(self) -> bool {
        matches!(
            self,
            DateForm::QuotedZoneless
                | DateForm::SingleQuotedZoneless
                | DateForm::Day
                | DateForm::SlashDay
                | DateForm::NamedMonth
        )
    }

    pub fn day_only(self) -> bool {
        matches!(
            self,
            DateForm::Day | DateForm::SlashDay | DateForm::NamedMonth
        )
    }

    /// Already canonical: fmlint leaves the text alone.
    pub fn is_rfc3339(self) -> bool {
        matches!(
            self,
            DateForm::Rfc3339Z | DateForm::Rfc3339Offset | DateForm::QuotedRfc3339
        )
    }

    fn takes_fraction(self) -> bool {
        matches!(
            self,
            DateForm::Rfc3339Z
                | DateForm::Rfc3339Offset
                | DateForm::QuotedRfc3339
                | DateForm::SpaceOffset
                | DateForm::SpaceOffsetColon
                | DateForm::QuotedSpaceOffset
                | DateForm::UnquotedZoneless
                | DateForm::QuotedZoneless
        )
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as written: the wall-clock time shown, the offset shown (for forms that show one),
/// the fraction digits shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateSpec {
    pub form: DateForm,
    pub wall: NaiveDateTime,
    /// Seconds east of UTC, for forms with an offset.
    pub offset_secs: i32,
    pub fraction: Option<String>,
}

/// Offsets people write (seconds east): UTC, Singapore, New York (EST/EDT), India, Nepal.
pub const OFFSETS: &[i32] = &[0, 8 * 3600, -5 * 3600, -4 * 3600, 19800, 20700];

impl DateSpec {
    /// A random date between 2000 and 2030 in `form`.
    pub fn random(rng: &mut Rng, form: DateForm) -> Self {
        let secs = rng.range(946_684_800, 1_893_456_000);
        let mut wall = DateTime::from_timestamp(secs, 0).unwrap().naive_utc();
        if form.day_only() {
            wall = wall.date().and_hms_opt(0, 0, 0).unwrap();
        }
        let offset_secs = if form.has_offset() {
            *rng.pick(OFFSETS)
        } else {
            0
        };
        let fraction = (form.takes_fraction() && rng.chance(40)).then(|| {
            // Up to 10 digits: more than the 9 a timestamp keeps.
            let digits = *rng.pick(&[1, 2, 3, 3, 4, 6, 9, 10]);
            (0..digits)
                .map(|_| char::from(b'0' + rng.below(10) as u8))
                .collect()
        });
        DateSpec {
            form,
            wall,
            offset_secs,
            fraction,
        }
    }

    fn frac(&self) -> String {
        self.fraction
            .as_ref()
            .map_or(String::new(), |f| format!(".{f}"))
    }

    fn offset_text(&self, colon: bool) -> String {
        let s = self.offset_secs;
        let sign = if s < 0 { '-' } else { '+' };
        let (h, m) = (s.abs() / 3600, s.abs() % 3600 / 60);
        if colon {
            format!("{sign}{h:02}:{m:02}")
        } else {
            format!("{sign}{h:02}{m:02}")
        }
    }

    /// The value text after `date: `.
    pub fn render(&self) -> String {
        let w = &self.wall;
        let ymd = w.format("%Y-%m-%d").to_string();
        let hms = w.format("%H:%M:%S").to_string();
        let f = self.frac();
        let z = if self.offset_secs == 0 {
            "Z".to_string()
        } else {
            self.offset_text(true)
        };
        match self.form {
            DateForm::Rfc3339Z | DateForm::Rfc3339Offset => format!("{ymd}T{hms}{f}{z}"),
            DateForm::QuotedRfc3339 => format!("\"{ymd}T{hms}{f}{z}\""),
            DateForm::SpaceOffset => format!("{ymd} {hms}{f} {}", self.offset_text(false)),
            DateForm::SpaceOffsetColon => format!("{ymd} {hms}{f} {}", self.offset_text(true)),
            DateForm::QuotedSpaceOffset => {
                format!("\"{ymd} {hms}{f} {}\"", self.offset_text(false))
            }
            DateForm::UnquotedZoneless => format!("{ymd} {hms}{f}"),
            DateForm::QuotedZoneless => format!("\"{ymd} {hms}{f}\""),
            DateForm::SingleQuotedZoneless => format!("'{ymd} {hms}'"),
            DateForm::Day => ymd,
            DateForm::SlashDay => w.format("%Y/%m/%d").to_string(),
            DateForm::NamedMonth => {
                format!("{} {}, {}", MONTHS[w.month0() as usize], w.day(), w.year())
            }
            DateForm::Rfc2822 => format!(
                "{} {}",
                w.format("%a, %d %b %Y %H:%M:%S"),
                self.offset_text(false)
            ),
        }
    }

    fn nanos(&self) -> i64 {
        self.fraction.as_deref().map_or(0, |f| {
            let digits: String = f.chars().chain(std::iter::repeat('0')).take(9).collect();
            digits.parse().unwrap()
        })
    }

    /// The instant Jekyll reads, computed here with chrono alone. `None` where it depends on
    /// the build machine (a zone-less wall-clock time and no site zone) or on a DST change.
    pub fn instant(&self, site: Option<Tz>) -> Option<DateTime<Utc>> {
        let wall = self.wall + chrono::Duration::nanoseconds(self.nanos());
        if self.form.has_offset() {
            let off = FixedOffset::east_opt(self.offset_secs).unwrap();
            return Some(off.from_local_datetime(&wall).single()?.with_timezone(&Utc));
        }
        if self.form == DateForm::UnquotedZoneless {
            return Some(Utc.from_utc_datetime(&wall));
        }
        Some(
            site?
                .from_local_datetime(&wall)
                .single()?
                .with_timezone(&Utc),
        )
    }

    /// Whether fmlint's FM201 fix for this date is safe (applied by plain `--fix`).
    pub fn fix_is_safe(&self, site: Option<Tz>) -> bool {
        !self.form.site_local() || site.is_some()
    }

    /// What `--fix` writes for this date, when it rewrites it: RFC 3339, same instant, the
    /// written offset (or the site zone's), the fraction as written.
    pub fn canonical(&self, site: Option<Tz>) -> Option<String> {
        if self.form.is_rfc3339() {
            return Some(self.render());
        }
        let instant = self.instant(site)?;
        let offset = if self.form.has_offset() {
            FixedOffset::east_opt(self.offset_secs).unwrap()
        } else {
            match site {
                Some(tz) => instant.with_timezone(&tz).offset().fix(),
                None => FixedOffset::east_opt(0).unwrap(),
            }
        };
        let local = instant.with_timezone(&offset);
        let mut out = local.format("%Y-%m-%dT%H:%M:%S").to_string();
        out.push_str(&self.frac());
        if offset.local_minus_utc() == 0 {
            out.push('Z');
        } else {
            out.push_str(&local.format("%:z").to_string());
        }
        Some(out)
    }
}

// ---------------------------------------------------------------------------------------------
// Terms

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListStyle {
    /// `[ a, b ]`: canonical.
    Flow,
    /// `[a,b]`.
    FlowTight,
    /// `\n  - a\n  - b`.
    Block,
    /// `\n- a\n- b`.
    BlockNoIndent,
    /// `a b`: Jekyll splits it on whitespace.
    Words,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub quote: Quote,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    pub items: Vec<Term>,
    pub style: ListStyle,
}

impl Terms {
    pub fn canonical(words: &[&str]) -> Self {
        Terms {
            items: words
                .iter()
                .map(|w| Term {
                    text: w.to_string(),
                    quote: Quote::Plain,
                })
                .collect(),
            style: ListStyle::Flow,
        }
    }

    /// Whether the words form can hold these items (one whitespace-free plain word each).
    fn words_ok(&self) -> bool {
        !self.items.is_empty()
            && self.items.iter().all(|t| {
                !t.text.is_empty()
                    && !t.text.contains(char::is_whitespace)
                    && plain_ok_block(&t.text)
            })
            && plain_ok_block(&self.words_text())
    }

    fn words_text(&self) -> String {
        self.items
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `(rest of the key's line, following lines)`.
    pub fn render(&self) -> (String, Vec<String>) {
        let style = if self.style == ListStyle::Words && !self.words_ok() {
            ListStyle::Flow
        } else {
            self.style
        };
        let flow_items = || -> Vec<String> {
            self.items
                .iter()
                .map(|t| render_scalar(&t.text, t.quote, true))
                .collect()
        };
        match style {
            ListStyle::Flow => {
                let items = flow_items();
                if items.is_empty() {
                    (" []".into(), vec![])
                } else {
                    (format!(" [ {} ]", items.join(", ")), vec![])
                }
            }
            ListStyle::FlowTight => (format!(" [{}]", flow_items().join(",")), vec![]),
            ListStyle::Block | ListStyle::BlockNoIndent => {
                let indent = if style == ListStyle::Block { "  " } else { "" };
                let lines = self
                    .items
                    .iter()
                    .map(|t| format!("{indent}- {}", render_scalar(&t.text, t.quote, false)))
                    .collect();
                (String::new(), lines)
            }
            ListStyle::Words => (format!(" {}", self.words_text()), vec![]),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Posts

/// One front-matter entry as it will be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    /// The rest of the key's line (` value`, or empty for a block value).
    pub first: String,
    pub more: Vec<String>,
    /// The extra lines are block-scalar content (their spaces are the value's).
    pub block_scalar: bool,
    pub known: bool,
    pub comments_above: Vec<String>,
    pub trailing_comment: Option<String>,
}

impl Entry {
    fn simple(key: &str, first: String) -> Self {
        Entry {
            key: key.into(),
            first,
            more: vec![],
            block_scalar: false,
            known: true,
            comments_above: vec![],
            trailing_comment: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Spec {
    pub title: String,
    pub title_quote: Quote,
    pub date: DateSpec,
    pub author: String,
    pub from: String,
    pub tags: Terms,
    pub categories: Terms,
    pub unknowns: Vec<Entry>,
    /// Comment lines before the closing fence, after the last entry.
    pub end_comments: Vec<String>,
    /// Comments above, trailing comments, per known key (index in canonical order).
    pub known_comments: Vec<(Vec<String>, Option<String>)>,
    /// Entry order: indices into `entries()` (the 7 known keys, then the unknowns).
    pub order: Vec<usize>,
    /// Seeds deciding which front-matter lines get trailing whitespace and blank lines.
    pub trailing_ws: Option<u64>,
    pub blank_lines: Option<u64>,
    pub crlf: bool,
    /// One front-matter line (not the first) written with the other line ending.
    pub mixed_line: Option<u64>,
    /// Body lines written with the other line ending (stray `\r\n` in an LF body).
    pub body_noise: bool,
    pub bom: bool,
    /// The `<!--ms-->` line, when there is one.
    pub timestamp: Option<i64>,
    pub header: bool,
    /// Blank lines between the header (or where it would be) and the body.
    pub gap: usize,
    /// The body, lines without endings; the first line is not blank.
    pub body: Vec<String>,
    pub body_final_newline: bool,
}

/// The seven canonical keys, in order.
pub const KNOWN: [&str; 7] = [
    "layout",
    "title",
    "date",
    "author",
    "from",
    "tags",
    "categories",
];

impl Spec {
    /// A post in exactly the canonical shape of the seed: lints clean under the default
    /// settings when saved as `_posts/<file_name()>` in a site without `timezone:`.
    pub fn canonical(rng: &mut Rng) -> Self {
        let pieces = 1 + rng.below(3);
        let title = (0..pieces)
            .map(|_| *rng.pick(SAFE_TITLE_PIECES))
            .collect::<Vec<_>>()
            .join(if rng.chance(50) { " " } else { "" });
        let form = if rng.chance(70) {
            DateForm::Rfc3339Z
        } else {
            DateForm::Rfc3339Offset
        };
        let mut date = DateSpec::random(rng, form);
        if form == DateForm::Rfc3339Z {
            date.offset_secs = 0;
        } else if date.offset_secs == 0 {
            date.offset_secs = 8 * 3600;
        }
        let n = 1 + rng.below(3);
        let mut words: Vec<&str> = Vec::new();
        while words.len() < n {
            let w = *rng.pick(SAFE_TERMS);
            if !words.contains(&w) {
                words.push(w);
            }
        }
        let author = rng.pick(AUTHORS).to_string();
        let id = rng.range(1_000_000, 9_999_999);
        let from = format!(
            "https://www.{}.example/realtime/story{}-{id}",
            rng.pick(&["zaobao", "straitsflash", "nanyangdaily", "rfi"]),
            date.wall.format("%Y%m%d")
        );
        let ts = date.instant(None).unwrap().timestamp_millis();
        let body_len = 1 + rng.below(6);
        let mut body = vec!["<div>".to_string()];
        for _ in 0..body_len {
            body.push(rng.pick(BODY_LINES).to_string());
        }
        body.push("</div>".into());
        Spec {
            title,
            title_quote: Quote::Double,
            date,
            author,
            from,
            tags: Terms::canonical(&words),
            categories: Terms::canonical(&words),
            unknowns: vec![],
            end_comments: vec![],
            known_comments: vec![(vec![], None); 7],
            order: (0..7).collect(),
            trailing_ws: None,
            blank_lines: None,
            crlf: rng.chance(15),
            mixed_line: None,
            body_noise: false,
            bom: rng.chance(10),
            timestamp: Some(ts),
            header: true,
            gap: 1,
            body,
            body_final_newline: rng.chance(90),
        }
    }

    /// The post's file name: the date's day in UTC, so that FM203 stays silent.
    pub fn file_name(&self, n: usize) -> String {
        let day = self
            .date
            .instant(None)
            .map_or(self.date.wall.date(), |i| i.date_naive());
        format!("{}-post-{n:05}.md", day.format("%Y-%m-%d"))
    }

    /// The same post with several defects that safe fixes repair, each one bringing it back to
    /// exactly `self.render()`. At least `min` defects (up to the ones that apply).
    pub fn with_safe_defects(&self, rng: &mut Rng, min: usize) -> Spec {
        let mut out = self.clone();
        let mut kinds: Vec<u8> = (0..10).collect();
        rng.shuffle(&mut kinds);
        let want = min + rng.below(3);
        let mut done = 0;
        for k in kinds {
            if done >= want {
                break;
            }
            let applied = match k {
                // FM602 (or FM103 for `2021`): the title unquoted or single-quoted.
                0 => {
                    // Unquoted, `null` and `~` are null: FM102, not a fix.
                    let null_word = matches!(out.title.as_str(), "null" | "Null" | "NULL" | "~");
                    let q = if plain_ok_block(&out.title) && !null_word && rng.chance(60) {
                        Quote::Plain
                    } else {
                        Quote::Single
                    };
                    out.title_quote = q;
                    true
                }
                // FM201: the same instant and offset, not RFC 3339.
                1 => {
                    out.date.form = match (out.date.offset_secs, rng.below(3)) {
                        (0, 0) => DateForm::UnquotedZoneless,
                        (_, 1) => DateForm::QuotedSpaceOffset,
                        _ => DateForm::SpaceOffset,
                    };
                    true
                }
                // FM603: tags and/or categories as a block list, tight flow list or words.
                2 | 3 => {
                    let terms = if k == 2 {
                        &mut out.tags
                    } else {
                        &mut out.categories
                    };
                    terms.style = *rng.pick(&[
                        ListStyle::Block,
                        ListStyle::BlockNoIndent,
                        ListStyle::FlowTight,
                        ListStyle::Words,
                    ]);
                    true
                }
                // FM604: trailing spaces and tabs, blank lines.
                4 => {
                    out.trailing_ws = Some(rng.next_u64());
                    true
                }
                5 => {
                    out.blank_lines = Some(rng.next_u64());
                    true
                }
                // FM601: keys out of order.
                6 => {
                    while out.order == (0..7).collect::<Vec<_>>() {
                        rng.shuffle(&mut out.order);
                    }
                    true
                }
                // FM401: no timestamp (the canonical one is the date's epoch ms).
                7 => {
                    out.timestamp = None;
                    true
                }
                // FM302: no header link; sometimes no blank line after it either.
                8 => {
                    out.header = false;
                    if rng.chance(50) {
                        out.gap = 0;
                    }
                    true
                }
                // FM502: a repeated tag in a list.
                9 => {
                    let terms = if rng.chance(50) {
                        &mut out.tags
                    } else {
                        &mut out.categories
                    };
                    if terms.style == ListStyle::Words {
                        false
                    } else {
                        let t = terms.items[rng.below(terms.items.len())].clone();
                        terms.items.push(t);
                        true
                    }
                }
                _ => false,
            };
            if applied {
                done += 1;
            }
        }
        out
    }

    /// A freely varied post: every option of the generator may be on.
    pub fn random(rng: &mut Rng, opts: &GenOptions) -> Spec {
        let mut s = Spec::canonical(rng);
        // Title.
        let pool = title_pool(opts.known_bugs);
        let pieces: Vec<usize> = match &opts.title {
            Some(p) => p.iter().map(|&i| i % pool.len()).collect(),
            None => (0..1 + rng.below(4))
                .map(|_| rng.below(pool.len()))
                .collect(),
        };
        s.title = pieces
            .iter()
            .map(|&i| pool[i])
            .collect::<Vec<_>>()
            .join(if rng.chance(60) { " " } else { "" });
        s.title_quote = *rng.pick(&[Quote::Plain, Quote::Plain, Quote::Single, Quote::Double]);
        // Date.
        let form = opts.form.unwrap_or_else(|| *rng.pick(DATE_FORMS));
        s.date = DateSpec::random(rng, form);
        s.timestamp = if rng.chance(70) {
            let base = s
                .date
                .instant(opts.site)
                .unwrap_or_else(|| Utc.from_utc_datetime(&s.date.wall));
            Some(base.timestamp_millis() + rng.range(0, 3_600_000))
        } else {
            None
        };
        // Terms.
        let random_terms = |rng: &mut Rng| -> Terms {
            let n = 1 + rng.below(3);
            let mut items = Vec::new();
            for _ in 0..n {
                let text = if rng.chance(25) {
                    rng.pick(ODD_TERMS).to_string()
                } else {
                    rng.pick(SAFE_TERMS).to_string()
                };
                let quote = *rng.pick(&[Quote::Plain, Quote::Plain, Quote::Double, Quote::Single]);
                items.push(Term { text, quote });
            }
            if rng.chance(10) {
                let t = items[0].clone();
                items.push(t);
            }
            if rng.chance(8) {
                items.push(Term {
                    text: String::new(),
                    quote: Quote::Double,
                });
            }
            Terms {
                items,
                style: *rng.pick(&[
                    ListStyle::Flow,
                    ListStyle::Flow,
                    ListStyle::FlowTight,
                    ListStyle::Block,
                    ListStyle::BlockNoIndent,
                    ListStyle::Words,
                ]),
            }
        };
        s.tags = random_terms(rng);
        s.categories = if rng.chance(70) {
            let mut c = s.tags.clone();
            c.style = *rng.pick(&[ListStyle::Flow, ListStyle::Block, ListStyle::Words]);
            c
        } else {
            random_terms(rng)
        };
        // Unknown keys.
        let mut pool: Vec<&Unknown> = UNKNOWNS.iter().collect();
        if opts.known_bugs {
            pool.push(&BUGGY_UNKNOWN);
        }
        rng.shuffle(&mut pool);
        let n_unknown = if rng.chance(50) { rng.below(4) } else { 0 };
        s.unknowns = pool[..n_unknown]
            .iter()
            .map(|u| Entry {
                key: u.key.into(),
                first: u.first.into(),
                more: u.more.iter().map(|l| l.to_string()).collect(),
                block_scalar: u.block_scalar,
                known: false,
                comments_above: vec![],
                trailing_comment: None,
            })
            .collect();
        // Comments.
        let n_entries = 7 + s.unknowns.len();
        for i in 0..n_entries {
            let above = if rng.chance(12) {
                vec![rng.pick(COMMENTS).to_string()]
            } else {
                vec![]
            };
            // A comment after a term list is lost when a repeat is removed (a bug): only
            // with the known bugs on.
            let trailing = (rng.chance(10) && (opts.known_bugs || !matches!(i, 5 | 6)))
                .then(|| format!("# note {i}"));
            if i < 7 {
                s.known_comments[i] = (above, trailing);
            } else {
                let u = &mut s.unknowns[i - 7];
                u.comments_above = above;
                if u.more.is_empty() && !u.first.is_empty() {
                    u.trailing_comment = trailing;
                }
            }
        }
        if rng.chance(10) {
            s.end_comments = vec![rng.pick(COMMENTS).to_string()];
        }
        // Layout.
        s.order = (0..n_entries).collect();
        if rng.chance(40) {
            rng.shuffle(&mut s.order);
        }
        s.trailing_ws = rng.chance(30).then(|| rng.next_u64());
        s.blank_lines = rng.chance(20).then(|| rng.next_u64());
        s.crlf = rng.chance(30);
        // Mixed endings trip two bugs: FM302 takes CRLF from anywhere in the file, FM401 takes
        // the closing fence's own ending. Without the known bugs: CRLF posts with a timestamp.
        s.mixed_line = (opts.known_bugs || (s.crlf && s.timestamp.is_some()))
            .then(|| rng.chance(10).then(|| rng.next_u64()))
            .flatten();
        s.body_noise = opts.known_bugs && rng.chance(15);
        s.bom = rng.chance(15);
        s.header = rng.chance(70);
        s.gap = rng.below(3);
        s
    }

    /// The entries in canonical order (known keys, then unknowns), with their comments.
    pub fn entries(&self) -> Vec<Entry> {
        let mut v = vec![
            Entry::simple("layout", " post".into()),
            Entry::simple(
                "title",
                format!(" {}", render_scalar(&self.title, self.title_quote, false)),
            ),
            Entry::simple("date", format!(" {}", self.date.render())),
            Entry::simple("author", format!(" {}", self.author)),
            Entry::simple("from", format!(" {}", self.from)),
        ];
        for (key, terms) in [("tags", &self.tags), ("categories", &self.categories)] {
            let (first, more) = terms.render();
            let mut e = Entry::simple(key, first);
            e.more = more;
            v.push(e);
        }
        for (e, (above, trailing)) in v.iter_mut().zip(&self.known_comments) {
            e.comments_above = above.clone();
            // A trailing comment after a block list's key hides the list from the fix; keep
            // trailing comments to one-line values.
            if e.more.is_empty() {
                e.trailing_comment = trailing.clone();
            }
        }
        v.extend(self.unknowns.iter().cloned());
        v
    }

    /// The front-matter lines between the fences, without line endings, and whether each may
    /// take trailing whitespace or a blank line before it.
    fn yaml_lines(&self) -> Vec<(String, bool, bool)> {
        let entries = self.entries();
        let mut lines = Vec::new();
        for &i in &self.order {
            let e = &entries[i];
            for c in &e.comments_above {
                lines.push((c.clone(), true, true));
            }
            let mut first = format!("{}:{}", e.key, e.first);
            if let Some(c) = &e.trailing_comment {
                first.push(' ');
                first.push_str(c);
            }
            lines.push((first, true, true));
            for m in &e.more {
                lines.push((m.clone(), !e.block_scalar, false));
            }
        }
        for c in &self.end_comments {
            lines.push((c.clone(), true, true));
        }
        lines
    }

    /// The post's text.
    pub fn render(&self) -> String {
        let nl = if self.crlf { "\r\n" } else { "\n" };
        let other = if self.crlf { "\n" } else { "\r\n" };
        let mut ws_rng = self.trailing_ws.map(Rng::new);
        let mut blank_rng = self.blank_lines.map(Rng::new);
        let mut fm: Vec<String> = vec!["---".into()];
        for (line, ws_ok, blank_ok) in self.yaml_lines() {
            if blank_ok
                && let Some(r) = blank_rng.as_mut()
                && r.chance(30)
            {
                fm.push(if r.chance(50) { "" } else { "  " }.into());
            }
            let mut line = line;
            if ws_ok
                && let Some(r) = ws_rng.as_mut()
                && r.chance(35)
            {
                let pad: &&str = r.pick(&[" ", "  ", "\t", " \t "]);
                line.push_str(pad);
            }
            fm.push(line);
        }
        fm.push("---".into());
        if let Some(r) = ws_rng.as_mut()
            && r.chance(20)
        {
            fm[0].push_str("  ");
        }
        let mixed_at = self.mixed_line.map(|s| 1 + (s as usize) % (fm.len() - 1));
        let mut out = String::new();
        if self.bom {
            out.push('\u{feff}');
        }
        for (i, l) in fm.iter().enumerate() {
            out.push_str(l);
            out.push_str(if Some(i) == mixed_at { other } else { nl });
        }
        if let Some(ts) = self.timestamp {
            out.push_str(&format!("<!--{ts}-->{nl}"));
        }
        if self.header {
            out.push_str(&format!(
                "[{}]({}){nl}------{nl}",
                link_text(&self.title),
                self.from
            ));
        }
        for _ in 0..self.gap {
            out.push_str(nl);
        }
        let mut noise = Rng::new(self.body.len() as u64);
        for (i, l) in self.body.iter().enumerate() {
            out.push_str(l);
            let last = i + 1 == self.body.len();
            if !last || self.body_final_newline {
                out.push_str(if self.body_noise && noise.chance(30) {
                    other
                } else {
                    nl
                });
            }
        }
        out
    }

    /// The comment lines and unknown-key lines of the front matter, as written (trailing
    /// whitespace aside), and whether each is block-scalar content: fmlint must keep each.
    pub fn kept_lines(&self) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for e in self.entries() {
            out.extend(e.comments_above.iter().map(|c| (c.clone(), false)));
            if !e.known {
                let mut first = format!("{}:{}", e.key, e.first);
                if let Some(c) = &e.trailing_comment {
                    first.push(' ');
                    first.push_str(c);
                }
                out.push((first, false));
                out.extend(e.more.iter().map(|m| (m.clone(), e.block_scalar)));
            }
        }
        out.extend(self.end_comments.iter().map(|c| (c.clone(), false)));
        out
    }

    /// `(key, comment)` for each known key whose line carries a trailing comment.
    pub fn trailing_comments(&self) -> Vec<(String, String)> {
        self.entries()
            .into_iter()
            .filter(|e| e.known)
            .filter_map(|e| Some((e.key.clone(), e.trailing_comment?)))
            .collect()
    }
}

/// What the free generator may produce.
#[derive(Debug, Clone, Default)]
pub struct GenOptions {
    /// The site's `timezone:` (decides whether zone-less dates get a safe fix).
    pub site: Option<Tz>,
    /// Also produce the inputs that trip the bugs these tests found.
    pub known_bugs: bool,
    /// The title as pieces (indices into `title_pool(known_bugs)`), instead of a random one.
    pub title: Option<Vec<usize>>,
    /// The date form, instead of a random one.
    pub form: Option<DateForm>,
}

/// The title pieces the free generator draws from.
pub fn title_pool(known_bugs: bool) -> Vec<&'static str> {
    SAFE_TITLE_PIECES
        .iter()
        .chain(if known_bugs { BUGGY_TITLE_PIECES } else { &[] })
        .copied()
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Reading results back

/// Splits a post's text into (head, body): the body is everything after the header link's
/// underline (else after the timestamp line, else after the closing fence) and the blank lines
/// that follow. `None` when the text has no closing fence.
pub fn split_body(text: &str) -> Option<(&str, &str)> {
    let lines = line_spans(text);
    let content = |i: usize| -> &str {
        let (s, e) = lines[i];
        text[s..e].trim_end_matches(['\n', '\r'])
    };
    if lines.is_empty() || content(0).trim_start_matches('\u{feff}').trim_end() != "---" {
        return None;
    }
    let close = (1..lines.len()).find(|&i| {
        let c = content(i).trim_end();
        c == "---" || c == "..."
    })?;
    let mut i = close + 1;
    if i < lines.len() && content(i).starts_with("<!--") && content(i).trim_end().ends_with("-->") {
        i += 1;
    }
    if i + 1 < lines.len()
        && content(i).starts_with('[')
        && !content(i + 1).trim_end().is_empty()
        && content(i + 1).trim_end().bytes().all(|b| b == b'-')
    {
        i += 2;
    }
    while i < lines.len() && content(i).trim().is_empty() {
        i += 1;
    }
    let at = lines.get(i).map_or(text.len(), |l| l.0);
    Some((&text[..at], &text[at..]))
}

/// (start, end including the line ending) of each line.
pub fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1);
        out.push((start, end));
        start = end;
    }
    out
}

/// The front matter's lines (from the opening fence to the closing one, endings included).
pub fn front_matter(text: &str) -> Option<&str> {
    let lines = line_spans(text);
    let close = (1..lines.len()).find(|&i| {
        let c = text[lines[i].0..lines[i].1].trim_end();
        c == "---" || c == "..."
    })?;
    Some(&text[..lines[close].1])
}

/// Whether every line break in `s` is `\r\n` (crlf) or `\n` alone (!crlf).
pub fn endings_are(s: &str, crlf: bool) -> bool {
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .all(|(i, &c)| c != b'\n' || (crlf == (i > 0 && b[i - 1] == b'\r')))
        && (crlf || !s.contains('\r'))
}

// ---------------------------------------------------------------------------------------------
// Corpora on disk

/// A generated site: `dir/_posts/…` with `(path, original bytes, fixed-by-construction bytes)`.
pub struct Corpus {
    pub posts: Vec<(PathBuf, Vec<u8>, Vec<u8>)>,
}

/// Writes `n` posts under `dir/_posts`; the ones whose index is in `defective` get safe-fixable
/// defects (at least `min_defects` each). The third element of each post is its canonical
/// version, what `--fix` must produce.
pub fn write_corpus(
    dir: &Path,
    seed: u64,
    n: usize,
    defective: &dyn Fn(usize) -> bool,
    min_defects: usize,
) -> Corpus {
    let posts_dir = dir.join("_posts");
    std::fs::create_dir_all(&posts_dir).unwrap();
    let mut rng = Rng::new(seed);
    let mut posts = Vec::with_capacity(n);
    for i in 0..n {
        let base = Spec::canonical(&mut rng);
        let canonical = base.render();
        let spec = if defective(i) {
            let mut d = base.with_safe_defects(&mut rng, min_defects);
            // At least one defect for certain, whatever the draw.
            if d.render() == canonical {
                d.trailing_ws = Some(rng.next_u64());
                d.timestamp = None;
            }
            d
        } else {
            base.clone()
        };
        let path = posts_dir.join(base.file_name(i));
        let text = spec.render();
        std::fs::write(&path, &text).unwrap();
        posts.push((path, text.into_bytes(), canonical.into_bytes()));
    }
    Corpus { posts }
}

/// Every file under `dir` (relative path → bytes), hidden ones included.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let ft = e.file_type().unwrap();
            let p = e.path();
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file() {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// Copies a folder tree (files and folders only).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}
