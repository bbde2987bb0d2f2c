//! The offset a zone's name stands for, as `Time.zone_offset` reads it: numeric offsets, the
//! RFC 822 names and military letters of Ruby's `time.rb`, and the local zone's own
//! abbreviations. Anything else is unknown to Ruby, and the time is read as local.

use std::sync::LazyLock;

use chrono::{NaiveDate, TimeZone};
use chrono_tz::{OffsetName, Tz};
use regex::Regex;

use super::scan::{re, to_i};

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
