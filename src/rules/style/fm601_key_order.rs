//! FM601 key-order: top-level keys are not in the canonical order.

use std::collections::HashMap;
use std::ops::Range;

use serde_json::{Value, json};

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, quote};
use crate::post::{Post, same_key};
use crate::registry::RuleId;
use crate::rules::options::{OptionError, Options, strings};
use crate::rules::settings::CANONICAL_ORDER;
use crate::rules::{Context, RuleImpl};
use crate::yaml::Node;

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::KeyOrder,
    check: Some(check),
    options: Some(crate::rules::options::OptionsSpec::of::<KeyOrderOptions>()),
};

/// FM601's options: the order keys should be in.
#[derive(Debug, Clone)]
pub struct KeyOrderOptions {
    pub order: Vec<String>,
}

impl Default for KeyOrderOptions {
    fn default() -> Self {
        KeyOrderOptions {
            order: CANONICAL_ORDER.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl Options for KeyOrderOptions {
    const KEYS: &'static [&'static str] = &["order"];

    fn set(&mut self, key: &str, v: &Node) -> Result<(), OptionError> {
        self.order = strings(key, v)?;
        Ok(())
    }

    fn describe(&self) -> Vec<(&'static str, String)> {
        vec![("order", format!("[{}]", self.order.join(", ")))]
    }

    fn schema() -> Vec<(&'static str, Value)> {
        vec![(
            "order",
            json!({"$ref": "#/$defs/stringList", "description": "The keys in the order they should appear; others follow in their own order."}),
        )]
    }
}

/// The canonical position of each entry: known keys by the configured order, the rest after
/// them as they were.
pub fn canonical_order(keys: &[&str], order: &[String]) -> Vec<usize> {
    // Each key's rank looked up, not searched for at every comparison: `fmlint init` on a
    // post of 100,000 keys writes an order of as many.
    let mut rank: HashMap<&str, usize> = HashMap::with_capacity(order.len());
    for (r, k) in order.iter().enumerate() {
        rank.entry(k.as_str()).or_insert(r);
    }
    let mut idx: Vec<(usize, usize)> = (0..keys.len())
        .map(|i| (rank.get(keys[i]).copied().unwrap_or(order.len()), i))
        .collect();
    idx.sort_unstable();
    idx.into_iter().map(|(_, i)| i).collect()
}

/// Whether the first occurrences of `keys` already stand in the canonical order (their ranks
/// never go down), decided without building `canonical_order`'s lists: most posts are in order.
/// `false` also for a long list, which the general path judges (the scan is quadratic).
fn plainly_in_order<T>(items: &[T], key: impl Fn(&T) -> &str, order: &[String]) -> bool {
    if items.len() > 32 {
        return false;
    }
    let mut last = 0;
    for (i, item) in items.iter().enumerate() {
        let k = key(item);
        if items[..i].iter().any(|p| same_key(key(p), k)) {
            continue;
        }
        let rank = order
            .iter()
            .position(|o| same_key(o, k))
            .unwrap_or(order.len());
        if rank < last {
            return false;
        }
        last = rank;
    }
    true
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(entries) = ctx.post.entries() else {
        return;
    };
    let order = &ctx
        .settings
        .options::<KeyOrderOptions>(RuleId::KeyOrder)
        .order;
    if plainly_in_order(entries, |e| &*e.key, order) {
        return;
    }
    let mut seen = std::collections::BTreeSet::new();
    let firsts: Vec<_> = entries
        .iter()
        .filter(|e| seen.insert(&*e.key))
        .collect();
    let keys: Vec<&str> = firsts.iter().map(|e| &*e.key).collect();
    let want = canonical_order(&keys, order);
    if let Some(pos) = want.iter().enumerate().position(|(i, &w)| w != i) {
        let e = firsts[pos];
        let expected = keys[want[pos]];
        let order: Vec<&str> = want.iter().map(|&i| keys[i]).collect();
        // An alias must stay after its anchor and a merge where it is: only posts whose every
        // value is its own text are reordered.
        let fix = (firsts.len() == entries.len() && entries.iter().all(|e| e.value.is_own()))
            .then(|| reorder_fix(ctx.post, &firsts, &want))
            .flatten();
        out.push(
            Diagnostic::new(
                RuleId::KeyOrder,
                e.key_span.clone(),
                format!(
                    "{} is out of order: {} comes first",
                    quote(&e.key),
                    quote(expected)
                ),
            )
            .label(format!("expected {} here", quote(expected)))
            .help(format!("order the keys: {}", order.join(", ")))
            .with_fix(fix),
        );
    }
}

/// Moves whole entries: each key takes along its decoration (the comment and blank lines
/// above it since the previous entry, its own line's trailing comment). Lines after the last
/// entry stay last.
fn reorder_fix(post: &Post<'_>, entries: &[&crate::yaml::Entry], want: &[usize]) -> Option<Fix> {
    let fence = post.fence()?;
    // Only entries with lines of their own (a block mapping at the left margin) can be cut
    // into lines; the decoration tiles the front matter from the line after `---`.
    let chunks = entries
        .iter()
        .map(|e| e.lines().filter(|l| l.end <= fence.yaml.end))
        .collect::<Option<Vec<Range<usize>>>>()?;
    let region = chunks.first()?.start..chunks.last()?.end;
    let replacement: String = want.iter().map(|&i| post.slice(&chunks[i])).collect();
    Some(Fix {
        applicability: Applicability::Safe,
        message: "reorder the keys, each with its comments".into(),
        edits: vec![Edit {
            range: region,
            replacement,
        }],
        changes: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    proptest::proptest! {
        #[test]
        fn plainly_in_order_agrees_with_canonical_order(
            keys in proptest::collection::vec("(layout|title|date|tags|x|y)", 0..10),
        ) {
            let order: Vec<String> = ["layout", "title", "date", "tags"].map(String::from).into();
            let mut firsts: Vec<&str> = Vec::new();
            for k in &keys {
                if !firsts.contains(&k.as_str()) {
                    firsts.push(k);
                }
            }
            let want = super::canonical_order(&firsts, &order);
            let identity = want.iter().enumerate().all(|(i, &w)| i == w);
            proptest::prop_assert_eq!(super::plainly_in_order(&keys, |k| k.as_str(), &order), identity);
        }
    }

    #[test]
    fn order() {
        let text = with(
            "layout: post\ntitle: \"中国外交部批美国\"\n",
            "title: \"中国外交部批美国\"\nlayout: post\n",
        );
        assert_eq!(codes(&text), ["FM601"]);
        let extra = with(
            "categories: [ 联合早报 ]\n",
            "categories: [ 联合早报 ]\nsummary: x\n",
        );
        assert_eq!(codes(&extra), Vec::<&str>::new());
        let early = with("layout: post\n", "layout: post\nsummary: x\n");
        assert_eq!(codes(&early), ["FM601"]);
    }
}
