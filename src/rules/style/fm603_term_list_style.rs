//! FM603 term-list-style: tags or categories are not a flow list `[ a, b ]`.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, quote};
use crate::emit;
use crate::post::Post;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};
use crate::yaml::{Link, Node, NodeKind, Scalar, Style};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::TermListStyle,
    check: Some(check),
    options: None,
};

/// `emit::plain_in_flow_is_safe`, asked once a text: the canonical post's tags and categories
/// hold the same terms, and the question costs a scalar resolution. A few texts are searched;
/// past them, a map (a hostile list of 100,000 terms searched a list of them for each).
#[derive(Default)]
struct SafeInFlow<'p> {
    few: Vec<(&'p str, bool)>,
    many: BTreeMap<&'p str, bool>,
}

impl<'p> SafeInFlow<'p> {
    fn get(&mut self, s: &'p str) -> bool {
        if let Some(&(_, safe)) = self.few.iter().find(|(t, _)| *t == s) {
            return safe;
        }
        if self.few.len() < 16 {
            let safe = emit::plain_in_flow_is_safe(s);
            self.few.push((s, safe));
            return safe;
        }
        *self
            .many
            .entry(s)
            .or_insert_with(|| emit::plain_in_flow_is_safe(s))
    }
}

/// Whether `raw` is `node`'s canonical flow list with every item written as its own text, told
/// without building the list: true only where [`canonical_flow`] gives `raw` itself (anything
/// else, reported or not, is left to it).
fn plainly_canonical<'p>(post: &Post<'p>, node: &'p Node, raw: &str, safe: &mut SafeInFlow<'p>) -> bool {
    let NodeKind::Seq { items, .. } = &node.kind else {
        return false;
    };
    if items.is_empty() {
        return raw == "[]";
    }
    let Some(mut rest) = raw.strip_prefix("[ ") else {
        return false;
    };
    for (i, n) in items.iter().enumerate() {
        if i > 0 {
            let Some(r) = rest.strip_prefix(", ") else {
                return false;
            };
            rest = r;
        }
        let item = post.slice(&n.span);
        let Some(r) = rest.strip_prefix(item) else {
            return false;
        };
        rest = r;
        let own_text = match &n.kind {
            NodeKind::Scalar {
                style: Style::Plain,
                value,
            } if !item.contains('\n') => !matches!(value, Scalar::Str(s) if !safe.get(s)),
            NodeKind::Scalar {
                style: Style::SingleQuoted | Style::DoubleQuoted,
                ..
            } => !item.contains('\n'),
            _ => false,
        };
        if !own_text {
            return false;
        }
    }
    rest == " ]"
}

/// `[ a, b ]` from the items' own text, when every item is a one-line scalar.
fn canonical_flow<'p>(post: &Post<'p>, node: &'p Node, safe: &mut SafeInFlow<'p>) -> Option<String> {
    match &node.kind {
        NodeKind::Seq { items, .. } => {
            let mut parts = Vec::with_capacity(items.len());
            for n in items {
                let raw = post.slice(&n.span);
                match &n.kind {
                    NodeKind::Scalar {
                        style: Style::Plain,
                        value,
                    } if !raw.contains('\n') => {
                        // A plain item that reads differently inside `[ ]` (a comma) needs quotes.
                        if let Scalar::Str(text) = value
                            && !safe.get(text)
                        {
                            parts.push(emit::double_quoted(text));
                        } else {
                            parts.push(raw.to_string());
                        }
                    }
                    NodeKind::Scalar {
                        style: Style::SingleQuoted | Style::DoubleQuoted,
                        ..
                    } if !raw.contains('\n') => parts.push(raw.to_string()),
                    NodeKind::Scalar { value, .. } => parts.push(emit::flow_item(&match value {
                        Scalar::Str(s) => s.clone(),
                        _ => return None,
                    })),
                    _ => return None,
                }
            }
            Some(if parts.is_empty() {
                "[]".into()
            } else {
                format!("[ {} ]", parts.join(", "))
            })
        }
        NodeKind::Scalar {
            value: Scalar::Str(s),
            ..
        } => Some(emit::flow_list(crate::jekyll::ruby_words(s))),
        _ => None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let mut safe = SafeInFlow::default();
    for key in ["tags", "categories"] {
        let Some(e) = post.get(key) else { continue };
        // An alias or a merged value looks as its anchor does, elsewhere: judged there.
        if matches!(e.value.link, Link::Alias | Link::Merged) {
            continue;
        }
        let what = match &e.value.kind {
            NodeKind::Seq { flow: false, .. } => "a block list",
            NodeKind::Seq { flow: true, .. } => "a flow list not spaced as `[ a, b ]`",
            NodeKind::Scalar {
                value: Scalar::Str(s),
                ..
            } if !s.trim().is_empty() => "a string (Jekyll splits it on spaces)",
            _ => continue,
        };
        let raw = post.slice(&e.value.span);
        if plainly_canonical(post, &e.value, raw, &mut safe) {
            continue;
        }
        let Some(canonical) = canonical_flow(post, &e.value, &mut safe) else {
            continue;
        };
        if raw == canonical {
            continue;
        }
        // From the end of `tags:` so that a block list moves up onto the key's line.
        let range = e.key_span.end..e.value.span.end;
        let mut d = Diagnostic::new(
            RuleId::TermListStyle,
            e.value.span.clone(),
            format!("`{key}` is {what}"),
        )
        .label(format!("expected {}", quote(&canonical)))
        .help(format!("write {}", quote(&format!("{key}: {canonical}"))));
        // A comment inside the list would be lost by the rewrite, and an anchored list is read
        // by its aliases too: leave those to a person.
        if e.value.is_own() && !has_comment(post.text, &range, &e.value) && !e.value.tagged {
            d = d.fix(Fix {
                applicability: Applicability::Safe,
                message: format!("rewrite as {}", quote(&format!("{key}: {canonical}"))),
                edits: vec![Edit {
                    range,
                    replacement: format!(": {canonical}"),
                }],
                changes: Vec::new(),
            });
        }
        out.push(d);
    }
}

/// Whether `text[range]` holds a YAML comment: a `#` that is not inside one of the items
/// (whose spans are in order, so each `#` is looked up, not compared with every item).
fn has_comment(text: &str, range: &Range<usize>, node: &Node) -> bool {
    let inside = |at: usize| match &node.kind {
        NodeKind::Seq { items, .. } => {
            let after = items.partition_point(|n| n.span.start <= at);
            after > 0 && items[after - 1].span.contains(&at)
        }
        _ => node.span.contains(&at),
    };
    memchr::memchr_iter(b'#', text[range.clone()].as_bytes()).any(|i| !inside(range.start + i))
}

#[cfg(test)]
mod tests {
    use super::super::fixed;
    use crate::rules::testing::*;

    proptest::proptest! {
        /// The short cut says "canonical" only where the general path gives the text back.
        #[test]
        fn plainly_canonical_agrees_with_canonical_flow(
            list in "\\[ ?(a|联合|\"b\"|'c'|1|a:b|,|-x|a b)?(, ?(a|联合|\"d\"|2021|x y|\\[\\]|))* ?\\]",
        ) {
            let text = with("tags: [ 联合早报 ]", &format!("tags: {list}"));
            let post = crate::post::Post::with_loader(
                std::path::Path::new("_posts/2021-07-20-x.md"),
                &text,
                crate::yaml::Loader::Psych,
            );
            let Some(e) = post.get("tags") else { return Ok(()) };
            let raw = post.slice(&e.value.span);
            let mut safe = super::SafeInFlow::default();
            if super::plainly_canonical(&post, &e.value, raw, &mut safe) {
                let mut fresh = super::SafeInFlow::default();
                let general = super::canonical_flow(&post, &e.value, &mut fresh);
                proptest::prop_assert_eq!(general.as_deref(), Some(raw));
            }
        }
    }

    #[test]
    fn plainly_canonical_short_cut_is_taken() {
        let post = crate::post::Post::with_loader(
            std::path::Path::new("_posts/2021-07-20-x.md"),
            CANON,
            crate::yaml::Loader::Psych,
        );
        let e = post.get("tags").unwrap();
        let mut safe = super::SafeInFlow::default();
        assert!(super::plainly_canonical(&post, &e.value, post.slice(&e.value.span), &mut safe));
        let text = with("tags: [ 联合早报 ]", "tags: [ \"a\", 'b', 2021, c ]");
        let post = crate::post::Post::with_loader(
            std::path::Path::new("_posts/2021-07-20-x.md"),
            &text,
            crate::yaml::Loader::Psych,
        );
        let e = post.get("tags").unwrap();
        assert!(super::plainly_canonical(&post, &e.value, post.slice(&e.value.span), &mut safe));
        assert_eq!(codes(&text), ["FM501"]);
    }

    /// Past the few texts it searches, the cache answers from its map as the question would.
    #[test]
    fn many_terms_are_judged_as_few_are() {
        let texts: Vec<String> = (0..40).map(|i| if i % 3 == 0 { format!("a, {i}") } else { format!("t{i}") }).collect();
        let mut safe = super::SafeInFlow::default();
        for round in 0..2 {
            for t in &texts {
                assert_eq!(safe.get(t), crate::emit::plain_in_flow_is_safe(t), "{t} ({round})");
            }
        }
    }

    /// A `#` inside a term (`C#`) is none of the comments that keep a list from being rewritten.
    #[test]
    fn only_a_comment_between_items_withholds_the_rewrite() {
        let terms = with("tags: [ 联合早报 ]", "tags: [C#, \"a #b\", 联合早报]");
        let d = diagnostics(&terms);
        let fm603 = d.iter().find(|d| d.code() == "FM603").unwrap();
        assert!(fm603.fix.is_some(), "{d:?}");
        let commented = with("tags: [ 联合早报 ]", "tags: [C#, # why\n  联合早报]");
        let d = diagnostics(&commented);
        let fm603 = d.iter().find(|d| d.code() == "FM603").unwrap();
        assert!(fm603.fix.is_none(), "{d:?}");
    }

    #[test]
    fn lists() {
        assert_eq!(
            codes(&with("tags: [ 联合早报 ]", "tags:\n  - 联合早报")),
            ["FM603"]
        );
        assert_eq!(
            codes(&with("tags: [ 联合早报 ]", "tags: [联合早报]")),
            ["FM603"]
        );
    }

    #[test]
    fn anchored_and_aliased_lists_are_judged_by_their_reading() {
        let text = with(
            "tags: [ 联合早报 ]\ncategories: [ 联合早报 ]",
            "tags: &t [ 联合早报 ]\ncategories: *t",
        );
        assert_eq!(codes(&text), Vec::<&str>::new());
        // Not canonical, but anchored: reported, never rewritten (an alias reads it too).
        let text = with(
            "tags: [ 联合早报 ]\ncategories: [ 联合早报 ]",
            "tags: &t\n  - 联合早报\ncategories: *t",
        );
        let f = fixed(&text);
        assert_eq!(f.text, text);
        assert!(
            f.remaining.iter().all(|d| !d.code().starts_with("FM99")),
            "{:?}",
            f.remaining
        );
        assert_eq!(
            f.remaining.iter().map(|d| d.code()).collect::<Vec<_>>(),
            ["FM603"]
        );
    }

}
