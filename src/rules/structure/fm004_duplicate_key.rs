//! FM004 duplicate-key: A top-level key appears twice.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, quote};
use crate::post::Post;
use crate::registry::RuleId;
use crate::rules::RuleImpl;
use crate::yaml::{Document, Entry, Link};

/// Not a per-post [`Context`](crate::rules::Context) check: the structure gate
/// ([`super::check`]) runs it on a front matter that is a mapping. Unlike its siblings it does
/// not stop the other rules: Jekyll reads the post, keeping the last value.
pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::DuplicateKey,
    check: None,
    options: None,
};

pub fn find(post: &Post<'_>, out: &mut Vec<Diagnostic>) {
    let Some(Ok(Document::Mapping(entries))) = &post.yaml else {
        return;
    };
    if !plainly_unique(entries) {
        report(entries, out);
    }
}

fn report(entries: &[Entry], out: &mut Vec<Diagnostic>) {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    // A key brought in by a merge (`<<`) and set again by hand is how merges are meant to be
    // used: only keys written twice count.
    for (i, e) in entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.value.link != Link::Merged)
    {
        if let Some(&j) = first.get(&*e.key) {
            let earlier = &entries[j];
            out.push(
                Diagnostic::new(
                    RuleId::DuplicateKey,
                    e.key_span.clone(),
                    format!("{} is set twice", quote(&e.key)),
                )
                .label("set again here; Jekyll keeps this one")
                .related(
                    earlier.key_span.clone(),
                    "first set here; Jekyll silently drops it",
                )
                .help("keep one of the two"),
            );
        } else {
            first.insert(&e.key, i);
        }
    }
}

/// Whether no key is written twice, told by comparing each with those before it: most posts
/// have a handful of keys and no repeat, where a map costs more than the comparisons. `false`
/// also for a long mapping, which the map judges.
fn plainly_unique(entries: &[Entry]) -> bool {
    entries.len() <= 32
        && entries.iter().enumerate().all(|(i, e)| {
            e.value.link == Link::Merged
                || !entries[..i]
                    .iter()
                    .any(|p| p.value.link != Link::Merged && crate::post::same_key(&p.key, &e.key))
        })
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn duplicate_key_is_one_error() {
        let text = with("author: 联合早报\n", "author: 联合早报\nauthor: 联合早报\n");
        assert_eq!(codes(&text), ["FM004"]);
    }

    proptest::proptest! {
        #[test]
        fn plainly_unique_agrees_with_the_map(
            keys in proptest::collection::vec("(a|b|c|<<)", 0..8),
        ) {
            let mut text = String::from("---\n");
            for k in &keys {
                text.push_str(&if k == "<<" { "<<: {a: 1}\n".to_string() } else { format!("{k}: 1\n") });
            }
            text.push_str("---\n");
            let post = crate::post::Post::with_loader(
                std::path::Path::new("_posts/2021-07-20-x.md"),
                &text,
                crate::yaml::Loader::Psych,
            );
            let Some(Ok(crate::yaml::Document::Mapping(entries))) = &post.yaml else {
                return Ok(());
            };
            let mut out = Vec::new();
            super::report(entries, &mut out);
            proptest::prop_assert_eq!(super::plainly_unique(entries), out.is_empty(), "{}", text);
        }
    }

    #[test]
    fn a_key_merged_then_set_is_no_duplicate() {
        let text = with("layout: post\n", "<<: {layout: page}\nlayout: post\n");
        assert_eq!(codes(&text), Vec::<&str>::new());
    }
}
