//! Values as Ruby prints them: `to_s` and `inspect` of what Psych loaded, and what Liquid's
//! `jsonify` makes of it. Categories are the `to_s` of their values and URL placeholders print
//! them, so `2021.0`, `1.0e+16`, `nil` and `Time#to_s`'s `2021-07-20 10:40:01 +0800` must come
//! out as Ruby writes them: Rust's `Display` writes none of these the same way, hence this file.

use serde_json::Value;

use crate::datetime::{self, DateInput};
use crate::yaml::{Node, NodeKind, Scalar};
use crate::zone::Tz;

/// Ruby's `Float#to_s`.
pub(super) fn ruby_float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let abs = f.abs();
    if abs == 0.0 || (1e-4..1e16).contains(&abs) {
        let s = format!("{f}");
        if s.contains('.') { s } else { format!("{s}.0") }
    } else {
        let s = format!("{f:e}");
        let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let mant = if mant.contains('.') {
            mant.to_string()
        } else {
            format!("{mant}.0")
        };
        let exp: i32 = exp.parse().unwrap_or(0);
        format!("{mant}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
    }
}

/// A Psych timestamp as Ruby's `Time#to_s` prints it: UTC for `Z`, the written offset, or the
/// site's zone for a zone-less one.
fn time_to_s(text: &str, tz: Option<Tz>) -> String {
    match datetime::read(DateInput::Timestamp(text), tz) {
        Ok(d) => {
            let z = text.trim_end();
            if z.ends_with('Z') || z.ends_with('z') {
                d.instant.format("%Y-%m-%d %H:%M:%S UTC").to_string()
            } else {
                d.instant
                    .with_timezone(&d.offset)
                    .format("%Y-%m-%d %H:%M:%S %z")
                    .to_string()
            }
        }
        Err(_) => text.to_string(),
    }
}

/// `value.to_s` (what `categories` become, and what URL placeholders print).
pub fn ruby_to_s(node: &Node, tz: Option<Tz>) -> String {
    match &node.kind {
        NodeKind::Scalar { value, .. } => match value {
            Scalar::Null => String::new(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => ruby_float(*f),
            Scalar::Str(s) | Scalar::Date(s) => s.to_string(),
            Scalar::Time(t) => time_to_s(t, tz),
        },
        _ => ruby_inspect(node, tz),
    }
}

/// `value.inspect`, for lists and mappings turned into strings.
fn ruby_inspect(node: &Node, tz: Option<Tz>) -> String {
    match &node.kind {
        NodeKind::Scalar {
            value: Scalar::Str(s),
            ..
        } => format!("{s:?}"),
        NodeKind::Scalar {
            value: Scalar::Null,
            ..
        } => "nil".into(),
        NodeKind::Scalar { .. } => ruby_to_s(node, tz),
        NodeKind::Seq { items, .. } => format!(
            "[{}]",
            items
                .iter()
                .map(|i| ruby_inspect(i, tz))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        NodeKind::Map { entries, .. } => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{}=>{}", ruby_inspect(k, tz), ruby_inspect(v, tz)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// What Liquid's `jsonify` prints for a value.
pub fn jsonify(node: &Node, tz: Option<Tz>) -> Value {
    match &node.kind {
        NodeKind::Scalar { value, .. } => match value {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => Value::Bool(*b),
            Scalar::Int(i) => i64::try_from(i.get())
                .map(Value::from)
                .unwrap_or_else(|_| Value::from(i.get() as f64)),
            Scalar::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Scalar::Str(s) | Scalar::Date(s) => Value::String(s.to_string()),
            Scalar::Time(t) => Value::String(time_to_s(t, tz)),
        },
        NodeKind::Seq { items, .. } => Value::Array(items.iter().map(|i| jsonify(i, tz)).collect()),
        NodeKind::Map { entries, .. } => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (ruby_to_s(k, tz), jsonify(v, tz)))
                .collect(),
        ),
    }
}

/// `value.to_s` of a JSON value standing for a Ruby one.
pub(super) fn value_to_s(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => ruby_float(f),
            _ => n.to_string(),
        },
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| match i {
                    Value::String(s) => format!("{s:?}"),
                    Value::Null => "nil".into(),
                    other => value_to_s(other),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(_) => v.to_string(),
    }
}
