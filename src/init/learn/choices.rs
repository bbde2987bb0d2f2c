//! Which rules and options the trial tries, strictest first: each rule's ladder of options,
//! or off from the start when the site does not use the shape the rule checks (no `from` URL,
//! no timestamp comment, no small set of layouts). The trial then relaxes what the posts do
//! not keep.

use std::collections::BTreeMap;

use super::profile::{Counter, RuleChoice, of};
use crate::config::{CANONICAL_ORDER, DateForm};
use crate::init::observe::Observation;
use crate::init::render;

/// The closed set of layouts Jekyll renders posts with (FM104), most used first, and how many
/// posts name one. None: no layout, or too many to be a closed set.
pub(super) fn layouts(obs: &[&Observation]) -> Option<(Vec<String>, usize)> {
    let mut layouts: BTreeMap<String, usize> = BTreeMap::new();
    for o in obs {
        if let Some(l) = &o.layout {
            *layouts.entry(l.clone()).or_default() += 1;
        }
    }
    let with_layout: usize = layouts.values().sum();
    if !layouts.is_empty() && layouts.len() <= 12 {
        let mut by_count: Vec<(String, usize)> = layouts.into_iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        return Some((by_count.into_iter().map(|l| l.0).collect(), with_layout));
    }
    None
}

/// A note for the file's header on the terms as Jekyll reads them: posts that write the
/// singular keys, which Jekyll adds to the plural ones.
pub(super) fn terms_note(obs: &[&Observation], n: usize) -> Option<String> {
    let singular = obs.iter().filter(|o| o.singular_terms).count();
    (singular > 0).then(|| {
        format!(
            "{} write `category:` or `tag:`, which Jekyll adds to `categories`/`tags`",
            of(singular, n)
        )
    })
}

/// The rules the trial decides, in the configuration's order. `order`: the site's key order;
/// `has_layouts`: whether [`layouts`] found a closed set.
pub(super) fn rules(
    obs: &[&Observation],
    order: &[String],
    has_layouts: bool,
    c: &Counter,
) -> Vec<RuleChoice> {
    let readable = obs.len();
    let dated: Vec<&str> = obs.iter().filter_map(|o| o.date_text.as_deref()).collect();
    let form = DateForm::ALL
        .into_iter()
        .find(|f| c.holds(dated.iter().filter(|t| f.accepts(t)).count(), dated.len()));
    let count = |f: &dyn Fn(&Observation) -> bool| obs.iter().filter(|o| f(o)).count();
    let from = count(&|o| o.has_from);
    let header = count(&|o| o.has_header);
    let stamp = count(&|o| o.has_timestamp);
    // `tag:` and `category:` are terms too: Jekyll adds them to `tags` and `categories`.
    let both_terms =
        count(&|o| (o.has("tags") || o.has("tag")) && (o.has("categories") || o.has("category")));
    let on = || vec![vec![]];
    let mut out: Vec<RuleChoice> = vec![RuleChoice::new("FM103", on())];
    out.push(if has_layouts {
        RuleChoice::new("FM104", on())
    } else {
        RuleChoice::off_because("FM104", "no small set of layouts".to_string())
    });
    out.push(match form {
        Some(DateForm::Any) | None => RuleChoice::off_because(
            "FM201",
            format!("no one form of `date` in {} dated posts", dated.len()),
        ),
        Some(f) => RuleChoice::new("FM201", vec![opt("form", f.name())]),
    });
    out.push(RuleChoice::new("FM203", on()));
    out.push(RuleChoice::new("FM204", on()));
    let shape = |code: &'static str, k: usize, what: &str| {
        if c.holds(k, readable) {
            RuleChoice::new(code, on())
        } else {
            RuleChoice::off_because(code, format!("{what} in {}", of(k, readable)))
        }
    };
    out.push(shape("FM301", from, "a `from` URL"));
    for code in ["FM302", "FM303", "FM304"] {
        out.push(shape(code, header, "a `[title](from)` header link"));
    }
    for code in ["FM401", "FM402", "FM403"] {
        out.push(shape(code, stamp, "a `<!--epoch-ms-->` timestamp comment"));
    }
    out.push(if both_terms * 2 >= readable {
        RuleChoice::new(
            "FM501",
            vec![
                opt("policy", "equal"),
                opt("policy", "categories-in-tags"),
                opt("policy", "tags-in-categories"),
            ],
        )
    } else {
        RuleChoice::off_because(
            "FM501",
            format!("both tags and categories in {}", of(both_terms, readable)),
        )
    });
    let yaml_list = |keys: &[String]| render::list(keys);
    let canonical_first = {
        // The canonical archive keeps the canonical order; say so in its words.
        let canon: Vec<String> = CANONICAL_ORDER.iter().map(|s| s.to_string()).collect();
        let present: Vec<&String> = order.iter().filter(|k| canon.contains(k)).collect();
        present.len() == canon.len() && order.len() == canon.len()
    };
    out.push(RuleChoice::new(
        "FM601",
        vec![opt(
            "order",
            if canonical_first {
                yaml_list(&CANONICAL_ORDER.map(String::from))
            } else {
                yaml_list(order)
            },
        )],
    ));
    out.push(RuleChoice::new("FM602", on()));
    out.push(RuleChoice::new("FM603", on()));
    out.push(RuleChoice::new(
        "FM604",
        vec![
            vec![("scope", "file".into()), ("line-endings", "lf".into())],
            vec![("line-endings", "lf".into())],
            vec![],
        ],
    ));
    out
}

fn opt(key: &'static str, value: impl Into<String>) -> Vec<(&'static str, String)> {
    vec![(key, value.into())]
}
