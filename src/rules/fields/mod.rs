//! FM1xx: the fields a post must have, and their types as Jekyll's YAML loader reads them.
//! What the four rules share (and the schema rules and `fmlint init` read): which fields have
//! a known type, what "empty" means, and when a required field counts as given.

use crate::rules::Context;
use crate::yaml::{Node, NodeKind, Scalar};

crate::rules::family! {
    fm101_missing_field,
    fm102_empty_field,
    fm103_wrong_type,
    fm104_unknown_layout,
}

/// The fields whose type fmlint knows, and what they must be.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    Terms,
    Date,
}

pub fn expected_type(key: &str) -> Option<Expected> {
    match key {
        "title" | "author" | "layout" | "from" => Some(Expected::Text),
        "tags" | "categories" => Some(Expected::Terms),
        "date" => Some(Expected::Date),
        _ => None,
    }
}

/// Whether a value is empty in the sense of FM102 (null, blank string, empty list or map).
pub fn is_empty(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Scalar {
            value: Scalar::Null,
            ..
        } => true,
        NodeKind::Scalar {
            value: Scalar::Str(s),
            ..
        } => s.chars().all(char::is_whitespace),
        NodeKind::Seq { items, .. } => items.is_empty(),
        NodeKind::Map { entries, .. } => entries.is_empty(),
        _ => false,
    }
}

/// Whether the value has the type its field needs. Empty values are FM102's, not ours.
pub fn has_expected_type(key: &str, node: &Node) -> bool {
    let Some(expected) = expected_type(key) else {
        return true;
    };
    match (&node.kind, expected) {
        (NodeKind::Scalar { value, .. }, Expected::Date) => {
            matches!(
                value,
                Scalar::Str(_) | Scalar::Null | Scalar::Time(_) | Scalar::Date(_)
            )
        }
        (NodeKind::Scalar { value, .. }, _) => matches!(value, Scalar::Str(_) | Scalar::Null),
        (NodeKind::Seq { .. }, Expected::Terms) => true,
        _ => false,
    }
}

/// How a post gives one of the settings' required fields, as FM101 and FM102 both ask it:
/// read once a post for both (each lookup is a search of the front matter and of the
/// defaults, seven keys a post, two rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given {
    /// By `category:` or `tag:` ([`given_by_singular`]): neither rule judges the key.
    BySingular,
    /// Neither the front matter nor the defaults have it (FM101).
    Missing,
    /// Its effective value is empty (FM102).
    Empty,
    /// It has a value.
    Filled,
}

/// [`Given`] for each of `ctx.settings.required`, in order.
pub fn required_fields(ctx: &Context<'_>) -> Vec<Given> {
    ctx.settings
        .required
        .iter()
        .map(|key| {
            if given_by_singular(ctx, key) {
                return Given::BySingular;
            }
            match ctx.effective(key) {
                None => Given::Missing,
                Some(e) if is_empty(&e.value) => Given::Empty,
                Some(_) => Given::Filled,
            }
        })
        .collect()
}

/// The required fields that the post gives as `given`, in the settings' order.
pub fn required_given<'c>(ctx: &'c Context<'_>, given: Given) -> impl Iterator<Item = &'c str> {
    ctx.settings
        .required
        .iter()
        .zip(ctx.required_fields())
        .filter(move |(_, g)| **g == given)
        .map(|(key, _)| key.as_str())
}

/// Whether a required `categories`/`tags` is given by its singular: `category:` gives Jekyll
/// categories and `tag:` tags (issue 11), so a post that has them has what the plural asks
/// for, whatever the key's spelling. Neither FM101 nor FM102 judges such a key.
pub fn given_by_singular(ctx: &Context<'_>, key: &str) -> bool {
    let singular = match key {
        "categories" => Some("category"),
        "tags" => Some("tag"),
        _ => None,
    };
    singular
        .and_then(|s| ctx.effective(s))
        .is_some_and(|e| e.value.is_truthy() && !is_empty(&e.value))
}

/// Lints a post against a site whose `_config.yml` has defaults for posts (`layout`, `author`),
/// for `news/` (another layout) and for `empty/` (an empty author).
#[cfg(test)]
pub(crate) mod testing {
    pub(crate) fn lint_with_defaults(path: &str, text: &str) -> Vec<crate::diagnostic::Diagnostic> {
        const CONFIG: &str = "defaults:\n  - scope: { path: \"\", type: posts }\n    values: { layout: post, author: 联合早报 }\n  - scope: { path: news }\n    values: { layout: news_item }\n  - scope: { path: empty }\n    values: { author: \"\" }\n";
        let site =
            crate::site::Site::from_config(std::path::Path::new("_config.yml"), CONFIG).unwrap();
        crate::lint::lint_text(
            std::path::Path::new(path),
            text,
            &crate::config::Settings::default(),
            &site,
        )
    }
}
