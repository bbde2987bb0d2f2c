//! Hover texts: a rule's page summary on its diagnostics, and what `fmlint inspect` says of the
//! post (on its fences, and for the `fmlint.inspect` command).

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::inspect;
use crate::report::sarif;
use crate::rules::Rule;

/// Markdown for the diagnostics under the cursor: each one's message, then its rule's summary
/// and "what it checks", and a link to its page.
pub fn rules_markdown(diags: &[&Diagnostic]) -> String {
    let mut out = String::new();
    let mut seen: Vec<&Rule> = Vec::new();
    for d in diags {
        if !out.is_empty() {
            out.push_str("\n\n---\n\n");
        }
        let r = d.rule;
        out.push_str(&format!(
            "**{} {}** ({}, fix: {})\n\n{}",
            r.code,
            r.name,
            d.severity.as_str(),
            r.fix.as_str(),
            plain(&d.message)
        ));
        if seen.iter().any(|s| std::ptr::eq(*s, r)) {
            continue;
        }
        seen.push(r);
        out.push_str(&format!(
            "\n\n*{}*\n\n{}\n\n[{} {}]({})",
            plain(r.summary),
            sarif::full_description(r),
            r.code,
            r.name,
            sarif::help_uri(r)
        ));
    }
    out
}

/// A message as Markdown text: its own backticks kept (fmlint's messages quote values with
/// them), anything else that Markdown would read as markup escaped.
fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `fmlint inspect`'s report of one post, for the text the editor holds.
pub fn inspect_text(path: &Path, text: &str, ws: &super::workspace::Workspace) -> String {
    let item = inspect::inspect_text(
        path,
        Some(text),
        ws.sites(),
        ws.resolver(),
        chrono::Utc::now(),
    );
    crate::report::inspect::render_human(std::slice::from_ref(&item))
}

/// The inspect report as a Markdown code block, fenced longer than any backtick run inside.
pub fn inspect_markdown(report: &str) -> String {
    let longest = report.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("**How Jekyll reads this post** (`fmlint inspect`)\n\n{fence}text\n{report}{fence}\n")
}
