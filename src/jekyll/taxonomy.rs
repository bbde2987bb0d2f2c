//! Tags and categories: which keys Jekyll reads them from (`populate_tags`,
//! `populate_categories`, `merge_categories!`) and the values it makes of them.
//!
//! The choice of keys is defined once, here ([`Taxonomy::sources`]); the FM5xx rules read it
//! through [`super::PostView::term_sources`], `inspect` through the values below.

use serde_json::Value;

use super::ruby_format::{jsonify, value_to_s};
use super::ruby_string::ruby_split;
use crate::yaml::{Node, NodeKind, Scalar};
use crate::zone::Tz;

/// Every key a post's tags or categories are read from.
pub const TERM_KEYS: [&str; 4] = ["tags", "categories", "tag", "category"];

/// One of the two sets of terms Jekyll keeps for a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taxonomy {
    Tags,
    Categories,
}

/// A key a set is read from, and its value there.
pub type TermSource<'n> = (&'static str, &'n Node<'n>);

impl Taxonomy {
    pub fn plural(self) -> &'static str {
        match self {
            Taxonomy::Tags => "tags",
            Taxonomy::Categories => "categories",
        }
    }

    pub fn singular(self) -> &'static str {
        match self {
            Taxonomy::Tags => "tag",
            Taxonomy::Categories => "category",
        }
    }

    /// Whether `key` is a singular key (`tag:`, `category:`), whose value Jekyll takes whole:
    /// `tag: a b` is the one tag `a b`, where `tags: a b` is two.
    pub fn is_singular(key: &str) -> bool {
        matches!(key, "tag" | "category")
    }

    /// The keys Jekyll reads the set from, in its order, with their values (`get` reads a
    /// key): `tag:`, when truthy, replaces `tags:` entirely; `category:`, when truthy, is
    /// added to `categories:` (duplicates merge).
    pub fn sources<'n>(self, get: impl Fn(&str) -> Option<&'n Node<'n>>) -> Vec<TermSource<'n>> {
        let singular = pluralized(get(self.singular())).map(|n| (self.singular(), n));
        let plural = || get(self.plural()).map(|n| (self.plural(), n));
        match self {
            Taxonomy::Tags => singular.or_else(plural).into_iter().collect(),
            // `Array(categories) + pluralized_array_from_hash(data, "category", "categories")`:
            // when that reads the plural, it is there already.
            Taxonomy::Categories => plural().into_iter().chain(singular).collect(),
        }
    }
}

/// The choice of `Utils.pluralized_array_from_hash(data, singular, plural)`: the singular
/// key's value when it is truthy; `None`: the plural key's is read instead.
fn pluralized<'a>(singular: Option<&'a Node<'a>>) -> Option<&'a Node<'a>> {
    singular.filter(|n| n.is_truthy())
}

/// Ruby's `Array#|`: the union, in order, without repeats (`2021` and `"2021"` differ).
fn union(a: &[Value], b: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::with_capacity(a.len() + b.len());
    for v in a.iter().chain(b) {
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

fn flatten(values: Vec<Value>) -> Vec<Value> {
    let mut out = Vec::new();
    for v in values {
        match v {
            Value::Array(items) => out.extend(flatten(items)),
            other => out.push(other),
        }
    }
    out
}

/// Why `merge_categories!` cannot unite a `categories` value with a list (Ruby raises a
/// TypeError and Jekyll drops the front matter): anything but null, a string or a list.
pub(super) fn categories_error(node: &Node) -> Option<String> {
    match &node.kind {
        NodeKind::Scalar {
            value: Scalar::Null | Scalar::Str(_),
            ..
        }
        | NodeKind::Seq { .. } => None,
        _ => Some(format!(
            "`categories` is {}: Ruby cannot unite it with a list (\"no implicit conversion into Array\")",
            node.type_name()
        )),
    }
}

/// `merge_categories!`'s view of a `categories` value: a string is split, a list is kept;
/// `None` for null and for what [`categories_error`] refuses.
fn categories_value(node: &Node, tz: Option<Tz>) -> Option<Vec<Value>> {
    match &node.kind {
        NodeKind::Scalar {
            value: Scalar::Str(s),
            ..
        } => Some(ruby_split(s).into_iter().map(Value::String).collect()),
        NodeKind::Seq { items, .. } => Some(items.iter().map(|i| jsonify(i, tz)).collect()),
        _ => None,
    }
}

/// `populate_tags`: `Utils.pluralized_array_from_hash(data, "tag", "tags")`, the singular
/// key's value as is, else the plural's (a string split, a list without nils), flattened,
/// nils dropped.
pub(super) fn tags(tag: Option<&Node>, tags: Option<&Node>, tz: Option<Tz>) -> Vec<Value> {
    let value = match pluralized(tag) {
        Some(n) => Some(jsonify(n, tz)),
        None => tags.and_then(|n| match &n.kind {
            NodeKind::Scalar {
                value: Scalar::Str(s),
                ..
            } => Some(Value::Array(
                ruby_split(s).into_iter().map(Value::String).collect(),
            )),
            NodeKind::Seq { items, .. } => Some(Value::Array(
                items
                    .iter()
                    .filter(|i| !i.is_null())
                    .map(|i| jsonify(i, tz))
                    .collect(),
            )),
            _ => None,
        }),
    };
    flatten(value.into_iter().collect())
        .into_iter()
        .filter(|v| !v.is_null())
        .collect()
}

/// What `merge_categories!` leaves: the folders above `_posts`, united with each `categories`
/// value in turn (the defaults', then the front matter's).
pub(super) fn merged_categories<'n>(
    from_path: Vec<Value>,
    layers: impl IntoIterator<Item = &'n Node<'n>>,
    tz: Option<Tz>,
) -> Vec<Value> {
    let mut cats = from_path;
    for node in layers {
        if let Some(v) = categories_value(node, tz) {
            cats = union(&cats, &v);
        }
    }
    cats
}

/// `populate_categories`: `Array(categories) + pluralized_array_from_hash(data, "category",
/// "categories")`, each `to_s`, without repeats, united with what is there.
pub(super) fn populated_categories(
    cats: Vec<Value>,
    category: Option<&Node>,
    tz: Option<Tz>,
) -> Vec<Value> {
    let mut all = cats.clone();
    match pluralized(category) {
        Some(n) => all.extend(
            flatten(vec![jsonify(n, tz)])
                .into_iter()
                .filter(|v| !v.is_null()),
        ),
        None => all.extend(flatten(cats.clone()).into_iter().filter(|v| !v.is_null())),
    }
    let mut strings: Vec<Value> = Vec::new();
    for v in all.iter().map(|v| Value::String(value_to_s(v))) {
        if !strings.contains(&v) {
            strings.push(v);
        }
    }
    union(&cats, &strings)
}

/// Categories from the folders above `_posts` (`categories_from_path`): `en/news/_posts/…`
/// gives `[en, news]`; `_posts/en/…` gives nothing.
pub(super) fn path_categories(relative_path: &str, special: &str) -> Vec<Value> {
    if relative_path.starts_with(special) {
        return Vec::new();
    }
    let basename = relative_path.rsplit('/').next().unwrap_or("");
    let above = match relative_path.find(special) {
        Some(i) => &relative_path[..i],
        None => relative_path,
    };
    above
        .split('/')
        .filter(|c| !c.is_empty() && *c != special && *c != basename)
        .map(|c| Value::String(c.to_string()))
        .collect()
}
