//! FM7xx: the site's own field schema (`fields:` in the configuration).
//!
//! Each field is judged once, and reports at most one problem: the first of missing, type,
//! empty, enum, pattern, path, offset that it has. A problem the built-in FM1xx/FM2xx rules
//! already report (and that is selected) is left to them, so that a site that both requires a
//! field and gives it a schema hears about a missing field once.

use std::ops::Range;
use std::path::{Component, Path};

use chrono::FixedOffset;

use crate::config::{FieldSpec, FieldType};
use crate::datetime::{self, DateInput, JekyllDate, Zone};
use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule, dates, fields, rule};
use crate::yaml::{Entry, Node, NodeKind, Scalar};

rule!(
    FIELD_MISSING,
    "FM701",
    "field-missing",
    Error,
    None,
    "A field the schema marks `present: true` is absent"
);
rule!(
    FIELD_TYPE,
    "FM702",
    "field-type",
    Error,
    None,
    "A field's value, as Jekyll's YAML loader reads it, is not the schema's `type` (or is null)"
);
rule!(
    FIELD_EMPTY,
    "FM703",
    "field-empty",
    Error,
    None,
    "A `non-empty` field is null, blank, [] or {}"
);
rule!(
    FIELD_ENUM,
    "FM704",
    "field-enum",
    Error,
    None,
    "A field's value is not one of the schema's `enum` values"
);
rule!(
    FIELD_PATTERN,
    "FM705",
    "field-pattern",
    Error,
    None,
    "A field's text does not match the schema's `pattern`"
);
rule!(
    FIELD_PATH_MISMATCH,
    "FM706",
    "field-path-mismatch",
    Error,
    None,
    "A field differs from the path segment its `path` pattern captures"
);
rule!(
    DATE_OFFSET,
    "FM707",
    "date-offset",
    Error,
    None,
    "A date's UTC offset as written is not one the schema's `offset` allows"
);

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (name, spec) in &ctx.settings.fields {
        if let Some(d) = check_field(ctx, name, spec) {
            out.push(d);
        }
    }
}

fn check_field(ctx: &Context<'_>, name: &str, spec: &FieldSpec) -> Option<Diagnostic> {
    let Some(entry) = ctx.post.get(name) else {
        // A value from `_config.yml` defaults is there for Jekyll: present, though not in the
        // file (its type is the site's business, not this post's).
        if ctx.effective(name).is_some() {
            return None;
        }
        return missing(ctx, name, spec);
    };
    let value = &entry.value;
    if left_to_builtin_rules(ctx, name, value) {
        return None;
    }
    if value.is_null() {
        return null_value(entry, spec);
    }
    wrong_type(ctx, entry, spec)
        .or_else(|| empty(entry, spec))
        .or_else(|| not_in_enum(ctx, entry, spec))
        .or_else(|| no_pattern_match(ctx, entry, spec))
        .or_else(|| path_mismatch(ctx, entry, spec))
        .or_else(|| bad_offset(ctx, entry, spec))
}

fn selected(ctx: &Context<'_>, rule: &Rule) -> bool {
    ctx.settings.selection.contains(rule)
}

/// Whether a selected built-in rule already reports what is wrong with this value: the same
/// root cause must not be reported twice. FM101 (missing) is handled in `missing`.
fn left_to_builtin_rules(ctx: &Context<'_>, name: &str, value: &Node) -> bool {
    let required = ctx.settings.required.iter().any(|k| k == name);
    // Jekyll reads `date` itself and FM202 says when it cannot (null and "" included).
    let unreadable_date =
        name == "date" && matches!(ctx.date(), Some(Err(_))) && selected(ctx, &dates::INVALID_DATE);
    let date_text = name == "date" && matches!(value.scalar(), Some(Scalar::Null | Scalar::Str(_)));
    let fm102 =
        required && !date_text && fields::is_empty(value) && selected(ctx, &fields::EMPTY_FIELD);
    let fm103 = !fields::has_expected_type(name, value) && selected(ctx, &fields::WRONG_TYPE);
    unreadable_date || fm102 || fm103
}

/// The front matter's closing line: where a missing key would have been (as FM101 points).
fn fence_close(ctx: &Context<'_>) -> Range<usize> {
    ctx.post.fence().map_or(0..0, |f| f.close.clone())
}

/// The value's span, or the key's when the value is an empty null (`key:`) with nothing to
/// underline.
fn value_span(entry: &Entry) -> Range<usize> {
    if entry.value.span.is_empty() {
        entry.key_span.clone()
    } else {
        entry.value.span.clone()
    }
}

/// `key: value` as written, on one line and short enough for a message.
fn shown(ctx: &Context<'_>, entry: &Entry) -> String {
    let raw = ctx.post.text.get(entry.value.span.clone()).unwrap_or("");
    let first = raw.lines().next().unwrap_or("").trim_end();
    let mut s = crate::diagnostic::cut(first, 60).into_owned();
    if first.len() < raw.trim_end().len() && !s.ends_with('…') {
        s.push('…');
    }
    format!("`{}: {s}`", crate::diagnostic::cut(&entry.key, 60))
}

/// The value as written, when it is one line: quoting it keeps exactly what the author typed
/// (`3.10`, which YAML reads as 3.1).
fn single_line_text<'a>(ctx: &Context<'a>, entry: &Entry) -> Option<&'a str> {
    let raw = ctx.post.text.get(entry.value.span.clone())?;
    (!raw.contains('\n')).then_some(raw)
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

fn missing(ctx: &Context<'_>, name: &str, spec: &FieldSpec) -> Option<Diagnostic> {
    if !spec.present {
        return None;
    }
    let fm101 =
        ctx.settings.required.iter().any(|k| k == name) && selected(ctx, &fields::MISSING_FIELD);
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
            &FIELD_MISSING,
            fence_close(ctx),
            format!("field `{name}` is missing: the schema says it must be present{may_be_empty}"),
        )
        .label(format!("the front matter ends here without `{name}`"))
        .help(format!(
            "add a line `{name}:` with its value to the front matter"
        )),
    )
}

/// Null passes only a `nullable` field. A `non-empty` field says so as FM703 (its own words
/// for "there is nothing here"), even when it is also `nullable`: the stricter key wins.
fn null_value(entry: &Entry, spec: &FieldSpec) -> Option<Diagnostic> {
    if spec.non_empty {
        return empty(entry, spec);
    }
    if spec.nullable {
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
            &FIELD_TYPE,
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
            &FIELD_TYPE,
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

fn empty(entry: &Entry, spec: &FieldSpec) -> Option<Diagnostic> {
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
            &FIELD_EMPTY,
            value_span(entry),
            format!("`{name}` is {what}: the schema says it must not be empty"),
        )
        .label("expected a non-empty value")
        .help(format!("give `{name}` a value")),
    )
}

/// The value's text for `enum`, `pattern` and `path`: Liquid's rendering of a scalar (what the
/// site would print). Lists and maps have none: they never satisfy those keys.
fn scalar_text(value: &Node) -> Option<String> {
    value.scalar().map(|_| value.display())
}

fn not_in_enum(ctx: &Context<'_>, entry: &Entry, spec: &FieldSpec) -> Option<Diagnostic> {
    let allowed = spec.enum_values.as_ref()?;
    let text = scalar_text(&entry.value);
    if text.as_ref().is_some_and(|t| allowed.contains(t)) {
        return None;
    }
    let list = allowed.join(", ");
    Some(
        Diagnostic::new(
            &FIELD_ENUM,
            value_span(entry),
            format!("{} is not one of the allowed values", shown(ctx, entry)),
        )
        .label(format!("expected one of: {list}"))
        .help(format!(
            "use one of: {list}; or add this value to the field's `enum` in the configuration"
        )),
    )
}

fn no_pattern_match(ctx: &Context<'_>, entry: &Entry, spec: &FieldSpec) -> Option<Diagnostic> {
    let pattern = spec.pattern.as_ref()?;
    if scalar_text(&entry.value).is_some_and(|t| pattern.regex.is_match(&t)) {
        return None;
    }
    Some(
        Diagnostic::new(
            &FIELD_PATTERN,
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
}

/// The post's path relative to the site root, `/`-separated, without `.` components; as given
/// when the root is unknown or the post lies outside it.
fn site_relative(path: &Path, root: Option<&Path>) -> String {
    let rel = root.and_then(|root| {
        let post = std::path::absolute(path).ok()?;
        let root = std::path::absolute(root).ok()?;
        post.strip_prefix(root).ok().map(Path::to_path_buf)
    });
    let rel = rel.as_deref().unwrap_or(path);
    rel.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn path_mismatch(ctx: &Context<'_>, entry: &Entry, spec: &FieldSpec) -> Option<Diagnostic> {
    let pattern = spec.path.as_ref()?;
    let rel = site_relative(ctx.post.path, ctx.settings.root.as_deref());
    // A post outside the pattern's folders is not this field's business.
    let segment = pattern.capture_in(&rel)?;
    if scalar_text(&entry.value).as_deref() == Some(segment.as_str()) {
        return None;
    }
    let name = &entry.key;
    Some(
        Diagnostic::new(
            &FIELD_PATH_MISMATCH,
            value_span(entry),
            format!(
                "{} differs from the post's path, which says `{segment}`",
                shown(ctx, entry)
            ),
        )
        .label(format!(
            "expected `{segment}` (`{{{}}}` in `{}`)",
            pattern.capture, pattern.source
        ))
        .help(format!(
            "write `{name}: {segment}`, or move the post to the folder that `{name}` names"
        )),
    )
}

/// The value read as Jekyll reads a date, when it is one.
fn as_date(ctx: &Context<'_>, value: &Node) -> Option<JekyllDate> {
    let input = match value.scalar()? {
        Scalar::Time(t) => DateInput::Timestamp(t),
        Scalar::Date(t) => DateInput::Day(t),
        Scalar::Str(s) => DateInput::Text(s),
        _ => return None,
    };
    datetime::read(input, ctx.timezone()).ok()
}

/// `+08:00`, `-05:30`, `+00:00`.
fn format_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
}

/// The offsets a field allows, for messages: `+00:00` or `+08:00 or +09:00`.
fn offsets_phrase(offsets: &[i32]) -> String {
    if offsets.is_empty() {
        return "no offset at all (the field's `offset` list is empty)".to_string();
    }
    offsets
        .iter()
        .map(|o| format_offset(*o))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The same instant written with an allowed offset, when the instant does not depend on the
/// build machine (a zone-less text without a site timezone does). The author's layout stays:
/// RFC 3339 stays RFC 3339, anything else becomes `2021-07-20 10:40:01 +0000`, the form
/// Jekyll's own post template writes.
fn rewritten(date: &JekyllDate, written: &str, offsets: &[i32]) -> Option<String> {
    if date.zone
        == (Zone::SiteLocal {
            site_zone_set: false,
        })
    {
        return None;
    }
    let offset = FixedOffset::east_opt(*offsets.first()?)?;
    if written.contains(['T', 't']) {
        let moved = JekyllDate {
            offset,
            ..date.clone()
        };
        return Some(moved.to_rfc3339());
    }
    let local = date.instant.with_timezone(&offset);
    let mut out = local.format("%Y-%m-%d %H:%M:%S").to_string();
    if let Some(f) = &date.fraction {
        out.push('.');
        out.push_str(f);
    }
    out.push_str(&local.format(" %z").to_string());
    Some(out)
}

fn bad_offset(ctx: &Context<'_>, entry: &Entry, spec: &FieldSpec) -> Option<Diagnostic> {
    let offsets = spec.offsets.as_ref()?;
    // A value that is no date at all is FM702's (or FM202's) to report.
    let date = as_date(ctx, &entry.value)?;
    let written = (date.zone == Zone::Explicit).then(|| date.offset.local_minus_utc());
    if written.is_some_and(|o| offsets.contains(&o)) {
        return None;
    }
    let allowed = offsets_phrase(offsets);
    let message = match written {
        Some(o) => format!(
            "{} has the offset {}, expected {allowed}",
            shown(ctx, entry),
            format_offset(o)
        ),
        None => format!(
            "{} has no UTC offset, expected {allowed}",
            shown(ctx, entry)
        ),
    };
    let help = match rewritten(&date, &entry.value.display(), offsets) {
        Some(fixed) => format!("write the same instant with an allowed offset: `{fixed}`"),
        None => format!("write the date with an allowed offset ({allowed})"),
    };
    Some(
        Diagnostic::new(&DATE_OFFSET, value_span(entry), message)
            .label(format!("expected an offset of {allowed}"))
            .help(help),
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use crate::config::Settings;
    use crate::config::load;
    use crate::lint::lint_text;
    use crate::rules::testing::{CANON, with};

    /// The defaults with a configuration's text applied, `path` patterns relative to the path
    /// as given.
    fn settings(config: &str) -> Settings {
        let layer = load::parse(".fmlint.yml", Arc::from(config), None)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .unwrap_or_default();
        let mut s = Settings::default();
        layer.apply(&mut s, None);
        s.root = None;
        s
    }

    fn codes_with(config: &str, path: &str, text: &str) -> Vec<&'static str> {
        let mut c: Vec<_> = lint_text(
            Path::new(path),
            text,
            &settings(config),
            &Default::default(),
        )
        .iter()
        .map(|d| d.code())
        .collect();
        c.sort();
        c
    }

    fn codes(config: &str, text: &str) -> Vec<&'static str> {
        codes_with(config, "_posts/2021-07-20-x.md", text)
    }

    /// The canonical post with `line` added at the end of the front matter.
    fn plus(line: &str) -> String {
        with(
            "categories: [ 联合早报 ]\n",
            &format!("categories: [ 联合早报 ]\n{line}\n"),
        )
    }

    const NONE: [&str; 0] = [];

    #[test]
    fn the_canonical_post_is_clean_under_a_schema_it_meets() {
        let config = "fields:\n  author: { type: string, non-empty: true }\n  date: { type: date, present: true, offset: \"+00:00\" }\n  tags: { type: list }\n  layout: { enum: [post] }\n";
        assert_eq!(codes(config, CANON), NONE);
    }

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
    fn enum_and_pattern_judge_the_text() {
        let config = "fields:\n  x: { enum: [en, ja, 1] }\n";
        assert_eq!(codes(config, &plus("x: ja")), NONE);
        assert_eq!(codes(config, &plus("x: 1")), NONE);
        assert_eq!(codes(config, &plus("x: zh")), ["FM704"]);
        assert_eq!(codes(config, &plus("x: [ en ]")), ["FM704"]);
        let config = "fields:\n  v: { pattern: \"\\\\d+\\\\.\\\\d+\\\\.\\\\d+\" }\n";
        assert_eq!(codes(config, &plus("v: 3.3.12")), NONE);
        // is_match: the user's pattern has no anchors, so text around the match is fine.
        assert_eq!(codes(config, &plus("v: ruby-3.3.12-p1")), NONE);
        assert_eq!(codes(config, &plus("v: 3.3")), ["FM705"]);
        assert_eq!(codes(config, &plus("v: [ 3.3.12 ]")), ["FM705"]);
        let anchored = "fields:\n  v: { pattern: \"^\\\\d+\\\\.\\\\d+\\\\.\\\\d+$\" }\n";
        assert_eq!(codes(anchored, &plus("v: ruby-3.3.12")), ["FM705"]);
    }

    #[test]
    fn one_diagnostic_per_field() {
        // Wrong type, not in the enum and not matching: the type is the root cause.
        let config = "fields:\n  x: { type: string, enum: [a], pattern: \"^a$\" }\n";
        assert_eq!(codes(config, &plus("x: 12")), ["FM702"]);
        assert_eq!(codes(config, &plus("x: b")), ["FM704"]);
    }

    #[test]
    fn path_captures_the_segment() {
        let config = "fields:\n  lang: { type: string, path: \"{lang}/news/_posts/**\" }\n";
        let text = plus("lang: en");
        assert_eq!(
            codes_with(config, "en/news/_posts/2021-07-20-x.md", &text),
            NONE
        );
        assert_eq!(
            codes_with(config, "./en/news/_posts/2021-07-20-x.md", &text),
            NONE
        );
        assert_eq!(
            codes_with(config, "ja/news/_posts/2021-07-20-x.md", &text),
            ["FM706"]
        );
        // Outside the pattern: silent.
        assert_eq!(
            codes_with(config, "_posts/2021-07-20-x.md", &plus("lang: ja")),
            NONE
        );
    }

    #[test]
    fn path_is_relative_to_the_root() {
        let config = "fields:\n  lang: { type: string, path: \"{lang}/news/_posts/**\" }\n";
        let mut s = settings(config);
        s.root = Some("site".into());
        let diags = |path: &str, text: &str| -> Vec<&'static str> {
            lint_text(Path::new(path), text, &s, &Default::default())
                .iter()
                .map(|d| d.code())
                .collect()
        };
        assert_eq!(
            diags("site/en/news/_posts/2021-07-20-x.md", &plus("lang: en")),
            NONE
        );
        assert_eq!(
            diags("site/en/news/_posts/2021-07-20-x.md", &plus("lang: ja")),
            ["FM706"]
        );
    }

    #[test]
    fn offsets_as_written() {
        let config = "fields:\n  date: { type: date, offset: [\"+00:00\", \"+08:00\"] }\n";
        let date = |d: &str| with("2021-07-20T10:40:01.779Z", d);
        assert_eq!(codes(config, CANON), NONE);
        assert_eq!(codes(config, &date("2021-07-20T18:40:01.779+08:00")), NONE);
        assert_eq!(
            codes(config, &date("2021-07-20T19:40:01.779+09:00")),
            ["FM707"]
        );
        // No offset written: fails, whatever YAML or the site's zone makes of it.
        let zoneless = "ignore: [FM201]\nfields:\n  date: { type: date, offset: \"+00:00\" }\n";
        assert_eq!(codes(zoneless, &date("2021-07-20 10:40:01.779")), ["FM707"]);
        assert_eq!(
            codes(zoneless, &date("\"2021-07-20 10:40:01.779\"")),
            ["FM707"]
        );
    }

    #[test]
    fn messages_say_what_was_expected() {
        let s = settings("fields:\n  date: { type: date, offset: \"+08:00\" }\n");
        let d = lint_text(
            Path::new("_posts/2021-07-20-x.md"),
            CANON,
            &s,
            &Default::default(),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "`date: 2021-07-20T10:40:01.779Z` has the offset +00:00, expected +08:00"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("write the same instant with an allowed offset: `2021-07-20T18:40:01.779+08:00`")
        );
        assert_eq!(&CANON[d[0].span.clone()], "2021-07-20T10:40:01.779Z");
    }

    #[test]
    fn the_suggested_date_keeps_the_authors_layout() {
        let s = settings("fields:\n  date: { type: date, offset: \"+00:00\" }\n");
        let text = with("2021-07-20T10:40:01.779Z", "2021-07-20 18:40:01 +0800");
        let d = lint_text(
            Path::new("_posts/2021-07-20-x.md"),
            &text,
            &s,
            &Default::default(),
        );
        let help: Vec<_> = d
            .iter()
            .filter(|d| d.code() == "FM707")
            .filter_map(|d| d.help.as_deref())
            .collect();
        assert_eq!(
            help,
            ["write the same instant with an allowed offset: `2021-07-20 10:40:01 +0000`"]
        );
    }

    #[test]
    fn odd_values_are_judged_without_panicking() {
        let config = "fields:\n  x: { present: true, type: date, non-empty: true, enum: [a], pattern: \"^a\", path: \"{x}/**\", offset: [\"+00:00\", \"-23:59\"] }\n";
        for v in [
            "x: &a 1\ny: *a",
            "y: &a 1\nx: *a",
            "x: !!str 2021-07-20",
            "x: |\n  line one\n  line two",
            "x: \"2021-07-20T10:40:01+23:59\"",
            "x: \"2021-07-20T10:40:01-23:59\"",
            "x: 9999-12-31 23:59:60 -2359",
            "x: { a: [ b, { c: d } ] }",
            "x: \"\u{1F600}\u{0301}\"",
            "x: [ ~ ]",
        ] {
            let text = plus(v).replace('\n', "\r\n");
            for path in ["a/_posts/2021-07-20-x.md", "", "/", "../x"] {
                codes_with(config, path, &text);
            }
        }
        // An alias reads as its anchor's value, as Psych reads it: the number 1, not a string.
        // Its text is `*a`, so no fix may rewrite it.
        let config = settings("fields:\n  y: { type: string }\n");
        let aliased = plus("x: &a 1\ny: *a");
        let d = lint_text(
            Path::new("_posts/2021-07-20-x.md"),
            &aliased,
            &config,
            &Default::default(),
        );
        assert_eq!(d.iter().map(|d| d.code()).collect::<Vec<_>>(), ["FM702"]);
        assert!(d[0].fix.is_none(), "{:?}", d[0].fix);
    }

    #[test]
    fn missing_points_at_the_closing_fence() {
        let s = settings("fields:\n  lang: { present: true }\n");
        let d = lint_text(
            Path::new("_posts/2021-07-20-x.md"),
            CANON,
            &s,
            &Default::default(),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(&CANON[d[0].span.clone()], "---");
        assert!(d[0].span.start > 0);
    }
}
