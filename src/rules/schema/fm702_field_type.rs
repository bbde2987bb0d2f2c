//! FM702 field-type: a field's value, as Jekyll's YAML loader reads it, is not the schema's
//! `type` (or is null).

use super::{FieldSpec, FieldType, judge_written, shown, value_span};
use crate::datetime::{self, DateInput};
use crate::diagnostic::Diagnostic;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};
use crate::yaml::{Entry, Node, NodeKind, Scalar};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::FieldType,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    judge_written(ctx, out, |entry, spec| {
        if entry.value.is_null() {
            null_value(entry, spec)
        } else {
            wrong_type(ctx, entry, spec)
        }
    });
}

fn type_phrase(ty: FieldType) -> &'static str {
    match ty {
        FieldType::String => "a string",
        FieldType::Number => "a number",
        FieldType::Bool => "a boolean",
        FieldType::Date => "a date",
        FieldType::List => "a list",
        FieldType::Map => "a mapping",
    }
}

/// The value as written, when it is one line: quoting it keeps exactly what the author typed
/// (`3.10`, which YAML reads as 3.1).
fn single_line_text<'a>(ctx: &Context<'a>, entry: &Entry) -> Option<&'a str> {
    let raw = ctx.post.text.get(entry.value.span.clone())?;
    (!raw.contains('\n')).then_some(raw)
}

/// Null passes only a `nullable` field. A `non-empty` field says so as FM703 (its own words
/// for "there is nothing here"), even when it is also `nullable`: the stricter key wins.
fn null_value(entry: &Entry, spec: &FieldSpec) -> Option<Diagnostic> {
    if spec.non_empty || spec.nullable {
        return None;
    }
    let name = &entry.key;
    let expected = match (spec.ty, &spec.enum_values) {
        (Some(ty), _) => type_phrase(ty).to_string(),
        (None, Some(values)) => format!("one of: {}", values.join(", ")),
        (None, None) => "a value".to_string(),
    };
    Some(
        Diagnostic::new(
            RuleId::FieldType,
            value_span(entry),
            format!("`{name}` is null, expected {expected}"),
        )
        .label(format!("expected {expected}"))
        .help(format!(
            "give `{name}` a value, or add `nullable: true` to its schema if an empty `{name}` is fine"
        )),
    )
}

/// Whether a value is of a type, as Psych typed it. A date is a YAML timestamp or day, or a
/// string that Jekyll's `Time.parse` reads.
fn has_type(ctx: &Context<'_>, value: &Node, ty: FieldType) -> bool {
    match (&value.kind, value.scalar(), ty) {
        (_, Some(Scalar::Str(_)), FieldType::String)
        | (_, Some(Scalar::Int(_) | Scalar::Float(_)), FieldType::Number)
        | (_, Some(Scalar::Bool(_)), FieldType::Bool)
        | (_, Some(Scalar::Time(_) | Scalar::Date(_)), FieldType::Date)
        | (NodeKind::Seq { .. }, _, FieldType::List)
        | (NodeKind::Map { .. }, _, FieldType::Map) => true,
        (_, Some(Scalar::Str(s)), FieldType::Date) => {
            datetime::read(DateInput::Text(s), ctx.timezone()).is_ok()
        }
        _ => false,
    }
}

fn wrong_type(ctx: &Context<'_>, entry: &Entry, spec: &FieldSpec) -> Option<Diagnostic> {
    let ty = spec.ty?;
    if has_type(ctx, &entry.value, ty) {
        return None;
    }
    let name = &entry.key;
    let expected = type_phrase(ty);
    let found = match (&entry.value.kind, ty) {
        // A string in a date field is a string Jekyll cannot read as a date: say that, not
        // "a string, expected a date", which would read as a contradiction.
        (
            NodeKind::Scalar {
                value: Scalar::Str(_),
                ..
            },
            FieldType::Date,
        ) => "text Jekyll cannot read as a date".to_string(),
        _ => entry.value.type_name().to_string(),
    };
    let help = match (ty, entry.value.scalar(), single_line_text(ctx, entry)) {
        (FieldType::String, Some(_), Some(raw)) => format!(
            "quote the value so that YAML keeps it as text: `{name}: \"{}\"`",
            raw.replace('\\', "\\\\").replace('"', "\\\"")
        ),
        (FieldType::Date, Some(Scalar::Str(_)), _) => {
            "write the date as RFC 3339, e.g. `2021-07-20T10:40:01Z`".to_string()
        }
        _ => format!("write `{name}` as {expected}"),
    };
    Some(
        Diagnostic::new(
            RuleId::FieldType,
            value_span(entry),
            format!(
                "{} is read by Jekyll as {found}, expected {expected}",
                shown(ctx, entry)
            ),
        )
        .label(format!("expected {expected}"))
        .help(help),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::schema::testing::*;

    #[test]
    fn null_needs_nullable() {
        let config = "fields:\n  translator: { present: true, type: string }\n";
        assert_eq!(codes(config, &plus("translator:")), ["FM702"]);
        assert_eq!(codes(config, &plus("translator: ~")), ["FM702"]);
        let config = "fields:\n  translator: { present: true, nullable: true, type: string }\n";
        assert_eq!(codes(config, &plus("translator:")), NONE);
        assert_eq!(codes(config, &plus("translator: \"\"")), NONE);
        assert_eq!(codes(config, &plus("translator: 12")), ["FM702"]);
        // non-empty wins over nullable, and says "empty" rather than "null".
        let config = "fields:\n  translator: { nullable: true, non-empty: true }\n";
        assert_eq!(codes(config, &plus("translator:")), ["FM703"]);
    }

    #[test]
    fn types_are_psych_types() {
        for (ty, good, bad) in [
            ("string", "\"2021\"", "2021"),
            ("string", "y", "yes"),
            ("number", "0x1F", "\"31\""),
            // (`1:20` is a number too, and FM007 adds that safe_yaml reads it as another.)
            ("number", "1_000", "[1]"),
            ("bool", "off", "\"off\""),
            ("date", "2021-07-20", "2021"),
            ("date", "\"July 20, 2021\"", "\"sometime\""),
            ("list", "[]", "a"),
            ("map", "{ a: 1 }", "[a]"),
        ] {
            let config = format!("fields:\n  x: {{ type: {ty} }}\n");
            assert_eq!(
                codes(&config, &plus(&format!("x: {good}"))),
                NONE,
                "{ty} {good}"
            );
            assert_eq!(
                codes(&config, &plus(&format!("x: {bad}"))),
                ["FM702"],
                "{ty} {bad}"
            );
        }
    }

    #[test]
    fn a_type_fm103_reports_is_not_reported_again() {
        let text = with("author: 联合早报", "author: 2021");
        let config = "fields:\n  author: { type: string, enum: [a] }\n";
        assert_eq!(codes(config, &text), ["FM103"]);
        assert_eq!(
            codes(&format!("ignore: [FM103]\n{config}"), &text),
            ["FM702"]
        );
    }

    #[test]
    fn an_unreadable_date_is_fm202_only() {
        let config = "fields:\n  date: { type: date, present: true, offset: \"+00:00\" }\n";
        for bad in [" \"sometime\"", "", " 2021-02-30T10:00:00Z"] {
            let text = with(" 2021-07-20T10:40:01.779Z", bad);
            assert_eq!(codes(config, &text), ["FM202"], "{bad}");
        }
        let text = with("2021-07-20T10:40:01.779Z", "\"sometime\"");
        assert_eq!(
            codes(&format!("ignore: [FM202]\n{config}"), &text),
            ["FM702"]
        );
    }
}
