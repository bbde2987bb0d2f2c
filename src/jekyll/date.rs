//! A post's date: the one mapping from a front-matter value to what `Document#date` reads
//! (`parse_date(value.to_s)`), and where Jekyll takes the date from when there is none.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::filename::DatedName;
use super::ruby_format::ruby_to_s;
use crate::datetime::{self, DateInput, DateProblem, JekyllDate};
use crate::post::Post;
use crate::site::Applied;
use crate::yaml::{Node, Scalar};
use crate::zone::Tz;

/// Where the date Jekyll uses comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    FrontMatter,
    Defaults,
    FileName,
    /// A draft without a date: the file's modification time.
    ModificationTime,
    /// A front matter Jekyll could not read: the time of the build.
    BuildTime,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::FrontMatter => "front matter",
            DateSource::Defaults => "_config.yml defaults",
            DateSource::FileName => "file name",
            DateSource::ModificationTime => "file modification time",
            DateSource::BuildTime => "build time",
        }
    }
}

/// A post's date as Jekyll holds it: a time in the site's zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadDate {
    pub local: DateTime<FixedOffset>,
    pub source: DateSource,
}

impl ReadDate {
    /// ISO 8601 with milliseconds and the site's offset, as the oracle prints it.
    pub fn iso(&self) -> String {
        self.local.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
    }

    pub fn epoch(&self) -> i64 {
        self.local.timestamp()
    }

    pub fn day(&self) -> NaiveDate {
        self.local.date_naive()
    }
}

/// What a build adds to the reading of a post: the time it runs at, and the file's
/// modification time.
#[derive(Debug, Clone, Copy)]
pub struct Build {
    /// For `future`, and for the dates Jekyll takes from the clock.
    pub now: DateTime<Utc>,
    /// Drafts without a date are dated with it.
    pub mtime: Option<DateTime<Utc>>,
}

impl Build {
    /// A build running now, of the file at `path` as it is on disk.
    pub fn now(path: &Path) -> Build {
        Build {
            now: Utc::now(),
            mtime: std::fs::metadata(path)
                .and_then(|m| m.modified())
                .ok()
                .map(DateTime::from),
        }
    }
}

/// How Jekyll reads a date value (`parse_date(value.to_s)`): `None` for a list or a mapping,
/// which it cannot read at all.
#[inline]
pub fn read_date(node: &Node, tz: Option<Tz>) -> Option<Result<JekyllDate, DateProblem>> {
    let as_text;
    let input = match node.scalar()? {
        Scalar::Time(t) => DateInput::Timestamp(t),
        Scalar::Date(t) => DateInput::Day(t),
        Scalar::Str(s) => DateInput::Text(s),
        // Jekyll calls `to_s` on nil too, and fails the build on the empty string.
        Scalar::Null => DateInput::Text(""),
        // And on a number or a boolean: `date: 20210720` is 2021-07-20.
        _ => {
            as_text = ruby_to_s(node, tz);
            DateInput::Text(&as_text)
        }
    };
    Some(datetime::read(input, tz))
}

/// The `date` value of a post's data, read.
#[derive(Debug, Clone)]
pub struct PostDate {
    /// The value is a `defaults:` one (the front matter has none, or a null one).
    pub from_defaults: bool,
    /// `None`: a list or a mapping, not a date Jekyll can read.
    pub read: Option<Result<JekyllDate, DateProblem>>,
}

impl PostDate {
    /// The post's `date` as [`super::effective`] gives it, without building the merged value:
    /// a mapping over a mapping is no date either way, and every post is read through here.
    pub(super) fn of(post: &Post<'_>, defaults: &Applied, tz: Option<Tz>) -> Option<Self> {
        let written = post.get("date").map(|e| &e.value);
        let default = defaults.get("date").map(|d| &d.value);
        let (node, from_defaults) = match (written, default) {
            (Some(w), Some(d)) if w.is_null() => (d, true),
            (Some(w), _) => (w, false),
            (None, Some(d)) => (d, true),
            (None, None) => return None,
        };
        Some(PostDate {
            from_defaults,
            read: read_date(node, tz),
        })
    }
}

fn local(instant: DateTime<Utc>, tz: Option<Tz>) -> DateTime<FixedOffset> {
    match tz {
        Some(tz) => tz.local(&instant),
        None => instant.fixed_offset(),
    }
}

/// The instant Jekyll gives a `date` value (`node`, read as [`read_date`] reads it),
/// truncated to the second as `Time#to_s` prints it; `None` when Ruby completes it from the
/// build's clock (`July 20` has no year). `Err`: a date that stops the build.
fn instant_of(
    node: &Node,
    read: Option<&Result<JekyllDate, DateProblem>>,
) -> Result<Option<DateTime<Utc>>, String> {
    let read = match read {
        None => {
            return Err(format!(
                "`date` is {}, not a date Jekyll can read",
                node.type_name()
            ));
        }
        Some(Ok(d)) => d,
        Some(Err(DateProblem::Impossible { read, .. })) => &**read,
        Some(Err(DateProblem::FromBuildTime { .. })) => return Ok(None),
        Some(Err(DateProblem::Invalid { reason })) => {
            return Err(format!(
                "`date: {}` is not a date Jekyll can read ({reason})",
                node.display()
            ));
        }
    };
    Ok(Some(
        DateTime::from_timestamp(read.instant.timestamp(), 0).unwrap_or(read.instant),
    ))
}

/// A `date` value of the post's data as Jekyll uses it.
pub(super) struct DateValue<'v> {
    pub node: &'v Node<'v>,
    pub from_defaults: bool,
    pub read: Option<&'v Result<JekyllDate, DateProblem>>,
}

/// What the post's date is resolved from besides its `date` value.
pub(super) struct Fallbacks<'v> {
    pub dated: Option<&'v DatedName>,
    /// Whether Jekyll could use the front matter (else `populate_title` and the file name's
    /// date never run).
    pub usable: bool,
    pub draft: bool,
}

/// The date: the data's (front matter or defaults), else the file name's, else (drafts) the
/// file's modification time or (front matter Jekyll could not read) the build's time.
/// `Err`: a date that stops the build.
pub(super) fn resolve(
    value: Option<DateValue<'_>>,
    fallbacks: Fallbacks<'_>,
    build: &Build,
    tz: Option<Tz>,
) -> Result<Option<ReadDate>, String> {
    let at = |instant, source| {
        Some(ReadDate {
            local: local(instant, tz),
            source,
        })
    };
    if let Some(v) = value {
        let source = if v.from_defaults {
            DateSource::Defaults
        } else {
            DateSource::FrontMatter
        };
        return Ok(match instant_of(v.node, v.read)? {
            Some(instant) => at(instant, source),
            None => at(build.now, DateSource::BuildTime),
        });
    }
    if fallbacks.usable
        && let Some(d) = fallbacks.dated
    {
        return match datetime::read(DateInput::Text(&d.date), tz) {
            Ok(j) => Ok(at(j.instant, DateSource::FileName)),
            Err(DateProblem::Impossible { read, .. }) => Ok(at(read.instant, DateSource::FileName)),
            Err(DateProblem::Invalid { .. } | DateProblem::FromBuildTime { .. }) => Err(format!(
                "the file name's date `{}` is not a date Jekyll can read",
                d.date
            )),
        };
    }
    Ok(if fallbacks.usable && fallbacks.draft {
        build
            .mtime
            .and_then(|m| at(m, DateSource::ModificationTime))
    } else {
        at(build.now, DateSource::BuildTime)
    })
}
