//! Reading the rule pages in `rules/`: their `post` examples and the settings of their
//! `fmlint-config` block, as `rule_docs` checks them and `rule_snapshots` renders them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use fmlint::config::Settings;

/// What a page holding no example says instead: its rule reports on a fix run or the disk, not
/// on a post's text.
pub const NO_EXAMPLES: &str = "## Examples\n\nNone: this rule reports on";

fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")
}

/// Every rule page as (file stem, text), by stem: `FM201-date-format`.
pub fn pages() -> Vec<(String, String)> {
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

/// A ```` ```post pass|fail [escape] [path=…] ```` block of a page.
pub struct Example {
    pub pass: bool,
    /// The post's path relative to the site's root (`_posts/2021-07-20-example.md` unless given).
    pub path: String,
    pub bytes: Vec<u8>,
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

pub fn examples(page: &str) -> Vec<Example> {
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
pub fn blocks<'a>(page: &'a str, info: &str) -> Vec<&'a str> {
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
pub fn page_settings(code: &str, page: &str) -> Settings {
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
