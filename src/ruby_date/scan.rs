//! The text the passes read and how a pass takes its match: Ruby's `subx`, which blanks the
//! match out so that no later pass reads the same characters twice.

use std::sync::LazyLock;

use regex::Regex;

use super::Fields;

pub(super) const MONTHS: &str = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";
pub(super) const ERA: &str = r"c(?:e|\.e\.)|b(?:ce|\.c\.e\.)|a(?:d|\.d\.)|b(?:c|\.c\.)";

pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid pattern")
}

// Before the passes, every run of characters other than these becomes one space: in what the
// passes see, `\s` of Ruby's patterns is a single space.
pub(super) static NOISE: LazyLock<Regex> =
    LazyLock::new(|| re(r"[^-+',./:@\[\]\p{Alphabetic}\p{Nd}]+"));

/// `NOISE` replaced by hand in ASCII text, where its Unicode classes are `[A-Za-z]` and
/// `[0-9]`: building the regex costs more than the passes that follow.
pub(super) fn denoise(text: &str) -> String {
    if !text.is_ascii() {
        return NOISE.replace_all(text, " ").into_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut in_noise = false;
    for c in text.chars() {
        let kept = c.is_ascii_alphanumeric() || "-+',./:@[]".contains(c);
        if kept {
            out.push(c);
        } else if !in_noise {
            out.push(' ');
        }
        in_noise = !kept;
    }
    out
}

/// The leading integer of a string, as Ruby's `String#to_i` reads it (saturating: a number
/// too big for any calendar is out of range anyway).
pub(super) fn to_i(s: &str) -> i64 {
    let s = s.trim_start();
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let n = digits
        .bytes()
        .take_while(u8::is_ascii_digit)
        .fold(0i64, |n, d| {
            n.saturating_mul(10).saturating_add(i64::from(d - b'0'))
        });
    if neg { -n } else { n }
}

pub(super) fn month_number(name: &str) -> i64 {
    let lower = name.to_ascii_lowercase();
    MONTHS
        .split('|')
        .position(|m| lower.starts_with(m))
        .map_or(13, |i| i as i64 + 1)
}

pub(super) struct Parser {
    pub(super) text: String,
    pub(super) f: Fields,
    /// Ruby's `_comp`: whether a two-digit year is completed to 19xx/20xx.
    pub(super) comp: bool,
    pub(super) bc: bool,
}

pub(super) type Groups = Vec<Option<String>>;

impl Parser {
    pub(super) fn new(text: &str) -> Self {
        Parser {
            text: denoise(text),
            f: Fields::default(),
            comp: true,
            bc: false,
        }
    }

    /// Finds the pattern, blanks the match out to one space, and hands the groups over.
    pub(super) fn sub(&mut self, pattern: &Regex, then: impl FnOnce(&mut Self, Groups)) -> bool {
        let Some(c) = pattern.captures(&self.text) else {
            return false;
        };
        let range = c.get(0).map_or(0..0, |m| m.range());
        let groups: Groups = c
            .iter()
            .map(|m| m.map(|m| m.as_str().to_string()))
            .collect();
        self.text.replace_range(range, " ");
        then(self, groups);
        true
    }

    /// Ruby's `HAVE_ELEM_P`: a pass runs only when
    /// what is left of the text holds the classes of characters its pattern needs.
    pub(super) fn has(&self, alpha: bool, digit: bool, other: Option<char>) -> bool {
        (!alpha || self.text.bytes().any(|b| b.is_ascii_alphabetic()))
            && (!digit || self.text.bytes().any(|b| b.is_ascii_digit()))
            && other.is_none_or(|c| self.text.contains(c))
    }
}
