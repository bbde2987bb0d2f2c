//! FM706 field-path-mismatch: a field differs from the path segment its `path` pattern
//! captures.

use std::path::{Component, Path};

use super::{judge_values, scalar_text, shown, value_span};
use crate::diagnostic::Diagnostic;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::FieldPathMismatch,
    check: Some(check),
    options: None,
};

/// The post's path relative to the site root, `/`-separated, without `.` components; as given
/// when the root is unknown or the post lies outside it.
fn site_relative(path: &Path, root: Option<&Path>) -> String {
    let rel = root.and_then(|root| {
        let post = std::path::absolute(path).ok()?;
        let root = std::path::absolute(root).ok()?;
        post.strip_prefix(root).ok().map(Path::to_path_buf)
    });
    let rel = rel.as_deref().unwrap_or(path);
    rel.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    judge_values(ctx, out, |entry, spec| {
        let pattern = spec.path.as_ref()?;
        let rel = site_relative(ctx.post.path, ctx.settings.root.as_deref());
        // A post outside the pattern's folders is not this field's business.
        let segment = pattern.capture_in(&rel)?;
        if scalar_text(&entry.value).as_deref() == Some(segment.as_str()) {
            return None;
        }
        let name = &entry.key;
        Some(
            Diagnostic::new(
                RuleId::FieldPathMismatch,
                value_span(entry),
                format!(
                    "{} differs from the post's path, which says `{segment}`",
                    shown(ctx, entry)
                ),
            )
            .label(format!(
                "expected `{segment}` (`{{{}}}` in `{}`)",
                pattern.capture, pattern.source
            ))
            .help(format!(
                "write `{name}: {segment}`, or move the post to the folder that `{name}` names"
            )),
        )
    });
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::lint::lint_text;
    use crate::rules::schema::testing::*;

    #[test]
    fn path_captures_the_segment() {
        let config = "fields:\n  lang: { type: string, path: \"{lang}/news/_posts/**\" }\n";
        let text = plus("lang: en");
        assert_eq!(
            codes_with(config, "en/news/_posts/2021-07-20-x.md", &text),
            NONE
        );
        assert_eq!(
            codes_with(config, "./en/news/_posts/2021-07-20-x.md", &text),
            NONE
        );
        assert_eq!(
            codes_with(config, "ja/news/_posts/2021-07-20-x.md", &text),
            ["FM706"]
        );
        // Outside the pattern: silent.
        assert_eq!(
            codes_with(config, "_posts/2021-07-20-x.md", &plus("lang: ja")),
            NONE
        );
    }

    #[test]
    fn path_is_relative_to_the_root() {
        let config = "fields:\n  lang: { type: string, path: \"{lang}/news/_posts/**\" }\n";
        let mut s = settings(config);
        s.root = Some("site".into());
        let diags = |path: &str, text: &str| -> Vec<&'static str> {
            lint_text(Path::new(path), text, &s, &Default::default())
                .iter()
                .map(|d| d.code())
                .collect()
        };
        assert_eq!(
            diags("site/en/news/_posts/2021-07-20-x.md", &plus("lang: en")),
            NONE
        );
        assert_eq!(
            diags("site/en/news/_posts/2021-07-20-x.md", &plus("lang: ja")),
            ["FM706"]
        );
    }
}
