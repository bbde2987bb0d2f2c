//! FM3xx: the article's source URL (`from`) and the header link that repeats it.
//! What the rules share: how `from` reads as a URL, and the header link's text for a title.

use url::Url;

use crate::emit;

mod plain_url;
pub use plain_url::plainly_valid;

crate::rules::family! {
    fm301_invalid_url,
    fm302_missing_header_link,
    fm303_header_url_mismatch,
    fm304_header_title_mismatch,
}

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

/// The header link's text for a title. The link is one line: a folded or literal title's line
/// breaks (`title: >` ends in one) become spaces, which FM304's comparison folds anyway;
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
}
