//! The forms with a month's or a weekday's name: day first (`20 July 2021`, RFC 2822's
//! `Tue, 20 Jul 2021`), month first (`July 20, 2021`), VMS's `20-JUL-2021` and `JUL-20-2021`, a
//! month's name alone, and an ordinal day (`20th`). Ruby's `parse_day`, `parse_eu`,
//! `parse_us`, `parse_vms11`, `parse_vms12`, `parse_mon` and `parse_mday`.

use std::sync::LazyLock;

use regex::Regex;

use super::scan::{ERA, MONTHS, Parser, month_number, re, to_i};

static DAY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(sun|mon|tue|wed|thu|fri|sat)[^-/0-9 ]*"));
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
static VMS11: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)('?-?[0-9]+)-({MONTHS})[^-/.]*-('?-?[0-9]+)")));
static VMS12: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b({MONTHS})[^-/.]*-('?-?[0-9]+)(?:-('?-?[0-9]+))?"
    ))
});
static MON: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)\b({MONTHS})[^ ]*")));
static MDAY: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)([0-9]+)(st|nd|rd|th)\b"));

impl Parser {
    /// A weekday's name is read only to be blanked out: `Time.parse` has no use for it.
    pub(super) fn parse_day(&mut self) -> bool {
        self.sub(&DAY, |_, _| {})
    }

    pub(super) fn parse_eu(&mut self) -> bool {
        self.sub(&EU, |p, g| {
            let bc = g[3].as_deref().is_some_and(|b| b.starts_with(['b', 'B']));
            let mon = month_number(g[2].as_deref().unwrap_or_default()).to_string();
            p.s3e(g[4].clone(), Some(mon), g[1].clone(), bc)
        })
    }

    pub(super) fn parse_us(&mut self) -> bool {
        self.sub(&US, |p, g| {
            let bc = g[3].as_deref().is_some_and(|b| b.starts_with(['b', 'B']));
            let mon = month_number(g[1].as_deref().unwrap_or_default()).to_string();
            p.s3e(g[4].clone(), Some(mon), g[2].clone(), bc)
        })
    }

    pub(super) fn parse_vms11(&mut self) -> bool {
        self.sub(&VMS11, |p, g| {
            let mon = month_number(g[2].as_deref().unwrap_or_default()).to_string();
            p.s3e(g[3].clone(), Some(mon), g[1].clone(), false)
        })
    }

    pub(super) fn parse_vms12(&mut self) -> bool {
        self.sub(&VMS12, |p, g| {
            let mon = month_number(g[1].as_deref().unwrap_or_default()).to_string();
            p.s3e(g[3].clone(), Some(mon), g[2].clone(), false)
        })
    }

    pub(super) fn parse_mon(&mut self) -> bool {
        self.sub(&MON, |p, g| {
            p.f.mon = g[1].as_deref().map(month_number);
        })
    }

    pub(super) fn parse_mday(&mut self) -> bool {
        self.sub(&MDAY, |p, g| p.f.mday = g[1].as_deref().map(to_i))
    }
}
