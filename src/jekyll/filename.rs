//! What Jekyll reads from a post's file name: the date and slug of `YYYY-MM-DD-slug.ext`.
//!
//! Jekyll's own patterns (`Document::DATE_FILENAME_MATCHER`, `DATELESS_FILENAME_MATCHER`) are
//! copied rather than written as a date parser: they accept `2021-7-2-` and a two-digit year,
//! and a later check decides whether the digits name a day, so the patterns are the contract.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// `Document::DATE_FILENAME_MATCHER` on a file name: the date, the slug, the extension.
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
    let c = DATE_NAME.captures(file_name)?;
    Some(DatedName {
        date: c[1].to_string(),
        slug: c[2].to_string(),
        ext: c[3].to_string(),
    })
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
    let d = dated_name(file_name)?;
    let mut it = d.date.split('-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(day))) = (it.next(), it.next(), it.next()) else {
        return Some(Err(()));
    };
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
}
