//! FM501 tags-categories-mismatch: tags and categories differ as sets (under the policy).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, quote};
use crate::emit;
use crate::jekyll::{Taxonomy, TermSource};
use crate::registry::RuleId;
use crate::rules::options::{OptionError, Options, OptionsSpec, enum_schema};
use crate::rules::taxonomy::Term;
use crate::rules::{Context, RuleImpl};
use crate::yaml::Node;

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::TagsCategoriesMismatch,
    check: Some(check),
    options: Some(OptionsSpec::of::<TagsCategoriesOptions>()),
};

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

/// `tags`, or `tags (from `tag`)` when the set comes from the singular key.
fn term_label(plural: &str, key: &str) -> String {
    if key == plural {
        plural.to_string()
    } else {
        format!("{plural} (from `{key}`)")
    }
}

/// A message lists every term of a side up to `LISTED_ALL` of them; past that, the first
/// `LISTED`, and counts the rest (openSUSE posts differ by up to 126 terms, a hostile list by
/// 100,000).
const LISTED_ALL: usize = 25;
const LISTED: usize = 20;

/// Terms in the order first seen, each once. A short set is searched; past `SEARCHED` terms it
/// is indexed too, so that neither collecting a set nor asking it is quadratic (two hostile
/// lists of 100,000 terms would be 10^10 comparisons).
#[derive(Default)]
struct Distinct<'a> {
    order: Vec<&'a str>,
    index: BTreeSet<&'a str>,
}

const SEARCHED: usize = 16;

impl<'a> Distinct<'a> {
    fn contains(&self, t: &str) -> bool {
        if self.order.len() <= SEARCHED {
            self.order.contains(&t)
        } else {
            self.index.contains(t)
        }
    }

    fn insert(&mut self, t: &'a str) {
        if self.contains(t) {
            return;
        }
        self.order.push(t);
        if self.order.len() == SEARCHED + 1 {
            self.index.extend(self.order.iter().copied());
        } else if self.order.len() > SEARCHED {
            self.index.insert(t);
        }
    }

    /// The terms of `self` that `other` lacks, in `self`'s order.
    fn missing_from(&self, other: &Distinct<'_>) -> Vec<&'a str> {
        self.order.iter().copied().filter(|t| !other.contains(t)).collect()
    }
}

/// Whether Jekyll reads tags and categories from one key each, holding the same terms in the
/// same order: nearly every post. Equal sets (or two empty ones) are nothing to report under
/// any policy, and no set need be made.
fn same_terms_in_order(ctx: &Context<'_>, tags: &[TermSource<'_>], cats: &[TermSource<'_>]) -> bool {
    fn texts<'t>(ts: &'t [Term<'_>]) -> impl Iterator<Item = &'t str> {
        ts.iter().filter(|t| !t.is_blank()).map(|t| t.text.as_ref())
    }
    if let ([(tk, _)], [(ck, _)]) = (tags, cats)
        && let (Some(a), Some(b)) = (ctx.terms_of(tk), ctx.terms_of(ck))
    {
        return texts(a).eq(texts(b));
    }
    false
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let policy = ctx
        .settings
        .options::<TagsCategoriesOptions>(RuleId::TagsCategoriesMismatch)
        .policy;
    if policy == TermPolicy::Off {
        return;
    }
    // The keys Jekyll reads each set from.
    let (tag_keys, cat_keys) = (
        ctx.view.term_sources(Taxonomy::Tags),
        ctx.view.term_sources(Taxonomy::Categories),
    );
    if same_terms_in_order(ctx, &tag_keys, &cat_keys) {
        return;
    }
    // The sets Jekyll reads from those keys, and whether every term is a string (only then can
    // a union be written back exactly).
    let read = |from: &[TermSource<'_>]| {
        let mut set = Distinct::default();
        let mut any = false;
        let mut exact = true;
        for (key, _) in from {
            // `from`'s values are the post's own: the context's terms of the key are theirs.
            if let Some(ts) = ctx.terms_of(key) {
                any = true;
                for t in ts.iter().filter(|t| !t.is_blank()) {
                    exact &= t.is_string;
                    set.insert(&t.text);
                }
            }
        }
        any.then_some((set, exact))
    };
    let (Some((t, t_exact)), Some((c, c_exact))) = (read(&tag_keys), read(&cat_keys)) else {
        return;
    };
    let tags = (tag_keys[0].0, tag_keys[0].1);
    let cats = (cat_keys[0].0, cat_keys[0].1);
    // An empty list is FM102's (or the site's choice); comparing against it says nothing new.
    if t.order.is_empty() || c.order.is_empty() {
        return;
    }
    let only_t = t.missing_from(&c);
    let only_c = c.missing_from(&t);
    let bad = match policy {
        TermPolicy::Equal => !only_t.is_empty() || !only_c.is_empty(),
        TermPolicy::CategoriesInTags => !only_c.is_empty(),
        TermPolicy::TagsInCategories => !only_t.is_empty(),
        TermPolicy::Off => false,
    };
    if !bad {
        return;
    }
    let list = |v: &[&str]| {
        let listed = if v.len() > LISTED_ALL { LISTED } else { v.len() };
        let mut shown = v[..listed].iter().map(|s| quote(s)).collect::<Vec<_>>();
        if v.len() > listed {
            shown.push(format!("and {} more", v.len() - listed));
        }
        shown.join(", ")
    };
    let mut parts = Vec::new();
    if !only_t.is_empty() {
        parts.push(format!("only in tags: {}", list(&only_t)));
    }
    if !only_c.is_empty() {
        parts.push(format!("only in categories: {}", list(&only_c)));
    }
    let union: Vec<&str> = t.order.iter().chain(only_c.iter()).copied().collect();
    let fixed = emit::flow_list(union.iter().copied());
    let mut d = Diagnostic::new(
        RuleId::TagsCategoriesMismatch,
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
    use super::*;
    use crate::rules::testing::*;

    fn set<'a>(terms: &[&'a str]) -> Distinct<'a> {
        let mut d = Distinct::default();
        terms.iter().for_each(|t| d.insert(t));
        d
    }

    #[test]
    fn missing_terms_are_found_alike_in_short_and_long_lists() {
        let names: Vec<String> = (0..40).map(|i| format!("t{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut long = set(&names);
        names.iter().for_each(|t| long.insert(t));
        assert_eq!(long.order, names, "each term once, in order");
        let short = set(&["t3", "x", "t39", "y", "x"]);
        assert_eq!(short.missing_from(&long), ["x", "y"]);
        assert_eq!(set(&names[..6]).missing_from(&short), ["t0", "t1", "t2", "t4", "t5"]);
        assert_eq!(long.missing_from(&set(&names[1..])), ["t0"]);
    }

    /// A message names up to 25 terms of each side; past that, 20, and counts the rest.
    #[test]
    fn a_long_difference_is_counted_not_listed() {
        let tags: Vec<String> = (0..25).map(|i| format!("t{i}")).collect();
        let post = with("tags: [ 联合早报 ]", &format!("tags: [ {} ]", tags.join(", ")));
        let d = diagnostics(&post);
        let fm501 = d.iter().find(|d| d.code() == "FM501").unwrap();
        assert!(fm501.message.contains("`t24`; only in"), "{}", fm501.message);
        let tags: Vec<String> = (0..35).map(|i| format!("t{i}")).collect();
        let post = with("tags: [ 联合早报 ]", &format!("tags: [ {} ]", tags.join(", ")));
        let d = diagnostics(&post);
        let fm501 = d.iter().find(|d| d.code() == "FM501").unwrap();
        assert!(
            fm501.message.contains("`t19`, and 15 more; only in categories: `联合早报`"),
            "{}",
            fm501.message
        );
        assert!(!fm501.message.contains("`t20`"), "{}", fm501.message);
    }

    /// The shortcut for the same terms in the same order says what comparing the sets says,
    /// on either side of it: an order, a repeat, a blank or a second key takes the long way.
    #[test]
    fn equal_sets_are_equal_whichever_way_they_are_found() {
        let fm501 = |tags: &str, cats: &str| {
            let post = with("tags: [ 联合早报 ]", tags).replace("categories: [ 联合早报 ]", cats);
            codes(&post).contains(&"FM501")
        };
        let post = |tags: &str, cats: &str| (tags.to_string(), cats.to_string());
        let same = [
            post("tags: [a, b]", "categories: [a, b]"),
            post("tags: [b, a]", "categories: [a, b]"),
            post("tags: [a, a, b]", "categories: [a, b]"),
            post("tags: [a, \"\", b]", "categories: [a, b]"),
            post("tags: a b", "categories: [a, b]"),
            post("tags: [a]\ntag: a", "categories: [a]"),
            post("tags: [a, b]", "categories: [a]\ncategory: b"),
        ];
        for (tags, cats) in &same {
            assert!(!fm501(tags, cats), "{tags} / {cats}");
        }
        let differ = [
            post("tags: [a, b]", "categories: [a]"),
            post("tags: [a]", "categories: [a, b]"),
            post("tags: [a]\ntag: b", "categories: [a]"),
            post("tags: [a, b]", "categories: [a]\ncategory: c"),
        ];
        for (tags, cats) in &differ {
            assert!(fm501(tags, cats), "{tags} / {cats}");
        }
    }
}
