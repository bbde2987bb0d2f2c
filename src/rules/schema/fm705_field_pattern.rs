//! FM705 field-pattern: a field's text does not match the schema's `pattern`.

use super::{judge_values, scalar_text, shown, value_span};
use crate::diagnostic::Diagnostic;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::FieldPattern,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    judge_values(ctx, out, |entry, spec| {
        let pattern = spec.pattern.as_ref()?;
        if scalar_text(&entry.value).is_some_and(|t| pattern.regex.is_match(&t)) {
            return None;
        }
        Some(
            Diagnostic::new(
                RuleId::FieldPattern,
                value_span(entry),
                format!(
                    "{} does not match the pattern `{}`",
                    shown(ctx, entry),
                    pattern.source
                ),
            )
            .label(format!("expected text matching `{}`", pattern.source))
            .help("correct the value, or the field's `pattern` in the configuration"),
        )
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::schema::testing::*;

    #[test]
    fn pattern_judges_the_text() {
        let config = "fields:\n  v: { pattern: \"\\\\d+\\\\.\\\\d+\\\\.\\\\d+\" }\n";
        assert_eq!(codes(config, &plus("v: 3.3.12")), NONE);
        // is_match: the user's pattern has no anchors, so text around the match is fine.
        assert_eq!(codes(config, &plus("v: ruby-3.3.12-p1")), NONE);
        assert_eq!(codes(config, &plus("v: 3.3")), ["FM705"]);
        assert_eq!(codes(config, &plus("v: [ 3.3.12 ]")), ["FM705"]);
        let anchored = "fields:\n  v: { pattern: \"^\\\\d+\\\\.\\\\d+\\\\.\\\\d+$\" }\n";
        assert_eq!(codes(anchored, &plus("v: ruby-3.3.12")), ["FM705"]);
    }
}
