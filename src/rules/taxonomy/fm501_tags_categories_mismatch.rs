//! FM501 tags-categories-mismatch: tags and categories differ as sets (under the policy).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, quote};
use crate::emit;
use crate::jekyll::Taxonomy;
use crate::registry::RuleId;
use crate::rules::options::{OptionError, Options, OptionsSpec, enum_schema};
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

/// A message lists every term of a side up to `LISTED_ALL` of them (real sites differ by up to
/// 16); past that, the first `LISTED`, and counts the rest (a hostile list has 100,000).
const LISTED_ALL: usize = 25;
const LISTED: usize = 20;

/// The terms of `a` that `b` lacks, in `a`'s order: `b` is searched when it is short, and made
/// a set when it is long (two hostile lists of 100,000 terms would be 10^10 comparisons).
fn missing_from<'t>(a: &[&'t str], b: &[&str]) -> Vec<&'t str> {
    if b.len() <= 16 {
        return a.iter().copied().filter(|x| !b.contains(x)).collect();
    }
    let b: BTreeSet<&str> = b.iter().copied().collect();
    a.iter().copied().filter(|x| !b.contains(x)).collect()
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
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
        for (key, _) in &from {
            // `from`'s values are the post's own: the context's terms of the key are theirs.
            if let Some(ts) = ctx.terms_of(key) {
                any = true;
                for t in ts.iter().filter(|t| !t.is_blank()) {
                    exact &= t.is_string;
                    // A short set is searched; a long one gets a `seen` of all it holds.
                    let new = if set.len() < 16 {
                        !set.contains(&t.text.as_str())
                    } else {
                        if seen.is_empty() {
                            seen.extend(set.iter().copied());
                        }
                        seen.insert(t.text.as_str())
                    };
                    if new {
                        set.push(t.text.as_str());
                    }
                }
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
    let only_t = missing_from(&t, &c);
    let only_c = missing_from(&c, &t);
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
    let union: Vec<&str> = t.iter().chain(only_c.iter()).copied().collect();
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

    #[test]
    fn missing_terms_are_found_alike_in_short_and_long_lists() {
        let long: Vec<String> = (0..40).map(|i| format!("t{i}")).collect();
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        let short = ["t3", "x", "t39", "y"];
        assert_eq!(missing_from(&short, &long), ["x", "y"]);
        assert_eq!(missing_from(&long[..6], &short), ["t0", "t1", "t2", "t4", "t5"]);
        assert_eq!(missing_from(&long, &long[1..]), ["t0"]);
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
}
