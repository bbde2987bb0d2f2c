//! Ruby's `Date._parse` and `Time.parse`, the readers behind every `date:` Jekyll reads that is
//! not already a YAML timestamp (Jekyll calls `Time.parse(value.to_s)`).
//!
//! Hand-written because no crate reads text the way Ruby does, and Ruby's reading is the one
//! that decides where a post is published: `11-9-2017` is 2017-09-11, `3/4/2017` is year 3,
//! `Published on 20 July 2021 at 3pm` is a date. `Date._parse` is a run of passes; each finds
//! one pattern anywhere in the text, takes its fields and blanks the match out so the later
//! passes do not see it again. The passes, their order, and which classes of characters make
//! each one run follow ruby/date's `date__parse` (Ruby 3.1, as in Jekyll 4.3's Debian build);
//! `Time.parse`'s zone table and its filling of missing fields follow Ruby's `time.rb`.
//! The cases that pin this to Jekyll are in `tests/data/jekyll_dates.tsv`.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, TimeZone};
use chrono_tz::{OffsetName, Tz};
use regex::Regex;

/// The fields `Date._parse` found (the ones `Time.parse` uses).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Fields {
    pub year: Option<i64>,
    pub mon: Option<i64>,
    pub mday: Option<i64>,
    pub yday: Option<i64>,
    pub hour: Option<i64>,
    pub min: Option<i64>,
    pub sec: Option<i64>,
    /// The fraction's digits as written.
    pub sec_fraction: Option<String>,
    pub zone: Option<String>,
}

const MONTHS: &str = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";
const ERA: &str = r"c(?:e|\.e\.)|b(?:ce|\.c\.e\.)|a(?:d|\.d\.)|b(?:c|\.c\.)";

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid pattern")
}

// Before the passes, every run of characters other than these becomes one space: in what the
// passes see, `\s` of Ruby's patterns is a single space.
static NOISE: LazyLock<Regex> = LazyLock::new(|| re(r"[^-+',./:@\[\]\p{Alphabetic}\p{Nd}]+"));
static DAY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(sun|mon|tue|wed|thu|fri|sat)[^-/0-9 ]*"));
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)((?:[0-9]+ *: *[0-9]+(?: *: *[0-9]+(?:[,.][0-9]*)?)?",
        r"|[0-9]+ *h(?: *[0-9]+m?(?: *[0-9]+s?)?)?)(?: *[ap](?:m\b|\.m\.))?",
        r"|[0-9]+ *[ap](?:m\b|\.m\.))",
        r"(?: *((?:gmt|utc?)?[-+][0-9]+(?:[,.:][0-9]+(?::[0-9]+)?)?",
        r"|(?-i:[\p{Alphabetic}. ]+)(?:standard|daylight) time\b",
        r"|(?-i:\p{Alphabetic}+)(?: dst)?\b))?",
    ))
});
static TIME_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\A([0-9]+)h?(?: *:? *([0-9]+)m?(?: *:? *([0-9]+)(?:[,.]([0-9]+))?s?)?)?(?: *([ap])(?:m\b|\.m\.))?",
    )
});
static EU: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)('?[0-9]+)[^-0-9 ]* *({MONTHS})[^-0-9 ']*(?: *({ERA})? *('?-?[0-9]+(?:(?:st|nd|rd|th)\b)?))?"
    ))
});
static US: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b({MONTHS})[^-0-9 ']* *('?[0-9]+)[^-0-9 ']*(?: *,? *({ERA})? *('?-?[0-9]+))?"
    ))
});
static ISO: LazyLock<Regex> = LazyLock::new(|| re(r"('?[-+]?[0-9]+)-([0-9]+)-('?-?[0-9]+)"));
static JIS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b([mtsh])([0-9]+)\.([0-9]+)\.([0-9]+)"));
static VMS11: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)('?-?[0-9]+)-({MONTHS})[^-/.]*-('?-?[0-9]+)")));
static VMS12: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b({MONTHS})[^-/.]*-('?-?[0-9]+)(?:-('?-?[0-9]+))?"
    ))
});
static SLA: LazyLock<Regex> =
    LazyLock::new(|| re(r"('?-?[0-9]+)/ *('?[0-9]+)(?:[^0-9] *('?-?[0-9]+))?"));
static DOT: LazyLock<Regex> = LazyLock::new(|| re(r"('?-?[0-9]+)\. *('?[0-9]+)\. *('?-?[0-9]+)"));
static ISO21: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b([0-9]{2}|[0-9]{4})?-?w([0-9]{2})(?:-?([0-9]))?\b"));
static ISO22: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)-w-([0-9])\b"));
static ISO23: LazyLock<Regex> = LazyLock::new(|| re(r"--([0-9]{2})?-([0-9]{2})\b"));
static ISO24: LazyLock<Regex> = LazyLock::new(|| re(r"--([0-9]{2})([0-9]{2})?\b"));
static ISO25_NOT: LazyLock<Regex> = LazyLock::new(|| re(r"[,.]([0-9]{2}|[0-9]{4})-[0-9]{3}\b"));
static ISO25: LazyLock<Regex> = LazyLock::new(|| re(r"\b([0-9]{2}|[0-9]{4})-([0-9]{3})\b"));
static ISO26_NOT: LazyLock<Regex> = LazyLock::new(|| re(r"[0-9]-[0-9]{3}\b"));
static ISO26: LazyLock<Regex> = LazyLock::new(|| re(r"\b-([0-9]{3})\b"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"'([0-9]+)\b"));
static MON: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)\b({MONTHS})[^ ]*")));
static MDAY: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)([0-9]+)(st|nd|rd|th)\b"));
static DDD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)([-+]?)([0-9]{2,14})(?: *t? *([0-9]{2,6})?(?:[,.]([0-9]*))?)?(?: *(z\b|[-+][0-9]{1,4}\b|\[[-+]?[0-9][^\]]*\]))?",
    )
});
static BC: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(bc\b|bce\b|b\.c\.|b\.c\.e\.)"));
static FRAG: LazyLock<Regex> = LazyLock::new(|| re(r"\A *([0-9]{1,2}) *\z"));

/// The leading integer of a string, as Ruby's `String#to_i` reads it (saturating: a number
/// too big for any calendar is out of range anyway).
fn to_i(s: &str) -> i64 {
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

fn month_number(name: &str) -> i64 {
    let lower = name.to_ascii_lowercase();
    MONTHS
        .split('|')
        .position(|m| lower.starts_with(m))
        .map_or(13, |i| i as i64 + 1)
}

struct Parser {
    text: String,
    f: Fields,
    /// Ruby's `_comp`: whether a two-digit year is completed to 19xx/20xx.
    comp: bool,
    bc: bool,
}

type Groups = Vec<Option<String>>;

impl Parser {
    /// Finds the pattern, blanks the match out to one space, and hands the groups over.
    fn sub(&mut self, pattern: &Regex, then: impl FnOnce(&mut Self, Groups)) -> bool {
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

    fn has(&self, alpha: bool, digit: bool, other: Option<char>) -> bool {
        (!alpha || self.text.bytes().any(|b| b.is_ascii_alphabetic()))
            && (!digit || self.text.bytes().any(|b| b.is_ascii_digit()))
            && other.is_none_or(|c| self.text.contains(c))
    }

    fn time(&mut self, g: Groups) {
        if let Some(zone) = g[2].clone() {
            self.f.zone = Some(zone);
        }
        let Some(c) = g[1].as_deref().and_then(|t| TIME_PARTS.captures(t)) else {
            return;
        };
        let mut hour = to_i(&c[1]);
        if let Some(ap) = c.get(5) {
            hour %= 12;
            if ap.as_str().eq_ignore_ascii_case("p") {
                hour += 12;
            }
        }
        self.f.hour = Some(hour);
        self.f.min = c.get(2).map(|m| to_i(m.as_str()));
        self.f.sec = c.get(3).map(|m| to_i(m.as_str()));
        self.f.sec_fraction = c.get(4).map(|m| m.as_str().to_string());
    }

    /// Ruby's `s3e`: three numbers in an order guessed from their widths and marks (a `'`
    /// marks a year; more than two digits is a year; trailing letters make a day).
    fn s3e(&mut self, y: Option<String>, m: Option<String>, d: Option<String>, bc: bool) {
        let (mut y, mut m, mut d) = (y, m, d);
        if y.is_some() && m.is_some() && d.is_none() {
            (y, m, d) = (None, y, m);
        }
        if y.is_none() {
            if d.as_ref().is_some_and(|d| d.len() > 2) {
                y = d.take();
            }
            if d.as_ref().is_some_and(|d| d.starts_with('\'')) {
                y = d.take();
            }
        }
        if let Some(yv) = y.clone() {
            let start = yv.find(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
            if let Some(bp) = start {
                let mut s = bp;
                if matches!(yv.as_bytes()[s], b'-' | b'+') {
                    s += 1;
                }
                let ep = s + yv[s..].bytes().take_while(u8::is_ascii_digit).count();
                if ep < yv.len() {
                    y = d.take();
                    d = Some(yv[bp..ep].to_string());
                }
            }
        }
        if m.as_ref()
            .is_some_and(|s| s.starts_with('\'') || s.len() > 2)
        {
            (y, m, d) = (m, d, y);
        }
        if d.as_ref()
            .is_some_and(|s| s.starts_with('\'') || s.len() > 2)
        {
            (y, d) = (d, y);
        }
        let mut comp = None;
        if let Some(yv) = &y
            && let Some(bp) = yv.find(|c: char| c == '-' || c == '+' || c.is_ascii_digit())
        {
            let mut s = bp;
            if matches!(yv.as_bytes()[s], b'-' | b'+') {
                s += 1;
                comp = Some(false);
            }
            let l = yv[s..].bytes().take_while(u8::is_ascii_digit).count();
            if l > 2 {
                comp = Some(false);
            }
            self.f.year = Some(to_i(&yv[bp..s + l]));
        }
        if bc {
            self.bc = true;
        }
        let number = |v: &Option<String>| {
            v.as_ref().and_then(|v| {
                let at = v.find(|c: char| c.is_ascii_digit())?;
                Some(to_i(&v[at..]))
            })
        };
        if let Some(n) = number(&m) {
            self.f.mon = Some(n);
        }
        if let Some(n) = number(&d) {
            self.f.mday = Some(n);
        }
        if let Some(c) = comp {
            self.comp = c;
        }
    }

    fn ddd(&mut self, g: Groups) {
        let neg = g[1].as_deref() == Some("-");
        let s2 = g[2].clone().unwrap_or_default();
        let n = |from: usize, width: usize| to_i(&s2[from..from + width]);
        let signed = |y: i64| if neg { -y } else { y };
        let time_only = g[3].is_none() && g[4].is_some();
        let l2 = s2.len();
        let f = &mut self.f;
        match l2 {
            2 if time_only => f.sec = Some(n(0, 2)),
            2 => f.mday = Some(n(0, 2)),
            4 if time_only => {
                f.sec = Some(n(2, 2));
                f.min = Some(n(0, 2));
            }
            4 => {
                f.mon = Some(n(0, 2));
                f.mday = Some(n(2, 2));
            }
            6 if time_only => {
                f.sec = Some(n(4, 2));
                f.min = Some(n(2, 2));
                f.hour = Some(n(0, 2));
            }
            6 => {
                f.year = Some(signed(n(0, 2)));
                f.mon = Some(n(2, 2));
                f.mday = Some(n(4, 2));
            }
            8 | 10 | 12 | 14 if time_only => {
                f.sec = Some(n(l2 - 2, 2));
                f.min = Some(n(l2 - 4, 2));
                f.hour = Some(n(l2 - 6, 2));
                f.mday = Some(n(l2 - 8, 2));
                if l2 >= 10 {
                    f.mon = Some(n(l2 - 10, 2));
                }
                if l2 == 12 {
                    f.year = Some(signed(n(0, 2)));
                }
                if l2 == 14 {
                    f.year = Some(signed(n(0, 4)));
                    self.comp = false;
                }
            }
            8 | 10 | 12 | 14 => {
                f.year = Some(signed(n(0, 4)));
                f.mon = Some(n(4, 2));
                f.mday = Some(n(6, 2));
                if l2 >= 10 {
                    f.hour = Some(n(8, 2));
                }
                if l2 >= 12 {
                    f.min = Some(n(10, 2));
                }
                if l2 >= 14 {
                    f.sec = Some(n(12, 2));
                }
                self.comp = false;
            }
            3 if time_only => {
                f.sec = Some(n(1, 2));
                f.min = Some(n(0, 1));
            }
            3 => f.yday = Some(n(0, 3)),
            5 if time_only => {
                f.sec = Some(n(3, 2));
                f.min = Some(n(1, 2));
                f.hour = Some(n(0, 1));
            }
            5 => {
                f.year = Some(signed(n(0, 2)));
                f.yday = Some(n(2, 3));
            }
            7 if time_only => {
                f.sec = Some(n(5, 2));
                f.min = Some(n(3, 2));
                f.hour = Some(n(1, 2));
                f.mday = Some(n(0, 1));
            }
            7 => {
                f.year = Some(signed(n(0, 4)));
                f.yday = Some(n(4, 3));
            }
            _ => {}
        }
        let f = &mut self.f;
        if let Some(s3) = g[3].as_deref() {
            let l3 = s3.len();
            let n3 = |from: usize| to_i(&s3[from..from + 2]);
            if matches!(l3, 2 | 4 | 6) {
                if g[4].is_some() {
                    f.sec = Some(n3(l3 - 2));
                    if l3 >= 4 {
                        f.min = Some(n3(l3 - 4));
                    }
                    if l3 >= 6 {
                        f.hour = Some(n3(0));
                    }
                } else {
                    f.hour = Some(n3(0));
                    if l3 >= 4 {
                        f.min = Some(n3(2));
                    }
                    if l3 >= 6 {
                        f.sec = Some(n3(4));
                    }
                }
            }
        }
        if let Some(frac) = g[4].clone() {
            f.sec_fraction = Some(frac);
        }
        if let Some(zone) = g[5].clone() {
            f.zone = Some(match zone.strip_prefix('[') {
                // `[-5:EST]` names the zone after the colon, `[+9]` is the offset itself.
                Some(inner) => {
                    let inner = inner.strip_suffix(']').unwrap_or(inner);
                    match inner.split_once(':') {
                        Some((_, name)) => name.to_string(),
                        None => inner.to_string(),
                    }
                }
                None => zone,
            });
        }
    }

    /// The date passes: the first that matches ends the search (`goto ok` in Ruby).
    fn date(&mut self) {
        if self.has(true, true, None) {
            if self.sub(&EU, |p, g| {
                let bc = g[3].as_deref().is_some_and(|b| b.starts_with(['b', 'B']));
                let mon = month_number(g[2].as_deref().unwrap_or_default()).to_string();
                p.s3e(g[4].clone(), Some(mon), g[1].clone(), bc)
            }) {
                return;
            }
            if self.sub(&US, |p, g| {
                let bc = g[3].as_deref().is_some_and(|b| b.starts_with(['b', 'B']));
                let mon = month_number(g[1].as_deref().unwrap_or_default()).to_string();
                p.s3e(g[4].clone(), Some(mon), g[2].clone(), bc)
            }) {
                return;
            }
        }
        if self.has(false, true, Some('-'))
            && self.sub(&ISO, |p, g| {
                p.s3e(g[1].clone(), g[2].clone(), g[3].clone(), false)
            })
        {
            return;
        }
        if self.has(false, true, Some('.'))
            && self.sub(&JIS, |p, g| {
                let era = match g[1].as_deref().map(str::to_ascii_lowercase).as_deref() {
                    Some("m") => 1867,
                    Some("t") => 1911,
                    Some("s") => 1925,
                    _ => 1988,
                };
                p.f.year = g[2].as_deref().map(|y| to_i(y).saturating_add(era));
                p.f.mon = g[3].as_deref().map(to_i);
                p.f.mday = g[4].as_deref().map(to_i);
            })
        {
            return;
        }
        if self.has(true, true, Some('-')) {
            if self.sub(&VMS11, |p, g| {
                let mon = month_number(g[2].as_deref().unwrap_or_default()).to_string();
                p.s3e(g[3].clone(), Some(mon), g[1].clone(), false)
            }) {
                return;
            }
            if self.sub(&VMS12, |p, g| {
                let mon = month_number(g[1].as_deref().unwrap_or_default()).to_string();
                p.s3e(g[3].clone(), Some(mon), g[2].clone(), false)
            }) {
                return;
            }
        }
        if self.has(false, true, Some('/'))
            && self.sub(&SLA, |p, g| {
                p.s3e(g[1].clone(), g[2].clone(), g[3].clone(), false)
            })
        {
            return;
        }
        if self.has(false, true, Some('.'))
            && self.sub(&DOT, |p, g| {
                p.s3e(g[1].clone(), g[2].clone(), g[3].clone(), false)
            })
        {
            return;
        }
        if self.has(false, true, None) && self.iso2() {
            return;
        }
        if self.has(false, true, None)
            && self.sub(&YEAR, |p, g| p.f.year = g[1].as_deref().map(to_i))
        {
            return;
        }
        if self.has(true, false, None)
            && self.sub(&MON, |p, g| {
                p.f.mon = g[1].as_deref().map(month_number);
            })
        {
            return;
        }
        if self.has(false, true, None)
            && self.sub(&MDAY, |p, g| p.f.mday = g[1].as_deref().map(to_i))
        {
            return;
        }
        if self.has(false, true, None) {
            self.sub(&DDD, Parser::ddd);
        }
    }

    /// ISO 8601 week dates, `--MM-DD` and ordinal days. `Time.parse` ignores week dates, but
    /// finding one still ends the search.
    fn iso2(&mut self) -> bool {
        if self.sub(&ISO21, |_, _| {}) || self.sub(&ISO22, |_, _| {}) {
            return true;
        }
        if self.sub(&ISO23, |p, g| {
            if let Some(m) = g[1].as_deref() {
                p.f.mon = Some(to_i(m));
            }
            p.f.mday = g[2].as_deref().map(to_i);
        }) {
            return true;
        }
        if self.sub(&ISO24, |p, g| {
            p.f.mon = g[1].as_deref().map(to_i);
            if let Some(d) = g[2].as_deref() {
                p.f.mday = Some(to_i(d));
            }
        }) {
            return true;
        }
        if !ISO25_NOT.is_match(&self.text)
            && self.sub(&ISO25, |p, g| {
                p.f.year = g[1].as_deref().map(to_i);
                p.f.yday = g[2].as_deref().map(to_i);
            })
        {
            return true;
        }
        !ISO26_NOT.is_match(&self.text)
            && self.sub(&ISO26, |p, g| p.f.yday = g[1].as_deref().map(to_i))
    }
}

/// `Date._parse(text, true)`: the fields Ruby finds in the text.
pub fn date_parse(text: &str) -> Fields {
    let mut p = Parser {
        text: NOISE.replace_all(text, " ").into_owned(),
        f: Fields::default(),
        comp: true,
        bc: false,
    };
    if p.has(true, false, None) {
        p.sub(&DAY, |_, _| {});
    }
    if p.has(false, true, None) {
        p.sub(&TIME, Parser::time);
    }
    p.date();
    if p.has(true, false, None) {
        p.sub(&BC, |p, _| p.bc = true);
    }
    if p.has(false, true, None) {
        p.sub(&FRAG, |p, g| {
            let n = g[1].as_deref().map_or(0, to_i);
            if p.f.hour.is_some() && p.f.mday.is_none() && (1..=31).contains(&n) {
                p.f.mday = Some(n);
            }
            if p.f.mday.is_some() && p.f.hour.is_none() && (0..=24).contains(&n) {
                p.f.hour = Some(n);
            }
        });
    }
    if p.bc
        && let Some(y) = p.f.year
    {
        p.f.year = Some(1i64.saturating_sub(y));
    }
    if p.comp
        && let Some(y) = p.f.year
        && (0..=99).contains(&y)
    {
        p.f.year = Some(if y >= 69 { y + 1900 } else { y + 2000 });
    }
    p.f
}

/// A wall-clock time as `Time.parse` assembles it, before the zone places it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wall {
    pub year: i64,
    pub mon: i64,
    pub day: i64,
    pub hour: i64,
    pub min: i64,
    pub sec: i64,
    pub fraction: Option<String>,
    /// The offset the text's zone names, when `Time.parse` knows it; `None`: local time (the
    /// site's `timezone:`).
    pub offset: Option<i32>,
}

/// Why `Time.parse` gives no date of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeParseError {
    /// Ruby raises `ArgumentError` (and Jekyll stops the build).
    Invalid(String),
    /// Ruby fills the missing fields from the clock: the date is the build's.
    FromBuildTime(String),
}

/// The military letters and RFC 822 names `Time.parse` knows, in hours east of UTC.
fn zone_table(name: &str) -> Option<i32> {
    Some(match name {
        "UTC" | "Z" | "UT" | "GMT" => 0,
        "EST" => -5,
        "EDT" => -4,
        "CST" => -6,
        "CDT" => -5,
        "MST" => -7,
        "MDT" => -6,
        "PST" => -8,
        "PDT" => -7,
        _ if name.len() == 1 => {
            let c = name.as_bytes()[0];
            match c {
                b'A'..=b'I' => i32::from(c - b'A') + 1,
                b'K'..=b'M' => i32::from(c - b'K') + 10,
                b'N'..=b'Y' => -(i32::from(c - b'N') + 1),
                _ => return None,
            }
        }
        _ => return None,
    })
}

/// `Time.zone_offset`: `+HH:MM`, `+HHMM`, `+HH`, a name from the table, or the abbreviation
/// the local zone (the site's) uses on January 1st or July 1st of that year. Any other zone
/// (`+8`, `CET` in another zone, `Europe/Paris`) is unknown, and the time is read as local.
pub fn zone_offset(zone: &str, year: i64, local: Option<Tz>) -> Option<i32> {
    static NUMERIC: LazyLock<Regex> =
        LazyLock::new(|| re(r"\A([+-])([0-9]{2})(:?)([0-9]{2})(?:(:?)([0-9]{2}))?\z"));
    static HOURS: LazyLock<Regex> = LazyLock::new(|| re(r"\A[+-][0-9]{2}\z"));
    let zone = zone.to_uppercase();
    if let Some(c) = NUMERIC.captures(&zone)
        && c.get(6)
            .is_none_or(|_| c.get(5).map(|m| m.as_str()) == c.get(3).map(|m| m.as_str()))
    {
        let sign = if &c[1] == "-" { -1 } else { 1 };
        let secs = c.get(6).map_or(0, |m| to_i(m.as_str()));
        return Some(sign * ((to_i(&c[2]) as i32 * 60 + to_i(&c[4]) as i32) * 60 + secs as i32));
    }
    if HOURS.is_match(&zone) {
        return Some(to_i(&zone) as i32 * 3600);
    }
    if let Some(h) = zone_table(&zone) {
        return Some(h * 3600);
    }
    let tz = local?;
    let year = i32::try_from(year).ok()?;
    for month in [1, 7] {
        let day = NaiveDate::from_ymd_opt(year, month, 1)?.and_hms_opt(0, 0, 0)?;
        let at = tz.from_local_datetime(&day).earliest()?;
        if at
            .offset()
            .abbreviation()
            .is_some_and(|a| a.to_uppercase() == zone)
        {
            return Some(chrono::Offset::fix(at.offset()).local_minus_utc());
        }
    }
    None
}

/// `Time.parse(text)` up to the wall-clock fields and the zone's offset. Range checks
/// (`Time.utc`'s) are the caller's, which knows how Ruby rolls a day past a month's end.
pub fn time_parse(text: &str, local: Option<Tz>) -> Result<Wall, TimeParseError> {
    let f = date_parse(text);
    if f.year.is_none()
        && f.yday.is_none()
        && f.mon.is_none()
        && f.mday.is_none()
        && f.hour.is_none()
        && f.min.is_none()
        && f.sec.is_none()
        && f.sec_fraction.is_none()
    {
        return Err(TimeParseError::Invalid("no date in it".into()));
    }
    // Filled from the clock or not, the parts given must be in range (`2017` is month 20,
    // day 17: Ruby raises).
    let in_range =
        |v: Option<i64>, range: std::ops::RangeInclusive<i64>| v.is_none_or(|v| range.contains(&v));
    if !(in_range(f.mon, 1..=12)
        && in_range(f.mday, 1..=31)
        && in_range(f.hour, 0..=24)
        && in_range(f.min, 0..=59)
        && in_range(f.sec, 0..=60))
    {
        return Err(TimeParseError::Invalid(
            "a month, day or time is out of range".into(),
        ));
    }
    let Some(year) = f.year else {
        return Err(TimeParseError::FromBuildTime(
            "it has no year: Jekyll takes the missing parts from the clock of the build".into(),
        ));
    };
    let (mon, day) = match f.yday {
        Some(yday) => {
            if !(1..=366).contains(&yday) {
                return Err(TimeParseError::Invalid(format!(
                    "day {yday} of the year is out of range"
                )));
            }
            let first = i32::try_from(year)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
                .ok_or_else(|| TimeParseError::Invalid("the year is out of range".into()))?;
            let d = first
                .checked_add_days(chrono::Days::new(yday as u64 - 1))
                .ok_or_else(|| TimeParseError::Invalid("the year is out of range".into()))?;
            if d.year() as i64 != year {
                return Err(TimeParseError::Invalid(format!(
                    "day {yday} of the year is out of range"
                )));
            }
            (d.month() as i64, d.day() as i64)
        }
        None => match (f.mon, f.mday) {
            (Some(m), Some(d)) => (m, d),
            (Some(m), None) => (m, 1),
            (None, None) => (1, 1),
            (None, Some(_)) => {
                // Ruby keeps the day and takes the month from the clock.
                return Err(TimeParseError::FromBuildTime(
                    "it has no month: Jekyll takes it from the clock of the build".into(),
                ));
            }
        },
    };
    let offset = f.zone.as_deref().and_then(|z| zone_offset(z, year, local));
    Ok(Wall {
        year,
        mon,
        day,
        hour: f.hour.unwrap_or(0),
        min: f.min.unwrap_or(0),
        sec: f.sec.unwrap_or(0),
        fraction: f.sec_fraction.filter(|s| !s.is_empty()),
        offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(text: &str) -> (Option<i64>, Option<i64>, Option<i64>) {
        let f = date_parse(text);
        (f.year, f.mon, f.mday)
    }

    #[test]
    fn day_month_year_and_its_relatives() {
        // Each checked with Ruby 3.1's Date._parse.
        assert_eq!(ymd("11-9-2017"), (Some(2017), Some(9), Some(11)));
        assert_eq!(ymd("3-4-2017"), (Some(2017), Some(4), Some(3)));
        assert_eq!(ymd("2017/9/11"), (Some(2017), Some(9), Some(11)));
        assert_eq!(ymd("11/9/2017"), (Some(2017), Some(9), Some(11)));
        assert_eq!(ymd("20.07.2021"), (Some(2021), Some(7), Some(20)));
        assert_eq!(ymd("20210720"), (Some(2021), Some(7), Some(20)));
        assert_eq!(ymd("210720"), (Some(2021), Some(7), Some(20)));
        assert_eq!(ymd("July 20, 2021"), (Some(2021), Some(7), Some(20)));
        assert_eq!(ymd("20th July '21"), (Some(2021), Some(7), Some(20)));
        assert_eq!(ymd("20-Jul-2021"), (Some(2021), Some(7), Some(20)));
    }

    #[test]
    fn times_and_zones() {
        let f = date_parse("Published on 20 July 2021 at 3:04 pm PST");
        assert_eq!(
            (f.hour, f.min, f.zone.as_deref()),
            (Some(15), Some(4), Some("PST"))
        );
        let f = date_parse("12am");
        assert_eq!(f.hour, Some(0));
        assert_eq!(zone_offset("+8", 2021, None), None);
        assert_eq!(zone_offset("+08", 2021, None), Some(8 * 3600));
        assert_eq!(zone_offset("+0830", 2021, None), Some(8 * 3600 + 1800));
        assert_eq!(zone_offset("cest", 2021, None), None);
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        assert_eq!(zone_offset("cest", 2021, Some(berlin)), Some(7200));
    }
}
