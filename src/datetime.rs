//! Dates as Jekyll 4.3 reads them.
//!
//! Jekyll takes `date` through `Time.parse(value.to_s)` in the site's timezone. What that yields
//! depends on how YAML typed the value first: an unquoted timestamp (Psych's grammar, defined
//! here once) is already a time, UTC when zone-less; anything else is text, read by Ruby's
//! lenient `Time.parse` (see [`crate::ruby_date`]) as wall-clock time in the site's zone unless
//! it names a zone Ruby knows.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use crate::ruby_date::{self, TimeParseError};
use crate::zone::Tz;
use shape::PsychTime;

mod shape;

/// How YAML typed the value before Jekyll saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateInput<'a> {
    /// An unquoted YAML timestamp (Psych gives a Time).
    Timestamp(&'a str),
    /// An unquoted `YYYY-MM-DD` (Psych gives a Date).
    Day(&'a str),
    /// Any string, quoted or not.
    Text(&'a str),
}

/// Where the instant's zone came from: decides whether the date means the same on any machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// The text names an offset (`Z`, `+08:00`, `+0800`).
    Explicit,
    /// An unquoted zone-less timestamp: YAML reads it as UTC whatever the site says.
    ImplicitUtc,
    /// Wall-clock time (or a bare day) read in the site's `timezone:`, or the build machine's
    /// zone when the site sets none.
    SiteLocal { site_zone_set: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JekyllDate {
    pub instant: DateTime<Utc>,
    /// The offset the text gave, or the site zone's offset at that instant.
    pub offset: FixedOffset,
    pub zone: Zone,
    /// The digits of a fractional second as written (Jekyll drops them; the fix keeps them).
    pub fraction: Option<String>,
}

impl JekyllDate {
    /// RFC 3339 with the same instant and offset, the fraction as written, `Z` for UTC.
    pub fn to_rfc3339(&self) -> String {
        let local = self.instant.with_timezone(&self.offset);
        let mut out = local.format("%Y-%m-%dT%H:%M:%S").to_string();
        if let Some(f) = &self.fraction {
            out.push('.');
            out.push_str(f);
        }
        if self.offset.local_minus_utc() == 0 {
            out.push('Z');
        } else {
            out.push_str(&local.format("%:z").to_string());
        }
        out
    }

    /// The calendar day of the instant in a zone (UTC when the site sets none): the day Jekyll
    /// puts in the post's URL.
    pub fn day_in(&self, tz: Option<Tz>) -> NaiveDate {
        match tz {
            Some(tz) => tz.local(&self.instant).date_naive(),
            None => match self.zone {
                // Without a site zone the build machine's is used; the written day is the best guess.
                Zone::SiteLocal { .. } => self.instant.with_timezone(&self.offset).date_naive(),
                _ => self.instant.date_naive(),
            },
        }
    }

    pub fn epoch_millis(&self) -> i64 {
        self.instant.timestamp_millis()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Jekyll stops the whole build on it.
    Invalid { reason: String },
    /// Ruby takes the missing parts (the year, the month, the day) from the clock: the post
    /// is published, dated by the build.
    FromBuildTime { reason: String },
    /// Jekyll silently moves it (`2021-02-30` is published as 2021-03-02).
    Impossible {
        written: String,
        moved_to: NaiveDate,
        /// The date Jekyll publishes it with.
        read: Box<JekyllDate>,
    },
}

struct Parts<'t> {
    year: i32,
    month: u32,
    day: u32,
    /// hour, minute, second, fraction digits (borrowed from a timestamp's text: every plain
    /// timestamp is read when the YAML is typed, where only the range is asked)
    time: Option<(u32, u32, u32, Option<Cow<'t, str>>)>,
    offset_secs: Option<i32>,
}

/// Whether the text is RFC 3339 with an explicit offset, the canonical form.
pub fn is_rfc3339(text: &str) -> bool {
    shape::is_rfc3339(text)
}

/// The offset Psych's `parse_time` gives a zone of the timestamp's shape: the zone is cut
/// into hours (one or two digits, greedy) and minutes (what follows, colon dropped), so
/// `+800` is 80 hours (out of range: Psych then keeps the text), and the minutes take the
/// sign of the hours, so `-00:30` is +00:30 (a Psych quirk, kept).
fn psych_offset(zone: &str) -> Option<i32> {
    if zone == "Z" {
        return Some(0);
    }
    let (sign, rest) = zone.split_at(1);
    // `[-+]\d+(:\d\d)?`: a colon only counts with two digits after it (`+08:` is `+08`).
    let digits_end = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (hours_part, minutes_part) = {
        let digits = &rest[..digits_end];
        let after = &rest[digits_end..];
        let colon_minutes = after
            .strip_prefix(':')
            .filter(|m| m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()));
        let hour_len = digits.len().min(2);
        let (h, tail) = digits.split_at(hour_len);
        (h, colon_minutes.unwrap_or(tail))
    };
    let hours: i32 = hours_part.parse().ok()?;
    let minutes: i32 = if minutes_part.is_empty() {
        0
    } else {
        minutes_part.parse().ok()?
    };
    let mut offset = hours * 3600;
    if sign == "-" {
        offset = -offset;
    }
    offset += if offset < 0 {
        -minutes * 60
    } else {
        minutes * 60
    };
    // `Time.new` refuses an offset of a day or more.
    (offset.abs() < 86_400).then_some(offset)
}

/// Psych's timestamp (`ScalarScanner::TIME`, read in [`shape::psych_time`]), the one
/// definition of which unquoted scalars YAML reads as a time: `yaml::resolve_plain` types
/// scalars with it, this module reads them with it.
/// How Psych types a plain scalar of this shape: `None` if it is not a timestamp's shape,
/// `Some(true)` if it reads as a Time, `Some(false)` if Ruby's `Time.utc`/`Time.new` refused a
/// part of it (month 13, hour 25, offset `+30`) and Psych kept the text.
pub fn psych_time(text: &str) -> Option<bool> {
    shape::psych_time(text).map(|t| parts_of(&t).is_some_and(|p| components_in_range(&p)))
}

fn parse_yaml_time(text: &str) -> Option<Parts<'_>> {
    parts_of(&shape::psych_time(text)?)
}

fn parts_of<'t>(t: &PsychTime<'t>) -> Option<Parts<'t>> {
    Some(Parts {
        year: t.year.parse().ok()?,
        month: digits_value(t.month)?,
        day: digits_value(t.day)?,
        time: Some((
            digits_value(t.hour)?,
            digits_value(t.minute)?,
            digits_value(t.second)?,
            t.fraction.filter(|f| !f.is_empty()).map(Cow::Borrowed),
        )),
        offset_secs: match t.zone {
            Some(z) => Some(psych_offset(z)?),
            None => None,
        },
    })
}

/// The value of a run of ASCII digits (`shape::psych_time` gives one or two for a month, day,
/// hour, minute or second), without `str::parse`'s general path.
fn digits_value(digits: &str) -> Option<u32> {
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0u32, |n, b| {
        b.is_ascii_digit()
            .then(|| n.checked_mul(10)?.checked_add(u32::from(b - b'0')))?
    })
}

/// `Time.parse` of any other text, through [`ruby_date`]: the wall-clock parts, and the offset
/// when the text names a zone Ruby knows.
fn parse_text(text: &str, site_tz: Option<Tz>) -> Result<Parts<'static>, DateProblem> {
    let wall = ruby_date::time_parse(text, site_tz).map_err(|e| match e {
        TimeParseError::Invalid(reason) => DateProblem::Invalid { reason },
        TimeParseError::FromBuildTime(reason) => DateProblem::FromBuildTime { reason },
    })?;
    let out_of_range = || DateProblem::Invalid {
        reason: "a month, day or time is out of range".into(),
    };
    let small = |v: i64| u32::try_from(v).map_err(|_| out_of_range());
    Ok(Parts {
        year: i32::try_from(wall.year).map_err(|_| DateProblem::Invalid {
            reason: "the year is out of range".into(),
        })?,
        month: small(wall.mon)?,
        day: small(wall.day)?,
        time: Some((
            small(wall.hour)?,
            small(wall.min)?,
            small(wall.sec)?,
            wall.fraction.map(Cow::Owned),
        )),
        offset_secs: wall.offset,
    })
}

/// A fraction of a second's digits in nanoseconds: the first nine, padded with zeros (Ruby
/// drops the rest). Anything but digits among them reads as no fraction.
fn nanos_of(fraction: &str) -> u32 {
    let mut nanos = 0;
    let mut digits = 0;
    for c in fraction.chars().take(9) {
        let Some(d) = c.to_digit(10) else {
            return 0;
        };
        nanos = nanos * 10 + d;
        digits += 1;
    }
    nanos * 10u32.pow(9 - digits)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).map_or(31, |d| d.day0() + 1)
}

use chrono::Datelike;

fn components_in_range(p: &Parts<'_>) -> bool {
    let time_ok = p.time.as_ref().is_none_or(|(h, m, s, _)| {
        (*h < 24 || (*h == 24 && *m == 0 && *s == 0)) && *m < 60 && *s <= 60
    });
    (1..=12).contains(&p.month) && (1..=31).contains(&p.day) && time_ok
}

/// Whether `YYYY-MM-DD` names a day that exists.
pub fn ymd_exists(text: &str) -> bool {
    let mut it = text.split('-');
    let (Some(y), Some(m), Some(d)) = (it.next(), it.next(), it.next()) else {
        return false;
    };
    match (y.parse(), m.parse(), d.parse()) {
        (Ok(y), Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(y, m, d).is_some(),
        _ => false,
    }
}

/// Reads a front-matter date as Jekyll does, in the site's zone (`None`: not set).
pub fn read(input: DateInput<'_>, site_tz: Option<Tz>) -> Result<JekyllDate, DateProblem> {
    let invalid = |reason: &str| DateProblem::Invalid {
        reason: reason.to_string(),
    };
    let (text, mut p, unquoted_timestamp) = match input {
        DateInput::Timestamp(t) => (
            t,
            parse_yaml_time(t).ok_or_else(|| invalid("not a timestamp"))?,
            true,
        ),
        DateInput::Day(t) | DateInput::Text(t) => (t, parse_text(t, site_tz)?, false),
    };
    if !components_in_range(&p) {
        return Err(invalid("a month, day or time is out of range"));
    }
    // Ruby rolls a day past the month's end into the next month (2021-02-30 is 2021-03-02)
    // and goes on from there: the instant, and the URL day in the site's zone, follow.
    let rolled = p.day > days_in_month(p.year, p.month);
    let date = NaiveDate::from_ymd_opt(p.year, p.month, 1)
        .map(|first| first + chrono::Days::new(u64::from(p.day - 1)))
        .ok_or_else(|| invalid("year out of range"))?;
    let (h, m, s, fraction) = p.time.take().unwrap_or((0, 0, 0, None));
    let nanos = fraction.as_deref().map_or(0, nanos_of);
    let (h, extra_day) = if h == 24 { (0, 1) } else { (h, 0) };
    let (s, leap) = if s == 60 { (59, 1) } else { (s, 0) };
    let time =
        NaiveTime::from_hms_nano_opt(h, m, s, nanos).ok_or_else(|| invalid("time out of range"))?;
    // Checked: `24:00` or `:60` on the last day chrono holds (year 262142) would overflow.
    // Nearly every date has neither, and adding nothing cost two chrono additions a post.
    let mut naive = NaiveDateTime::new(date, time);
    if extra_day != 0 || leap != 0 {
        naive = naive
            .checked_add_signed(chrono::Duration::days(extra_day))
            .and_then(|n| n.checked_add_signed(chrono::Duration::seconds(leap)))
            .ok_or_else(|| invalid("year out of range"))?;
    }

    let (instant, offset, zone) = match p.offset_secs {
        Some(secs) => {
            let off = FixedOffset::east_opt(secs).ok_or_else(|| invalid("offset out of range"))?;
            let local = off
                .from_local_datetime(&naive)
                .single()
                .ok_or_else(|| invalid("offset out of range"))?;
            (local.with_timezone(&Utc), off, Zone::Explicit)
        }
        None if unquoted_timestamp => {
            let utc = Utc.from_utc_datetime(&naive);
            let off = match site_tz {
                Some(tz) => tz.offset_at(&utc),
                None => FixedOffset::east_opt(0).unwrap(),
            };
            (utc, off, Zone::ImplicitUtc)
        }
        None => match site_tz {
            Some(tz) => {
                // A wall-clock time that a DST change skips or repeats: Ruby takes the earlier.
                let local = tz
                    .earliest(&naive)
                    .or_else(|| tz.earliest(&(naive + chrono::Duration::hours(1))))
                    .ok_or_else(|| invalid("time does not exist in the site's timezone"))?;
                (
                    local.with_timezone(&Utc),
                    *local.offset(),
                    Zone::SiteLocal {
                        site_zone_set: true,
                    },
                )
            }
            None => (
                Utc.from_utc_datetime(&naive),
                FixedOffset::east_opt(0).unwrap(),
                Zone::SiteLocal {
                    site_zone_set: false,
                },
            ),
        },
    };
    let read = JekyllDate {
        instant,
        offset,
        zone,
        fraction: fraction.map(Cow::into_owned),
    };
    if rolled {
        return Err(DateProblem::Impossible {
            written: text.trim().to_string(),
            moved_to: read.day_in(site_tz),
            read: Box::new(read),
        });
    }
    Ok(read)
}

#[cfg(test)]
mod tests;
