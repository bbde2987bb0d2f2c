//! Whether Jekyll publishes a post, and if not why: `EntryFilter` and the reader's name
//! patterns (where the file is), then `Publisher#publish?` (`published:`, a future date).

use super::date::{Build, ReadDate};
use super::filename::{dated_name, has_extension};
use crate::site::{Magic, NotRead, Placement, Site};
use crate::yaml::Node;

/// Why Jekyll will not publish a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unpublished {
    /// Not under a `_posts` or `_drafts` folder.
    NotAPost,
    /// Jekyll never reads it: `exclude:`, a special name. `what` is the path that decides.
    Excluded { what: String, why: String },
    /// A draft, and the site does not set `show_drafts: true`.
    Draft,
    /// A `_posts` file whose name does not start with `YYYY-MM-DD-`: skipped without a word.
    UndatedFilename,
    /// Not UTF-8: Jekyll skips it with an error.
    NotUtf8,
    /// The post stops the whole site's build.
    BuildFails { why: String },
    /// `published: false` (or null).
    PublishedFalse { from_defaults: bool },
    /// Dated after the build, and the site does not set `future: true`.
    Future,
    /// Its real path is outside the site, through a link: fmlint does not read it.
    /// `safe_skips`: a safe build (GitHub Pages) skips it too (the post itself is the link).
    OutsideSite {
        real: String,
        is_link: bool,
        safe_skips: bool,
    },
}

impl Unpublished {
    /// A short code for JSON: `excluded`, `draft`, `undated-filename`, …
    pub fn code(&self) -> &'static str {
        match self {
            Unpublished::NotAPost => "not-a-post",
            Unpublished::Excluded { .. } => "excluded",
            Unpublished::Draft => "draft",
            Unpublished::UndatedFilename => "undated-filename",
            Unpublished::NotUtf8 => "not-utf8",
            Unpublished::BuildFails { .. } => "build-fails",
            Unpublished::PublishedFalse { .. } => "published-false",
            Unpublished::Future => "future-date",
            Unpublished::OutsideSite { .. } => "outside-site",
        }
    }

    /// One sentence for people.
    pub fn explain(&self) -> String {
        match self {
            Unpublished::NotAPost => "not under a `_posts` or `_drafts` folder".into(),
            Unpublished::Excluded { what, why } => {
                format!("Jekyll does not read `{what}`: {why}")
            }
            Unpublished::Draft => {
                "a draft: published only with `show_drafts: true` (or `jekyll build --drafts`)"
                    .into()
            }
            Unpublished::UndatedFilename => {
                "the file name does not start with `YYYY-MM-DD-`: Jekyll skips it without a word"
                    .into()
            }
            Unpublished::NotUtf8 => {
                "not UTF-8: Jekyll skips it (\"invalid byte sequence in UTF-8\")".into()
            }
            Unpublished::OutsideSite {
                real,
                safe_skips: true,
                ..
            } => format!(
                "a link to `{real}`, outside the site: a safe build (GitHub Pages, `jekyll build \
                 --safe`) does not read it, a plain `jekyll build` does; fmlint neither reads \
                 nor writes it"
            ),
            Unpublished::OutsideSite {
                real,
                is_link: true,
                safe_skips: false,
            } => format!(
                "a link to `{real}`, outside the site: Jekyll reads it in a safe build and a \
                 plain one alike (its safe mode compares paths as text, and this one starts with \
                 the site's); fmlint neither reads nor writes it"
            ),
            Unpublished::OutsideSite {
                real,
                is_link: false,
                ..
            } => format!(
                "its real path `{real}` is outside the site, through a linked folder: Jekyll \
                 reads it in a safe build and a plain one alike (its safe mode checks only a post \
                 that is itself a link); fmlint neither reads nor writes it"
            ),
            Unpublished::BuildFails { why } => {
                format!("{why}: Jekyll stops the whole site's build, no post is published")
            }
            Unpublished::PublishedFalse { from_defaults } => format!(
                "`published: false`{}",
                if *from_defaults {
                    " (from `_config.yml` defaults)"
                } else {
                    ""
                }
            ),
            Unpublished::Future => {
                "dated after the build: Jekyll skips it (\"has a future date\") unless `future: true`"
                    .into()
            }
        }
    }
}

/// Whether Jekyll reads the file at all: `Some` says why not (a draft, an undated name).
pub(super) fn unread(placement: &Placement, site: &Site) -> Option<Unpublished> {
    let name = placement.entry.rsplit('/').next().unwrap_or("");
    match placement.magic {
        Magic::Drafts if !site.show_drafts => Some(Unpublished::Draft),
        Magic::Drafts if !has_extension(name) => Some(Unpublished::UndatedFilename),
        Magic::Posts if dated_name(name).is_none() => Some(Unpublished::UndatedFilename),
        _ => None,
    }
}

impl From<NotRead> for Unpublished {
    fn from(n: NotRead) -> Self {
        match n {
            NotRead::NotAPost => Unpublished::NotAPost,
            NotRead::Excluded { what, why } => Unpublished::Excluded { what, why },
        }
    }
}

/// What decides publication once the file is read.
pub(super) struct Verdicts<'v> {
    /// Why Jekyll does not read the file at all (see [`unread`]).
    pub skip: Option<Unpublished>,
    /// Why the post stops the build.
    pub build_fails: Option<String>,
    /// The data's `published` value, and whether it is a `defaults:` one.
    pub published: Option<(&'v Node<'v>, bool)>,
    pub date: Option<&'v ReadDate>,
}

/// Publication, in Jekyll's order: read at all, build failures, `published`, future.
pub(super) fn publication(v: Verdicts<'_>, site: &Site, build: &Build) -> Result<(), Unpublished> {
    if let Some(s) = v.skip {
        return Err(s);
    }
    if let Some(why) = v.build_fails {
        return Err(Unpublished::BuildFails { why });
    }
    match v.published {
        Some((n, from_defaults)) if !n.is_truthy() && !site.unpublished => {
            Err(Unpublished::PublishedFalse { from_defaults })
        }
        _ => match v.date {
            Some(d) if !site.future && d.epoch() > build.now.timestamp() => {
                Err(Unpublished::Future)
            }
            _ => Ok(()),
        },
    }
}
