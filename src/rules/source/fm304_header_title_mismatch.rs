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
    let raw = post.slice(&header.text);
    if reads_as(raw, t) {
        return;
    }
    let shown = emit::unescape_link_text(raw);
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

/// Whether the link text `raw` shows `title`, whitespace folded. Without a backslash or an
/// entity the text shows as written, so the words are compared where they stand instead of
/// building both folded strings (joined by one space, equal words are equal strings).
fn reads_as(raw: &str, title: &str) -> bool {
    if memchr::memchr2(b'\\', b'&', raw.as_bytes()).is_some() {
        return emit::unescape_link_text(raw) == emit::fold_whitespace(title);
    }
    raw == title || raw.split_whitespace().eq(title.split_whitespace())
}

#[cfg(test)]
mod tests {
    use crate::emit;
    use crate::rules::testing::*;

    proptest::proptest! {
        #[test]
        fn reads_as_agrees_with_folding(raw in "[a \\t\\n\u{3000}\\\\&;联\\[\\]]{0,10}", title in "[a \\t\\n\u{3000}\\\\&;联\\[\\]]{0,10}") {
            let general = emit::unescape_link_text(&raw) == emit::fold_whitespace(&title);
            proptest::prop_assert_eq!(super::reads_as(&raw, &title), general);
        }
    }

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
