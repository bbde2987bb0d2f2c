//! Every date form fmlint accepts, as people write them, and what Jekyll and `--fix` make of
//! each (computed here with chrono alone).

// Canonical posts (`fix_cli`) use the RFC 3339 forms only; the other forms and what `--fix`
// writes for them are `fix_invariants`' business.
#![allow(dead_code)]

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, Offset, TimeZone, Utc};
use fmlint::zone::Tz;

use crate::rng::Rng;

/// The site's zone as chrono-tz reads it: what Jekyll makes of a date is computed apart from
/// fmlint's own zones.
fn oracle(site: Option<Tz>) -> Option<chrono_tz::Tz> {
    site.map(|tz| tz.name().parse().unwrap())
}

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
            oracle(site)?
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
            match oracle(site) {
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
