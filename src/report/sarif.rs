//! `--format sarif`: SARIF 2.1.0 (OASIS), one run, for GitHub code scanning and other SARIF
//! viewers. `tool.driver.rules` is the whole registry, each rule described from its page in
//! `rules/`; each result has its physical location and, where the diagnostic carries a fix, the
//! fix as replacements. Regions are 1-based and count Unicode code points, as fmlint's columns
//! do everywhere; the run says so with `columnKind`. The output is checked by Microsoft's SARIF
//! Multitool in `tests/formats.rs`.

use std::io::{self, Write};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};

use super::{FileReport, Reporter, Summary};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::rules::{self, Rule};

pub struct Sarif;

pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The repository's address (Cargo.toml's `repository`); rule pages are under `rules/` there.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Where a rule's page is read on the web.
pub fn help_uri(rule: &Rule) -> String {
    format!(
        "{REPOSITORY}/blob/main/rules/{}-{}.md",
        rule.code, rule.name
    )
}

/// A rule's "What it checks" section, as one paragraph of text.
pub fn full_description(rule: &Rule) -> String {
    let section = rule
        .doc
        .split("\n## What it checks\n")
        .nth(1)
        .map(|rest| rest.split("\n## ").next().unwrap_or(rest))
        .unwrap_or(rule.summary);
    section.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `tool.driver.rules[i]` for one rule.
pub fn rule_descriptor(rule: &Rule) -> Value {
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": full_description(rule) },
        "help": { "text": rule.doc, "markdown": rule.doc },
        "helpUri": help_uri(rule),
        "defaultConfiguration": { "level": rule.severity.as_str() },
        "properties": { "fix": rule.fix.as_str() },
    })
}

/// What a `uri` keeps as itself: RFC 3986's unreserved characters and the path separator.
const URI_KEPT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// An artifact location's `uri`: a relative reference for a relative path (percent-encoded, `/`
/// separated), a `file://` URI for an absolute one.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let scheme = if path.starts_with('/') { "file://" } else { "" };
    format!("{scheme}{}", utf8_percent_encode(&path, URI_KEPT))
}

fn region(file: &FileReport, span: &std::ops::Range<usize>) -> Value {
    let (line, col) = file.lines.line_col(&file.text, span.start);
    let (end_line, end_col) = file.lines.line_col(&file.text, span.end);
    json!({
        "startLine": line,
        "startColumn": col,
        "endLine": end_line,
        "endColumn": end_col,
    })
}

fn result(file: &FileReport, uri: &str, d: &Diagnostic) -> Value {
    let location = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": region(file, &d.span),
        }
    });
    let mut r = json!({
        "ruleId": d.rule.code,
        "level": d.severity.as_str(),
        "message": { "text": d.message },
        "locations": [location],
    });
    if let Some(i) = rules::index_of(d.rule) {
        r["ruleIndex"] = json!(i);
    }
    if !d.related.is_empty() {
        r["relatedLocations"] = d
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| {
                json!({
                    "id": i + 1,
                    "message": { "text": rel.label },
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region(file, &rel.span),
                    }
                })
            })
            .collect();
    }
    if let Some(fix) = &d.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                json!({
                    "deletedRegion": region(file, &e.range),
                    "insertedContent": { "text": e.replacement },
                })
            })
            .collect();
        r["fixes"] = json!([{
            "description": { "text": fix.message },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri },
                "replacements": replacements,
            }],
            "properties": { "applicability": match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            } },
        }]);
    }
    r
}

impl Reporter for Sarif {
    fn render_file(&self, file: &FileReport) -> String {
        let uri = uri(&file.path);
        let mut out = String::new();
        for d in &file.diagnostics {
            if !out.is_empty() {
                out.push_str(",\n");
            }
            out.push_str("        ");
            out.push_str(&result(file, &uri, d).to_string());
        }
        out
    }

    fn finish(&self, out: &mut dyn Write, chunks: &[String], _: &Summary) -> io::Result<()> {
        // Hand-framed so that results stream from the chunks; one rule and one result a line.
        let version = json!(env!("CARGO_PKG_VERSION"));
        writeln!(out, "{{")?;
        writeln!(out, "  \"$schema\": {},", json!(SCHEMA))?;
        writeln!(out, "  \"version\": \"2.1.0\",")?;
        writeln!(
            out,
            "  \"runs\": [\n    {{\n      \"tool\": {{\n        \"driver\": {{"
        )?;
        writeln!(out, "          \"name\": \"fmlint\",")?;
        writeln!(out, "          \"version\": {version},")?;
        writeln!(out, "          \"semanticVersion\": {version},")?;
        writeln!(out, "          \"informationUri\": {},", json!(REPOSITORY))?;
        writeln!(out, "          \"rules\": [")?;
        for (i, r) in rules::REGISTRY.iter().enumerate() {
            let sep = if i + 1 < rules::REGISTRY.len() {
                ","
            } else {
                ""
            };
            writeln!(out, "            {}{sep}", rule_descriptor(r))?;
        }
        writeln!(out, "          ]\n        }}\n      }},")?;
        writeln!(out, "      \"columnKind\": \"unicodeCodePoints\",")?;
        writeln!(out, "      \"results\": [")?;
        super::write_json_items(out, chunks)?;
        writeln!(out, "      ]\n    }}\n  ]\n}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_references() {
        assert_eq!(uri("_posts/2021-07-20-a.md"), "_posts/2021-07-20-a.md");
        assert_eq!(uri("my site/_posts/a b.md"), "my%20site/_posts/a%20b.md");
        assert_eq!(uri("_posts/新闻.md"), "_posts/%E6%96%B0%E9%97%BB.md");
        assert_eq!(uri("c:x/_posts/a.md"), "c%3Ax/_posts/a.md");
        assert_eq!(uri("/srv/site/_posts/a.md"), "file:///srv/site/_posts/a.md");
        assert_eq!(uri("site\\_posts\\a.md"), "site/_posts/a.md");
    }

    #[test]
    fn full_description_is_the_what_it_checks_section() {
        let d = full_description(rules::RuleId::DateFormat.rule());
        assert!(d.starts_with("`date` is a date Jekyll can read"), "{d}");
        assert!(!d.contains("## "), "{d}");
        assert!(!d.contains('\n'));
    }

    #[test]
    fn help_uri_points_at_the_page() {
        assert!(
            help_uri(rules::RuleId::DateFormat.rule()).ends_with("/rules/FM201-date-format.md")
        );
    }
}
