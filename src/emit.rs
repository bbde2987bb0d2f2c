//! Text that fixes write: YAML scalars quoted so they read back as the same value, Markdown link
//! text escaped. Fixes edit the original text; nothing here re-serialises a document.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::post::Post;
use crate::yaml::{Node, Style, plain_reads_as_text};

/// A YAML double-quoted scalar that reads back as exactly `s`.
pub fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `s` can stand unquoted as an item of a flow list and still read as the string `s`.
///
/// Asked of every term of every post (FM603): one pass over the bytes, where two substring
/// searches and a scan of the characters cost a thousand instructions a term. Every character
/// it looks for is ASCII, and no byte of a longer UTF-8 character is.
pub fn plain_in_flow_is_safe(s: &str) -> bool {
    let (Some(first), Some(last)) = (s.chars().next(), s.chars().next_back()) else {
        return false;
    };
    // `s.trim() != s`: trimming takes `char::is_whitespace` from both ends.
    if first.is_whitespace() || last.is_whitespace() || last == ':' {
        return false;
    }
    if first.is_ascii() && b"-?:,[]{}#&*!|>'\"%@`".contains(&(first as u8)) {
        return false;
    }
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b',' | b'[' | b']' | b'{' | b'}' | b'\n' | b'\t' | b'\r' => return false,
            b':' if b.get(i + 1) == Some(&b' ') => return false,
            b'#' if i > 0 && b[i - 1] == b' ' => return false,
            _ => {}
        }
    }
    plain_reads_as_text(s)
}

/// A flow-list item: plain where that is safe, double-quoted otherwise.
pub fn flow_item(s: &str) -> String {
    if plain_in_flow_is_safe(s) {
        s.to_string()
    } else {
        double_quoted(s)
    }
}

/// `[ a, b ]`, the canonical term list.
pub fn flow_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(flow_item).collect();
    if items.is_empty() {
        "[]".into()
    } else {
        format!("[ {} ]", items.join(", "))
    }
}

/// Escapes Markdown link text so that it renders as `s`: backslash before `\\`, `[`, `]`, and
/// `&` written as `&amp;` where it would otherwise start an entity (`&amp;` must stay literal).
pub fn link_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        if c == '&' && starts_entity(&s[i..]) {
            out.push_str("&amp;");
            continue;
        }
        out.push(c);
    }
    out
}

/// Whether the text starts with an HTML entity Markdown would decode (`&amp;`, `&#39;`).
fn starts_entity(s: &str) -> bool {
    let Some(end) = s.find(';') else { return false };
    let name = &s[1..end];
    !name.is_empty()
        && end <= 32
        && (name.chars().all(|c| c.is_ascii_alphanumeric())
            || name.strip_prefix('#').is_some_and(|n| {
                !n.is_empty()
                    && n.trim_start_matches(['x', 'X'])
                        .chars()
                        .all(|c| c.is_ascii_hexdigit())
            }))
}

/// Markdown link text as it renders: backslash escapes and the common entities undone,
/// whitespace folded. In two passes over the text rather than a `replace` an entity (every
/// post's header goes through here); the entities cannot overlap (each runs from a `&` to the
/// next `;` with neither inside), so one pass undoes them as the chain of `replace`s did.
pub fn unescape_link_text(s: &str) -> String {
    let unescaped: std::borrow::Cow<'_, str> = if s.contains('\\') {
        undo_backslashes(s).into()
    } else {
        s.into()
    };
    let mut out = String::with_capacity(unescaped.len());
    let mut space = false;
    let mut rest: &str = &unescaped;
    while let Some(c) = rest.chars().next() {
        let (c, len) = match c {
            '&' => ENTITIES
                .iter()
                .find(|(e, _)| rest.starts_with(e))
                .map_or(('&', 1), |(e, c)| (*c, e.len())),
            c => (c, c.len_utf8()),
        };
        rest = &rest[len..];
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if std::mem::take(&mut space) {
                out.push(' ');
            }
            out.push(c);
        }
    }
    out
}

/// Markdown's backslash escapes: a backslash before ASCII punctuation stands for the punctuation.
fn undo_backslashes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&n) = chars.peek()
            && n.is_ascii_punctuation()
        {
            out.push(n);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

const ENTITIES: [(&str, char); 5] = [
    ("&lt;", '<'),
    ("&gt;", '>'),
    ("&quot;", '"'),
    ("&#39;", '\''),
    ("&amp;", '&'),
];

pub fn fold_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Quotes a plain scalar in place so that it reads as the text it shows.
pub fn quote_scalar(post: &Post<'_>, key: &str, node: &Node, message: &str) -> Option<Fix> {
    if node.style() != Some(Style::Plain) || node.tagged || !node.is_own() {
        return None;
    }
    let raw = post.slice(&node.span);
    if raw.contains('\n') {
        return None;
    }
    Some(Fix {
        applicability: Applicability::Safe,
        message: message.to_string(),
        edits: vec![Edit {
            range: node.span.clone(),
            replacement: double_quoted(raw),
        }],
        changes: vec![key.to_string()],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How the link text was undone before: one `replace` an entity, then the folding.
    /// The backslash pass is shared; what changed is the entities' and whitespace's.
    fn unescape_by_replacing(s: &str) -> String {
        let out = undo_backslashes(s)
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        fold_whitespace(&out)
    }

    /// `plain_in_flow_is_safe` as it was written first, character by character.
    fn plain_in_flow_is_safe_by_searching(s: &str) -> bool {
        if s.is_empty() || s.trim() != s {
            return false;
        }
        if !plain_reads_as_text(s) {
            return false;
        }
        let first = s.chars().next().unwrap_or(' ');
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
            return false;
        }
        !(s.contains(": ")
            || s.contains(" #")
            || s.ends_with(':')
            || s.chars()
                .any(|c| matches!(c, ',' | '[' | ']' | '{' | '}' | '\n' | '\t' | '\r')))
    }

    proptest::proptest! {
        /// The one-pass check says what the searches said, on terms made of what either looks at.
        #[test]
        fn flow_safety_is_the_searches_verdict(s in "[ a-z0-9联é\u{3000}\u{a0}\n\t\r:#,\\[\\]{}?&*!|>'\"%@`~.-]{0,12}") {
            proptest::prop_assert_eq!(plain_in_flow_is_safe(&s), plain_in_flow_is_safe_by_searching(&s), "{:?}", s);
        }

        #[test]
        fn one_pass_undoes_what_the_replaces_did(
            s in "([&;#\\\\ \t\u{3000}\u{a0}ltgqouampa39xé联]|&lt;|&gt;|&quot;|&#39;|&amp;){0,16}"
        ) {
            proptest::prop_assert_eq!(unescape_link_text(&s), unescape_by_replacing(&s));
        }
    }

    #[test]
    fn link_text_edges() {
        for s in [
            "&amp;lt;",
            "\\&lt;",
            "  a \t b  ",
            "&&amp;;",
            "a&",
            "\\",
            "x\\",
            "&#39;&quot;",
        ] {
            assert_eq!(unescape_link_text(s), unescape_by_replacing(s), "{s:?}");
        }
        assert_eq!(unescape_link_text("&amp;lt; \\*x\\*  y"), "&lt; *x* y");
    }
    use crate::yaml::{Document, parse};

    fn reads_back(yaml_value: &str) -> String {
        let text = format!("k: {yaml_value}\n");
        match parse(&text, 0..text.len()).unwrap() {
            Document::Mapping(e) => e[0].value.display(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn double_quoted_reads_back() {
        for s in [
            "a \"b\" \\ c",
            "yes",
            "010",
            "联合早报: 国际 #1",
            "- x",
            "tab\there",
            "\u{feff}x",
        ] {
            assert_eq!(reads_back(&double_quoted(s)), s);
        }
    }

    #[test]
    fn flow_items_read_back() {
        for s in [
            "联合早报",
            "yes",
            "a, b",
            "[x]",
            "#tag",
            "null",
            "a: b",
            "1:20",
            "- x",
        ] {
            let text = format!("k: {}\n", flow_list([s]));
            match parse(&text, 0..text.len()).unwrap() {
                Document::Mapping(e) => match &e[0].value.kind {
                    crate::yaml::NodeKind::Seq { items, .. } => {
                        assert_eq!(items[0].as_str(), Some(s), "{text}")
                    }
                    other => panic!("{other:?}"),
                },
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn link_text_round_trips() {
        for s in ["a [b] \\ c", "Q&A", "“三无外交”", "a &amp; b", "&#39;x&lt;"] {
            assert_eq!(unescape_link_text(&link_text(s)), s);
        }
    }
}
