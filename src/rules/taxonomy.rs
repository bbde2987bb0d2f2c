//! FM5xx: tags and categories, read as Jekyll reads them (a string is split on whitespace).

use std::collections::BTreeSet;
use std::ops::Range;

use serde_json::Value;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, quote};
use crate::emit;
use crate::jekyll::{TERM_KEYS, Taxonomy};
use crate::post::{Post, line_at};
use crate::registry::RuleId;
use crate::rules::Context;
use crate::rules::options::{OptionError, Options, enum_schema};
use crate::yaml::{Node, NodeKind, Scalar};

pub use crate::registry::FM501 as TAGS_CATEGORIES_MISMATCH;
pub use crate::registry::FM502 as DUPLICATE_TERM;
pub use crate::registry::FM503 as EMPTY_TERM;

/// How FM501 compares tags and categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TermPolicy {
    #[default]
    Equal,
    CategoriesInTags,
    TagsInCategories,
    Off,
}

const POLICIES: [(&str, TermPolicy); 4] = [
    ("equal", TermPolicy::Equal),
    ("categories-in-tags", TermPolicy::CategoriesInTags),
    ("tags-in-categories", TermPolicy::TagsInCategories),
    ("off", TermPolicy::Off),
];

/// FM501's options.
#[derive(Debug, Clone, Default)]
pub struct TagsCategoriesOptions {
    pub policy: TermPolicy,
}

impl Options for TagsCategoriesOptions {
    const KEYS: &'static [&'static str] = &["policy"];

    fn set(&mut self, _key: &str, v: &Node) -> Result<(), OptionError> {
        let got = v.display();
        // YAML 1.1 reads a bare `off` as false.
        let got = if got == "false" { "off".into() } else { got };
        self.policy = POLICIES
            .iter()
            .find(|(n, _)| *n == got)
            .map(|(_, p)| *p)
            .ok_or_else(|| {
                OptionError::new(format!("unknown policy `{got}`"), "unknown policy")
                    .help("one of: equal, categories-in-tags, tags-in-categories, off")
            })?;
        Ok(())
    }

    fn describe(&self) -> Vec<(&'static str, String)> {
        let name = POLICIES.iter().find(|(_, p)| *p == self.policy);
        vec![("policy", name.map_or("", |(n, _)| n).to_string())]
    }

    fn schema() -> Vec<(&'static str, Value)> {
        let names: Vec<&str> = POLICIES.iter().map(|(n, _)| *n).collect();
        vec![(
            "policy",
            enum_schema(&names, Some("How tags and categories must relate.")),
        )]
    }
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
        self.text.trim().is_empty()
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
fn remove_items(post: &Post<'_>, node: &Node, drop: &BTreeSet<usize>) -> Option<Vec<Edit>> {
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

/// `tags`, or `tags (from `tag`)` when the set comes from the singular key.
fn term_label(plural: &str, key: &str) -> String {
    if key == plural {
        plural.to_string()
    } else {
        format!("{plural} (from `{key}`)")
    }
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    for key in TERM_KEYS {
        let Some(e) = post.get(key) else { continue };
        let Some(ts) = terms_of(post, key, &e.value) else {
            continue;
        };
        // Each term's text, and whether its first occurrence was a string.
        let mut seen = std::collections::BTreeMap::new();
        for t in &ts {
            if t.is_blank() {
                out.push(
                    Diagnostic::new(
                        &EMPTY_TERM,
                        t.span.clone(),
                        format!("`{key}` has a blank entry"),
                    )
                    .label("blank")
                    .help("remove it"),
                );
                let last = out.len() - 1;
                if let Some(edits) = t
                    .item
                    .and_then(|i| remove_items(post, &e.value, &BTreeSet::from([i])))
                {
                    out[last].fix = Some(Fix {
                        applicability: Applicability::Safe,
                        message: "remove the blank entry".into(),
                        edits,
                        changes: vec![key.to_string()],
                    });
                }
            } else if let Some(&first_is_string) = seen.get(t.text.as_str()) {
                let mut d = Diagnostic::new(
                    &DUPLICATE_TERM,
                    t.span.clone(),
                    format!("{} appears more than once in `{key}`", quote(&t.text)),
                )
                .label("repeated")
                .help("remove the repeat");
                // `2021` and `"2021"`, or `[a, b]` and `"a, b"`, show alike but are not the
                // same value: removing one is a person's call.
                if let Some(edits) = t
                    .item
                    .filter(|_| t.is_string && first_is_string)
                    .and_then(|i| remove_items(post, &e.value, &BTreeSet::from([i])))
                {
                    d = d.fix(Fix {
                        applicability: Applicability::Safe,
                        message: "remove the repeat".into(),
                        edits,
                        changes: vec![key.to_string()],
                    });
                }
                out.push(d);
            } else {
                seen.insert(t.text.as_str(), t.is_string);
            }
        }
    }
    let policy = ctx
        .settings
        .options::<TagsCategoriesOptions>(RuleId::TagsCategoriesMismatch)
        .policy;
    if policy == TermPolicy::Off {
        return;
    }
    // The sets Jekyll reads, from whichever keys it reads them, and whether every term is a
    // string (only then can a union be written back exactly).
    let read = |taxonomy| {
        let from = ctx.view.term_sources(taxonomy);
        let mut seen = BTreeSet::new();
        let mut set = Vec::new();
        let mut any = false;
        let mut exact = true;
        for (key, node) in &from {
            if let Some(ts) = terms_of(post, key, node) {
                any = true;
                exact &= ts.iter().all(|t| t.is_blank() || t.is_string);
                set.extend(
                    ts.into_iter()
                        .filter(|t| !t.is_blank() && seen.insert(t.text.clone()))
                        .map(|t| t.text),
                );
            }
        }
        any.then_some((from, set, exact))
    };
    let (Some((tag_keys, t, t_exact)), Some((cat_keys, c, c_exact))) =
        (read(Taxonomy::Tags), read(Taxonomy::Categories))
    else {
        return;
    };
    let tags = (tag_keys[0].0, tag_keys[0].1);
    let cats = (cat_keys[0].0, cat_keys[0].1);
    // An empty list is FM102's (or the site's choice); comparing against it says nothing new.
    if t.is_empty() || c.is_empty() {
        return;
    }
    let only_t: Vec<&String> = t.iter().filter(|x| !c.contains(x)).collect();
    let only_c: Vec<&String> = c.iter().filter(|x| !t.contains(x)).collect();
    let bad = match policy {
        TermPolicy::Equal => !only_t.is_empty() || !only_c.is_empty(),
        TermPolicy::CategoriesInTags => !only_c.is_empty(),
        TermPolicy::TagsInCategories => !only_t.is_empty(),
        TermPolicy::Off => false,
    };
    if !bad {
        return;
    }
    let list = |v: &[&String]| v.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ");
    let mut parts = Vec::new();
    if !only_t.is_empty() {
        parts.push(format!("only in tags: {}", list(&only_t)));
    }
    if !only_c.is_empty() {
        parts.push(format!("only in categories: {}", list(&only_c)));
    }
    let union: Vec<&str> = t
        .iter()
        .chain(only_c.iter().copied())
        .map(String::as_str)
        .collect();
    let fixed = emit::flow_list(union.iter().copied());
    let mut d = Diagnostic::new(
        &TAGS_CATEGORIES_MISMATCH,
        tags.1.span.clone(),
        format!("tags and categories differ ({})", parts.join("; ")),
    )
    .label(term_label("tags", tags.0))
    .related(cats.1.span.clone(), term_label("categories", cats.0));
    // The union is written from the terms' text: a term that is not a string (`[a, [b]]`,
    // `{c: d}`, `2021`) would come back as another value, so that union is left to a person.
    if !(t_exact && c_exact) {
        out.push(d.help(
            "make both lists the same, or set FM501's policy (no fix: an entry that is not a \
             string cannot be copied from one list to the other exactly)",
        ));
        return;
    }
    d = d.help(format!(
        "make both {}, or set FM501's policy",
        quote(&fixed)
    ));
    // Rewriting one key is only the whole story when each set comes from its plural key
    // alone; with `tag:` or `category:` in play, which key to rewrite is the author's call.
    if tag_keys.len() == 1 && cat_keys.len() == 1 && (tags.0, cats.0) == ("tags", "categories") {
        d = d.fix(Fix {
            applicability: Applicability::Unsafe,
            message: format!("set both to their union {}", quote(&fixed)),
            edits: vec![
                Edit {
                    range: tags.1.span.clone(),
                    replacement: fixed.clone(),
                },
                Edit {
                    range: cats.1.span.clone(),
                    replacement: fixed,
                },
            ],
            changes: vec!["tags".into(), "categories".into()],
        });
    }
    out.push(d);
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
