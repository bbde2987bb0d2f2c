//! Dates as Jekyll reads them, and the hand-read shapes against their regexes.

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

/// Ruby's `Time` takes hour 24 as the next day's midnight and second 60 as the next second,
/// as a timestamp and as text; chrono holds neither, and the day or second is added after.
#[test]
fn hour_24_and_second_60_roll_over() {
    for input in [
        DateInput::Timestamp("2021-07-20 24:00:00"),
        DateInput::Timestamp("2021-07-20 23:59:60"),
        DateInput::Text("2021-07-20 24:00"),
        DateInput::Text("2021-07-20 23:59:60"),
    ] {
        assert_eq!(utc(input), "2021-07-21T00:00:00+00:00", "{input:?}");
    }
    assert_eq!(
        utc(DateInput::Timestamp("2021-12-31 23:59:60 +0800")),
        "2021-12-31T16:00:00+00:00"
    );
}

/// Hostile dates at the edge of what chrono holds are problems, never a panic.
#[test]
fn dates_past_the_last_representable_day_are_invalid() {
    for text in [
        "262142-12-31 24:00",
        "262142-12-31 23:59:60",
        "262142-366",
        "h99999999999999999999.1.1",
        "99999999999999999999 BC",
        "Jan 1 -99999999999999999999",
    ] {
        assert!(read(DateInput::Text(text), None).is_err(), "{text}");
    }
}

#[test]
fn psych_offsets_as_psych_reads_them() {
    // Checked with Ruby 3.1's Psych (and through Jekyll: tests/data/jekyll_dates.tsv).
    let t = "2021-07-20 10:00:00";
    for (zone, typed, offset) in [
        ("", Some(true), None),
        (" Z", Some(true), Some(0)),
        (" +8", Some(true), Some(8 * 3600)),
        (" +08", Some(true), Some(8 * 3600)),
        (" +0800", Some(true), Some(8 * 3600)),
        (" +08:00", Some(true), Some(8 * 3600)),
        (" -05:30", Some(true), Some(-(5 * 3600 + 1800))),
        // Psych gives the minutes the sign of the hours: `-00` has none.
        (" -00:30", Some(true), Some(1800)),
        // 80 hours, and a whole day: `Time.new` refuses, Psych keeps the text.
        (" +800", Some(false), None),
        (" +24", Some(false), None),
        // Not the shape at all: lower-case `z`, three minute digits.
        ("z", None, None),
        (" +08:000", None, None),
    ] {
        let text = format!("{t}{zone}");
        assert_eq!(psych_time(&text), typed, "{text}");
        if typed == Some(true) {
            let p = parse_yaml_time(&text).unwrap();
            assert_eq!(p.offset_secs, offset, "{text}");
        }
    }
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
    // Ruby completes a date without a year (or a time without a day) from the clock.
    for text in ["10:00", "July 20", "20th"] {
        assert!(
            matches!(
                read(DateInput::Text(text), None),
                Err(DateProblem::FromBuildTime { .. })
            ),
            "{text}"
        );
    }
    // Ruby reads `07/20/2021` as year 2021, month 20, day 7: out of range.
    for text in ["Tuesday", "2021-13-20T10:40:01Z", "07/20/2021", "2017"] {
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

mod shapes {
    use std::sync::LazyLock;

    use proptest::prelude::*;
    use regex::Regex;

    use super::super::shape::{self, PsychTime};

    static PSYCH_TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(-?[0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t\n\x0B\x0C\r]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t\n\x0B\x0C\r]*(Z|[-+][0-9]{1,2}:?(?:[0-9]{2})?))?$").unwrap()
    });
    static RFC3339: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$")
            .unwrap()
    });

    fn by_regex(text: &str) -> Option<PsychTime<'_>> {
        let c = PSYCH_TIME.captures(text)?;
        let g = |i: usize| c.get(i).map(|m| m.as_str());
        Some(PsychTime {
            year: g(1)?,
            month: g(2)?,
            day: g(3)?,
            hour: g(4)?,
            minute: g(5)?,
            second: g(6)?,
            fraction: g(7),
            zone: g(8),
        })
    }

    fn assert_agree(text: &str) {
        assert_eq!(shape::psych_time(text), by_regex(text), "{text:?}");
        assert_eq!(
            shape::is_rfc3339(text),
            RFC3339.is_match(text),
            "RFC 3339 on {text:?}"
        );
    }

    /// Texts of each shape, to be edited into their near misses.
    const SEEDS: &[&str] = &[
        "2021-07-20T10:40:01.779Z",
        "2021-07-20T10:40:01Z",
        "2021-07-20T10:40:01+08:00",
        "2021-07-20T10:40:01.5-05:30",
        "2021-07-20 18:40:01 +0800",
        "2021-7-2 8:40:01.  -8",
        "-2021-07-20t10:40:01\t\n+08:",
        "2021-13-20T10:40:01Z",
        "2021-07-20 10:40:01 +800",
    ];

    const PIECES: &[&str] = &[
        "0", "1", "2", "5", "9", "00", "12", "2021", "-", "+", ":", ".", "T", "t", "Z", "z", " ",
        "\t", "\n", "\r", "\x0b", "\x0c", "_", ",", "é", "٣", "\u{a0}",
    ];

    fn near_miss() -> impl Strategy<Value = String> {
        crate::near_miss::near_miss(SEEDS, PIECES)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn hand_shapes_agree_with_their_regexes(text in near_miss()) {
            assert_agree(&text);
        }

        #[test]
        fn hand_shapes_agree_on_date_like_text(
            text in "-?[0-9]{3,5}-[0-9]{1,3}-[0-9]{1,3}([Tt]| {1,2}|\t)[0-9]{1,3}:[0-9]{1,3}:[0-9]{1,3}(\\.[0-9]{0,3})?[ \n]{0,2}(Z|z|[-+][0-9:]{0,5})?"
        ) {
            assert_agree(&text);
        }
    }

    #[test]
    fn hand_shapes_agree_on_the_edges() {
        for text in [
            "",
            "2021-07-20",
            "2021-07-20T10:40:01",
            "2021-07-20T10:40:01 ",
            "2021-07-20T10:40:01.",
            "2021-07-20T10:40:01. Z",
            "2021-07-20T10:40:01Zz",
            "2021-07-20T10:40:01 +1",
            "2021-07-20T10:40:01 +123",
            "2021-07-20T10:40:01 +1234",
            "2021-07-20T10:40:01 +12345",
            "2021-07-20T10:40:01 +1:",
            "2021-07-20T10:40:01 +1:2",
            "2021-07-20T10:40:01 +123:45",
            "2021-07-20T10:40:01 +12:34:",
            "2021-07-20T10:40:01 +:30",
            "2021-07-20T10:40:01 + 8",
            "2021-07-20T10:40:01Z ",
            "2021-07-20Tt10:40:01",
            "2021-07-20 \t 1:40:01",
            "20210-07-20T10:40:01",
            "--2021-07-20T10:40:01",
            "2021-007-20T10:40:01",
            "2021-07-20T100:40:01",
            "2021-07-20T10:4:01",
            "2021-07-20T10:40:01.5+08:00",
            "2021-07-20T10:40:01.+08:00",
            "2021-07-20T10:40:01+0800",
            "2021-07-20T10:40:01+08:0",
            "2021-07-20T10:40:01+08:000",
            "2021-07-20t10:40:01Z",
            "2021-07-20T10:40:01z",
        ] {
            assert_agree(text);
        }
    }
}

#[test]
fn a_fraction_reads_as_its_first_nine_digits() {
    assert_eq!(nanos_of("7"), 700_000_000);
    assert_eq!(nanos_of("779"), 779_000_000);
    assert_eq!(nanos_of("000000001"), 1);
    assert_eq!(nanos_of("1234567891234"), 123_456_789);
    assert_eq!(nanos_of(""), 0);
    assert_eq!(nanos_of("12a"), 0);
    assert_eq!(
        utc(DateInput::Timestamp("2021-07-20T10:40:01.1234567891Z")),
        "2021-07-20T10:40:01.123456789+00:00"
    );
}
