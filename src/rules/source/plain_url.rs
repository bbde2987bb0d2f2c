//! Whether `from` is plainly a URL a reader can follow, without the URL parser: most sources
//! are `https://host.tld/path`, and FM301 asked on every post costs a full WHATWG parse (about
//! 4,000 instructions) to learn that. Hand-written, and only ever says yes where the parser
//! ([`super::parse_source_url`]) would: anything else goes to the parser, which stays the
//! contract (the tests hold this one to it).

/// True only when `parse_source_url(text)` is `Ok`: `http://` or `https://`, a host of labels
/// the IDNA mapping passes through unchanged (a lowercase letter first, then letters, digits and
/// inner hyphens, no `??--`), the last a name rather than a number, and no whitespace or
/// control character anywhere (the path, query and fragment never fail to parse).
pub fn plainly_valid(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    // The host runs to the first `/`, `?` or `#`; a byte outside the labels' alphabet (`:`,
    // `@`, `\\`, `%`, an upper-case letter, anything not ASCII) sends the URL to the parser.
    let b = rest.as_bytes();
    let mut label_start = 0;
    let mut i = 0;
    loop {
        let host_ends = i == b.len() || matches!(b[i], b'/' | b'?' | b'#');
        if host_ends || b[i] == b'.' {
            if !passthrough_label(&b[label_start..i]) {
                return false;
            }
            if host_ends {
                break;
            }
            label_start = i + 1;
        } else if !(b[i].is_ascii_lowercase() || b[i].is_ascii_digit() || b[i] == b'-') {
            return false;
        }
        i += 1;
    }
    let tail = &rest[i..];
    tail.bytes().all(|c| c.is_ascii_graphic())
        || !tail.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A label of `[a-z0-9-]` that `idna` passes through as it is (its
/// `is_passthrough_ascii_label`), not empty: a letter first, no `-` last, no `??--`.
fn passthrough_label(b: &[u8]) -> bool {
    b.first().is_some_and(u8::is_ascii_lowercase)
        && b.last() != Some(&b'-')
        && !(b.len() >= 4 && b[2] == b'-' && b[3] == b'-')
}

#[cfg(test)]
mod tests {
    use super::super::parse_source_url;
    use super::*;

    #[test]
    fn plain_sources_skip_the_parser() {
        for url in [
            "https://www.zaobao.com/realtime/china/story20210720-1171540",
            "http://a.b",
            "https://www.rfi.fr/cn/中国/1",
            "https://news-site2.example.com?q=1#top",
            "https://x.com/a%20b/../c?d=[e]",
        ] {
            assert!(plainly_valid(url), "{url}");
            assert!(parse_source_url(url).is_ok(), "{url}");
        }
    }

    #[test]
    fn the_rest_goes_to_the_parser() {
        for url in [
            "",
            "https://",
            "https:///a.com",
            "https://a.123",
            "https://1.2.3.4/",
            "https://a.0x1f",
            "https://xn--abc.com",
            "https://ab--c.com",
            "https://a-.com",
            "https://-a.com",
            "https://a..com",
            "https://a.com.",
            "https://.a.com",
            "https://A.com",
            "HTTPS://a.com",
            "https://a.com:8080/",
            "https://user@a.com/",
            "https://a.com\\path",
            "https://a.com/a b",
            "https://a.com/a\u{3000}b",
            "https://a.com/\u{1}",
            "ftp://a.com",
            "www.a.com",
            "https:a.com",
        ] {
            assert!(!plainly_valid(url), "{url}");
        }
    }

    proptest::proptest! {
        #[test]
        fn says_yes_only_where_the_parser_does(
            url in "(https?|HTTP|ftp):/{0,3}[a-z0-9.A-Z_-]{0,12}(:[0-9]{0,5}|@[a-z]{0,3})?([/?#\\\\][a-z0-9 中/.%\\[\\]\\u{1}-]{0,8})?",
        ) {
            if plainly_valid(&url) {
                proptest::prop_assert!(parse_source_url(&url).is_ok(), "{}", url);
            }
        }

        #[test]
        fn labels_agree_with_the_parser(host in "[a-z0-9-]{1,6}(\\.[a-z0-9-]{0,6}){0,3}") {
            let url = format!("https://{host}/p");
            if plainly_valid(&url) {
                proptest::prop_assert!(parse_source_url(&url).is_ok(), "{}", url);
            }
        }
    }
}
