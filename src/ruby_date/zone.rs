//! The offset a zone's name stands for, as `Time.zone_offset` reads it: numeric offsets, the
//! RFC 822 names and military letters of Ruby's `time.rb`, and the local zone's own
//! abbreviations. Anything else is unknown to Ruby, and the time is read as local.

use chrono::NaiveDate;

use crate::zone::Tz;

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

/// `Time.zone_offset`'s numeric forms, read by hand (two small regexes cost more to build than
/// the rest of a date's reading): `\A([+-])([0-9]{2})(:?)([0-9]{2})(?:(:?)([0-9]{2}))?\z` with
/// the same separator before the minutes and the seconds, or `\A[+-][0-9]{2}\z`. The
/// regexes are the oracle in the tests.
pub(super) fn numeric_offset(zone: &str) -> Option<i32> {
    let (sign, rest) = match zone.as_bytes() {
        [b'+', rest @ ..] => (1, rest),
        [b'-', rest @ ..] => (-1, rest),
        _ => return None,
    };
    let (h, m, s) = match *rest {
        [h1, h2] => ([h1, h2], [b'0', b'0'], [b'0', b'0']),
        [h1, h2, m1, m2] | [h1, h2, b':', m1, m2] => ([h1, h2], [m1, m2], [b'0', b'0']),
        [h1, h2, m1, m2, s1, s2] | [h1, h2, b':', m1, m2, b':', s1, s2] => {
            ([h1, h2], [m1, m2], [s1, s2])
        }
        _ => return None,
    };
    let two = |d: [u8; 2]| {
        d.iter()
            .all(u8::is_ascii_digit)
            .then(|| i32::from(d[0] - b'0') * 10 + i32::from(d[1] - b'0'))
    };
    Some(sign * ((two(h)? * 60 + two(m)?) * 60 + two(s)?))
}

/// `Time.zone_offset`: `+HH:MM`, `+HHMM`, `+HH`, a name from the table, or the abbreviation
/// the local zone (the site's) uses on January 1st or July 1st of that year. Any other zone
/// (`+8`, `CET` in another zone, `Europe/Paris`) is unknown, and the time is read as local.
pub fn zone_offset(zone: &str, year: i64, local: Option<Tz>) -> Option<i32> {
    let zone = zone.to_uppercase();
    if let Some(secs) = numeric_offset(&zone) {
        return Some(secs);
    }
    if let Some(h) = zone_table(&zone) {
        return Some(h * 3600);
    }
    let tz = local?;
    let year = i32::try_from(year).ok()?;
    for month in [1, 7] {
        let day = NaiveDate::from_ymd_opt(year, month, 1)?.and_hms_opt(0, 0, 0)?;
        let (at, abbreviation) = tz.earliest_named(&day)?;
        if abbreviation.to_uppercase() == zone {
            return Some(at.offset().local_minus_utc());
        }
    }
    None
}
