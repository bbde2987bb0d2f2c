//! Explicit tags as `Psych::Visitors::ToRuby` reads them under `Psych.safe_load`
//! (`permitted_classes: [Date, Time]`): a tag decides a scalar's type even when it is quoted
//! (`!!int "12"`), and a tag naming a Ruby class Jekyll does not permit is refused with
//! Psych's `DisallowedClass` message. safe_yaml ignores tags; the builder never asks here for it.

use std::borrow::Cow;
use std::ops::Range;

use super::model::{ErrorKind, Scalar, YamlError};

const STR_TAG: &str = "tag:yaml.org,2002:str";
const FLOAT_TAG: &str = "tag:yaml.org,2002:float";
const BINARY_TAG: &str = "tag:yaml.org,2002:binary";

/// What `ToRuby#deserialize` makes of a scalar tagged `tag`; `plain` is `tokenize`'s reading of
/// the same text, which most tags keep.
pub(super) fn scalar<'t>(
    text: &'t str,
    tag: &str,
    span: &Range<usize>,
    plain: impl FnOnce() -> Result<Scalar<'t>, YamlError>,
) -> Result<Scalar<'t>, YamlError> {
    let disallowed = |class: &str| Err(YamlError::disallowed(class, span.clone()));
    if let Some(class) = class_of_string_tag(tag) {
        return match class {
            Some(c) => disallowed(c),
            None => Ok(Scalar::Str(Cow::Borrowed(text))),
        };
    }
    match tag {
        BINARY_TAG | "!binary" => Ok(Scalar::Str(Cow::Borrowed(text))),
        "!ruby/object:BigDecimal" => disallowed("BigDecimal"),
        "!ruby/object:DateTime" => disallowed("DateTime"),
        "!ruby/object:Complex" => disallowed("Complex"),
        "!ruby/object:Rational" => disallowed("Rational"),
        "!ruby/class" | "!ruby/module" => disallowed(text),
        "!ruby/regexp" => disallowed("Regexp"),
        "!ruby/range" => disallowed("Range"),
        t if t.starts_with("!ruby/sym") => disallowed("Symbol"),
        FLOAT_TAG | "!float" => ruby_float(plain()?, text, span),
        _ => plain(),
    }
}

/// A tag on a collection that `safe_load` refuses: a Ruby class it does not permit.
pub(super) fn collection(tag: &str, span: Range<usize>, map: bool) -> Result<(), YamlError> {
    const CLASS_PREFIXES: [&str; 6] = [
        "!ruby/object:",
        "!ruby/hash:",
        "!ruby/struct:",
        "!ruby/exception:",
        "!ruby/hash-with-ivars:",
        "!ruby/array:",
    ];
    if let Some(class) = CLASS_PREFIXES.iter().find_map(|p| tag.strip_prefix(p)) {
        return Err(YamlError::disallowed(class, span));
    }
    let class = match tag {
        "tag:yaml.org,2002:set" | "!set" if map => "Psych::Set",
        "!ruby/range" => "Range",
        "!ruby/regexp" => "Regexp",
        "!ruby/object" | "!ruby/struct" | "!ruby/exception" => "Object",
        _ => return Ok(()),
    };
    Err(YamlError::disallowed(class, span))
}

/// `!str`, `!ruby/string`, `tag:yaml.org,2002:str`: Some(None) for a plain string, Some(class)
/// for a string subclass Psych would have to load.
fn class_of_string_tag(tag: &str) -> Option<Option<&str>> {
    if tag == STR_TAG {
        return Some(None);
    }
    let rest = tag
        .strip_prefix("!str")
        .or_else(|| tag.strip_prefix("!ruby/string"))?;
    match rest {
        "" => Some(None),
        r => {
            let class = r.strip_prefix(':')?;
            Some((!class.is_empty()).then_some(class))
        }
    }
}

/// Ruby's `Float(x)` on what `tokenize` gave: numbers convert, numeric strings parse, the rest
/// raise (`TypeError` for nil and booleans, `ArgumentError` for other text).
fn ruby_float<'t>(v: Scalar<'t>, text: &str, span: &Range<usize>) -> Result<Scalar<'t>, YamlError> {
    let fail = |m: String| Err(YamlError::refused(ErrorKind::Load, m, span.clone()));
    match v {
        Scalar::Int(i) => Ok(Scalar::Float(i.get() as f64)),
        Scalar::Float(f) => Ok(Scalar::Float(f)),
        Scalar::Null => fail("can't convert nil into Float".into()),
        Scalar::Bool(b) => fail(format!("can't convert {b} into Float")),
        Scalar::Str(s) => match ruby_float_str(&s) {
            Some(f) => Ok(Scalar::Float(f)),
            None => fail(format!("invalid value for Float(): {text:?}")),
        },
        Scalar::Time(_) => fail("can't convert Time into Float".into()),
        Scalar::Date(_) => fail("can't convert Date into Float".into()),
    }
}

/// `Float("…")`: decimal digits with single underscores between them, an optional fraction
/// and exponent, blanks around.
fn ruby_float_str(s: &str) -> Option<f64> {
    let t = s.trim_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let b = t.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            let digit = |j: Option<&u8>| j.is_some_and(u8::is_ascii_digit);
            if !(i > 0 && digit(b.get(i - 1)) && digit(b.get(i + 1))) {
                return None;
            }
        }
    }
    let cleaned: String = t.chars().filter(|&c| c != '_').collect();
    let ok = cleaned
        .trim_start_matches(['+', '-'])
        .starts_with(|c: char| c.is_ascii_digit())
        && cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && !cleaned.ends_with('.');
    if !ok {
        return None;
    }
    cleaned.parse().ok()
}
