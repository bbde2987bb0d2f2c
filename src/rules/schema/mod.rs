//! FM7xx: the site's own field schema (`fields:` in the configuration).
//!
//! Each field reports at most one problem: the first of type, empty, enum, pattern, path,
//! offset that it has. Every diagnostic here names its field as its subject and each rule
//! lists the earlier ones in its `superseded_by`, so the order is the registry's, applied in
//! `lint::supersede`. A problem the built-in FM1xx/FM2xx rules already report (and that is
//! selected) is left to them, so that a site that both requires a field and gives it a schema
//! hears about a missing field once.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::registry::RuleId;
use crate::rules::{Context, fields};
use crate::yaml::{Entry, Node, Scalar};

pub mod field_spec;

crate::rules::family! {
    fm701_field_missing,
    fm702_field_type,
    fm703_field_empty,
    fm704_field_enum,
    fm705_field_pattern,
    fm706_field_path_mismatch,
    fm707_date_offset,
}

pub use field_spec::{FieldSpec, FieldType, PathPattern, Pattern};

/// Runs `judge` on each field with a schema that the post writes (FM701 judges the others)
/// and that no selected built-in rule reports, and gives what it reports the field as its
/// subject.
fn judge_written(
    ctx: &Context<'_>,
    out: &mut Vec<Diagnostic>,
    judge: impl Fn(&Entry, &FieldSpec) -> Option<Diagnostic>,
) {
    for (name, spec) in &ctx.settings.fields {
        let Some(entry) = ctx.post.get(name) else {
            continue;
        };
        if left_to_builtin_rules(ctx, name, &entry.value) {
            continue;
        }
        if let Some(d) = judge(entry, spec) {
            out.push(d.subject(name));
        }
    }
}

/// [`judge_written`] for the rules after FM703: a null is FM702's or FM703's to judge (or
/// allowed), never theirs.
fn judge_values(
    ctx: &Context<'_>,
    out: &mut Vec<Diagnostic>,
    judge: impl Fn(&Entry, &FieldSpec) -> Option<Diagnostic>,
) {
    judge_written(ctx, out, |entry, spec| {
        if entry.value.is_null() {
            None
        } else {
            judge(entry, spec)
        }
    });
}

fn selected(ctx: &Context<'_>, rule: RuleId) -> bool {
    ctx.settings.selection.contains(rule.rule())
}

/// Whether FM102 owns this value's emptiness. FM103 and FM202 on the same key are
/// `superseded_by` data (they fire exactly when they own it); FM102's claim is wider than its
/// diagnostics: a required field left empty whose default or `tag:`/`category:` supplies it
/// gets no FM102, and must get no FM70x either.
fn left_to_builtin_rules(ctx: &Context<'_>, name: &str, value: &Node) -> bool {
    let required = ctx.settings.required.iter().any(|k| k == name);
    let date_text = name == "date" && matches!(value.scalar(), Some(Scalar::Null | Scalar::Str(_)));
    required && !date_text && fields::is_empty(value) && selected(ctx, RuleId::EmptyField)
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

/// The value's text for `enum`, `pattern` and `path`: Liquid's rendering of a scalar (what the
/// site would print). Lists and maps have none: they never satisfy those keys.
fn scalar_text(value: &Node) -> Option<String> {
    value.scalar().map(|_| value.display())
}

#[cfg(test)]
mod testing {
    use std::path::Path;
    use std::sync::Arc;

    use crate::config::Settings;
    use crate::config::load;
    use crate::lint::lint_text;
    pub use crate::rules::testing::{CANON, with};

    /// The defaults with a configuration's text applied, `path` patterns relative to the path
    /// as given.
    pub fn settings(config: &str) -> Settings {
        let layer = load::parse(".fmlint.yml", Arc::from(config), None)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .unwrap_or_default();
        let mut s = Settings::default();
        layer.apply(&mut s, None);
        s.root = None;
        s
    }

    pub fn codes_with(config: &str, path: &str, text: &str) -> Vec<&'static str> {
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

    pub fn codes(config: &str, text: &str) -> Vec<&'static str> {
        codes_with(config, "_posts/2021-07-20-x.md", text)
    }

    /// The diagnostics of the post under a configuration.
    pub fn diagnostics(config: &str, text: &str) -> Vec<crate::diagnostic::Diagnostic> {
        lint_text(
            Path::new("_posts/2021-07-20-x.md"),
            text,
            &settings(config),
            &Default::default(),
        )
    }

    /// The canonical post with `line` added at the end of the front matter.
    pub fn plus(line: &str) -> String {
        with(
            "categories: [ 联合早报 ]\n",
            &format!("categories: [ 联合早报 ]\n{line}\n"),
        )
    }

    pub const NONE: [&str; 0] = [];
}

#[cfg(test)]
mod tests {
    use super::testing::*;

    #[test]
    fn the_canonical_post_is_clean_under_a_schema_it_meets() {
        let config = "fields:\n  author: { type: string, non-empty: true }\n  date: { type: date, present: true, offset: \"+00:00\" }\n  tags: { type: list }\n  layout: { enum: [post] }\n";
        assert_eq!(codes(config, CANON), NONE);
    }

    #[test]
    fn one_diagnostic_per_field() {
        // Wrong type, not in the enum and not matching: the type is the root cause.
        let config = "fields:\n  x: { type: string, enum: [a], pattern: \"^a$\" }\n";
        assert_eq!(codes(config, &plus("x: 12")), ["FM702"]);
        assert_eq!(codes(config, &plus("x: b")), ["FM704"]);
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
        let d = diagnostics("fields:\n  y: { type: string }\n", &plus("x: &a 1\ny: *a"));
        assert_eq!(d.iter().map(|d| d.code()).collect::<Vec<_>>(), ["FM702"]);
        assert!(d[0].fix.is_none(), "{:?}", d[0].fix);
    }
}
