//! FM301 invalid-url: `from` is not an absolute http or https URL.

use crate::diagnostic::Diagnostic;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::InvalidUrl,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    if ctx.valid_source().is_some() {
        return;
    }
    let Some((text, Err(why))) = ctx.source_url() else {
        return;
    };
    let span = post.get("from").map_or(0..0, |e| e.value.span.clone());
    out.push(
        Diagnostic::new(
            RuleId::InvalidUrl,
            span,
            format!("`from: {text}` is not an absolute http(s) URL: {why}"),
        )
        .label("expected e.g. `https://www.example.com/news/story`")
        .help("write the article's full source URL"),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const FROM: &str = "https://www.zaobao.com/realtime/china/story20210720-1171540";

    #[test]
    fn urls() {
        let bare = FROM.trim_start_matches("https://");
        assert_eq!(codes(&CANON.replace(FROM, bare)), ["FM301"]);
        assert_eq!(
            codes(&CANON.replace(FROM, "javascript:alert(1)")),
            ["FM301"]
        );
        let spaced = "https://www.zaobao.com/a b";
        assert_eq!(codes(&CANON.replacen(FROM, spaced, 1)), ["FM301"]);
        let q = "https://www.zaobao.com/s?id=1&x=%E4%B8%AD#frag";
        assert_eq!(codes(&CANON.replace(FROM, q)), Vec::<&str>::new());
    }
}
