//! FM2xx: the post's date as Jekyll reads it, and the date in its file name.
//! What the four rules share: the written `date` and its reading, where a diagnostic on it
//! points, and the file name's date.

use std::ops::Range;

use chrono::NaiveDate;

use crate::datetime::{DateProblem, JekyllDate};
use crate::jekyll;
use crate::rules::Context;
use crate::yaml::Entry;

pub mod date_form;

crate::rules::family! {
    fm201_date_format,
    fm202_invalid_date,
    fm203_filename_date_mismatch,
    fm204_undated_filename,
}

pub use fm201_date_format::DateFormatOptions;

/// The `date` written in the front matter and how Jekyll reads it; `None` when there is none
/// Jekyll reads (absent, not a scalar, or a null that a default date replaces).
pub fn written_date<'a>(
    ctx: &'a Context<'_>,
) -> Option<(&'a Entry<'a>, &'a Result<JekyllDate, DateProblem>)> {
    Some((ctx.post.get("date")?, ctx.date()?))
}

/// Where a diagnostic on the date points: its value, or its key when the value is empty
/// (`date:` has no text to underline).
pub fn date_span(entry: &Entry) -> Range<usize> {
    if entry.value.span.is_empty() {
        entry.key_span.clone()
    } else {
        entry.value.span.clone()
    }
}

/// Whether the file is read from a `_posts` folder (its first `_posts`/`_drafts` folder is a
/// `_posts`), where Jekyll wants a dated name.
pub fn in_posts_folder(path: &std::path::Path) -> bool {
    crate::paths::parent_and_name(path).0.is_some_and(|p| {
        p.components()
            .map(|c| c.as_os_str())
            .find(|c| *c == "_posts" || *c == "_drafts")
            .is_some_and(|c| c == "_posts")
    })
}

/// The date in a post's file name, when it has one (`Err`: it names no real day). The same
/// reading as `fmlint inspect`'s (`jekyll::filename_day`).
/// A name that is not UTF-8 is judged on its bytes: the date is ASCII, which the lossy form keeps.
pub fn filename_date(path: &std::path::Path) -> Option<Result<NaiveDate, ()>> {
    jekyll::filename_day(&crate::paths::lossy(crate::paths::parent_and_name(path).1?))
}
