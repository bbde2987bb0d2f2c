//! `fmlint init`'s summary: the conventions found, then the posts that depart from them with
//! their diagnostics (the site's real outliers), then what was written; or why nothing was.

use std::fmt::Write as _;

use crate::diagnostic::LineIndex;
use crate::init::learn::{Learned, of, thousands};
use crate::init::render::printable;

/// Past this many, the departures are counted, not listed (`fmlint` lists them all).
const LIST_AT_MOST: usize = 100;

/// Why nothing was learned, or written.
pub fn refused(why: &str) -> String {
    format!("fmlint init: {why}; nothing was written")
}

/// The last line once the configuration is written.
pub fn wrote(target: &str, shown_site: &str) -> String {
    format!(
        "Wrote {}: `fmlint {}` checks the posts against it.",
        printable(target),
        printable(shown_site)
    )
}

pub fn summary(learned: &Learned, shown_site: &str) -> String {
    let p = &learned.profile;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Read {} posts under {}. Conventions kept by at least {}% of them:",
        thousands(p.posts),
        if shown_site == "." {
            "the current folder".to_string()
        } else {
            printable(shown_site)
        },
        (p.min_share * 1000.0).round() / 10.0
    );
    if !p.required.is_empty() {
        let names: Vec<String> = p.required.iter().map(|(n, _)| printable(n)).collect();
        let _ = writeln!(out, "  required fields: {}", names.join(", "));
    }
    if let Some((layouts, _)) = &p.layouts {
        let _ = writeln!(out, "  layouts: {}", printable(&layouts.join(", ")));
    }
    for f in &p.fields {
        let _ = writeln!(
            out,
            "  field `{}`: {}",
            printable(&f.name),
            printable(&f.note)
        );
    }
    for o in &p.overrides {
        let _ = writeln!(out, "  where: {}", printable(&o.note));
    }
    for r in p.rules.iter().filter(|r| r.options().is_some()) {
        let opts: Vec<String> = r
            .options()
            .unwrap_or_default()
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        let opts = if opts.is_empty() {
            String::new()
        } else {
            format!(" ({})", printable(&opts.join(", ")))
        };
        let name = crate::rules::find(r.code).map_or("", |r| r.name);
        let _ = writeln!(out, "  {} {name}{opts}: {}", r.code, printable(&r.note));
    }
    let off: Vec<&str> = p
        .rules
        .iter()
        .filter(|r| r.options().is_none())
        .map(|r| r.code)
        .collect();
    if !off.is_empty() {
        let _ = writeln!(
            out,
            "Off, because the site does not keep them: {} (the file says why).",
            off.join(", ")
        );
    }
    for n in &p.notes {
        let _ = writeln!(out, "Seen: {}.", printable(n));
    }
    let k = learned.departures.len();
    if k == 0 {
        let _ = writeln!(out, "Every post keeps these conventions.");
        return out;
    }
    let _ = writeln!(out, "{} depart from them:", of(k, p.posts));
    let mut listed = 0;
    for f in &learned.departures {
        let lines = LineIndex::lazy();
        for d in &f.diagnostics {
            if listed == LIST_AT_MOST {
                break;
            }
            let (line, col) = lines.line_col(&f.text, d.span.start);
            let _ = writeln!(
                out,
                "  {}:{line}:{col}: {} {}",
                printable(&f.path),
                d.code(),
                printable(&d.message)
            );
            listed += 1;
        }
    }
    let total: usize = learned.departures.iter().map(|f| f.diagnostics.len()).sum();
    if total > listed {
        let _ = writeln!(
            out,
            "  … and {} more problems; `fmlint` lists them all.",
            thousands(total - listed)
        );
    }
    out
}
