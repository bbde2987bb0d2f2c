//! Ruby's string methods as Jekyll calls them: `String#split`, `#capitalize`,
//! `Utils.titleize_slug`, `Utils.slugify`, `File.extname`.
//!
//! Hand-written on purpose: Rust's nearest equivalents differ from Ruby's at the edges that
//! decide a post's tags and URL (`split_whitespace` also splits on U+3000, `to_uppercase` of
//! `ß` is not Ruby's title case, `Path::extension` reads `a.` and `.md` otherwise).

use std::sync::LazyLock;

use regex::Regex;

/// Ruby's `String#split` with no argument: on runs of ASCII whitespace, ends trimmed. Not
/// `str::split_whitespace`, which also splits on U+3000, the ideographic space of CJK titles:
/// Jekyll reads `tags: 联合早报　国际` as one tag.
pub fn ruby_words(s: &str) -> impl Iterator<Item = &str> {
    s.split([' ', '\t', '\n', '\x0b', '\x0c', '\r'])
        .filter(|p| !p.is_empty())
}

/// `ruby_words`, owned.
pub fn ruby_split(s: &str) -> Vec<String> {
    ruby_words(s).map(str::to_string).collect()
}

/// Ruby's `String#capitalize`: the first character in title case, the rest in lower case.
fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let head: String = match first {
        'ß' => "Ss".into(),
        'Ǆ' | 'ǅ' | 'ǆ' => "ǅ".into(),
        'Ǉ' | 'ǈ' | 'ǉ' => "ǈ".into(),
        'Ǌ' | 'ǋ' | 'ǌ' => "ǋ".into(),
        'Ǳ' | 'ǲ' | 'ǳ' => "ǲ".into(),
        c => c.to_uppercase().collect(),
    };
    head + &chars.as_str().to_lowercase()
}

/// `Utils.titleize_slug`: `slug.split("-").map(&:capitalize).join(" ")`. Ruby's `split("-")`
/// drops trailing empty strings.
pub fn titleize_slug(slug: &str) -> String {
    let mut parts: Vec<&str> = slug.split('-').collect();
    while parts.last() == Some(&"") {
        parts.pop();
    }
    parts
        .iter()
        .map(|p| capitalize(p))
        .collect::<Vec<_>>()
        .join(" ")
}

static SLUG_DEFAULT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^\p{M}\p{L}\p{Nd}]+").unwrap());
static SLUG_PRETTY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+").unwrap());
static SLUG_ENDS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?m)^-|-$").unwrap());

/// `Utils.slugify` in its `default` (`pretty: false`) and `pretty` modes.
pub fn slugify(s: &str, pretty: bool, cased: bool) -> String {
    let re = if pretty { &SLUG_PRETTY } else { &SLUG_DEFAULT };
    let slug = re.replace_all(s, "-");
    let slug = SLUG_ENDS.replace_all(&slug, "");
    if cased {
        slug.into_owned()
    } else {
        slug.to_lowercase()
    }
}

/// Ruby's `File.extname`.
pub(super) fn extname(path: &str) -> &str {
    let base = path.rsplit('/').next().unwrap_or(path);
    let trimmed = base.trim_start_matches('.');
    match trimmed.rfind('.') {
        Some(i) if i + 1 < trimmed.len() => &trimmed[i..],
        Some(_) => ".",
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every expectation below is what Jekyll 4.3.1's own helpers return
    // (`ruby -rjekyll -e 'p Jekyll::Utils.slugify(…)'` and so on).

    #[test]
    fn slugify_like_jekyll() {
        for (s, default, pretty_cased) in [
            (
                "Hello World: a?b#c[d]%e",
                "hello-world-a-b-c-d-e",
                "Hello-World-a-b-c-d-e",
            ),
            ("ümlaut ß", "ümlaut-ß", "ümlaut-ß"),
            ("My Fancy.Slug!", "my-fancy-slug", "My-Fancy.Slug!"),
            ("--a--b--", "a-b", "a-b"),
            ("联合早报 国际", "联合早报-国际", "联合早报-国际"),
            ("C++ & Co", "c-co", "C++-&-Co"),
            ("a_b.c~d", "a-b-c-d", "a_b.c~d"),
        ] {
            assert_eq!(slugify(s, false, false), default, "{s}");
            assert_eq!(slugify(s, true, true), pretty_cased, "{s}");
        }
    }

    #[test]
    fn titleize_and_split_like_ruby() {
        for (s, want) in [
            ("hello-world", "Hello World"),
            ("a--b", "A  B"),
            ("a-", "A"),
            ("-a", " A"),
            ("ßtraße-éCOLE", "Sstraße École"),
            ("", ""),
            ("ǆemal-ÉLAN", "ǅemal Élan"),
        ] {
            assert_eq!(titleize_slug(s), want, "{s}");
        }
        // Ruby splits on ASCII whitespace only: U+3000 stays inside a term.
        assert_eq!(
            ruby_split("a\u{3000}b  c\td\x0be"),
            ["a\u{3000}b", "c", "d", "e"]
        );
    }
}
