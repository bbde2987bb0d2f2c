//! FM101 missing-field: a required field is absent.

use super::{Given, required_given};
use crate::diagnostic::Diagnostic;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::MissingField,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    // The value Jekyll uses: `_config.yml` defaults fill what the front matter lacks.
    for key in required_given(ctx, Given::Missing) {
        out.push(
            Diagnostic::new(
                RuleId::MissingField,
                post.fence().map_or(0..0, |f| f.close.clone()),
                format!("required field `{key}` is missing"),
            )
            .label(format!("the front matter ends here without `{key}`"))
            .help(format!("add a line `{key}: …` to the front matter"))
            .subject(key),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::Settings;
    use crate::lint::lint_text;
    use crate::rules::fields::testing::lint_with_defaults;
    use crate::rules::testing::*;
    use crate::site::Site;

    fn codes_of(path: &str, text: &str) -> Vec<&'static str> {
        lint_with_defaults(path, text)
            .iter()
            .map(|d| d.code())
            .collect()
    }

    #[test]
    fn a_missing_field() {
        assert_eq!(codes(&with("author: 联合早报\n", "")), ["FM101"]);
    }

    #[test]
    fn a_merged_key_is_not_missing() {
        // `layout` comes from the merge key: not missing (FM007: safe_yaml would lose it).
        let merged = with("layout: post\n", "<<: {layout: post}\n");
        assert_eq!(codes(&merged), ["FM007"]);
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
}
