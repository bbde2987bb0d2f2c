//! FM103 wrong-type: a field has a type Jekyll will misread (a number or boolean for a title).

use super::{Expected, expected_type, has_expected_type};
use crate::diagnostic::{Diagnostic, quote};
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};
use crate::yaml::{Node, NodeKind, Scalar};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::WrongType,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    for key in [
        "title",
        "author",
        "layout",
        "from",
        "tags",
        "categories",
        "date",
    ] {
        let Some(e) = post.get(key) else { continue };
        if has_expected_type(key, &e.value) {
            continue;
        }
        let expected = match expected_type(key) {
            Some(Expected::Text) => "a string",
            Some(Expected::Terms) => "a list or a string",
            _ => "a timestamp or a string",
        };
        let raw = post.slice(&e.value.span);
        let mut d = Diagnostic::new(
            RuleId::WrongType,
            e.value.span.clone(),
            format!(
                "{} is read by Jekyll as {}, not {expected}",
                quote(&format!("{key}: {raw}")),
                e.value.type_name()
            ),
        )
        .label(jekyll_value(&e.value))
        .subject(key);
        // Quoting a date would hand Jekyll another text to parse: only text and term fields.
        let fix = match expected_type(key) {
            Some(Expected::Date) => None,
            _ => crate::emit::quote_scalar(
                post,
                key,
                &e.value,
                "quote the value so that it stays text",
            ),
        };
        match fix {
            Some(fix) => {
                d = d
                    .help(format!(
                        "quote it: {}",
                        quote(&format!("{key}: {}", fix.edits[0].replacement))
                    ))
                    .fix(fix);
            }
            None => d = d.help(format!("write `{key}` as {expected}")),
        }
        out.push(d);
    }
}

/// What Jekyll makes of the value, for the label: `true`, `4800`, `2021`.
fn jekyll_value(node: &Node) -> String {
    match node.scalar() {
        Some(Scalar::Bool(b)) => format!("Jekyll sees {b}"),
        Some(Scalar::Int(i)) => format!("Jekyll sees the number {i}"),
        Some(Scalar::Float(f)) => format!("Jekyll sees the number {f}"),
        _ => format!(
            "expected a {}, found {}",
            if matches!(node.kind, NodeKind::Seq { .. }) {
                "scalar"
            } else {
                "string"
            },
            node.type_name()
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn yaml_11_types_are_wrong_types() {
        for v in ["yes", "on", "010", "1:20", "2021", "3.5", "2021-07-20"] {
            let text = with("author: 联合早报\n", &format!("author: {v}\n"));
            // `1:20` is also read otherwise by safe_yaml (80.0): FM007 says so.
            let want: &[&str] = if v == "1:20" {
                &["FM007", "FM103"]
            } else {
                &["FM103"]
            };
            assert_eq!(codes(&text), want, "{v}");
        }
        for v in ["y", "1e3", "'yes'", "\"2021\"", "联合早报 国际"] {
            let text = with("author: 联合早报\n", &format!("author: {v}\n"));
            assert_eq!(codes(&text), Vec::<&str>::new(), "{v}");
        }
    }

    #[test]
    fn numeric_title_is_one_error() {
        let text = with("title: \"中国外交部批美国\"", "title: 2021")
            .replace("[中国外交部批美国]", "[2021]");
        assert_eq!(codes(&text), ["FM103"]);
    }

    #[test]
    fn aliases_and_tags_are_read_as_psych_reads_them() {
        // An alias is its anchor's value: a list of terms, no type complaint.
        let aliased = with(
            "tags: [ 联合早报 ]\ncategories: [ 联合早报 ]",
            "tags: &t [ 联合早报 ]\ncategories: *t",
        );
        assert_eq!(codes(&aliased), Vec::<&str>::new());
        // An explicit tag decides the type: `!!int "12"` is the number 12.
        let tagged = with("title: \"中国外交部批美国\"", "title: !!int \"12\"")
            .replace("[中国外交部批美国]", "[12]");
        assert_eq!(codes(&tagged), ["FM103"]);
    }
}
