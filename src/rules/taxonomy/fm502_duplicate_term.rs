//! FM502 duplicate-term: a tag or category repeats.

use std::collections::BTreeMap;

use super::removal_fix;
use crate::diagnostic::{Diagnostic, quote};
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::DuplicateTerm,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    for &(key, value, ref ts) in ctx.written_terms() {
        // Each term's text, and whether its first occurrence was a string. Blank entries are
        // FM503's.
        let mut seen = BTreeMap::new();
        for t in ts.iter().filter(|t| !t.is_blank()) {
            let Some(&first_is_string) = seen.get(&*t.text) else {
                seen.insert(&*t.text, t.is_string);
                continue;
            };
            let d = Diagnostic::new(
                RuleId::DuplicateTerm,
                t.span.clone(),
                format!("{} appears more than once in `{key}`", quote(&t.text)),
            )
            .label("repeated")
            .help("remove the repeat");
            // `2021` and `"2021"`, or `[a, b]` and `"a, b"`, show alike but are not the
            // same value: removing one is a person's call.
            let item = t.item.filter(|_| t.is_string && first_is_string);
            out.push(d.with_fix(removal_fix(post, value, item, key, "remove the repeat")));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a_repeated_term_is_removed_but_not_a_lookalike() {
        let text = with("tags: [ 联合早报 ]", "tags: [ 联合早报, 联合早报 ]");
        assert!(codes(&text).contains(&"FM502"));
        let twins = with("tags: [ 联合早报 ]", "tags: [ 2021, \"2021\" ]");
        let d: Vec<_> = diagnostics(&twins)
            .into_iter()
            .filter(|d| d.code() == "FM502")
            .collect();
        assert_eq!(d.len(), 1);
        assert!(d[0].fix.is_none());
    }
}
