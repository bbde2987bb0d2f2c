//! FM302 missing-header-link: no `[title](from)` link underlined by dashes after the front
//! matter.

use super::header_text;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::MissingHeaderLink,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let Some(pre) = &post.preamble else { return };
    if pre.header.is_some() {
        return;
    }
    let line_end =
        crate::post::line_at(post.text, pre.header_at).map_or(pre.header_at, |l| l.content.end);
    let mut d = Diagnostic::new(
        RuleId::MissingHeaderLink,
        pre.header_at..line_end,
        "no header link `[title](from)` underlined by dashes",
    )
    .label("expected `[title](from)` and a line `------` here")
    .help("the archived article starts with a link to its source, underlined by `------`");
    let title = post.get("title").and_then(|e| e.value.as_str());
    if let (Some(t), Some(f)) = (title, ctx.valid_source()) {
        let nl = post.newline();
        // The canonical shape has a blank line between the underline and the body.
        let next_blank = crate::post::line_at(post.text, pre.header_at)
            .is_none_or(|l| post.text[l.content].trim().is_empty());
        let gap = if next_blank { "" } else { nl };
        d = d.fix(Fix {
            applicability: Applicability::Safe,
            message: "insert the header link from `title` and `from`".into(),
            edits: vec![Edit {
                range: pre.header_at..pre.header_at,
                replacement: format!("[{}]({f}){nl}------{nl}{gap}", header_text(t)),
            }],
            changes: Vec::new(),
        });
    }
    out.push(d);
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const FROM: &str = "https://www.zaobao.com/realtime/china/story20210720-1171540";

    #[test]
    fn missing_header() {
        let text = with(&format!("[中国外交部批美国]({FROM})\n------\n"), "");
        assert_eq!(codes(&text), ["FM302"]);
        let no_underline = with("------\n", "");
        assert_eq!(codes(&no_underline), ["FM302"]);
    }
}
