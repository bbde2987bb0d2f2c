//! FM3xx: the article's source URL (`from`) and the header link that repeats it.

use url::Url;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, quote};
use crate::emit;
use crate::rules::Context;

pub use crate::registry::FM301 as INVALID_URL;
pub use crate::registry::FM302 as MISSING_HEADER_LINK;
pub use crate::registry::FM303 as HEADER_URL_MISMATCH;
pub use crate::registry::FM304 as HEADER_TITLE_MISMATCH;

/// Why a `from` value is not a URL a reader can follow, or the parsed URL.
pub fn parse_source_url(text: &str) -> Result<Url, String> {
    if let Some(c) = text.chars().find(|c| c.is_whitespace()) {
        return Err(format!("it contains whitespace ({c:?})"));
    }
    let url = Url::parse(text).map_err(|e| match e {
        url::ParseError::RelativeUrlWithoutBase => {
            "it has no scheme (expected `https://…`)".to_string()
        }
        other => other.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "its scheme is `{}`, expected http or https",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("it has no host".into());
    }
    Ok(url)
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let from = post.get("from");
    let from_url = from.and_then(|e| {
        let text = e.value.as_str()?;
        if text.trim().is_empty() {
            return None;
        }
        match parse_source_url(text) {
            Ok(u) => Some((text, u)),
            Err(why) => {
                out.push(
                    Diagnostic::new(
                        &INVALID_URL,
                        e.value.span.clone(),
                        format!("`from: {text}` is not an absolute http(s) URL: {why}"),
                    )
                    .label("expected e.g. `https://www.example.com/news/story`")
                    .help("write the article's full source URL"),
                );
                None
            }
        }
    });
    let title = post.get("title").and_then(|e| e.value.as_str());
    let Some(pre) = &post.preamble else { return };
    let Some(header) = &pre.header else {
        let line_end =
            crate::post::line_at(post.text, pre.header_at).map_or(pre.header_at, |l| l.content.end);
        let mut d = Diagnostic::new(
            &MISSING_HEADER_LINK,
            pre.header_at..line_end,
            "no header link `[title](from)` underlined by dashes",
        )
        .label("expected `[title](from)` and a line `------` here")
        .help("the archived article starts with a link to its source, underlined by `------`");
        if let (Some(t), Some((f, _))) = (title, &from_url) {
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
        return;
    };
    if let Some((from_text, from_url)) = &from_url {
        let link = post.slice(&header.url);
        // The same text parses to the same URL: only a different spelling needs the parser.
        let same = link == *from_text || Url::parse(link).is_ok_and(|u| &u == from_url);
        if !same {
            out.push(
                Diagnostic::new(
                    &HEADER_URL_MISMATCH,
                    header.url.clone(),
                    "the header link does not point at `from`",
                )
                .label(format!("this is {}", quote(link)))
                .related(
                    from.map_or(0..0, |e| e.value.span.clone()),
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
    }
    if let Some(t) = title
        && !t.trim().is_empty()
    {
        let shown = emit::unescape_link_text(post.slice(&header.text));
        if shown != emit::fold_whitespace(t) {
            out.push(
                Diagnostic::new(
                    &HEADER_TITLE_MISMATCH,
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
    }
}

/// The header link's text for a title. The link is one line: a folded or literal title's line
/// breaks (`title: >` ends in one) become spaces, which the comparison above folds anyway;
/// written as they are, they would break the link and the fix would never settle.
fn header_text(title: &str) -> String {
    let one_line: String = title
        .trim_end_matches(['\n', '\r'])
        .split(['\n', '\r'])
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    emit::link_text(&one_line)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const FROM: &str = "https://www.zaobao.com/realtime/china/story20210720-1171540";

    /// A folded title ends in a line break and a literal one may hold several: the header link
    /// stays one line, and fixing settles in one pass with no FM99x.
    #[test]
    fn header_link_from_a_multi_line_title_settles() {
        for title in [
            "title: >\n  中国外交部\n  批美国",
            "title: |\n  中国外交部\n  批美国",
        ] {
            for text in [
                with("title: \"中国外交部批美国\"", title),
                with("title: \"中国外交部批美国\"", title)
                    .replace("[中国外交部批美国](https://www.zaobao.com/realtime/china/story20210720-1171540)\n------\n", ""),
            ] {
                let fixed = crate::fix::fix_text(
                    std::path::Path::new("_posts/2021-07-20-x.md"),
                    &text,
                    &crate::config::Settings::default(),
                    &Default::default(),
                    false,
                );
                let left: Vec<_> = fixed.remaining.iter().map(|d| d.code()).collect();
                assert!(
                    !left.iter().any(|c| c.starts_with("FM99") || ["FM302", "FM304"].contains(c)),
                    "{left:?}\n{}",
                    fixed.text
                );
                assert!(fixed.text.contains("[中国外交部 批美国]("), "{}", fixed.text);
            }
        }
    }

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

    #[test]
    fn urls_compare_parsed() {
        let text = CANON
            .replacen(FROM, "https://www.rfi.fr/cn/中国/1", 1)
            .replacen(FROM, "https://www.rfi.fr/cn/%E4%B8%AD%E5%9B%BD/1", 1);
        assert_eq!(codes(&text), Vec::<&str>::new());
        let other = CANON.replacen(&format!("]({FROM})"), &format!("]({FROM}-other)"), 1);
        assert_eq!(codes(&other), ["FM303"]);
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

    #[test]
    fn missing_header() {
        let text = with(&format!("[中国外交部批美国]({FROM})\n------\n"), "");
        assert_eq!(codes(&text), ["FM302"]);
        let no_underline = with("------\n", "");
        assert_eq!(codes(&no_underline), ["FM302"]);
    }
}
