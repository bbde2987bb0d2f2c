use super::*;
use crate::zone::Tz;

fn ymd(text: &str) -> (Option<i64>, Option<i64>, Option<i64>) {
    let f = date_parse(text);
    (f.year, f.mon, f.mday)
}

#[test]
fn day_month_year_and_its_relatives() {
    // Each checked with Ruby 3.1's Date._parse.
    assert_eq!(ymd("11-9-2017"), (Some(2017), Some(9), Some(11)));
    assert_eq!(ymd("3-4-2017"), (Some(2017), Some(4), Some(3)));
    assert_eq!(ymd("2017/9/11"), (Some(2017), Some(9), Some(11)));
    assert_eq!(ymd("11/9/2017"), (Some(2017), Some(9), Some(11)));
    assert_eq!(ymd("20.07.2021"), (Some(2021), Some(7), Some(20)));
    assert_eq!(ymd("20210720"), (Some(2021), Some(7), Some(20)));
    assert_eq!(ymd("210720"), (Some(2021), Some(7), Some(20)));
    assert_eq!(ymd("July 20, 2021"), (Some(2021), Some(7), Some(20)));
    assert_eq!(ymd("20th July '21"), (Some(2021), Some(7), Some(20)));
    assert_eq!(ymd("20-Jul-2021"), (Some(2021), Some(7), Some(20)));
}

#[test]
fn times_and_zones() {
    let f = date_parse("Published on 20 July 2021 at 3:04 pm PST");
    assert_eq!(
        (f.hour, f.min, f.zone.as_deref()),
        (Some(15), Some(4), Some("PST"))
    );
    let f = date_parse("12am");
    assert_eq!(f.hour, Some(0));
    assert_eq!(zone_offset("+8", 2021, None), None);
    assert_eq!(zone_offset("+08", 2021, None), Some(8 * 3600));
    assert_eq!(zone_offset("+0830", 2021, None), Some(8 * 3600 + 1800));
    assert_eq!(zone_offset("cest", 2021, None), None);
    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    assert_eq!(zone_offset("cest", 2021, Some(berlin)), Some(7200));
}

mod common_forms {
    use proptest::prelude::*;

    use super::super::{common, passes};

    fn assert_agree(text: &str) {
        if let Some(f) = common::date_parse(text) {
            assert_eq!(f, passes(text), "{text:?}");
        }
    }

    /// Texts of the common forms, to be edited into their near misses.
    const SEEDS: &[&str] = &[
        "2021-07-20",
        "2021-7-2",
        "2021-13-20T10:40:01Z",
        "2021-07-20T10:40:01.779Z",
        "2021-07-20t10:40:01.z",
        "2021-07-20 18:40:01 +0800",
        "2021-07-20 18:40:01+08:00",
        "2021-07-20 18:40 -05",
        "2021-07-20T8:40",
        "0099-00-00T99:99:99.123456789 +99:99",
    ];

    const PIECES: &[&str] = &[
        "0", "1", "2", "9", "00", "12", "2021", "-", "+", ":", ".", ",", "T", "t", "Z", "z", " ",
        "  ", "\t", "\n", "'", "/", "h", "am", "pm", "PST", "UTC", "GMT", "Tue", "Jul", "bc", "st",
        "é", "٣", "_",
    ];

    fn near_miss() -> impl Strategy<Value = String> {
        crate::near_miss::near_miss(SEEDS, PIECES)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        #[test]
        fn the_common_forms_read_as_the_passes_read_them(text in near_miss()) {
            assert_agree(&text);
        }

        #[test]
        fn generated_common_forms_read_as_the_passes_read_them(
            text in "[0-9]{3,5}-[0-9]{1,3}-[0-9]{1,3}(([Tt ])[0-9]{1,3}:[0-9]{1,3}(:[0-9]{1,3}(\\.[0-9]{0,3})?)? ?(Z|z|[-+][0-9:]{0,5})?)?"
        ) {
            assert_agree(&text);
        }
    }

    /// The forms the fast path is for are read by it, not left to the passes.
    #[test]
    fn the_common_forms_are_read_without_the_passes() {
        for text in [
            "2021-07-20",
            "2021-13-20T10:40:01Z",
            "2021-07-20T10:40:01.779Z",
            "2021-07-20 18:40:01 +0800",
            "2021-07-20T18:40:01+08:00",
            "2021-07-20 10:40",
        ] {
            assert!(common::date_parse(text).is_some(), "{text}");
            assert_agree(text);
        }
        for text in [
            "2021-07-20 ",
            " 2021-07-20",
            "2021-07-20T10",
            "2021-07-20T10:40:01 PST",
        ] {
            assert!(common::date_parse(text).is_none(), "{text}");
        }
    }

    /// Every value Jekyll's readings were recorded for.
    #[test]
    fn the_recorded_dates_read_as_the_passes_read_them() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/jekyll_dates.tsv");
        let text = std::fs::read_to_string(path).unwrap();
        for line in text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let raw = line.split('\t').nth(1).unwrap();
            let value = raw.trim_matches(|c| c == '"' || c == '\'');
            assert_agree(raw);
            assert_agree(value);
        }
    }
}

mod numeric_zones {
    use proptest::prelude::*;

    use super::super::scan::{re, to_i};
    use super::super::zone::numeric_offset;

    /// What `zone_offset` read with its regexes.
    fn by_regex(zone: &str) -> Option<i32> {
        let numeric = re(r"\A([+-])([0-9]{2})(:?)([0-9]{2})(?:(:?)([0-9]{2}))?\z");
        let hours = re(r"\A[+-][0-9]{2}\z");
        if let Some(c) = numeric.captures(zone)
            && c.get(6)
                .is_none_or(|_| c.get(5).map(|m| m.as_str()) == c.get(3).map(|m| m.as_str()))
        {
            let sign = if &c[1] == "-" { -1 } else { 1 };
            let secs = c.get(6).map_or(0, |m| to_i(m.as_str()));
            return Some(
                sign * ((to_i(&c[2]) as i32 * 60 + to_i(&c[4]) as i32) * 60 + secs as i32),
            );
        }
        hours.is_match(zone).then(|| to_i(zone) as i32 * 3600)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn numeric_zones_read_as_the_regexes_read_them(zone in "[-+ ]?[0-9:٣a]{0,9}") {
            prop_assert_eq!(numeric_offset(&zone), by_regex(&zone), "{:?}", zone);
        }
    }

    #[test]
    fn numeric_zones_on_the_edges() {
        for zone in [
            "",
            "+",
            "+8",
            "+08",
            "-08",
            "+080",
            "+0800",
            "+08:00",
            "+08:0",
            "+08:000",
            "+080000",
            "+08:00:00",
            "+08:0000",
            "+0800:00",
            "-23:59:59",
            "+99:99",
            "08:00",
            "++08",
            "+08 ",
        ] {
            assert_eq!(numeric_offset(zone), by_regex(zone), "{zone:?}");
        }
    }
}

mod noise {
    use proptest::prelude::*;

    use super::super::scan::{NOISE, denoise};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]

        #[test]
        fn denoise_is_the_noise_regex(text in "[ -~\t\n\r]{0,12}|\\PC{0,6}") {
            prop_assert_eq!(denoise(&text), NOISE.replace_all(&text, " ").into_owned());
        }
    }
}
