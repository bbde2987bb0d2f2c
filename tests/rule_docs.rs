//! The rule pages in `rules/` and the registry match one to one, and every page's examples do
//! what the page says: the failing example raises exactly that rule, the passing one nothing.
//! A page may hold one `fmlint-config` block: the configuration its examples run under.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fmlint::config::Settings;
use fmlint::lint::lint_bytes;
use fmlint::rules::{Fixability, REGISTRY};
use fmlint::site::Site;

fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")
}

fn pages() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(rules_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md") && p.file_name().unwrap() != "README.md"
        })
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

struct Example {
    pass: bool,
    path: String,
    bytes: Vec<u8>,
}

/// `\xNN` → the byte, in blocks marked `escape` (bytes that are not UTF-8 cannot be written in
/// Markdown).
fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\'
            && b.get(i + 1) == Some(&b'x')
            && i + 4 <= b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 2..i + 4], 16)
        {
            out.push(v);
            i += 4;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

fn examples(page: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut lines = page.split_inclusive('\n');
    while let Some(line) = lines.next() {
        let Some(info) = line.trim_end().strip_prefix("```post ") else {
            continue;
        };
        let words: Vec<&str> = info.split_whitespace().collect();
        let pass = match words.first() {
            Some(&"pass") => true,
            Some(&"fail") => false,
            other => panic!("bad example info string {other:?}"),
        };
        let escape = words.contains(&"escape");
        let path = words
            .iter()
            .find_map(|w| w.strip_prefix("path="))
            .unwrap_or("_posts/2021-07-20-example.md")
            .to_string();
        let mut body = String::new();
        for l in lines.by_ref() {
            if l.trim_end() == "```" {
                break;
            }
            body.push_str(l);
        }
        let bytes = if escape {
            unescape(&body)
        } else {
            body.into_bytes()
        };
        out.push(Example { pass, path, bytes });
    }
    out
}

/// The text of the page's fenced blocks whose info string is exactly `info`.
fn blocks<'a>(page: &'a str, info: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = page;
    let open = format!("```{info}\n");
    while let Some(at) = rest.find(&open) {
        let starts_line = at == 0 || rest[..at].ends_with('\n');
        let body = &rest[at + open.len()..];
        let end = body.find("```").unwrap_or(body.len());
        if starts_line {
            out.push(&body[..end]);
        }
        rest = &body[end..];
    }
    out
}

/// The settings a page's examples run under: the defaults, with the page's `fmlint-config`
/// block applied as a `.fmlint.yml` would be. `path` patterns then match the example's
/// `path=` as given: examples are written relative to the site's root.
fn page_settings(code: &str, page: &str) -> Settings {
    let mut settings = Settings::default();
    let configs = blocks(page, "fmlint-config");
    assert!(
        configs.len() <= 1,
        "{code}: more than one fmlint-config block"
    );
    if let Some(text) = configs.first() {
        let layer = fmlint::config::load::parse(".fmlint.yml", Arc::from(*text), None)
            .unwrap_or_else(|errors| {
                let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                panic!(
                    "{code}: the fmlint-config block is invalid: {}",
                    shown.join("; ")
                )
            });
        if let Some(layer) = layer {
            layer.apply(&mut settings, None);
        }
        settings.root = None;
    }
    settings
}

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
            assert!(
                r.doc.contains("## Examples\n\nNone: this rule reports on"),
                "{}",
                r.code
            );
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
