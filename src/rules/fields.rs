//! FM1xx: the fields a post must have, and their types as Jekyll's YAML loader reads them.

use crate::diagnostic::{Diagnostic, quote};
use crate::post::Post;
use crate::rules::Context;
use crate::yaml::{Node, NodeKind, Scalar};

pub use crate::registry::FM101 as MISSING_FIELD;
pub use crate::registry::FM102 as EMPTY_FIELD;
pub use crate::registry::FM103 as WRONG_TYPE;
pub use crate::registry::FM104 as UNKNOWN_LAYOUT;

/// The fields whose type fmlint knows, and what they must be.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    Terms,
    Date,
}

pub fn expected_type(key: &str) -> Option<Expected> {
    match key {
        "title" | "author" | "layout" | "from" => Some(Expected::Text),
        "tags" | "categories" => Some(Expected::Terms),
        "date" => Some(Expected::Date),
        _ => None,
    }
}

/// Whether a value is empty in the sense of FM102 (null, blank string, empty list or map).
pub fn is_empty(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Scalar {
            value: Scalar::Null,
            ..
        } => true,
        NodeKind::Scalar {
            value: Scalar::Str(s),
            ..
        } => s.trim().is_empty(),
        NodeKind::Seq { items, .. } => items.is_empty(),
        NodeKind::Map { entries, .. } => entries.is_empty(),
        _ => false,
    }
}

/// Whether the value has the type its field needs. Empty values are FM102's, not ours.
pub fn has_expected_type(key: &str, node: &Node) -> bool {
    let Some(expected) = expected_type(key) else {
        return true;
    };
    match (&node.kind, expected) {
        (NodeKind::Scalar { value, .. }, Expected::Date) => {
            matches!(
                value,
                Scalar::Str(_) | Scalar::Null | Scalar::Time(_) | Scalar::Date(_)
            )
        }
        (NodeKind::Scalar { value, .. }, _) => matches!(value, Scalar::Str(_) | Scalar::Null),
        (NodeKind::Seq { .. }, Expected::Terms) => true,
        _ => false,
    }
}

fn fence_close_span(post: &Post<'_>) -> std::ops::Range<usize> {
    post.fence().map_or(0..0, |f| f.close.clone())
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    for key in &ctx.settings.required {
        // `category:` gives Jekyll categories and `tag:` tags (issue 11): a post that has
        // them has what a required `categories`/`tags` asks for, whatever the key's spelling.
        let singular = match key.as_str() {
            "categories" => Some("category"),
            "tags" => Some("tag"),
            _ => None,
        };
        if singular
            .and_then(|s| ctx.effective(s))
            .is_some_and(|e| e.value.is_truthy() && !is_empty(&e.value))
        {
            continue;
        }
        // The value Jekyll uses: `_config.yml` defaults fill what the front matter lacks.
        match ctx.effective(key) {
            None => out.push(
                Diagnostic::new(
                    &MISSING_FIELD,
                    fence_close_span(post),
                    format!("required field `{key}` is missing"),
                )
                .label(format!("the front matter ends here without `{key}`"))
                .help(format!("add a line `{key}: …` to the front matter")),
            ),
            // An empty date fails Jekyll's whole build: FM202 says so, louder than FM102 would.
            Some(e)
                if key == "date"
                    && e.entry().is_some()
                    && matches!(e.value.scalar(), Some(Scalar::Null) | Some(Scalar::Str(_))) => {}
            Some(e) if is_empty(&e.value) => {
                let origin = e
                    .origin_note(ctx.site)
                    .map_or(String::new(), |o| format!(" (its value comes {o})"));
                out.push(
                    Diagnostic::new(
                        &EMPTY_FIELD,
                        e.span(post),
                        format!("required field `{key}` is empty{origin}"),
                    )
                    .label("expected a value")
                    .help(format!("give `{key}` a value, or remove it from `required` if this site does not need it")),
                );
            }
            Some(_) => {}
        }
    }
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
            &WRONG_TYPE,
            e.value.span.clone(),
            format!(
                "{} is read by Jekyll as {}, not {expected}",
                quote(&format!("{key}: {raw}")),
                e.value.type_name()
            ),
        )
        .label(jekyll_value(&e.value));
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
    if let Some(e) = ctx.effective("layout")
        && let Some(layout) = e.value.as_str()
        && !layout.trim().is_empty()
        && !ctx.settings.layouts.iter().any(|l| l == layout)
    {
        let expected = format!("expected one of: {}", ctx.settings.layouts.join(", "));
        let d = match e.origin_note(ctx.site) {
            // The value is not in the file: point at the front matter, say where it is.
            Some(origin) => Diagnostic::new(
                &UNKNOWN_LAYOUT,
                e.span(post),
                format!("layout {} ({origin}) is not an allowed layout", quote(layout)),
            )
            .label(format!("this post's layout comes {origin}; {expected}"))
            .help("set an allowed `layout:` in the front matter or in `_config.yml` defaults, or add this one to `layouts` in the configuration"),
            None => Diagnostic::new(
                &UNKNOWN_LAYOUT,
                e.span(post),
                format!("layout {} is not an allowed layout", quote(layout)),
            )
            .label(expected)
            .help("use an allowed layout, or add this one to `layouts` in the configuration"),
        };
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
    fn missing_and_empty() {
        assert_eq!(codes(&with("author: 联合早报\n", "")), ["FM101"]);
        assert_eq!(
            codes(&with("author: 联合早报\n", "author: \"\"\n")),
            ["FM102"]
        );
        assert_eq!(codes(&with("author: 联合早报\n", "author:\n")), ["FM102"]);
        assert_eq!(codes(&with("author: 联合早报\n", "author: ~\n")), ["FM102"]);
    }

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
    fn merged_keys_and_aliases_are_read_as_psych_reads_them() {
        // `layout` comes from the merge key: not missing (FM007: safe_yaml would lose it).
        let merged = with("layout: post\n", "<<: {layout: post}\n");
        assert_eq!(codes(&merged), ["FM007"]);
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

    #[test]
    fn unknown_layout_warns() {
        assert_eq!(codes(&with("layout: post", "layout: page")), ["FM104"]);
    }

    mod with_defaults {
        use std::path::Path;

        use crate::config::Settings;
        use crate::lint::lint_text;
        use crate::rules::testing::*;
        use crate::site::Site;

        const CONFIG: &str = "defaults:\n  - scope: { path: \"\", type: posts }\n    values: { layout: post, author: 联合早报 }\n  - scope: { path: news }\n    values: { layout: news_item }\n  - scope: { path: empty }\n    values: { author: \"\" }\n";

        fn lint(path: &str, text: &str) -> Vec<crate::diagnostic::Diagnostic> {
            let site = Site::from_config(Path::new("_config.yml"), CONFIG).unwrap();
            lint_text(Path::new(path), text, &Settings::default(), &site)
        }

        fn codes_of(path: &str, text: &str) -> Vec<&'static str> {
            lint(path, text).iter().map(|d| d.code()).collect()
        }

        #[test]
        fn a_value_from_defaults_is_not_missing() {
            let text = with("layout: post\n", "").replace("author: 联合早报\n", "");
            assert_eq!(
                codes_of("_posts/2021-07-20-x.md", &text),
                Vec::<&str>::new()
            );
            // A null in the front matter keeps the default, as Jekyll merges them.
            let text = with("layout: post\n", "layout:\n");
            assert_eq!(
                codes_of("_posts/2021-07-20-x.md", &text),
                Vec::<&str>::new()
            );
            // Outside the scope nothing fills it.
            let site = Site::default();
            let d = lint_text(
                Path::new("_posts/2021-07-20-x.md"),
                &with("layout: post\n", ""),
                &Settings::default(),
                &site,
            );
            assert_eq!(d.iter().map(|d| d.code()).collect::<Vec<_>>(), ["FM101"]);
        }

        #[test]
        fn an_empty_default_is_empty() {
            let text = with("author: 联合早报\n", "");
            let d = lint("empty/_posts/2021-07-20-x.md", &text);
            assert_eq!(d.iter().map(|d| d.code()).collect::<Vec<_>>(), ["FM102"]);
            assert!(
                d[0].message.contains("_config.yml` defaults (line 7)"),
                "{}",
                d[0].message
            );
            assert_eq!(d[0].span, 0..3, "points at the opening `---`");
        }

        #[test]
        fn a_null_date_under_a_default_date_is_the_default() {
            // Jekyll keeps the default's date: no FM202 for the null, no FM101/FM102.
            let site = Site::from_config(
                Path::new("_config.yml"),
                "defaults:\n  - scope: { path: \"\" }\n    values: { date: 2021-07-20T10:40:01Z }\n",
            )
            .unwrap();
            let text = with("date: 2021-07-20T10:40:01.779Z", "date:");
            let d = lint_text(
                Path::new("_posts/2021-07-20-x.md"),
                &text,
                &Settings::default(),
                &site,
            );
            assert_eq!(
                d.iter().map(|d| d.code()).collect::<Vec<_>>(),
                Vec::<&str>::new()
            );
        }

        #[test]
        fn a_layout_from_defaults_is_judged_where_it_comes_from() {
            let text = with("layout: post\n", "");
            let d = lint("news/_posts/2021-07-20-x.md", &text);
            assert_eq!(d.iter().map(|d| d.code()).collect::<Vec<_>>(), ["FM104"]);
            assert_eq!(d[0].span, 0..3, "points at the opening `---`");
            assert!(
                d[0].message
                    .contains("`news_item` (from `_config.yml` defaults (line 5))"),
                "{}",
                d[0].message
            );
            // Written in the post, it is the post's value that is judged.
            let text = with("layout: post\n", "layout: post\n");
            assert_eq!(
                codes_of("news/_posts/2021-07-20-x.md", &text),
                Vec::<&str>::new()
            );
        }
    }
}
