//! ISO 8601's rarer forms: week dates (`2021-W29-2`), `--MM-DD` and `--MMDD` without a year,
//! and ordinal days (`2021-201`). Ruby's `parse_iso2` (`parse_iso21` to `parse_iso26`). The
//! common `2021-07-20` is read earlier, with the other dashed triples (`separated.rs`).

use std::sync::LazyLock;

use regex::Regex;

use super::scan::{Parser, re, to_i};

static ISO21: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b([0-9]{2}|[0-9]{4})?-?w([0-9]{2})(?:-?([0-9]))?\b"));
static ISO22: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)-w-([0-9])\b"));
static ISO23: LazyLock<Regex> = LazyLock::new(|| re(r"--([0-9]{2})?-([0-9]{2})\b"));
static ISO24: LazyLock<Regex> = LazyLock::new(|| re(r"--([0-9]{2})([0-9]{2})?\b"));
static ISO25_NOT: LazyLock<Regex> = LazyLock::new(|| re(r"[,.]([0-9]{2}|[0-9]{4})-[0-9]{3}\b"));
static ISO25: LazyLock<Regex> = LazyLock::new(|| re(r"\b([0-9]{2}|[0-9]{4})-([0-9]{3})\b"));
static ISO26_NOT: LazyLock<Regex> = LazyLock::new(|| re(r"[0-9]-[0-9]{3}\b"));
static ISO26: LazyLock<Regex> = LazyLock::new(|| re(r"\b-([0-9]{3})\b"));

impl Parser {
    /// ISO 8601 week dates, `--MM-DD` and ordinal days. `Time.parse` ignores week dates, but
    /// finding one still ends the search.
    pub(super) fn parse_iso2(&mut self) -> bool {
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
