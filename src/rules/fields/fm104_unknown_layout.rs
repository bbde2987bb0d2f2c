//! FM104 unknown-layout: the layout is not one of the allowed layouts.

use crate::diagnostic::{Diagnostic, quote};
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::UnknownLayout,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    // A blank layout names no layout to judge (FM102's when `layout` is required); a layout
    // that is not text is FM103's.
    let Some(e) = ctx.effective("layout") else {
        return;
    };
    let Some(layout) = e.value.as_str() else {
        return;
    };
    if layout.trim().is_empty() || ctx.settings.layouts.iter().any(|l| l == layout) {
        return;
    }
    let expected = format!("expected one of: {}", ctx.settings.layouts.join(", "));
    let d = match e.origin_note(ctx.site) {
        // The value is not in the file: point at the front matter, say where it is.
        Some(origin) => Diagnostic::new(
            RuleId::UnknownLayout,
            e.span(post),
            format!("layout {} ({origin}) is not an allowed layout", quote(layout)),
        )
        .label(format!("this post's layout comes {origin}; {expected}"))
        .help("set an allowed `layout:` in the front matter or in `_config.yml` defaults, or add this one to `layouts` in the configuration"),
        None => Diagnostic::new(
            RuleId::UnknownLayout,
            e.span(post),
            format!("layout {} is not an allowed layout", quote(layout)),
        )
        .label(expected)
        .help("use an allowed layout, or add this one to `layouts` in the configuration"),
    };
    out.push(d.subject("layout"));
}

#[cfg(test)]
mod tests {
    use crate::rules::fields::testing::lint_with_defaults;
    use crate::rules::testing::*;

    #[test]
    fn unknown_layout_warns() {
        assert_eq!(codes(&with("layout: post", "layout: page")), ["FM104"]);
    }

    #[test]
    fn a_layout_from_defaults_is_judged_where_it_comes_from() {
        let text = with("layout: post\n", "");
        let d = lint_with_defaults("news/_posts/2021-07-20-x.md", &text);
        assert_eq!(d.iter().map(|d| d.code()).collect::<Vec<_>>(), ["FM104"]);
        assert_eq!(d[0].span, 0..3, "points at the opening `---`");
        assert!(
            d[0].message
                .contains("`news_item` (from `_config.yml` defaults (line 5))"),
            "{}",
            d[0].message
        );
        // Written in the post, it is the post's value that is judged.
        let text = with("layout: post\n", "layout: post\n");
        let codes: Vec<_> = lint_with_defaults("news/_posts/2021-07-20-x.md", &text)
            .iter()
            .map(|d| d.code())
            .collect();
        assert_eq!(codes, Vec::<&str>::new());
    }
}
