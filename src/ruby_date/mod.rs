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
//!
//! One file per family of forms Ruby tries, each pass a method of `scan::Parser` named after
//! Ruby's function: `time_of_day` (`parse_time`), `month_names` (`parse_eu`, `parse_us`, the VMS
//! forms, weekdays, ordinals), `separated` (`y-m-d`, `d/m/y`, `d.m.y`, Japanese eras),
//! `iso8601` (week and ordinal dates), `compact` (a run of digits), `three_numbers` (`s3e`,
//! the guess of which number is the year). This file runs them in Ruby's order and completes
//! the year; `time_parse` and `zone` are `Time.parse`'s part.

use std::sync::LazyLock;

use regex::Regex;

use scan::{Parser, re, to_i};

mod common;
mod compact;
mod iso8601;
mod month_names;
mod scan;
mod separated;
#[cfg(test)]
mod tests;
mod three_numbers;
mod time_of_day;
mod time_parse;
mod zone;

pub use time_parse::{TimeParseError, Wall, time_parse};
pub use zone::zone_offset;

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

static BC: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(bc\b|bce\b|b\.c\.|b\.c\.e\.)"));
static FRAG: LazyLock<Regex> = LazyLock::new(|| re(r"\A *([0-9]{1,2}) *\z"));

/// `Date._parse(text, true)`: the fields Ruby finds in the text.
pub fn date_parse(text: &str) -> Fields {
    common::date_parse(text).unwrap_or_else(|| passes(text))
}

/// `Date._parse` as Ruby runs it, pass after pass: the general path, and the oracle of
/// `common`.
fn passes(text: &str) -> Fields {
    let mut p = Parser::new(text);
    if p.has(true, false, None) {
        p.parse_day();
    }
    if p.has(false, true, None) {
        p.parse_time();
    }
    p.parse_date();
    if p.has(true, false, None) {
        p.sub(&BC, |p, _| p.bc = true);
    }
    // A lone number left over: the day of a text that had only a time, or the hour of one
    // that had only a day.
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

impl Parser {
    /// The date passes, in Ruby's order: the first that matches ends the search (`goto ok` in
    /// Ruby), so an earlier form wins over a later one found elsewhere in the text.
    fn parse_date(&mut self) -> bool {
        (self.has(true, true, None) && (self.parse_eu() || self.parse_us()))
            || (self.has(false, true, Some('-')) && self.parse_iso())
            || (self.has(false, true, Some('.')) && self.parse_jis())
            || (self.has(true, true, Some('-')) && (self.parse_vms11() || self.parse_vms12()))
            || (self.has(false, true, Some('/')) && self.parse_sla())
            || (self.has(false, true, Some('.')) && self.parse_dot())
            || (self.has(false, true, None) && self.parse_iso2())
            || (self.has(false, true, None) && self.parse_year())
            || (self.has(true, false, None) && self.parse_mon())
            || (self.has(false, true, None) && self.parse_mday())
            || (self.has(false, true, None) && self.parse_ddd())
    }
}
