//! Real sites from `../shared/corpus`, linted with their configuration in `tests/sites/`: the
//! whole site lints clean, and each kind of defect the site's own linter catches, made in a
//! copy of a few of its posts, is reported by the rule the configuration gives it and by no
//! other. Skipped, saying why, where `../shared` is absent.

mod prereq;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use serde_json::Value;

const RUBY_CONFIG: &str = "tests/sites/ruby-lang.fmlint.yml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The Ruby website's copy under `../shared` (the test is ignored, or fails under CI, without).
fn ruby_lang_or_skip(_test: &str) -> Option<PathBuf> {
    let config = prereq::shared("corpus/ruby-lang/_config.yml");
    Some(config.parent().unwrap().to_path_buf())
}

struct JsonRun {
    code: i32,
    summary: Value,
    /// Diagnostics as (file name, code, message).
    diags: Vec<(String, String, String)>,
}

/// `fmlint --config CONFIG TARGET --format json`, from the crate root.
fn lint_json(config: &str, target: &Path) -> JsonRun {
    let out = Command::new(env!("CARGO_BIN_EXE_fmlint"))
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(["--config", config, "--format", "json"])
        .arg(target)
        .output()
        .expect("fmlint runs");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let doc: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {stdout}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let diags = doc["diagnostics"]
        .as_array()
        .expect("a diagnostics array")
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap_or("");
            let name = path.rsplit('/').next().unwrap_or(path).to_string();
            let field = |k: &str| d[k].as_str().unwrap_or("").to_string();
            (name, field("code"), field("message"))
        })
        .collect();
    JsonRun {
        code: out.status.code().expect("fmlint exits with a code"),
        summary: doc["summary"].clone(),
        diags,
    }
}

fn count_posts(site: &Path) -> usize {
    let Ok(langs) = std::fs::read_dir(site) else {
        return 0;
    };
    langs
        .filter_map(|l| std::fs::read_dir(l.ok()?.path().join("news/_posts")).ok())
        .flat_map(|posts| posts.filter_map(Result::ok))
        .filter(|p| p.path().extension().is_some_and(|e| e == "md"))
        .count()
}

fn ruby_lang_lints_clean_under_its_configuration() {
    let Some(site) = ruby_lang_or_skip("ruby_lang_lints_clean_under_its_configuration") else {
        return;
    };
    let run = lint_json(RUBY_CONFIG, &site);
    let shown: Vec<String> = run
        .diags
        .iter()
        .take(20)
        .map(|(p, c, m)| format!("{p}: {c} {m}"))
        .collect();
    assert!(run.diags.is_empty(), "{}", shown.join("\n"));
    assert_eq!(run.code, 0);
    // Every post was read: a walk that skipped some would also be "clean".
    assert_eq!(
        run.summary["files"].as_u64(),
        Some(count_posts(&site) as u64)
    );
}

/// A post copied into the test's site: where it lives, and what its file name says.
struct Post {
    lang: &'static str,
    name: &'static str,
    text: String,
    day: NaiveDate,
}

/// Posts from after the move to Jekyll, in three languages, and one from before it that has a
/// `translator` line to lose.
const NEW_POSTS: [(&str, &str); 3] = [
    ("en", "2026-07-16-ruby-3-3-12-released.md"),
    ("ja", "2026-07-16-ruby-3-3-12-released.md"),
    ("zh_cn", "2026-07-16-ruby-3-3-12-released.md"),
];
const OLD_POST: (&str, &str) = ("ko", "2006-04-19-ruby-in-google-summer-of-code.md");

fn read_post(site: &Path, (lang, name): (&'static str, &'static str)) -> Post {
    let path = site.join(lang).join("news/_posts").join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (the corpus changed?)", path.display()));
    let day = NaiveDate::parse_from_str(&name[..10], "%Y-%m-%d").expect("a dated file name");
    Post {
        lang,
        name,
        text,
        day,
    }
}

/// The byte range of the front matter's lines (after the opening `---`, before the closing).
fn front_matter(text: &str) -> std::ops::Range<usize> {
    let start = text.find('\n').map_or(0, |i| i + 1);
    let end = text[start..]
        .find("\n---")
        .map_or(text.len(), |i| start + i + 1);
    start..end
}

/// The text with the front-matter line of `key` replaced by `line` (removed when empty).
fn set_line(text: &str, key: &str, line: &str) -> String {
    let fm = front_matter(text);
    let mut out = String::with_capacity(text.len() + line.len());
    out.push_str(&text[..fm.start]);
    let mut found = false;
    for l in text[fm.clone()].split_inclusive('\n') {
        if !found && l.starts_with(&format!("{key}:")) {
            found = true;
            if !line.is_empty() {
                out.push_str(line);
                out.push('\n');
            }
        } else {
            out.push_str(l);
        }
    }
    assert!(found, "no `{key}:` line in the post");
    out.push_str(&text[fm.end..]);
    out
}

fn remove_line(text: &str, key: &str) -> String {
    set_line(text, key, "")
}

/// The current line of `key`, with `suffix` appended.
fn append_to_line(text: &str, key: &str, suffix: &str) -> String {
    let fm = front_matter(text);
    let line = text[fm]
        .lines()
        .find(|l| l.starts_with(&format!("{key}:")))
        .expect("the key's line");
    set_line(text, key, &format!("{line}{suffix}"))
}

/// A space after the last non-blank line of the body (that site's linter flags `/ $/`).
fn body_trailing_space(text: &str) -> String {
    let body_start = front_matter(text).end;
    let trimmed = text.trim_end();
    assert!(trimmed.len() > body_start, "the post has a body");
    format!("{trimmed} {}", &text[trimmed.len()..])
}

fn other_lang(lang: &str) -> &'static str {
    if lang == "en" { "ja" } else { "en" }
}

enum Which {
    /// The i-th of `NEW_POSTS`, cycling, so that each language gets some mutations.
    New,
    Old,
}

struct Mutation {
    what: &'static str,
    post: Which,
    edit: fn(&Post) -> String,
    /// The one rule that must report it; None: the post must stay clean.
    expect: Option<&'static str>,
}

const MUTATIONS: &[Mutation] = &[
    Mutation {
        what: "lang missing",
        post: Which::New,
        edit: |p| remove_line(&p.text, "lang"),
        expect: Some("FM701"),
    },
    Mutation {
        what: "lang the empty string",
        post: Which::New,
        edit: |p| set_line(&p.text, "lang", "lang: \"\""),
        expect: Some("FM703"),
    },
    Mutation {
        what: "lang null",
        post: Which::New,
        edit: |p| set_line(&p.text, "lang", "lang:"),
        expect: Some("FM703"),
    },
    Mutation {
        what: "lang another language",
        post: Which::New,
        edit: |p| set_line(&p.text, "lang", &format!("lang: {}", other_lang(p.lang))),
        expect: Some("FM706"),
    },
    Mutation {
        what: "lang another language, old post",
        post: Which::Old,
        edit: |p| set_line(&p.text, "lang", &format!("lang: {}", other_lang(p.lang))),
        expect: Some("FM706"),
    },
    Mutation {
        what: "author missing",
        post: Which::New,
        edit: |p| remove_line(&p.text, "author"),
        expect: Some("FM701"),
    },
    Mutation {
        what: "author a number",
        post: Which::New,
        edit: |p| set_line(&p.text, "author", "author: 2021"),
        expect: Some("FM702"),
    },
    Mutation {
        what: "author a list",
        post: Which::New,
        edit: |p| set_line(&p.text, "author", "author: [ hsbt, nagachika ]"),
        expect: Some("FM702"),
    },
    Mutation {
        what: "author the empty string",
        post: Which::New,
        edit: |p| set_line(&p.text, "author", "author: \"\""),
        expect: Some("FM703"),
    },
    Mutation {
        what: "translator missing",
        post: Which::New,
        edit: |p| remove_line(&p.text, "translator"),
        expect: Some("FM701"),
    },
    Mutation {
        what: "translator missing, old post",
        post: Which::Old,
        edit: |p| remove_line(&p.text, "translator"),
        expect: None,
    },
    Mutation {
        what: "translator a number",
        post: Which::New,
        edit: |p| set_line(&p.text, "translator", "translator: 42"),
        expect: Some("FM702"),
    },
    Mutation {
        what: "translator a number, old post",
        post: Which::Old,
        edit: |p| set_line(&p.text, "translator", "translator: 42"),
        expect: Some("FM702"),
    },
    Mutation {
        what: "date missing",
        post: Which::New,
        edit: |p| remove_line(&p.text, "date"),
        expect: Some("FM701"),
    },
    Mutation {
        what: "date invalid (month 13)",
        post: Which::New,
        edit: |p| set_line(&p.text, "date", "date: 2026-13-16 05:08:11 +0000"),
        expect: Some("FM202"),
    },
    Mutation {
        what: "date not a date",
        post: Which::New,
        edit: |p| set_line(&p.text, "date", "date: soon"),
        expect: Some("FM202"),
    },
    Mutation {
        // Noon at +0900 is 03:00 UTC on the same day: only the offset is wrong.
        what: "date with the offset +0900",
        post: Which::New,
        edit: |p| set_line(&p.text, "date", &format!("date: {} 12:00:00 +0900", p.day)),
        expect: Some("FM707"),
    },
    Mutation {
        // Stricter than that linter, which reads a zone-less time as UTC and passes it: the
        // configuration asks for the offset to be written (FM707 judges the text).
        what: "date without an offset",
        post: Which::New,
        edit: |p| set_line(&p.text, "date", &format!("date: {} 12:00:00", p.day)),
        expect: Some("FM707"),
    },
    Mutation {
        what: "date on another day than the file name",
        post: Which::New,
        edit: |p| {
            let other = p.day.pred_opt().unwrap_or(p.day);
            set_line(&p.text, "date", &format!("date: {other} 05:08:11 +0000"))
        },
        expect: Some("FM203"),
    },
    Mutation {
        what: "date with the offset +0900, old post",
        post: Which::Old,
        edit: |p| {
            append_to_line(
                &p.text,
                "translator",
                &format!("\ndate: {} 12:00:00 +0900", p.day),
            )
        },
        expect: Some("FM707"),
    },
    Mutation {
        what: "trailing whitespace in the front matter",
        post: Which::New,
        edit: |p| append_to_line(&p.text, "author", "  "),
        expect: Some("FM604"),
    },
    Mutation {
        what: "trailing whitespace in the body",
        post: Which::New,
        edit: |p| body_trailing_space(&p.text),
        expect: Some("FM604"),
    },
    Mutation {
        what: "CRLF line endings",
        post: Which::New,
        edit: |p| p.text.replace('\n', "\r\n"),
        expect: Some("FM604"),
    },
];

/// `2026-07-16-ruby-3-3-12-released.md` → `2026-07-16-m07-ruby-3-3-12-released.md`: the date
/// (and with it the old-post overrides) stays, and each copy has its own name.
fn copy_name(name: &str, tag: &str) -> String {
    format!("{}-{tag}-{}", &name[..10], &name[11..])
}

fn write_post(site: &Path, lang: &str, name: &str, text: &str) {
    let dir = site.join(lang).join("news/_posts");
    std::fs::create_dir_all(&dir).expect("create the posts folder");
    std::fs::write(dir.join(name), text).expect("write the post");
}

fn ruby_lang_mutations_are_each_reported_by_their_rule() {
    let Some(site) = ruby_lang_or_skip("ruby_lang_mutations_are_each_reported_by_their_rule")
    else {
        return;
    };
    let new: Vec<Post> = NEW_POSTS.iter().map(|p| read_post(&site, *p)).collect();
    let old = read_post(&site, OLD_POST);
    for p in new.iter().chain([&old]) {
        for key in ["lang", "author", "translator"] {
            assert!(
                p.text.contains(&format!("\n{key}:")),
                "{}/{}: no `{key}`",
                p.lang,
                p.name
            );
        }
    }

    // A copy of the site: `_config.yml` marks its root, which the override globs and `path`
    // patterns are relative to.
    let tmp = tempfile::tempdir().expect("a temporary folder");
    std::fs::copy(site.join("_config.yml"), tmp.path().join("_config.yml"))
        .expect("copy _config.yml");
    let mut expected: BTreeMap<String, (String, Option<&str>)> = BTreeMap::new();
    for p in new.iter().chain([&old]) {
        let name = copy_name(p.name, &format!("original-{}", p.lang));
        write_post(tmp.path(), p.lang, &name, &p.text);
        expected.insert(name, (format!("{} unchanged", p.lang), None));
    }
    let mut next_new = 0;
    for (i, m) in MUTATIONS.iter().enumerate() {
        let post = match m.post {
            Which::New => {
                next_new += 1;
                &new[(next_new - 1) % new.len()]
            }
            Which::Old => &old,
        };
        let text = (m.edit)(post);
        assert_ne!(text, post.text, "`{}` changes nothing", m.what);
        let name = copy_name(post.name, &format!("m{i:02}"));
        write_post(tmp.path(), post.lang, &name, &text);
        expected.insert(name, (format!("{}: {}", post.lang, m.what), m.expect));
    }

    let config = root().join(RUBY_CONFIG);
    let run = lint_json(config.to_str().expect("a UTF-8 path"), tmp.path());
    assert_eq!(run.code, 1, "errors were found");
    assert_eq!(run.summary["files"].as_u64(), Some(expected.len() as u64));
    let mut got: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (name, code, message) in &run.diags {
        got.entry(name.as_str())
            .or_default()
            .push(format!("{code} {message}"));
    }
    let mut failures = Vec::new();
    for (name, (what, expect)) in &expected {
        let reported = got.remove(name.as_str()).unwrap_or_default();
        let ok = match expect {
            None => reported.is_empty(),
            Some(code) => reported.len() == 1 && reported[0].starts_with(&format!("{code} ")),
        };
        if !ok {
            failures.push(format!(
                "{what} ({name}): expected {}, got {reported:?}",
                expect.unwrap_or("nothing")
            ));
        }
    }
    assert!(got.is_empty(), "diagnostics for unknown files: {got:?}");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

prereq::tests!(
    ruby_lang_lints_clean_under_its_configuration,
    ruby_lang_mutations_are_each_reported_by_their_rule,
);
