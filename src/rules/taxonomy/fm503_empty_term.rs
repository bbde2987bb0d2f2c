//! FM503 empty-term: a blank tag or category.

use super::removal_fix;
use crate::diagnostic::Diagnostic;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::EmptyTerm,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    for &(key, value, ref ts) in ctx.written_terms() {
        for t in ts.iter().filter(|t| t.is_blank()) {
            let d = Diagnostic::new(
                RuleId::EmptyTerm,
                t.span.clone(),
                format!("`{key}` has a blank entry"),
            )
            .label("blank")
            .help("remove it")
            .with_fix(removal_fix(post, value, t.item, key, "remove the blank entry"));
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a_blank_term_is_removed() {
        let text = with("tags: [ 联合早报 ]", "tags: [ 联合早报, \"\" ]");
        assert_eq!(codes(&text), ["FM503"]);
        assert!(diagnostics(&text)[0].fix.is_some());
    }
}
