//! The learned profile as a `.fmlint.yml` a person can read: every choice on its own line with
//! a comment saying what was seen. The text is also what the trial runs, so what is written is
//! exactly what was tried.

use std::fmt::Write as _;

use super::learn::{Profile, Spec, thousands};
use crate::rules;
use crate::yaml;

/// A string as a YAML scalar: plain when YAML reads it back as that same string, else
/// double-quoted (JSON's escapes are YAML's).
pub fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !s.starts_with(['-', '.'])
        && yaml::plain_reads_as_text(s);
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
    }
}

/// Text for a comment or a terminal: control characters (a line break in a key would end the
/// comment) and bidirectional controls written as escapes, as every report shows them.
pub fn printable(s: &str) -> String {
    crate::visible::visible_line(s).into_owned()
}

pub fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items
            .iter()
            .map(|s| scalar(s))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// `+08:00`.
pub fn offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    format!(
        "{sign}{:02}:{:02}",
        secs.abs() / 3600,
        secs.abs() % 3600 / 60
    )
}

fn spec(s: &Spec) -> String {
    let mut parts = Vec::new();
    if s.present {
        parts.push("present: true".to_string());
    }
    if let Some(t) = s.ty {
        parts.push(format!("type: {t}"));
    }
    if s.nullable {
        parts.push("nullable: true".into());
    }
    if s.non_empty {
        parts.push("non-empty: true".into());
    }
    if let Some(e) = &s.enum_values {
        parts.push(format!("enum: {}", list(e)));
    }
    if let Some(p) = &s.path {
        parts.push(format!(
            "path: {}",
            serde_json::to_string(p).unwrap_or_default()
        ));
    }
    if let Some(o) = &s.offsets {
        let shown: Vec<String> = o.iter().map(|x| format!("\"{}\"", offset(*x))).collect();
        parts.push(format!("offset: [{}]", shown.join(", ")));
    }
    if parts.is_empty() {
        "{}".into()
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

fn rule_name(code: &str) -> &'static str {
    rules::find(code).map_or("", |r| r.name)
}

/// The configuration text.
pub fn config(p: &Profile) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# fmlint configuration written by `fmlint init` from the {} posts of this site.",
        thousands(p.posts)
    );
    let _ = writeln!(
        out,
        "# A convention is kept when at least {}% of the posts keep it (`--min-share {}`); each",
        (p.min_share * 1000.0).round() / 10.0,
        p.min_share
    );
    let _ = writeln!(
        out,
        "# choice says what was seen. The posts that depart are the site's outliers: `fmlint`"
    );
    let _ = writeln!(
        out,
        "# lists them. Always on: unreadable posts and front matter (FM0xx), dates Jekyll"
    );
    let _ = writeln!(
        out,
        "# cannot read (FM202), duplicate and empty terms (FM502, FM503), the field schema (FM7xx)."
    );
    for n in &p.notes {
        let _ = writeln!(out, "# Seen: {}.", printable(n));
    }
    out.push('\n');
    if p.required.is_empty() {
        let _ = writeln!(
            out,
            "# No field is in nearly every post everywhere; `fields:` below says what is."
        );
        let _ = writeln!(out, "required: []");
    } else {
        let _ = writeln!(
            out,
            "# Fields nearly every post has, never empty (FM101, FM102)."
        );
        let _ = writeln!(out, "required:");
        for (name, k) in &p.required {
            let _ = writeln!(
                out,
                "  - {:<30} # {}",
                scalar(name),
                super::learn::of(*k, p.posts)
            );
        }
    }
    if let Some((layouts, k)) = &p.layouts {
        let _ = writeln!(
            out,
            "{:<32} # FM104: the layouts of the {} with one",
            format!("layouts: {}", list(layouts)),
            super::learn::of(*k, p.posts)
        );
    }
    out.push('\n');
    let _ = writeln!(out, "rules:");
    for r in &p.rules {
        let value = match r.options() {
            None => "off".to_string(),
            Some([]) => "{ severity: default }".to_string(),
            Some(opts) => format!(
                "{{ {} }}",
                opts.iter()
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        // A rule kept as it is needs no options: it is on by default.
        if value == "{ severity: default }" {
            let _ = writeln!(
                out,
                "  # {} {}: on, {}",
                r.code,
                rule_name(r.code),
                printable(&r.note)
            );
            continue;
        }
        let _ = writeln!(
            out,
            "  {:<30} # {}: {}",
            format!("{}: {value}", r.code),
            rule_name(r.code),
            printable(&r.note)
        );
    }
    if !p.fields.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "# The field schema (FM701-FM707).");
        let _ = writeln!(out, "fields:");
        for f in &p.fields {
            let _ = writeln!(out, "  # {}", printable(&f.note));
            let _ = writeln!(out, "  {}: {}", scalar(&f.name), spec(&f.spec));
        }
    }
    if !p.overrides.is_empty() {
        out.push('\n');
        let _ = writeln!(
            out,
            "# Where the site is split (folders, eras), the fields that differ there."
        );
        let _ = writeln!(out, "overrides:");
        for o in &p.overrides {
            let _ = writeln!(out, "  # {}", printable(&o.note));
            let _ = writeln!(out, "  - paths:");
            for path in &o.paths {
                let _ = writeln!(
                    out,
                    "      - {}",
                    serde_json::to_string(path).unwrap_or_default()
                );
            }
            let _ = writeln!(out, "    fields:");
            for (name, s) in &o.fields {
                let _ = writeln!(out, "      {}: {}", scalar(name), spec(s));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_read_back_as_the_same_string() {
        assert_eq!(scalar("news_post"), "news_post");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("1.0"), "\"1.0\"");
        assert_eq!(scalar("a b"), "\"a b\"");
        assert_eq!(scalar("-x"), "\"-x\"");
        assert_eq!(scalar("中文"), "中文");
        assert_eq!(offset(-19800), "-05:30");
    }
}
