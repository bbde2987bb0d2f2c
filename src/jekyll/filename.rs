//! What Jekyll reads from a post's file name: the date and slug of `YYYY-MM-DD-slug.ext`.
//!
//! Jekyll's own patterns (`Document::DATE_FILENAME_MATCHER`, `DATELESS_FILENAME_MATCHER`) are
//! copied rather than written as a date parser: they accept `2021-7-2-` and a two-digit year,
//! and a later check decides whether the digits name a day, so the patterns are the contract.
//! The dated pattern is matched by hand ([`split_dated`]): it runs on every post, and the regex
//! with its captures cost more than the rest of FM203. The regex stays in the tests as the
//! oracle the hand-written matcher is checked against.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// `Document::DATE_FILENAME_MATCHER` on a file name: the date, the slug, the extension. The
/// contract [`split_dated`] keeps.
#[cfg(test)]
static DATE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{2,4}-[0-9]{1,2}-[0-9]{1,2})-([^/\n]*)(\.[^./\n]+)$").unwrap()
});
/// `Document::DATELESS_FILENAME_MATCHER` on a file name.
static DATELESS_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([^/\n]*)(\.[^./\n]+)$").unwrap());

/// A file name Jekyll reads a date from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedName {
    /// As written: `2021-7-20`.
    pub date: String,
    pub slug: String,
    pub ext: String,
}

/// The date, slug and extension of a file name that starts with `YYYY-MM-DD-` (Jekyll skips a
/// `_posts` file whose name does not).
pub fn dated_name(file_name: &str) -> Option<DatedName> {
    let (date, slug, ext) = split_dated(file_name)?;
    Some(DatedName {
        date: date.to_string(),
        slug: slug.to_string(),
        ext: ext.to_string(),
    })
}

/// `DATE_NAME`'s three captures, matched by hand: digits then `-`, three times (two to four
/// digits, then one or two, then one or two: a longer run cannot be followed by the `-`), then
/// a rest free of `/` and line feeds whose last `.` is followed by at least one character.
fn split_dated(name: &str) -> Option<(&str, &str, &str)> {
    let i = date_prefix_len(name)?;
    let rest = &name[i..];
    if memchr::memchr2(b'/', b'\n', rest.as_bytes()).is_some() {
        return None;
    }
    let dot = memchr::memrchr(b'.', rest.as_bytes())?;
    if dot + 1 == rest.len() {
        return None;
    }
    Some((&name[..i - 1], &rest[..dot], &rest[dot..]))
}

/// The length of the `YYYY-MM-DD-` a name starts with (two to four year digits, one or two for
/// month and day, each followed by `-`), `-` included: what marks a post's name to the walk
/// (`discover`) and starts [`split_dated`].
pub fn date_prefix_len(name: &str) -> Option<usize> {
    let b = name.as_bytes();
    let mut i = 0;
    for (fewest, most) in [(2, 4), (1, 2), (1, 2)] {
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if !(fewest..=most).contains(&(i - start)) || b.get(i) != Some(&b'-') {
            return None;
        }
        i += 1;
    }
    Some(i)
}

/// Whether a draft's name has an extension (a `_drafts` file without one is never read).
pub(super) fn has_extension(file_name: &str) -> bool {
    DATELESS_NAME.is_match(file_name)
}

/// The slug `populate_title` takes from a file name: after the date when there is one, else
/// the name without its extension.
pub(super) fn name_slug(file_name: &str, dated: Option<&DatedName>) -> String {
    match dated {
        Some(d) => d.slug.clone(),
        None => DATELESS_NAME
            .captures(file_name)
            .map_or_else(|| file_name.to_string(), |c| c[1].to_string()),
    }
}

/// The day in a `YYYY-MM-DD-` file name, `Err` when it names no real day.
pub fn filename_day(file_name: &str) -> Option<Result<NaiveDate, ()>> {
    let (date, _, _) = split_dated(file_name)?;
    // `split_dated` leaves three runs of one to four ASCII digits joined by two `-`.
    let mut ymd = [0u32; 3];
    let mut part = 0;
    for c in date.bytes() {
        if c == b'-' {
            part += 1;
        } else {
            ymd[part] = ymd[part] * 10 + u32::from(c - b'0');
        }
    }
    let [y, m, day] = ymd;
    Some(NaiveDate::from_ymd_opt(y as i32, m, day).ok_or(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_names() {
        let d = dated_name("2021-07-20-a.b..md").unwrap();
        assert_eq!(
            (d.date.as_str(), d.slug.as_str(), d.ext.as_str()),
            ("2021-07-20", "a.b.", ".md")
        );
        assert!(dated_name("2021-7-2-x.html").is_some());
        assert!(dated_name("x-2021-07-20-a.md").is_none());
        assert!(dated_name("2021-07-20-a").is_none());
        assert_eq!(filename_day("2021-02-30-x.md"), Some(Err(())));
    }

    /// The regex's captures, as `split_dated` gives them.
    fn by_regex(name: &str) -> Option<(&str, &str, &str)> {
        let c = DATE_NAME.captures(name)?;
        let g = |i| c.get(i).unwrap().as_str();
        Some((g(1), g(2), g(3)))
    }

    #[test]
    fn hand_matcher_edge_cases() {
        for name in [
            "",
            "2021-07-20-.md",
            "2021-07-20-x.",
            "2021-07-20-x",
            "2021-07-20-.",
            "2021-07-20-..md",
            "2021-07-20-a/b.md",
            "2021-07-20-a.md/",
            "2021-07-20-a\n.md",
            "2021-07-20-a.m\nd",
            "2021-07-20-a.md\n",
            "12345-07-20-x.md",
            "1-07-20-x.md",
            "21-7-2-x.md",
            "2021-123-20-x.md",
            "2021-07-123-x.md",
            "2021-07-20x.md",
            "2021-07-20",
            "2021-07-20-",
            "٢٠٢١-07-20-x.md",
            "2021-07-20-联合早报.md",
            "2021-07-20-a.\u{fffd}",
            "2021--07-20-x.md",
            "-2021-07-20-x.md",
        ] {
            assert_eq!(split_dated(name), by_regex(name), "{name:?}");
        }
        assert_eq!(
            filename_day("21-7-2-x.md"),
            NaiveDate::from_ymd_opt(21, 7, 2).map(Ok)
        );
        assert_eq!(filename_day("0000-00-00-x.md"), Some(Err(())));
        assert_eq!(
            filename_day("9999-12-31-x.md"),
            NaiveDate::from_ymd_opt(9999, 12, 31).map(Ok)
        );
    }

    proptest::proptest! {
        #[test]
        fn hand_matcher_agrees_with_the_regex(name in "[0-9]{0,5}-?[0-9]{0,3}-?[0-9]{0,3}-?[a-z.é/\n-]{0,6}") {
            proptest::prop_assert_eq!(split_dated(&name), by_regex(&name));
        }

        #[test]
        fn hand_matcher_agrees_on_any_text(name in "\\PC{0,12}") {
            proptest::prop_assert_eq!(split_dated(&name), by_regex(&name));
        }
    }
}
