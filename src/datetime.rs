//! Dates as Jekyll 4.3 reads them.
//!
//! Jekyll takes `date` through `Time.parse(value.to_s)` in the site's timezone. What that yields
//! depends on how YAML typed the value first: an unquoted zone-less timestamp is already a UTC
//! time, a quoted one is wall-clock time in the site's zone. Ruby's parser is far more lenient
//! than anything worth copying; this module accepts the forms people write (ISO 8601 with `T` or
//! a space, `YYYY/MM/DD`, `July 20, 2021`, `20 Jul 2021`, RFC 2822) and calls the rest invalid.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use regex::Regex;

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
            Some(tz) => self.instant.with_timezone(&tz).date_naive(),
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
    /// Jekyll silently moves it (`2021-02-30` is published as 2021-03-02).
    Impossible {
        written: String,
        moved_to: NaiveDate,
        /// The date Jekyll publishes it with.
        read: Box<JekyllDate>,
    },
}

struct Parts {
    year: i32,
    month: u32,
    day: u32,
    /// hour, minute, second, fraction digits
    time: Option<(u32, u32, u32, Option<String>)>,
    offset_secs: Option<i32>,
}

static RFC3339: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$")
        .unwrap()
});

/// Whether the text is RFC 3339 with an explicit offset, the canonical form.
pub fn is_rfc3339(text: &str) -> bool {
    RFC3339.is_match(text)
}

static YAML_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(-?[0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?$").unwrap()
});

static ISO_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?)?[ \t]*(Z|z|UTC|GMT|[-+][0-9]{1,2}(?::?[0-9]{2})?)?$").unwrap()
});

static NAMED_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
    let weekday = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?[ \t]+)?";
    let time = r"(?:,?[ \t]+([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?)?[ \t]*(Z|UTC|GMT|[-+][0-9]{1,2}(?::?[0-9]{2})?)?";
    Regex::new(&format!(
        r"(?i)^{weekday}(?:{month}[ \t]+([0-9]{{1,2}})(?:st|nd|rd|th)?,?[ \t]+([0-9]{{4}})|([0-9]{{1,2}})(?:st|nd|rd|th)?[ \t]+{month},?[ \t]+([0-9]{{4}})){time}$"
    ))
    .unwrap()
});

fn month_number(name: &str) -> u32 {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.to_ascii_lowercase();
    NAMES
        .iter()
        .position(|n| lower.starts_with(n))
        .map_or(0, |i| i as u32 + 1)
}

fn parse_offset(z: &str) -> Option<i32> {
    match z {
        "Z" | "z" | "UTC" | "GMT" => return Some(0),
        _ => {}
    }
    let sign = if z.starts_with('-') { -1 } else { 1 };
    let digits: String = z[1..].chars().filter(|c| *c != ':').collect();
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 | 4 => {
            let split = digits.len() - 2;
            (
                digits[..split].parse::<i32>().ok()?,
                digits[split..].parse::<i32>().ok()?,
            )
        }
        _ => return None,
    };
    if h > 23 || m > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

fn num(c: Option<regex::Match<'_>>) -> Option<u32> {
    c.and_then(|m| m.as_str().parse().ok())
}

fn time_parts(
    h: Option<regex::Match<'_>>,
    m: Option<regex::Match<'_>>,
    s: Option<regex::Match<'_>>,
    f: Option<regex::Match<'_>>,
) -> Option<(u32, u32, u32, Option<String>)> {
    let h = num(h)?;
    Some((
        h,
        num(m).unwrap_or(0),
        num(s).unwrap_or(0),
        f.map(|f| f.as_str().to_string()).filter(|f| !f.is_empty()),
    ))
}

fn parse_yaml_time(text: &str) -> Option<Parts> {
    let c = YAML_TIME.captures(text)?;
    Some(Parts {
        year: c[1].parse().ok()?,
        month: c[2].parse().ok()?,
        day: c[3].parse().ok()?,
        time: time_parts(c.get(4), c.get(5), c.get(6), c.get(7)),
        offset_secs: match c.get(8) {
            Some(z) => Some(parse_offset(z.as_str())?),
            None => None,
        },
    })
}

fn parse_text(text: &str) -> Option<Parts> {
    let text = text.trim();
    if let Some(c) = ISO_LIKE.captures(text) {
        return Some(Parts {
            year: c[1].parse().ok()?,
            month: c[2].parse().ok()?,
            day: c[3].parse().ok()?,
            time: time_parts(c.get(4), c.get(5), c.get(6), c.get(7)),
            offset_secs: match c.get(8) {
                Some(z) => Some(parse_offset(z.as_str())?),
                None => None,
            },
        });
    }
    if let Some(c) = NAMED_MONTH.captures(text) {
        let (month, day, year) = if c.get(1).is_some() {
            (month_number(&c[1]), num(c.get(2))?, c[3].parse().ok()?)
        } else {
            (month_number(&c[5]), num(c.get(4))?, c[6].parse().ok()?)
        };
        return Some(Parts {
            year,
            month,
            day,
            time: time_parts(c.get(7), c.get(8), c.get(9), c.get(10)),
            offset_secs: match c.get(11) {
                Some(z) => Some(parse_offset(z.as_str())?),
                None => None,
            },
        });
    }
    None
}

const MONTHS: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

static LOOSE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?(?:\s*([ap])\.?m\b\.?)?(?:\s*(Z\b|UTC\b|GMT\b|[-+][0-9]{1,2}(?::?[0-9]{2})?))?").unwrap()
});
static LOOSE_EU: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b([0-9]{{1,2}})(?:st|nd|rd|th)?\s*{MONTHS}[a-z]*\.?,?(?:\s*(-?[0-9]{{4}}))?"
    ))
    .unwrap()
});
static LOOSE_US: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{MONTHS}[a-z]*\.?\s*([0-9]{{1,2}})(?:st|nd|rd|th)?\b,?(?:\s*(-?[0-9]{{4}}))?"
    ))
    .unwrap()
});
static LOOSE_YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{4})\s*[-/.]\s*([0-9]{1,2})\s*[-/.]\s*([0-9]{1,2})").unwrap()
});
static LOOSE_DMY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})\b").unwrap());
static LOOSE_DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([0-9]{4})([0-9]{2})([0-9]{2})\s*$").unwrap());

/// The forms the strict grammar does not know, read the way Ruby's `Date._parse` does: a time
/// (and a zone right after it) found anywhere, then a day found in what is left, words around
/// them ignored. `2023-01-29 18:30:22 2023 -0800` is 18:30:22 on 2023-01-29 with no zone (the
/// `-0800` does not follow the time), exactly as Jekyll reads it.
fn parse_lenient(text: &str) -> Result<Parts, String> {
    let mut rest = text.to_string();
    let mut time = None;
    let mut offset_secs = None;
    if let Some(c) = LOOSE_TIME.captures(text) {
        let mut h: u32 = c[1].parse().unwrap_or(99);
        match c.get(5).map(|m| m.as_str().to_ascii_lowercase()) {
            Some(ap) if ap == "p" && h < 12 => h += 12,
            Some(ap) if ap == "a" && h == 12 => h = 0,
            _ => {}
        }
        time = Some((
            h,
            num(c.get(2)).unwrap_or(0),
            num(c.get(3)).unwrap_or(0),
            c.get(4).map(|f| f.as_str().to_string()),
        ));
        if let Some(z) = c.get(6) {
            offset_secs = Some(parse_offset(z.as_str()).ok_or("the zone is out of range")?);
        }
        let m = c.get(0).map_or(0..0, |m| m.range());
        rest.replace_range(m.clone(), &" ".repeat(m.len()));
    }
    let found = if let Some(c) = LOOSE_EU.captures(&rest) {
        Some((
            c.get(3).map(|y| y.as_str().to_string()),
            month_number(&c[2]),
            num(c.get(1)),
        ))
    } else if let Some(c) = LOOSE_US.captures(&rest) {
        Some((
            c.get(3).map(|y| y.as_str().to_string()),
            month_number(&c[1]),
            num(c.get(2)),
        ))
    } else if let Some(c) = LOOSE_YMD
        .captures(&rest)
        .or_else(|| LOOSE_DIGITS.captures(&rest))
    {
        Some((
            Some(c[1].to_string()),
            num(c.get(2)).unwrap_or(0),
            num(c.get(3)),
        ))
    } else {
        LOOSE_DMY.captures(&rest).map(|c| {
            (
                Some(c[3].to_string()),
                num(c.get(2)).unwrap_or(0),
                num(c.get(1)),
            )
        })
    };
    match found {
        Some((Some(y), month, Some(day))) => Ok(Parts {
            year: y.parse().map_err(|_| "the year is out of range")?,
            month,
            day,
            time,
            offset_secs,
        }),
        Some(_) => Err("it has no year: Jekyll would use the year of the build".into()),
        None if time.is_some() => {
            Err("it has a time but no day: Jekyll would date it on the day of the build".into())
        }
        None => Err("no date in it".into()),
    }
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

/// Psych builds a Time with Ruby's `Time.utc`, which rejects a month or hour out of range (the
/// value then stays a string) but rolls a day 29–31 over into the next month.
pub fn psych_time_is_valid(text: &str) -> bool {
    parse_yaml_time(text).is_some_and(|p| components_in_range(&p))
}

fn components_in_range(p: &Parts) -> bool {
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
    let (text, parts, unquoted_timestamp) = match input {
        DateInput::Timestamp(t) => (
            t,
            parse_yaml_time(t).ok_or_else(|| "not a timestamp".to_string()),
            true,
        ),
        DateInput::Day(t) | DateInput::Text(t) => {
            (t, parse_text(t).map_or_else(|| parse_lenient(t), Ok), false)
        }
    };
    let invalid = |reason: &str| DateProblem::Invalid {
        reason: reason.to_string(),
    };
    let p = parts.map_err(|reason| invalid(&reason))?;
    if !components_in_range(&p) {
        return Err(invalid("a month, day or time is out of range"));
    }
    // Ruby rolls a day past the month's end into the next month (2021-02-30 is 2021-03-02)
    // and goes on from there: the instant, and the URL day in the site's zone, follow.
    let rolled = p.day > days_in_month(p.year, p.month);
    let date = NaiveDate::from_ymd_opt(p.year, p.month, 1)
        .map(|first| first + chrono::Days::new(u64::from(p.day - 1)))
        .ok_or_else(|| invalid("year out of range"))?;
    let (h, m, s, fraction) = p.time.clone().unwrap_or((0, 0, 0, None));
    let nanos = fraction
        .as_deref()
        .map(|f| {
            let digits: String = f.chars().chain(std::iter::repeat('0')).take(9).collect();
            digits.parse::<u32>().unwrap_or(0)
        })
        .unwrap_or(0);
    let (h, extra_day) = if h == 24 { (0, 1) } else { (h, 0) };
    let (s, leap) = if s == 60 { (59, 1) } else { (s, 0) };
    let time =
        NaiveTime::from_hms_nano_opt(h, m, s, nanos).ok_or_else(|| invalid("time out of range"))?;
    let naive = NaiveDateTime::new(date, time)
        + chrono::Duration::days(extra_day)
        + chrono::Duration::seconds(leap);

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
                Some(tz) => utc.with_timezone(&tz).offset().fix(),
                None => FixedOffset::east_opt(0).unwrap(),
            };
            (utc, off, Zone::ImplicitUtc)
        }
        None => match site_tz {
            Some(tz) => {
                // A wall-clock time that a DST change skips or repeats: Ruby takes the earlier.
                let local = tz
                    .from_local_datetime(&naive)
                    .earliest()
                    .or_else(|| {
                        tz.from_local_datetime(&(naive + chrono::Duration::hours(1)))
                            .earliest()
                    })
                    .ok_or_else(|| invalid("time does not exist in the site's timezone"))?;
                (
                    local.with_timezone(&Utc),
                    local.offset().fix(),
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
        fraction,
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

use chrono::Offset;

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(input: DateInput<'_>) -> String {
        read(input, None).unwrap().instant.to_rfc3339()
    }

    #[test]
    fn reads_the_forms_jekyll_reads() {
        assert_eq!(
            utc(DateInput::Timestamp("2021-07-20T10:40:01.779Z")),
            "2021-07-20T10:40:01.779+00:00"
        );
        assert_eq!(
            utc(DateInput::Timestamp("2021-07-20 18:40:01 +0800")),
            "2021-07-20T10:40:01+00:00"
        );
        assert_eq!(
            utc(DateInput::Text("2021-07-20T10:40:01Z")),
            "2021-07-20T10:40:01+00:00"
        );
        assert_eq!(
            utc(DateInput::Text("July 20, 2021")),
            "2021-07-20T00:00:00+00:00"
        );
        assert_eq!(
            utc(DateInput::Text("2021/07/20")),
            "2021-07-20T00:00:00+00:00"
        );
        assert_eq!(
            utc(DateInput::Text("Tue, 20 Jul 2021 10:40:01 +0000")),
            "2021-07-20T10:40:01+00:00"
        );
    }

    #[test]
    fn zone_less_times_depend_on_quoting() {
        let sg: Tz = "Asia/Singapore".parse().unwrap();
        let unquoted = read(DateInput::Timestamp("2021-07-20 10:40:01"), Some(sg)).unwrap();
        assert_eq!(unquoted.instant.to_rfc3339(), "2021-07-20T10:40:01+00:00");
        assert_eq!(unquoted.zone, Zone::ImplicitUtc);
        let quoted = read(DateInput::Text("2021-07-20 10:40:01"), Some(sg)).unwrap();
        assert_eq!(quoted.instant.to_rfc3339(), "2021-07-20T02:40:01+00:00");
        assert_eq!(quoted.to_rfc3339(), "2021-07-20T10:40:01+08:00");
    }

    #[test]
    fn url_day_follows_site_zone() {
        let sg: Tz = "Asia/Singapore".parse().unwrap();
        let d = read(DateInput::Timestamp("2021-07-20T20:40:01Z"), Some(sg)).unwrap();
        assert_eq!(d.day_in(Some(sg)).to_string(), "2021-07-21");
        assert_eq!(d.day_in(None).to_string(), "2021-07-20");
    }

    #[test]
    fn reads_loose_text_like_ruby() {
        // Each pair was checked against Ruby's Time.parse with TZ=UTC.
        for (text, want) in [
            (
                "2023-01-29 18:30:22 2023 -0800",
                "2023-01-29T18:30:22+00:00",
            ),
            ("20.07.2021", "2021-07-20T00:00:00+00:00"),
            ("20210720", "2021-07-20T00:00:00+00:00"),
            (
                "Published on 20 July 2021 at 3:04 pm",
                "2021-07-20T15:04:00+00:00",
            ),
            ("2021-07-20 10:40", "2021-07-20T10:40:00+00:00"),
        ] {
            assert_eq!(utc(DateInput::Text(text)), want, "{text}");
        }
        // Ruby reads `07/20/2021` as year 7, month 20: out of range.
        for text in [
            "10:00",
            "July 20",
            "Tuesday",
            "2021-13-20T10:40:01Z",
            "07/20/2021",
        ] {
            assert!(
                matches!(
                    read(DateInput::Text(text), None),
                    Err(DateProblem::Invalid { .. })
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn invalid_and_impossible() {
        assert!(matches!(
            read(DateInput::Text("2021-13-20T10:40:01Z"), None),
            Err(DateProblem::Invalid { .. })
        ));
        assert!(matches!(
            read(DateInput::Text("sometime last week"), None),
            Err(DateProblem::Invalid { .. })
        ));
        assert!(matches!(
            read(DateInput::Text(""), None),
            Err(DateProblem::Invalid { .. })
        ));
        match read(DateInput::Timestamp("2021-02-30T10:00:00Z"), None) {
            Err(DateProblem::Impossible { moved_to, .. }) => {
                assert_eq!(moved_to.to_string(), "2021-03-02")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_impossible_day_moves_with_its_time_and_zone() {
        // Checked with Jekyll 4.3: published at /2021/03/03/ in Asia/Singapore.
        let sg: Tz = "Asia/Singapore".parse().unwrap();
        match read(DateInput::Timestamp("2021-02-30T20:00:00Z"), Some(sg)) {
            Err(DateProblem::Impossible { moved_to, .. }) => {
                assert_eq!(moved_to.to_string(), "2021-03-03")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rfc3339_output_keeps_offset_and_fraction() {
        let d = read(DateInput::Timestamp("2021-07-20 18:40:01.5 +0800"), None).unwrap();
        assert_eq!(d.to_rfc3339(), "2021-07-20T18:40:01.5+08:00");
        assert!(is_rfc3339(&d.to_rfc3339()));
        assert!(!is_rfc3339("2021-07-20 18:40:01 +0800"));
    }
}
