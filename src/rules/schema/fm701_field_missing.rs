//! FM701 field-missing: a field the schema marks `present: true` is absent.

use std::ops::Range;

use super::{FieldSpec, selected};
use crate::diagnostic::Diagnostic;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::FieldMissing,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (name, spec) in &ctx.settings.fields {
        // A value from `_config.yml` defaults is there for Jekyll: present, though not in the
        // file (its type is the site's business, not this post's).
        if ctx.post.get(name).is_some() || ctx.effective(name).is_some() {
            continue;
        }
        if let Some(d) = missing(ctx, name, spec) {
            out.push(d.subject(name));
        }
    }
}

/// The front matter's closing line: where a missing key would have been (as FM101 points).
fn fence_close(ctx: &Context<'_>) -> Range<usize> {
    ctx.post.fence().map_or(0..0, |f| f.close.clone())
}

fn missing(ctx: &Context<'_>, name: &str, spec: &FieldSpec) -> Option<Diagnostic> {
    if !spec.present {
        return None;
    }
    // FM101 yields the same (`superseded_by`), but its claim is wider than its diagnostics: a
    // required `tags`/`categories` given as `tag:`/`category:` gets no FM101, and no FM701.
    let fm101 = ctx.settings.required.iter().any(|k| k == name)
        && selected(ctx, RuleId::MissingField);
    if fm101 {
        return None;
    }
    let may_be_empty = if spec.nullable && !spec.non_empty {
        " (it may be empty)"
    } else {
        ""
    };
    Some(
        Diagnostic::new(
            RuleId::FieldMissing,
            fence_close(ctx),
            format!("field `{name}` is missing: the schema says it must be present{may_be_empty}"),
        )
        .label(format!("the front matter ends here without `{name}`"))
        .help(format!(
            "add a line `{name}:` with its value to the front matter"
        )),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::schema::testing::*;

    #[test]
    fn missing_is_fm701_unless_fm101_says_it() {
        let config = "fields:\n  lang: { present: true }\n";
        assert_eq!(codes(config, CANON), ["FM701"]);
        assert_eq!(codes(config, &plus("lang: en")), NONE);
        // Absent and not `present`: nothing to judge.
        assert_eq!(codes("fields:\n  lang: { type: string }\n", CANON), NONE);
        // `author` is required by default: FM101 reports it, and only FM101.
        let no_author = with("author: 联合早报\n", "");
        assert_eq!(
            codes("fields:\n  author: { present: true }\n", &no_author),
            ["FM101"]
        );
        assert_eq!(
            codes(
                "ignore: [FM101]\nfields:\n  author: { present: true }\n",
                &no_author
            ),
            ["FM701"]
        );
    }

    #[test]
    fn missing_points_at_the_closing_fence() {
        let d = diagnostics("fields:\n  lang: { present: true }\n", CANON);
        assert_eq!(d.len(), 1);
        assert_eq!(&CANON[d[0].span.clone()], "---");
        assert!(d[0].span.start > 0);
    }
}
