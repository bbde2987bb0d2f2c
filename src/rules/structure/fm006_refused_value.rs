//! FM006 refused-value: Jekyll's YAML loader refuses a value: a Ruby symbol, a class tag, an
//! unknown alias.
//!
//! Psych read the text but `safe_load` refused a value. Jekyll logs `could not read file …:
//! <message>` and publishes the post with no title, dated at build time. A plain scalar read as
//! a Symbol (`:rocket`) is quoted by the fix: the text is what the author wrote and what GitHub
//! Pages' loader (safe_yaml) reads; a tag is the author's intent and is left to them.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::post::Post;
use crate::registry::RuleId;
use crate::rules::RuleImpl;
use crate::yaml::{ErrorKind, plain_is_symbol};

/// Not a per-post [`Context`](crate::rules::Context) check: the structure gate
/// ([`super::check`]) runs it before any rule, and the other rules run only if it passes.
pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::RefusedValue,
    check: None,
    options: None,
};

pub fn find(post: &Post<'_>) -> Option<Diagnostic> {
    let Some(Err(e)) = &post.yaml else {
        return None;
    };
    if e.kind == ErrorKind::Syntax {
        return None;
    }
    let span = e.span.clone().unwrap_or(e.offset..e.offset);
    let raw = post.slice(&span);
    let mut d = Diagnostic::new(
        RuleId::RefusedValue,
        span.clone(),
        format!("Jekyll cannot load the front matter: {}", e.message),
    )
    .label(if e.kind == ErrorKind::DisallowedClass {
        "Jekyll's safe YAML loader refuses this value"
    } else {
        "Jekyll's YAML loader fails on this value"
    })
    .help(
        "Jekyll logs `could not read file …` and publishes the post with no title, dated at build time",
    );
    if e.message.ends_with("class: Symbol") && plain_is_symbol(raw) && !raw.contains(['\n', '\r']) {
        d = d.fix(Fix {
            applicability: Applicability::Safe,
            message: format!("quote `{raw}` so that it is text"),
            edits: vec![Edit {
                range: span,
                replacement: crate::emit::double_quoted(raw),
            }],
            changes: vec![crate::diagnostic::WHOLE_FRONT_MATTER.into()],
        });
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    /// Collections nested past any real post's depth are refused, like an alias bomb (FM006:
    /// Jekyll's loader cannot build them either), not walked until the stack overflows, which
    /// would abort the whole run.
    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        for (open, close) in [("[", "]"), ("{a: ", "}")] {
            let deep = format!("x: {}1{}\n", open.repeat(2_000), close.repeat(2_000));
            let text = with(
                "categories: [ 联合早报 ]\n",
                &format!("categories: [ 联合早报 ]\n{deep}"),
            );
            assert_eq!(codes(&text), ["FM006"]);
        }
        let fine = with(
            "categories: [ 联合早报 ]\n",
            "categories: [ 联合早报 ]\nx: [[[[1]]]]\n",
        );
        assert_eq!(codes(&fine), Vec::<&str>::new());
    }

    #[test]
    fn a_symbol_is_refused_and_quoted_by_the_fix() {
        let text = with("title: \"中国外交部批美国\"", "title: :rocket");
        assert_eq!(codes(&text), ["FM006"]);
        let d = &diagnostics(&text)[0];
        assert!(
            d.message
                .contains("Tried to load unspecified class: Symbol"),
            "{}",
            d.message
        );
        let fixed = crate::fix::fix_text(
            std::path::Path::new("_posts/2021-07-20-x.md"),
            &text,
            &Default::default(),
            &Default::default(),
            false,
        );
        assert!(
            fixed.text.contains("title: \":rocket\"\n"),
            "{}",
            fixed.text
        );
        assert!(
            fixed
                .remaining
                .iter()
                .all(|d| !d.code().starts_with("FM99")),
            "{:?}",
            fixed.remaining
        );
        // A class tag: reported, not fixed.
        let tagged = with(
            "categories: [ 联合早报 ]\n",
            "categories: [ 联合早报 ]\nobj: !ruby/object:Gem::Installer\n  i: x\n",
        );
        let d = diagnostics(&tagged);
        assert_eq!(d.iter().map(|d| d.code()).collect::<Vec<_>>(), ["FM006"]);
        assert!(d[0].fix.is_none());
    }
}
