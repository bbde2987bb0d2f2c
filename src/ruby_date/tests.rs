use super::*;
use chrono_tz::Tz;

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
