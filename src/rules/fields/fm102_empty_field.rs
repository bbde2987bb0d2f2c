//! FM102 empty-field: a required field is null, "" or [].

use super::{Given, required_given};
use crate::diagnostic::Diagnostic;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::EmptyField,
    check: Some(check),
    options: None,
};

// An empty `date` fails Jekyll's whole build: FM202 says so, louder than FM102 would. FM102
// yields to it through the registry (`superseded_by`), on the subject `date`.
fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    // The value Jekyll uses: `_config.yml` defaults fill what the front matter lacks.
    for key in required_given(ctx, Given::Empty) {
        let Some(e) = ctx.effective(key) else {
            continue;
        };
        let origin = e
            .origin_note(ctx.site)
            .map_or(String::new(), |o| format!(" (its value comes {o})"));
        out.push(
            Diagnostic::new(
                RuleId::EmptyField,
                e.span(post),
                format!("required field `{key}` is empty{origin}"),
            )
            .label("expected a value")
            .help(format!(
                "give `{key}` a value, or remove it from `required` if this site does not need it"
            ))
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

    #[test]
    fn empty_values() {
        assert_eq!(
            codes(&with("author: 联合早报\n", "author: \"\"\n")),
            ["FM102"]
        );
        assert_eq!(codes(&with("author: 联合早报\n", "author:\n")), ["FM102"]);
        assert_eq!(codes(&with("author: 联合早报\n", "author: ~\n")), ["FM102"]);
    }

    #[test]
    fn an_empty_date_is_fm202s_unless_fm202_is_off() {
        let text = with(" 2021-07-20T10:40:01.779Z", "");
        assert_eq!(codes(&text), ["FM202"]);
        let mut settings = Settings::default();
        settings.selection.remove(crate::registry::RuleId::InvalidDate.rule());
        let d = lint_text(
            Path::new("_posts/2021-07-20-x.md"),
            &text,
            &settings,
            &Site::default(),
        );
        assert_eq!(d.iter().map(|d| d.code()).collect::<Vec<_>>(), ["FM102"]);
    }

    #[test]
    fn an_empty_default_is_empty() {
        let text = with("author: 联合早报\n", "");
        let d = lint_with_defaults("empty/_posts/2021-07-20-x.md", &text);
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
}
