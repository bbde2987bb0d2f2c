//! FM703 field-empty: a `non-empty` field is null, blank, [] or {}.

use super::{judge_written, value_span};
use crate::diagnostic::Diagnostic;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl, fields};
use crate::yaml::Scalar;

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::FieldEmpty,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // A null is judged here too: a `non-empty` field says "empty" even when `nullable`.
    judge_written(ctx, out, |entry, spec| {
        if !spec.non_empty || !fields::is_empty(&entry.value) {
            return None;
        }
        let name = &entry.key;
        let what = match entry.value.scalar() {
            Some(Scalar::Null) => "null",
            Some(_) => "blank",
            None => "an empty collection",
        };
        Some(
            Diagnostic::new(
                RuleId::FieldEmpty,
                value_span(entry),
                format!("`{name}` is {what}: the schema says it must not be empty"),
            )
            .label("expected a non-empty value")
            .help(format!("give `{name}` a value")),
        )
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::schema::testing::*;

    #[test]
    fn empty_values() {
        let config = "fields:\n  x: { non-empty: true }\n";
        for v in ["x:", "x: ~", "x: \"\"", "x: \"  \"", "x: []", "x: {}"] {
            assert_eq!(codes(config, &plus(v)), ["FM703"], "{v}");
        }
        for v in ["a", "0", "false", "[ a ]"] {
            assert_eq!(codes(config, &plus(&format!("x: {v}"))), NONE, "{v}");
        }
        // Without `non-empty`, "" is a string like any other.
        assert_eq!(
            codes("fields:\n  x: { type: string }\n", &plus("x: \"\"")),
            NONE
        );
    }

    #[test]
    fn a_wrong_type_is_reported_before_emptiness() {
        let config = "fields:\n  x: { type: list, non-empty: true }\n";
        assert_eq!(codes(config, &plus("x: \"\"")), ["FM702"]);
        assert_eq!(codes(config, &plus("x: []")), ["FM703"]);
        // Only a selected rule takes another's place: with FM702 off, the emptiness is heard.
        let config = format!("ignore: [FM702]\n{config}");
        assert_eq!(codes(&config, &plus("x: \"\"")), ["FM703"]);
    }
}
