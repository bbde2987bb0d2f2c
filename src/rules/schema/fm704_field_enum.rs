//! FM704 field-enum: a field's value is not one of the schema's `enum` values.

use super::{judge_values, scalar_text, shown, value_span};
use crate::diagnostic::Diagnostic;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::FieldEnum,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    judge_values(ctx, out, |entry, spec| {
        let allowed = spec.enum_values.as_ref()?;
        let text = scalar_text(&entry.value);
        if text.as_ref().is_some_and(|t| allowed.contains(t)) {
            return None;
        }
        let list = allowed.join(", ");
        Some(
            Diagnostic::new(
                RuleId::FieldEnum,
                value_span(entry),
                format!("{} is not one of the allowed values", shown(ctx, entry)),
            )
            .label(format!("expected one of: {list}"))
            .help(format!(
                "use one of: {list}; or add this value to the field's `enum` in the configuration"
            )),
        )
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::schema::testing::*;

    #[test]
    fn enum_judges_the_text() {
        let config = "fields:\n  x: { enum: [en, ja, 1] }\n";
        assert_eq!(codes(config, &plus("x: ja")), NONE);
        assert_eq!(codes(config, &plus("x: 1")), NONE);
        assert_eq!(codes(config, &plus("x: zh")), ["FM704"]);
        assert_eq!(codes(config, &plus("x: [ en ]")), ["FM704"]);
    }
}
