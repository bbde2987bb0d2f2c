//! FM5xx: tags and categories, read as Jekyll reads them (a string is split on whitespace).
//! What the three rules share: the terms of a key, with their places, and how to remove some.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::jekyll::{TERM_KEYS, Taxonomy};
use crate::post::{Post, line_at};
use crate::yaml::{Node, NodeKind, Scalar};

crate::rules::family! {
    fm501_tags_categories_mismatch,
    fm502_duplicate_term,
    fm503_empty_term,
}

pub use fm501_tags_categories_mismatch::{TagsCategoriesOptions, TermPolicy};

/// The safe fix that removes one item of `key`'s list (a blank or repeated term), when the
/// item can be removed exactly.
pub fn removal_fix(
    post: &Post<'_>,
    value: &Node,
    item: Option<usize>,
    key: &str,
    message: &str,
) -> Option<Fix> {
    let edits = remove_items(post, value, &BTreeSet::from([item?]))?;
    Some(Fix {
        applicability: Applicability::Safe,
        message: message.into(),
        edits,
        changes: vec![key.to_string()],
    })
}

/// Each front-matter key Jekyll reads terms from, with its terms (when it holds any).
pub fn written_terms<'a>(
    post: &'a Post<'_>,
) -> impl Iterator<Item = (&'static str, &'a Node, Vec<Term>)> {
    TERM_KEYS.into_iter().filter_map(|key| {
        let e = post.get(key)?;
        let ts = terms_of(post, key, &e.value)?;
        Some((key, &e.value, ts))
    })
}

#[derive(Debug, Clone)]
pub struct Term {
    pub text: String,
    pub span: Range<usize>,
    /// Index in the YAML list (None for a string split into words).
    pub item: Option<usize>,
    /// Whether the term is a string, so that writing `text` back (quoted where needed) reads
    /// as the same value. A nested list, a mapping, an alias or a number is shown by `text`
    /// but cannot be rebuilt from it.
    pub is_string: bool,
}

impl Term {
    pub fn is_blank(&self) -> bool {
        // `trim().is_empty()`, without looking at both ends: a term's first character decides.
        self.text.chars().all(char::is_whitespace)
    }
}

/// The terms of a `tags`/`categories` value, or None when it is neither a list nor a string.
pub fn terms(post: &Post<'_>, node: &Node) -> Option<Vec<Term>> {
    match &node.kind {
        NodeKind::Seq { items, .. } => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, n)| Term {
                    text: n.display(),
                    span: if n.span.is_empty() {
                        node.span.clone()
                    } else {
                        n.span.clone()
                    },
                    item: Some(i),
                    is_string: matches!(
                        n.kind,
                        NodeKind::Scalar {
                            value: Scalar::Str(_),
                            ..
                        }
                    ),
                })
                .collect(),
        ),
        NodeKind::Scalar {
            value: Scalar::Str(s),
            ..
        } => {
            let raw = post.slice(&node.span);
            let exact = raw == s;
            Some(
                crate::jekyll::ruby_words(s)
                    .map(|w| {
                        let span = if exact {
                            let off = w.as_ptr() as usize - s.as_ptr() as usize;
                            node.span.start + off..node.span.start + off + w.len()
                        } else {
                            node.span.clone()
                        };
                        Term {
                            text: w.to_string(),
                            span,
                            item: None,
                            is_string: true,
                        }
                    })
                    .collect(),
            )
        }
        _ => None,
    }
}

/// The terms of one key: a singular key's string is one term, a plural key's is split.
pub fn terms_of(post: &Post<'_>, key: &str, node: &Node) -> Option<Vec<Term>> {
    match &node.kind {
        NodeKind::Scalar {
            value: Scalar::Str(s),
            ..
        } if Taxonomy::is_singular(key) => Some(vec![Term {
            text: s.clone(),
            span: node.span.clone(),
            item: None,
            is_string: true,
        }]),
        _ => terms(post, node),
    }
}

/// Removes list items: a flow list is rewritten from the kept items' own text, a block list
/// loses the removed items' lines.
pub fn remove_items(post: &Post<'_>, node: &Node, drop: &BTreeSet<usize>) -> Option<Vec<Edit>> {
    let NodeKind::Seq { items, flow } = &node.kind else {
        return None;
    };
    if *flow {
        let kept: Vec<&str> = items
            .iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, n)| post.slice(&n.span))
            .collect();
        let replacement = if kept.is_empty() {
            "[]".to_string()
        } else {
            format!("[ {} ]", kept.join(", "))
        };
        return Some(vec![Edit {
            range: node.span.clone(),
            replacement,
        }]);
    }
    let mut edits = Vec::new();
    for &i in drop {
        let n = &items[i];
        if post.slice(&n.span).contains('\n') {
            return None;
        }
        let start = post.text[..n.span.start].rfind('\n').map_or(0, |p| p + 1);
        let end = line_at(post.text, start)?.next;
        edits.push(Edit {
            range: start..end,
            replacement: String::new(),
        });
    }
    if drop.len() == items.len() {
        return None;
    }
    edits.sort_by_key(|e| e.range.start);
    Some(edits)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    fn has(text: &str, code: &str) -> bool {
        codes(text).contains(&code)
    }

    #[test]
    fn singular_keys_are_read_as_jekyll_reads_them() {
        // `category:` alone gives the categories: required, present, equal to the tags.
        let singular = with("categories: [ 联合早报 ]", "category: 联合早报");
        assert!(
            !has(&singular, "FM101") && !has(&singular, "FM501"),
            "{:?}",
            codes(&singular)
        );
        // ...and can differ from them.
        let other = with("categories: [ 联合早报 ]", "category: 国际");
        assert!(has(&other, "FM501"), "{:?}", codes(&other));
        // `category:` is added to `categories:`; the fix, which rewrites keys, is not offered.
        let both = with(
            "categories: [ 联合早报 ]",
            "categories: [ 联合早报 ]\ncategory: 国际",
        );
        let ds = crate::lint::lint_text(
            std::path::Path::new("_posts/2021-07-20-x.md"),
            &both,
            &Default::default(),
            &Default::default(),
        );
        let d = ds.iter().find(|d| d.code() == "FM501").expect("FM501");
        assert!(
            d.message.contains("only in categories: `国际`"),
            "{}",
            d.message
        );
        assert!(d.fix.is_none());
        // `tag:` replaces `tags:`, whole: `tag: 联合早报 国际` is one tag.
        let tag = with("tags: [ 联合早报 ]", "tags: [ 联合早报 ]\ntag: 国际");
        assert!(has(&tag, "FM501"), "{:?}", codes(&tag));
        let whole = with("tags: [ 联合早报 ]", "tag: 联合早报 国际")
            .replace("categories: [ 联合早报 ]", "categories: [ 联合早报, 国际 ]");
        assert!(has(&whole, "FM501"), "{:?}", codes(&whole));
        // Blank and repeated entries of the singular keys.
        let repeated = with(
            "categories: [ 联合早报 ]",
            "category: [ 联合早报, 联合早报 ]",
        );
        assert!(has(&repeated, "FM502"), "{:?}", codes(&repeated));
    }

    #[test]
    fn terms() {
        assert_eq!(
            codes(&with("tags: [ 联合早报 ]", "tags: [ 联合早报, 国际 ]")),
            ["FM501"]
        );
        assert_eq!(
            codes(&with("tags: [ 联合早报 ]", "tags: [ 联合早报, 联合早报 ]")),
            ["FM502"]
        );
        assert_eq!(
            codes(&with("tags: [ 联合早报 ]", "tags: [ 联合早报, \"\" ]")),
            ["FM503"]
        );
        assert_eq!(
            codes(&with("tags: [ 联合早报 ]", "tags: 联合早报")),
            ["FM603"]
        );
        let strings = with("tags: [ 联合早报 ]", "tags: 联合早报 国际")
            .replace("categories: [ 联合早报 ]", "categories: [ 国际, 联合早报 ]");
        assert_eq!(codes(&strings), ["FM603"]);
        // Jekyll splits on ASCII whitespace only: an ideographic space stays inside the term.
        let ideographic = with("tags: [ 联合早报 ]", "tags: 联合早报\u{3000}国际").replace(
            "categories: [ 联合早报 ]",
            "categories: [ \"联合早报\u{3000}国际\" ]",
        );
        assert_eq!(codes(&ideographic), ["FM603"]);
    }

    #[test]
    fn a_union_of_terms_that_are_not_strings_offers_no_fix() {
        // Their display text (`a, b`, `{…}`) would have become tags.
        for tags in [
            "tags: [ [a, [b]], {c: d} ]",
            "tags: [ 2021, 联合早报 ]",
            "tags: [ *x, 联合早报 ]",
        ] {
            let post = with("tags: [ 联合早报 ]", tags).replace("layout: post", "layout: &x post");
            let d = diagnostics(&post);
            let fm501 = d.iter().find(|d| d.code() == "FM501");
            let fm501 = fm501.unwrap_or_else(|| panic!("{tags}: no FM501 in {d:?}"));
            assert!(fm501.fix.is_none(), "{tags}: {:?}", fm501.fix);
        }
        // Nor does removing a "repeat" that is another value shown alike.
        for tags in ["tags: [ 联合早报, [联合早报] ]", "tags: [ \"2021\", 2021 ]"] {
            let post = with("tags: [ 联合早报 ]", tags);
            let d = diagnostics(&post);
            let fm502 = d.iter().find(|d| d.code() == "FM502");
            let fm502 = fm502.unwrap_or_else(|| panic!("{tags}: no FM502 in {d:?}"));
            assert!(fm502.fix.is_none(), "{tags}: {:?}", fm502.fix);
        }
        let strings = with("tags: [ 联合早报 ]", "tags: [ 国际, \"a, b\" ]");
        let d = diagnostics(&strings);
        assert!(d.iter().any(|d| d.code() == "FM501" && d.fix.is_some()));
    }
}
