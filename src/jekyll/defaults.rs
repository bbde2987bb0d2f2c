//! Effective data: the front matter laid over the `defaults:` of `_config.yml` that apply to
//! the post, as `Document#merge_data!` leaves it.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use super::taxonomy::categories_error;
use crate::post::Post;
use crate::site::{Applied, DefaultValue, Site};
use crate::yaml::{Document, Entry, ErrorKind, Node, NodeKind};

/// Where a post's value for a key comes from.
#[derive(Debug, Clone, Copy)]
pub enum Origin<'a> {
    /// Written in the post's front matter.
    FrontMatter(&'a Entry<'a>),
    /// Given by a `defaults:` set of `_config.yml` (the post has no value, or a null one).
    Defaults(&'a DefaultValue),
}

/// The value Jekyll uses for a key of a post, and where it comes from.
#[derive(Debug, Clone)]
pub struct Effective<'a> {
    pub value: Cow<'a, Node<'a>>,
    pub origin: Origin<'a>,
}

impl<'a> Effective<'a> {
    /// The front-matter entry, when the value is written in the post.
    pub fn entry(&self) -> Option<&'a Entry<'a>> {
        match self.origin {
            Origin::FrontMatter(e) => Some(e),
            Origin::Defaults(_) => None,
        }
    }

    pub fn is_from_defaults(&self) -> bool {
        matches!(self.origin, Origin::Defaults(_))
    }

    /// Where a diagnostic about the value points: the value in the file (its key when the value
    /// is an empty null), or the front matter's opening line for a value from `_config.yml`,
    /// which has no place in the post.
    pub fn span(&self, post: &Post<'_>) -> Range<usize> {
        match self.origin {
            Origin::FrontMatter(e) if e.value.span.is_empty() => e.key_span.clone(),
            Origin::FrontMatter(e) => e.value.span.clone(),
            Origin::Defaults(_) => post.fence().map_or(0..0, |f| f.open.clone()),
        }
    }

    /// `from `_config.yml` defaults (line 34)`, for messages; `None` for front-matter values.
    pub fn origin_note(&self, site: &Site) -> Option<String> {
        match self.origin {
            Origin::FrontMatter(_) => None,
            Origin::Defaults(d) => Some(format!(
                "from `{}` defaults (line {})",
                site.config_name(),
                d.line
            )),
        }
    }
}

/// The value Jekyll uses for `key`: the front matter's, laid over the `defaults:` values with
/// `Utils.deep_merge_hashes` (mappings merge key by key; a null in the front matter keeps the
/// default). `None`: neither has the key.
pub fn effective<'a>(
    post: &'a Post<'a>,
    defaults: &'a Applied,
    key: &str,
) -> Option<Effective<'a>> {
    let written = post.get(key);
    let default = defaults.get(key);
    match (written, default) {
        (Some(e), Some(d)) if e.value.is_null() => Some(Effective {
            value: Cow::Borrowed(&d.value),
            origin: Origin::Defaults(d),
        }),
        (Some(e), Some(d))
            if matches!(e.value.kind, NodeKind::Map { .. })
                && matches!(d.value.kind, NodeKind::Map { .. }) =>
        {
            Some(Effective {
                value: Cow::Owned(crate::site::defaults::merge_node(&d.value, &e.value)),
                origin: Origin::FrontMatter(e),
            })
        }
        (Some(e), _) => Some(Effective {
            value: Cow::Borrowed(&e.value),
            origin: Origin::FrontMatter(e),
        }),
        (None, Some(d)) => Some(Effective {
            value: Cow::Borrowed(&d.value),
            origin: Origin::Defaults(d),
        }),
        (None, None) => None,
    }
}

/// The defaults that apply to the post at `path` in `site` (none when it is not in a site's
/// `_posts`/`_drafts`, as far as fmlint can tell).
pub fn defaults_of(site: &Site, path: &Path) -> Applied {
    if site.defaults.is_empty() {
        return Applied::default();
    }
    let Some(source_relative) = site.source_relative(path) else {
        return Applied::default();
    };
    site.defaults_for(
        &site.collection_relative(&source_relative),
        &source_relative,
    )
}

/// Why Jekyll cannot use the post's front matter (`Document#read` logs an error and goes on
/// with the defaults alone), if it cannot.
pub(super) fn unusable(post: &Post<'_>) -> Option<String> {
    let why = match post.yaml.as_ref() {
        Some(Err(e)) if e.kind == ErrorKind::Syntax => Some(format!(
            "its front matter is not valid YAML ({})",
            e.message
        )),
        // `could not read file …: Tried to load unspecified class: Symbol`.
        Some(Err(e)) => Some(format!(
            "its YAML loader refuses a value of the front matter ({})",
            e.message
        )),
        Some(Ok(Document::Other(n))) => Some(format!(
            "its front matter is {}, not a mapping",
            n.type_name()
        )),
        _ => None,
    };
    // `merge_categories!` raises on categories it cannot unite with a list.
    why.or_else(|| categories_error(&post.get("categories")?.value))
}
