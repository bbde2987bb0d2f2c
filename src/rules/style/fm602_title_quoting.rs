//! FM602 title-quoting: the title is not double-quoted.

use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, quote};
use crate::emit;
use crate::post::Post;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};
use crate::yaml::{Link, Node, Style};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::TitleQuoting,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let Some(e) = post.get("title") else { return };
    let (Some(title), Some(style)) = (e.value.as_str(), e.value.style()) else {
        return;
    };
    if style == Style::DoubleQuoted || matches!(e.value.link, Link::Alias | Link::Merged) {
        return;
    }
    let fixed = emit::double_quoted(title);
    let fix = quoting_range(post, &e.value).map(|range| Fix {
        applicability: Applicability::Safe,
        message: "double-quote the title".into(),
        edits: vec![Edit {
            range,
            replacement: fixed.clone(),
        }],
        changes: Vec::new(),
    });
    out.push(
        Diagnostic::new(
            RuleId::TitleQuoting,
            e.value.span.clone(),
            "the title is not double-quoted",
        )
        .label(format!("expected {}", quote(&fixed)))
        .help("double quotes keep titles with `:`, `#`, `yes` or digits as text")
        .with_fix(fix),
    );
}

/// The text a double-quoted title replaces, or None when rewriting it would lose something: an
/// anchored title (an alias reads the same text), a comment on a block scalar's header line.
/// A block scalar (`>`, `|`) is replaced from its indicator to the end of its last line, not
/// the line break after it, which belongs to the next key.
fn quoting_range(post: &Post<'_>, node: &Node) -> Option<Range<usize>> {
    if !node.is_own() || node.tagged {
        return None;
    }
    let mut range = node.span.clone();
    if matches!(node.style(), Some(Style::Literal | Style::Folded)) {
        let header = post.slice(&range).lines().next().unwrap_or_default();
        if header.contains('#') {
            return None;
        }
        let bytes = post.text.as_bytes();
        while range.end > range.start
            && matches!(bytes[range.end - 1], b'\n' | b'\r' | b' ' | b'\t')
        {
            range.end -= 1;
        }
    }
    Some(range)
}

#[cfg(test)]
mod tests {
    use super::super::fixed;
    use crate::rules::testing::*;

    #[test]
    fn quoting() {
        assert_eq!(
            codes(&with("\"中国外交部批美国\"", "中国外交部批美国")),
            ["FM602"]
        );
        assert_eq!(
            codes(&with("\"中国外交部批美国\"", "'中国外交部批美国'")),
            ["FM602"]
        );
    }

    #[test]
    fn block_scalar_titles_are_double_quoted_by_the_fix() {
        for (title, want) in [
            (
                "title: >\n  中国外交部批美国\n",
                "title: \"中国外交部批美国\\n\"\n",
            ),
            (
                "title: >-\n  中国外交部\n  批美国\n",
                "title: \"中国外交部 批美国\"\n",
            ),
            (
                "title: |-\n  中国外交部批美国\n",
                "title: \"中国外交部批美国\"\n",
            ),
        ] {
            let text = with("title: \"中国外交部批美国\"\n", title);
            let f = fixed(&text);
            assert!(f.text.contains(want), "{title:?} → {}", f.text);
            assert!(
                f.remaining.iter().all(|d| !d.code().starts_with("FM99")),
                "{:?}",
                f.remaining
            );
        }
        // A comment on the header line would be lost: reported, not rewritten.
        let text = with(
            "title: \"中国外交部批美国\"\n",
            "title: > # note\n  中国外交部批美国\n",
        );
        assert_eq!(fixed(&text).text, text);
    }

    proptest::proptest! {
        /// Any title, in any block-scalar style the fix may meet: fixing never needs the
        /// safety net (FM991) and leaves the title double-quoted, meaning what it meant.
        #[test]
        fn block_scalar_titles_fix_without_the_safety_net(
            words in proptest::collection::vec("[a-z联合早报:#'\"\\\\ -]{1,8}", 1..4),
            indicator in proptest::sample::select(vec![">", "|", ">-", "|-", ">+", "|+", ">2", "|1-"]),
            blank_between in proptest::bool::ANY,
        ) {
            // An indentation indicator fixes the indent: `|1-` one space, the others two.
            let indent = if indicator.contains('1') { " " } else { "  " };
            let sep = if blank_between { "\n\n" } else { "\n" };
            let body: Vec<String> = words.iter().map(|w| format!("{indent}{}", w.trim())).filter(|l| !l.trim().is_empty()).collect();
            proptest::prop_assume!(!body.is_empty());
            let title = format!("title: {indicator}\n{}\n", body.join(sep));
            let text = with("title: \"中国外交部批美国\"\n", &title);
            let path = std::path::Path::new("_posts/2021-07-20-x.md");
            let before = crate::post::Post::new(path, &text);
            let Some(Ok(_)) = before.yaml.as_ref() else { return Ok(()) };
            let want = before.get("title").and_then(|e| e.value.as_str().map(str::to_string));
            // FM602 alone: the header rules have their own story with titles ending in a line
            // break (a `>`/`|` title keeps one), not this test's.
            let only = crate::config::Settings {
                selection: crate::config::Selection::from_selectors(&["FM602".into()], &[]).unwrap(),
                ..Default::default()
            };
            let f = crate::fix::fix_text(path, &text, &only, &Default::default(), false);
            proptest::prop_assert!(f.remaining.iter().all(|d| !d.code().starts_with("FM99")), "{:?}\n{}", f.remaining, text);
            let after = crate::post::Post::new(path, &f.text);
            let e = after.get("title").unwrap();
            if let Some(w) = want.filter(|w| !w.trim().is_empty()) {
                proptest::prop_assert_eq!(e.value.as_str(), Some(w.as_str()));
                proptest::prop_assert_eq!(e.value.style(), Some(crate::yaml::Style::DoubleQuoted));
            }
        }
    }
}
