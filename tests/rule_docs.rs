//! The rule pages in `rules/` and the registry match one to one, and every page's examples do
//! what the page says: the failing example raises exactly that rule, the passing one nothing.
//! A page may hold one `fmlint-config` block: the configuration its examples run under.

#[path = "support/rule_pages.rs"]
mod rule_pages;

use std::collections::BTreeSet;
use std::path::Path;

use fmlint::lint::lint_bytes;
use fmlint::rules::{Fixability, REGISTRY};
use fmlint::site::Site;
use rule_pages::{NO_EXAMPLES, blocks, examples, page_settings, pages};

#[test]
fn fmlint_config_blocks_are_read() {
    let page = "# X\n\n```fmlint-config\nfields:\n  lang: { present: true }\n```\n\n```yaml\nfields: {}\n```\n";
    assert_eq!(blocks(page, "fmlint-config").len(), 1);
    let s = page_settings("X", page);
    assert_eq!(s.fields.len(), 1);
    assert_eq!(s.fields[0].0, "lang");
    assert!(s.fields[0].1.present);
    // A page without one runs under the defaults.
    assert!(page_settings("X", "# X\n").fields.is_empty());
}

#[test]
fn registry_and_pages_match_one_to_one() {
    let registry: BTreeSet<String> = REGISTRY
        .iter()
        .map(|r| format!("{}-{}", r.code, r.name))
        .collect();
    let on_disk: BTreeSet<String> = pages().into_iter().map(|(n, _)| n).collect();
    assert_eq!(registry, on_disk);
}

#[test]
fn pages_state_the_registry_facts() {
    for r in REGISTRY {
        let page = r.doc;
        assert!(
            page.starts_with(&format!("# {} {}\n", r.code, r.name)),
            "{}: heading",
            r.code
        );
        assert!(
            page.contains(&format!("\nSeverity: {}\n", r.severity.as_str())),
            "{}: severity",
            r.code
        );
        let fix_line = page
            .lines()
            .find(|l| l.starts_with("Fix: "))
            .unwrap_or_else(|| panic!("{}: no Fix line", r.code));
        let expected = match r.fix {
            Fixability::None => "Fix: none",
            Fixability::Safe => "Fix: safe",
            Fixability::Unsafe => "Fix: unsafe",
            Fixability::Sometimes => "Fix: safe (",
        };
        assert!(
            fix_line.starts_with(expected),
            "{}: `{fix_line}` should start `{expected}`",
            r.code
        );
        for section in [
            "## What it checks",
            "## Why it matters",
            "## Examples",
            "## Fix",
        ] {
            assert!(page.contains(section), "{}: no `{section}`", r.code);
        }
    }
}

#[test]
fn examples_raise_exactly_their_rule() {
    let site = Site::default();
    let mut failures = Vec::new();
    for r in REGISTRY {
        if r.code.starts_with("FM99") {
            // About a fix run, not a post's text: the page must say so instead of examples.
            assert!(r.doc.contains(NO_EXAMPLES), "{}", r.code);
            assert!(examples(r.doc).is_empty(), "{}", r.code);
            continue;
        }
        let ex = examples(r.doc);
        let settings = page_settings(r.code, r.doc);
        assert!(ex.iter().any(|e| !e.pass), "{}: no failing example", r.code);
        assert!(ex.iter().any(|e| e.pass), "{}: no passing example", r.code);
        for e in ex {
            let (_, diags) = lint_bytes(Path::new(&e.path), e.bytes, &settings, &site);
            let codes: Vec<&str> = diags.iter().map(|d| d.rule.code).collect();
            let ok = if e.pass {
                codes.is_empty()
            } else {
                !codes.is_empty() && codes.iter().all(|c| *c == r.code)
            };
            if !ok {
                failures.push(format!(
                    "{} {} example at {}: got {codes:?}",
                    r.code,
                    if e.pass { "passing" } else { "failing" },
                    e.path
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
