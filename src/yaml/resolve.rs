//! Plain scalars as Psych's `ScalarScanner#tokenize` types them (Psych 4/5, as in Jekyll 4.3,
//! YAML 1.1): `yes` is true, `010` is 8, `1:20` is 4800, `2021-07-20` a Date. A YAML 1.2
//! reading would judge those types wrongly, so resolution is ours rather than the parser's.
//! The timestamp's grammar is `datetime::psych_time`'s, defined once there.

use std::borrow::Cow;
use std::ops::Range;

use super::Loader;
use super::model::{Scalar, YamlError};

mod shapes;
#[cfg(test)]
mod tests;

/// `tokenize` under the loader's rules: Psych refuses a symbol that safe_yaml reads as text,
/// and the two read a sexagesimal number differently. `sensitive` is set when they would.
pub(super) fn tokenize<'t>(
    text: &'t str,
    loader: Loader,
    span: &Range<usize>,
    sensitive: &mut bool,
) -> Result<Scalar<'t>, YamlError> {
    if plain_is_symbol(text) {
        *sensitive = true;
        return match loader {
            Loader::Psych => Err(YamlError::disallowed("Symbol", span.clone())),
            Loader::SafeYaml => Ok(Scalar::Str(Cow::Borrowed(text))),
        };
    }
    let value = resolve_plain(text);
    if is_sexagesimal(text, &value) {
        *sensitive = true;
        if loader == Loader::SafeYaml {
            return Ok(safe_yaml_sexagesimal(text).unwrap_or(value));
        }
    }
    Ok(value)
}

/// Resolves a plain scalar as Psych's ScalarScanner#tokenize does (Psych 4/5, as in Jekyll 4.3).
/// A string's value borrows `s`.
pub fn resolve_plain(s: &str) -> Scalar<'_> {
    match classify(s) {
        Typed::Value(v) => v,
        Typed::Str => Scalar::Str(Cow::Borrowed(s)),
        Typed::Time => Scalar::Time(Cow::Borrowed(s)),
        Typed::Date => Scalar::Date(Cow::Borrowed(s)),
    }
}

/// Whether Psych reads the plain scalar `s` as the string `s`, without copying it: the test a
/// fix makes of each term it would leave unquoted.
pub fn plain_reads_as_text(s: &str) -> bool {
    matches!(classify(s), Typed::Str)
}

/// A plain scalar's type; the three whose value is the scalar's own text carry none, so that
/// asking the type copies nothing. Inlined into both callers, so that `resolve_plain` makes
/// its string where the type is found: a call between cost it more than the copy it saves.
enum Typed {
    Value(Scalar<'static>),
    Str,
    Time,
    Date,
}

#[inline(always)]
fn classify(s: &str) -> Typed {
    if s.is_empty() {
        return Typed::Value(Scalar::Null);
    }
    if shapes::string_like(s) || s.contains('\n') {
        if s.chars().nth(5).is_some() {
            return Typed::Str;
        }
        let first = s.chars().next().unwrap_or(' ').to_ascii_lowercase();
        if !matches!(first, 'y' | 't' | 'o' | 'n' | 'f' | '~') {
            return Typed::Str;
        }
        if shapes::null_word(s) {
            return Typed::Value(Scalar::Null);
        }
        if shapes::true_word(s) {
            return Typed::Value(Scalar::Bool(true));
        }
        if shapes::false_word(s) {
            return Typed::Value(Scalar::Bool(false));
        }
        return Typed::Str;
    }
    if let Some(valid) = crate::datetime::psych_time(s) {
        // Psych falls back to a string when Time.utc rejects a component (month 13, hour 25).
        return if valid { Typed::Time } else { Typed::Str };
    }
    if shapes::date(s) {
        // Psych's Date.strptime rejects 2021-02-30 and keeps the string.
        return if crate::datetime::ymd_exists(s) {
            Typed::Date
        } else {
            Typed::Str
        };
    }
    if shapes::inf(s) {
        return Typed::Value(Scalar::Float(if s.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        }));
    }
    if shapes::nan(s) {
        return Typed::Value(Scalar::Float(f64::NAN));
    }
    if s.starts_with(':') && s.len() > 1 {
        // A Ruby symbol (`plain_is_symbol`): the composer refuses it as Psych does, or reads
        // it as text as safe_yaml does.
        return Typed::Str;
    }
    if shapes::sexagesimal_int(s) {
        return match sexagesimal(s) {
            Some(v) => Typed::Value(Scalar::Int(v.into())),
            None => Typed::Str,
        };
    }
    if shapes::sexagesimal_float(s) {
        // As `sexagesimal`: the sign belongs to the first part only (`n.to_f` of each part).
        let mut total = 0.0;
        for (e, part) in s.split(':').enumerate() {
            let weight = 60f64.powi((e as i32 - 2).abs());
            total += part.replace('_', "").parse::<f64>().unwrap_or(0.0) * weight;
        }
        return Typed::Value(Scalar::Float(total));
    }
    if shapes::float(s) {
        if s.trim_start_matches(['-', '+']) == "." {
            return Typed::Str;
        }
        let cleaned: String = s.chars().filter(|c| *c != ',' && *c != '_').collect();
        let cleaned = cleaned.replace(".e", "e").replace(".E", "E");
        let cleaned = cleaned.strip_suffix('.').unwrap_or(&cleaned).to_string();
        return match cleaned.parse::<f64>() {
            Ok(f) => Typed::Value(Scalar::Float(f)),
            Err(_) => Typed::Str,
        };
    }
    if shapes::integer(s) {
        return match parse_ruby_int(s) {
            Some(v) => Typed::Value(Scalar::Int(v.into())),
            None => Typed::Str,
        };
    }
    Typed::Str
}

/// Whether Psych's `tokenize` reads a plain scalar as a Symbol (`:rocket`, `:"a b"`), which
/// `safe_load` refuses: `/^:./` once the string-like, time, date, inf and nan forms are out.
pub fn plain_is_symbol(s: &str) -> bool {
    s.starts_with(':') && s.chars().nth(1).is_some() && !s.contains('\n') && !shapes::string_like(s)
}

fn sexagesimal(s: &str) -> Option<i128> {
    // Psych weighs part e by 60^|e-2|: `1:20` is 1×3600 + 20×60, hours and minutes. Each part
    // goes through `to_i` alone, so a sign counts for the first part only: `-1:20` is -2400.
    let mut total: i128 = 0;
    for (e, part) in s.split(':').enumerate() {
        let n: i128 = part.replace('_', "").parse().ok()?;
        let weight = 60i128.pow((e as i32 - 2).unsigned_abs());
        total = total.checked_add(n.checked_mul(weight)?)?;
    }
    Some(total)
}

/// Ruby's `Integer("…")` after Psych deletes `,` and `_`: prefixes 0b, 0x and a leading 0 (octal).
fn parse_ruby_int(s: &str) -> Option<i128> {
    let cleaned: String = s.chars().filter(|c| *c != ',' && *c != '_').collect();
    let (neg, body) = match cleaned.as_bytes().first() {
        Some(b'-') => (true, &cleaned[1..]),
        Some(b'+') => (false, &cleaned[1..]),
        _ => (false, &cleaned[..]),
    };
    let v = if let Some(b) = body.strip_prefix("0b") {
        i128::from_str_radix(b, 2).ok()?
    } else if let Some(h) = body.strip_prefix("0x") {
        i128::from_str_radix(h, 16).ok()?
    } else if body.len() > 1 && body.starts_with('0') {
        i128::from_str_radix(&body[1..], 8).ok()?
    } else {
        body.parse().ok()?
    };
    Some(if neg { -v } else { v })
}

/// Whether a plain scalar is Psych's sexagesimal number (`1:20`), read otherwise by safe_yaml.
fn is_sexagesimal(text: &str, value: &Scalar) -> bool {
    matches!(value, Scalar::Int(_) | Scalar::Float(_)) && text.contains(':')
}

/// safe_yaml's `Parse::Sexagesimal`: base 60 from the right (`1:20` is 80), always a Float.
fn safe_yaml_sexagesimal(text: &str) -> Option<Scalar<'static>> {
    let neg = text.starts_with('-');
    let body = text.trim_start_matches(['-', '+']);
    let (whole, frac) = match body.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let mut total = 0.0;
    let mut weight = 1.0;
    for part in whole.rsplit(':') {
        total += part.replace('_', "").parse::<f64>().ok()? * weight;
        weight *= 60.0;
    }
    if let Some(f) = frac {
        total += format!("0.{}", f.replace('_', ""))
            .parse::<f64>()
            .unwrap_or(0.0);
    }
    Some(Scalar::Float(if neg { -total } else { total }))
}
