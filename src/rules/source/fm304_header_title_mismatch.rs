//! FM304 header-title-mismatch: the header link's text is not the title.

use super::header_text;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, quote};
use crate::emit;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::HeaderTitleMismatch,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let Some(header) = post.preamble.as_ref().and_then(|p| p.header.as_ref()) else {
        return;
    };
    let Some(t) = post.get("title").and_then(|e| e.value.as_str()) else {
        return;
    };
    if t.trim().is_empty() {
        return;
    }
    let shown = emit::unescape_link_text(post.slice(&header.text));
    if shown == emit::fold_whitespace(t) {
        return;
    }
    out.push(
        Diagnostic::new(
            RuleId::HeaderTitleMismatch,
            header.text.clone(),
            "the header link's text is not the title",
        )
        .label(format!("reads {}", quote(&shown)))
        .related(
            post.get("title").map_or(0..0, |e| e.value.span.clone()),
            format!("title is {}", quote(t)),
        )
        .help("the header link repeats the title")
        .fix(Fix {
            applicability: Applicability::Safe,
            message: "rewrite the link text from the title".into(),
            edits: vec![Edit {
                range: header.text.clone(),
                replacement: header_text(t),
            }],
            changes: Vec::new(),
        }),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn header_text() {
        assert_eq!(
            codes(&with("[中国外交部批美国]", "[中国外交部批美国 更正]")),
            ["FM304"]
        );
        let quoted = with("\"中国外交部批美国\"", "\"a \\\"b\\\" [c]\"")
            .replace("[中国外交部批美国]", "[a \"b\" \\[c\\]]");
        assert_eq!(codes(&quoted), Vec::<&str>::new());
    }
}
