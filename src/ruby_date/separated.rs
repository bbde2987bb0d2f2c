//! Numbers joined by separators: `y-m-d` and its relatives (`2021-07-20`, `11-9-2017`), Japanese
//! era dates (`H31.04.30`), `y/m/d` and `d/m/y`, `d.m.y`, and a year marked with `'`. Ruby's
//! `parse_iso`, `parse_jis`, `parse_sla`, `parse_dot` and `parse_year`. Which number is the
//! year is `s3e`'s guess, whatever the separator.

use std::sync::LazyLock;

use regex::Regex;

use super::scan::{Parser, re, to_i};

static ISO: LazyLock<Regex> = LazyLock::new(|| re(r"('?[-+]?[0-9]+)-([0-9]+)-('?-?[0-9]+)"));
static JIS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b([mtsh])([0-9]+)\.([0-9]+)\.([0-9]+)"));
static SLA: LazyLock<Regex> =
    LazyLock::new(|| re(r"('?-?[0-9]+)/ *('?[0-9]+)(?:[^0-9] *('?-?[0-9]+))?"));
static DOT: LazyLock<Regex> = LazyLock::new(|| re(r"('?-?[0-9]+)\. *('?[0-9]+)\. *('?-?[0-9]+)"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"'([0-9]+)\b"));

impl Parser {
    pub(super) fn parse_iso(&mut self) -> bool {
        self.sub(&ISO, |p, g| {
            p.s3e(g[1].clone(), g[2].clone(), g[3].clone(), false)
        })
    }

    /// Meiji, Taishō, Shōwa or Heisei: the era's letter, then the year in the era.
    pub(super) fn parse_jis(&mut self) -> bool {
        self.sub(&JIS, |p, g| {
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
    }

    pub(super) fn parse_sla(&mut self) -> bool {
        self.sub(&SLA, |p, g| {
            p.s3e(g[1].clone(), g[2].clone(), g[3].clone(), false)
        })
    }

    pub(super) fn parse_dot(&mut self) -> bool {
        self.sub(&DOT, |p, g| {
            p.s3e(g[1].clone(), g[2].clone(), g[3].clone(), false)
        })
    }

    pub(super) fn parse_year(&mut self) -> bool {
        self.sub(&YEAR, |p, g| p.f.year = g[1].as_deref().map(to_i))
    }
}
