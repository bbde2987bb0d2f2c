//! FM303 header-url-mismatch: the header link's URL is not `from`.

use url::Url;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, quote};
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::HeaderUrlMismatch,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let Some(header) = post.preamble.as_ref().and_then(|p| p.header.as_ref()) else {
        return;
    };
    let Some(from_text) = ctx.valid_source() else {
        return;
    };
    let link = post.slice(&header.url);
    // The same text parses to the same URL: only a different spelling needs the parser.
    let same = link == from_text
        || ctx
            .source_url()
            .and_then(|(_, from)| from.as_ref().ok())
            .is_some_and(|from| Url::parse(link).is_ok_and(|u| u == *from));
    if same {
        return;
    }
    out.push(
        Diagnostic::new(
            RuleId::HeaderUrlMismatch,
            header.url.clone(),
            "the header link does not point at `from`",
        )
        .label(format!("this is {}", quote(link)))
        .related(
            post.get("from").map_or(0..0, |e| e.value.span.clone()),
            format!("`from` is {}", quote(from_text)),
        )
        .help("the header must link to the article's source URL")
        .fix(Fix {
            applicability: Applicability::Safe,
            message: "point the header link at `from`".into(),
            edits: vec![Edit {
                range: header.url.clone(),
                replacement: from_text.to_string(),
            }],
            changes: Vec::new(),
        }),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const FROM: &str = "https://www.zaobao.com/realtime/china/story20210720-1171540";

    #[test]
    fn urls_compare_parsed() {
        let text = CANON
            .replacen(FROM, "https://www.rfi.fr/cn/中国/1", 1)
            .replacen(FROM, "https://www.rfi.fr/cn/%E4%B8%AD%E5%9B%BD/1", 1);
        assert_eq!(codes(&text), Vec::<&str>::new());
        let other = CANON.replacen(&format!("]({FROM})"), &format!("]({FROM}-other)"), 1);
        assert_eq!(codes(&other), ["FM303"]);
    }
}
