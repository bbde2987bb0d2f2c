//! `Time.parse` on top of `Date._parse`: which missing fields Ruby fills (a missing month and
//! day are January 1st; a missing year or month comes from the build's clock), which found ones
//! make it raise, and the offset of the zone found.

use chrono::{Datelike, NaiveDate};

use super::date_parse;
use super::zone::zone_offset;
use crate::zone::Tz;

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
