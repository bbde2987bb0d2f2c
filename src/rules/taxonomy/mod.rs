//! FM5xx: tags and categories, read as Jekyll reads them (a string is split on whitespace).
//! What the three rules share: the terms of a key, with their places, and how to remove some.

use std::borrow::Cow;
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
    let edits = remove_item(post, value, item?)?;
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
) -> impl Iterator<Item = (&'static str, &'a Node<'a>, Vec<Term<'a>>)> {
    TERM_KEYS.into_iter().filter_map(|key| {
        let e = post.get(key)?;
        let ts = terms_of(post, key, &e.value)?;
        Some((key, &e.value, ts))
    })
}

#[derive(Debug, Clone)]
pub struct Term<'a> {
    /// Borrowed from the node where the term is its string (nearly every term): a post's
    /// terms are read for every post, and a copy each was an allocation each.
    pub text: Cow<'a, str>,
    pub span: Range<usize>,
    /// Index in the YAML list (None for a string split into words).
    pub item: Option<usize>,
    /// Whether the term is a string, so that writing `text` back (quoted where needed) reads
    /// as the same value. A nested list, a mapping, an alias or a number is shown by `text`
    /// but cannot be rebuilt from it.
    pub is_string: bool,
}

impl Term<'_> {
    pub fn is_blank(&self) -> bool {
        // `trim().is_empty()`, without looking at both ends: a term's first character decides.
        self.text.chars().all(char::is_whitespace)
    }
}

/// The terms of a `tags`/`categories` value, or None when it is neither a list nor a string.
pub fn terms<'a>(post: &Post<'_>, node: &'a Node) -> Option<Vec<Term<'a>>> {
    match &node.kind {
        NodeKind::Seq { items, .. } => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, n)| Term {
                    text: match &n.kind {
                        NodeKind::Scalar {
                            value: Scalar::Str(s),
                            ..
                        } => Cow::Borrowed(&**s),
                        _ => Cow::Owned(n.display()),
                    },
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
                            text: Cow::Borrowed(w),
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
pub fn terms_of<'a>(post: &Post<'_>, key: &str, node: &'a Node) -> Option<Vec<Term<'a>>> {
    match &node.kind {
        NodeKind::Scalar {
            value: Scalar::Str(s),
            ..
        } if Taxonomy::is_singular(key) => Some(vec![Term {
            text: Cow::Borrowed(&**s),
            span: node.span.clone(),
            item: None,
            is_string: true,
        }]),
        _ => terms(post, node),
    }
}

/// Removes item `i` of a list with an edit of its own text: a flow list's item goes with the
/// separator before it (after it, for the first), a block list's with its line. The edit
/// touches nothing else, so the fixes for each of a list's repeats never overlap and all
/// apply in one pass: a whole list rewritten for each was as many passes as repeats (more
/// than the fix loop's bound on a list of a dozen repeats) and, for a hostile list of
/// 100,000, as many copies of it. `None` where the removal would take a comment with it, or
/// the list's text is not the post's own.
pub fn remove_item(post: &Post<'_>, node: &Node, i: usize) -> Option<Vec<Edit>> {
    let NodeKind::Seq { items, flow } = &node.kind else {
        return None;
    };
    let item = items.get(i)?;
    if !node.is_own() || !item.is_own() || item.span.is_empty() {
        return None;
    }
    let range = if *flow {
        if items.len() == 1 {
            return Some(vec![Edit {
                range: node.span.clone(),
                replacement: "[]".to_string(),
            }]);
        }
        let neighbour = &items[if i > 0 { i - 1 } else { 1 }];
        let (start, end) = if i > 0 {
            (neighbour.span.end, item.span.end)
        } else {
            (item.span.start, neighbour.span.start)
        };
        let inside = node.span.start <= start && start < end && end <= node.span.end;
        if neighbour.span.is_empty() || !inside || holds_comment(post.slice(&(start..end))) {
            return None;
        }
        start..end
    } else {
        if items.len() == 1 || post.slice(&item.span).contains('\n') {
            return None;
        }
        let start = post.text[..item.span.start]
            .rfind('\n')
            .map_or(0, |p| p + 1);
        start..line_at(post.text, start)?.next
    };
    Some(vec![Edit {
        range,
        replacement: String::new(),
    }])
}

/// Whether `text` may hold a YAML comment: a `#` at its start or after a space or line break.
/// A `#` inside a term (`C#`) is none; one inside a quoted term after a space is taken for
/// one, which only withholds a fix.
fn holds_comment(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len())
        .any(|k| b[k] == b'#' && (k == 0 || matches!(b[k - 1], b' ' | b'\t' | b'\n' | b'\r')))
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

    /// Each repeat's fix removes only its own text, so a list of many repeats is fixed in
    /// one pass (rewriting the list for each took a pass a repeat, past the fix loop's bound),
    /// and a comment between items withholds the fix rather than go with the item.
    #[test]
    fn every_repeat_of_a_list_is_removed_at_once() {
        let fix = |text: &str| {
            let fixed = crate::fix::fix_text(
                std::path::Path::new("_posts/2021-07-20-x.md"),
                text,
                &Default::default(),
                &Default::default(),
                false,
            );
            let codes: Vec<_> = fixed.remaining.iter().map(|d| d.code()).collect();
            (fixed.text, codes)
        };
        let many = with(
            "tags: [ 联合早报 ]",
            &format!("tags: [ {} ]", ["联合早报"; 40].join(", ")),
        );
        let (text, remaining) = fix(&many);
        assert_eq!(
            text,
            with("tags: [ 联合早报 ]", "tags: [ 联合早报 ]"),
            "{remaining:?}"
        );
        for (tags, fixed) in [
            (
                "tags: [ 联合早报, C#, 联合早报, C# ]",
                "tags: [ 联合早报, C# ]",
            ),
            ("tags: [联合早报,联合早报]", "tags: [ 联合早报 ]"),
            ("tags: [ 联合早报,\n  联合早报 ]", "tags: [ 联合早报 ]"),
            ("tags:\n  - 联合早报\n  - 联合早报", "tags: [ 联合早报 ]"),
            ("tags: [ \"\", 联合早报 ]", "tags: [ 联合早报 ]"),
        ] {
            let (text, remaining) = fix(&with("tags: [ 联合早报 ]", tags));
            assert_eq!(
                text,
                with("tags: [ 联合早报 ]", fixed),
                "{tags}: {remaining:?}"
            );
        }
        let commented = with(
            "tags: [ 联合早报 ]",
            "tags: [ 联合早报, # why\n  联合早报 ]",
        );
        let (text, remaining) = fix(&commented);
        assert_eq!(text, commented);
        assert!(remaining.contains(&"FM502"), "{remaining:?}");
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
