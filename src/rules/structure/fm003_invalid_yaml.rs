//! FM003 invalid-yaml: The front matter is not valid YAML.

use crate::diagnostic::Diagnostic;
use crate::post::Post;
use crate::registry::RuleId;
use crate::rules::RuleImpl;
use crate::yaml::ErrorKind;

/// Not a per-post [`Context`](crate::rules::Context) check: the structure gate
/// ([`super::check`]) runs it before any rule, and the other rules run only if it passes.
pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::InvalidYaml,
    check: None,
    options: None,
};

pub fn find(post: &Post<'_>) -> Option<Diagnostic> {
    let Some(Err(e)) = &post.yaml else {
        return None;
    };
    if e.kind != ErrorKind::Syntax {
        return None;
    }
    let end = post.text[e.offset..]
        .chars()
        .next()
        .map_or(e.offset, |c| e.offset + c.len_utf8());
    Some(
        Diagnostic::new(
            RuleId::InvalidYaml,
            e.offset..end,
            format!("the front matter is not valid YAML: {}", e.message),
        )
        .label(e.message.clone())
        .help("Jekyll logs `YAML Exception reading …` and still publishes the post, but with no title and dated at build time"),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn invalid_yaml_stops_the_rest() {
        assert_eq!(
            codes(&with(
                "title: \"中国外交部批美国\"",
                "title: \"中国外交部批美国"
            )),
            ["FM003"]
        );
    }

    #[test]
    fn tab_indentation_is_invalid_yaml_in_psychs_words() {
        let text = with(
            "categories: [ 联合早报 ]\n",
            "categories: [ 联合早报 ]\nx:\n\t- a\n",
        );
        assert_eq!(codes(&text), ["FM003"]);
        let d = &diagnostics(&text)[0];
        assert!(
            d.message
                .contains("found character that cannot start any token"),
            "{}",
            d.message
        );
        assert_eq!(&text[d.span.clone()], "\t");
        // `--fix` leaves it alone: a space there would make Jekyll read a value it now ignores.
        let fixed = crate::fix::fix_text(
            std::path::Path::new("_posts/2021-07-20-x.md"),
            &text,
            &Default::default(),
            &Default::default(),
            false,
        );
        assert_eq!(fixed.text, text);
    }
}
