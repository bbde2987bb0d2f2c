//! Real Jekyll is the judge (issue 3, invariant 8 "Jekyll agrees"; facts in
//! `../shared/JEKYLL-SEMANTICS.md`). Where Jekyll reads a post differently from fmlint, fmlint
//! is wrong.
//!
//! - `fix_keeps_what_jekyll_reads`: `fmlint --fix` on a generated corpus with defects; Jekyll
//!   publishes every post it published before, with the same date, title, terms and URL, logs no
//!   new error, and renders the same body.
//! - `fmlint_reads_dates_like_jekyll`: every `date:` form Jekyll accepts (and the ones that stop
//!   its build), read by fmlint and by Jekyll in a site with `timezone: Asia/Singapore`.
//! - `fmlint_types_titles_like_psych`: YAML 1.1 words and numbers as titles; FM103 exactly where
//!   Jekyll does not keep the text as that string (FM102 for YAML's null words).
//!
//! Jekyll runs through `../shared/tools/jekyll-oracle`, and for rendered bodies and value types
//! through `jekyll build` here (the oracle's set-up: `{{ content }}` layouts, no plugins, no
//! Liquid in posts). Each test is ignored with the reason (failed under `CI=true`, see
//! tests/prereq) where `jekyll` is not on PATH or `../shared` is absent.
//!
//! A disagreement fails its test unless it is named in that test's `KNOWN_…` list: each entry is
//! an fmlint bug waiting for a fix. An entry that no longer disagrees fails the test too, so that
//! the list is emptied as the bugs are fixed.

mod prereq;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::NaiveDate;
use fmlint::config::Settings;
use fmlint::datetime::{DateProblem, JekyllDate};
use fmlint::lint::lint_text;
use fmlint::post::Post;
use fmlint::rules::Context;
use fmlint::site::Site;
use regex::Regex;
use serde_json::Value;

/// The site configuration of every test site: a zone whose day differs from UTC's for 8 hours.
const SITE_CONFIG: &str = "timezone: Asia/Singapore\n";
const SITE_OFFSET: &str = "+08:00";

/// `fix_keeps_what_jekyll_reads`: `"PATH FIELD"` pairs where the fixed post is known to be read
/// differently by Jekyll. Empty: none known.
const KNOWN_FIX_DISAGREEMENTS: &[&str] = &[];

/// `fmlint_reads_dates_like_jekyll`: `"FILE-STEM CHECK"` pairs where fmlint is known to read a
/// date differently from Jekyll.
const KNOWN_DATE_DISAGREEMENTS: &[&str] = &[];

/// `fmlint_types_titles_like_psych`: titles (the literal YAML text) whose FM103 verdict is known
/// to disagree with Jekyll's reading.
const KNOWN_TITLE_DISAGREEMENTS: &[&str] = &[];

// ---------------------------------------------------------------------------------------------
// Skipping, folders, processes
// ---------------------------------------------------------------------------------------------

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|dir| dir.join(program).is_file()))
}

/// `../shared` when Jekyll can judge here (the test is ignored, or fails under CI, without).
fn judge_or_skip(_test: &str, needs: &[&str]) -> Option<PathBuf> {
    if !on_path("jekyll") {
        prereq::missing("`jekyll` on PATH", "apt-get install -y jekyll; CI has it");
    }
    for need in needs {
        prereq::shared(need);
    }
    Some(root().join("../shared"))
}

fn temp_dir() -> tempfile::TempDir {
    // Not hidden (`.tmpXXXX`): fmlint's walker skips hidden folders.
    tempfile::Builder::new()
        .prefix("fmlint-oracle-")
        .tempdir()
        .unwrap()
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Writes `site/_config.yml` and `site/_posts/NAME` for each post.
fn write_site(site: &Path, posts: &[(String, String)]) {
    std::fs::create_dir_all(site.join("_posts")).unwrap();
    std::fs::write(site.join("_config.yml"), SITE_CONFIG).unwrap();
    for (name, text) in posts {
        std::fs::write(site.join("_posts").join(name), text).unwrap();
    }
}

/// A post in the canonical shape with the given `title:` and `date:` texts (YAML as written).
fn canonical_post(title: &str, date: &str) -> String {
    format!(
        "---\nlayout: post\ntitle: {title}\ndate: {date}\nauthor: 联合早报\nfrom: https://www.zaobao.com/a\ntags: [ 联合早报 ]\ncategories: [ 联合早报 ]\n---\n<!--1626777601000-->\n[{title}](https://www.zaobao.com/a)\n------\n\n<div>body</div>\n"
    )
}

/// Fails on a disagreement that is not in `known`, and on an entry of `known` that no longer
/// disagrees. `found` holds (case, what differs).
fn verdict(test: &str, list: &str, found: &[(String, String)], known: &[&str]) {
    for (case, what) in found {
        let tag = if known.contains(&case.as_str()) {
            "known disagreement"
        } else {
            "DISAGREEMENT"
        };
        println!("{test}: {tag}: {case}: {what}");
    }
    let new: Vec<String> = found
        .iter()
        .filter(|(case, _)| !known.contains(&case.as_str()))
        .map(|(case, what)| format!("  {case}: {what}"))
        .collect();
    let stale: Vec<&&str> = known
        .iter()
        .filter(|k| !found.iter().any(|(case, _)| case == **k))
        .collect();
    assert!(
        new.is_empty(),
        "{test}: fmlint disagrees with Jekyll ({} new):\n{}",
        new.len(),
        new.join("\n")
    );
    assert!(
        stale.is_empty(),
        "{test}: these entries of {list} agree with Jekyll now: remove them: {stale:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Jekyll
// ---------------------------------------------------------------------------------------------

/// What `jekyll-oracle` printed for one site.
struct Oracle {
    built: bool,
    /// One JSON object per published post, by path (`_posts/…`).
    posts: BTreeMap<String, Value>,
    /// Jekyll's warnings and errors, with the oracle's temporary folder taken out of paths.
    log: Vec<String>,
    /// Unix seconds just before and just after the build: Jekyll dates a post whose front matter
    /// it cannot read with the time of the build.
    window: (i64, i64),
}

static ORACLE_TMP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"/\S*?/site/").unwrap());

fn oracle(shared: &Path, site: &Path) -> Oracle {
    let started = now();
    let out = Command::new("bash")
        .arg(shared.join("tools/jekyll-oracle"))
        .arg(site)
        .output()
        .expect("jekyll-oracle runs");
    let finished = now();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "jekyll-oracle {}: exit {code:?}\n{stdout}\n{}",
        site.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut posts = BTreeMap::new();
    let mut log = Vec::new();
    for line in stdout.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| {
            panic!("jekyll-oracle printed a line that is not JSON ({e}): {line}")
        });
        if let Some(lines) = v.get("log").and_then(Value::as_array) {
            log.extend(
                lines
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|l| ORACLE_TMP.replace_all(l, "").into_owned()),
            );
        } else {
            let path = v["path"].as_str().expect("a path").to_string();
            posts.insert(path, v);
        }
    }
    Oracle {
        built: code == Some(0),
        posts,
        log,
        window: (started, finished),
    }
}

/// A post as `jekyll build` (run by `jekyll_build`) published it.
struct Built {
    /// The rendered page: `{{ content }}`, the body converted by kramdown.
    html: String,
    /// `{{ title | inspect }}`: Ruby's own view of the value and its type, HTML-escaped.
    title_inspect: String,
}

const LISTING: &str = r#"---
layout: null
render_with_liquid: true
permalink: /zz-fmlint-posts.json
---
{% for p in site.posts %}{"path": {{ p.path | jsonify }}, "url": {{ p.url | jsonify }}, "title_inspect": {{ p.title | inspect | jsonify }}}
{% endfor %}
"#;

/// Builds a copy of `site` with `jekyll build` as the oracle does (plugins removed, no Liquid in
/// posts, layouts that are only `{{ content }}`) into `work`, and returns each post by path.
fn jekyll_build(site: &Path, work: &Path) -> BTreeMap<String, Built> {
    let src = work.join("src");
    let dest = work.join("out");
    copy_dir(site, &src);
    for gone in ["_plugins", "Gemfile", "Gemfile.lock"] {
        let p = src.join(gone);
        if p.is_dir() {
            std::fs::remove_dir_all(&p).unwrap();
        } else if p.exists() {
            std::fs::remove_file(&p).unwrap();
        }
    }
    let config = std::fs::read_to_string(src.join("_config.yml")).unwrap_or_default();
    assert!(
        !config.contains("defaults:"),
        "the test sites set no defaults"
    );
    std::fs::write(
        src.join("_config.yml"),
        format!(
            "{config}\ndefaults:\n  - scope: {{ path: \"\" }}\n    values: {{ render_with_liquid: false }}\n"
        ),
    )
    .unwrap();
    std::fs::create_dir_all(src.join("_layouts")).unwrap();
    for layout in ["post", "default", "page"] {
        std::fs::write(
            src.join("_layouts").join(format!("{layout}.html")),
            "{{ content }}\n",
        )
        .unwrap();
    }
    std::fs::write(src.join("zz-fmlint-posts.json"), LISTING).unwrap();
    let out = Command::new("jekyll")
        .arg("build")
        .arg("-s")
        .arg(&src)
        .arg("-d")
        .arg(&dest)
        .output()
        .expect("jekyll runs");
    assert!(
        out.status.success(),
        "jekyll build {}: {}\n{}",
        site.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let listing = std::fs::read_to_string(dest.join("zz-fmlint-posts.json")).unwrap();
    let mut posts = BTreeMap::new();
    for line in listing.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).unwrap();
        let url = v["url"].as_str().unwrap();
        let mut file = dest.join(percent_decode(url.trim_start_matches('/')));
        if url.ends_with('/') {
            file.push("index.html");
        }
        let html = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{}: {e} (url {url})", file.display()));
        posts.insert(
            v["path"].as_str().unwrap().to_string(),
            Built {
                html,
                title_inspect: v["title_inspect"].as_str().unwrap().to_string(),
            },
        );
    }
    posts
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("a UTF-8 URL")
}

/// A JSON value as the text Liquid prints (`2021` and `"2021"` both print `2021`).
fn as_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

static URL_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/([0-9]{4})/([0-9]{2})/([0-9]{2})/").unwrap());

/// The day Jekyll put in a post's URL.
fn url_day(post: &Value) -> NaiveDate {
    let url = post["url"].as_str().expect("a url");
    let c = URL_DAY
        .captures(url)
        .unwrap_or_else(|| panic!("no day in {url}"));
    NaiveDate::from_ymd_opt(
        c[1].parse().unwrap(),
        c[2].parse().unwrap(),
        c[3].parse().unwrap(),
    )
    .unwrap()
}

fn site() -> Site {
    Site::from_config(Path::new("_config.yml"), SITE_CONFIG).unwrap()
}

// ---------------------------------------------------------------------------------------------
// 1. --fix keeps what Jekyll reads
// ---------------------------------------------------------------------------------------------

/// The rendered body without what a fix may add or change on purpose: the `<!--epoch-ms-->`
/// comment (FM401) and the header link kramdown makes of `[title](url)\n------` (FM302–FM304):
/// an `<h2>` without the comment above it, a paragraph with the dashes as em dashes after it.
fn body_of(html: &str) -> &str {
    static STAMP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A<!--[0-9]+-->\r?\n").unwrap());
    static HEADER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\A(?:<h2[^>\n]*><a [^>\n]*>[^\n]*</a></h2>|<p><a [^>\n]*>[^\n]*</a>\r?\n[—–-]+</p>)\r?\n")
            .unwrap()
    });
    let rest = STAMP.find(html).map_or(html, |m| &html[m.end()..]);
    HEADER.find(rest).map_or(rest, |m| &rest[m.end()..])
}

fn terms(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(as_text).collect())
        .unwrap_or_default()
}

fn fix_keeps_what_jekyll_reads() {
    const TEST: &str = "fix_keeps_what_jekyll_reads";
    let Some(shared) = judge_or_skip(TEST, &["tools/jekyll-oracle", "tools/gen_corpus.py"]) else {
        return;
    };
    if !on_path("python3") {
        prereq::missing(
            "`python3` on PATH (the corpus generator)",
            "apt-get install -y python3",
        );
    }
    let tmp = temp_dir();
    let original = tmp.path().join("original");
    let fixed = tmp.path().join("fixed");

    let status = Command::new("python3")
        .arg(shared.join("tools/gen_corpus.py"))
        .arg(&original)
        .args(["--posts", "300", "--defect-rate", "0.5", "--seed", "11"])
        .status()
        .expect("python3 runs");
    assert!(status.success(), "gen_corpus.py failed");
    let defects = std::fs::read_to_string(original.join("defects.tsv")).unwrap();
    std::fs::remove_file(original.join("defects.tsv")).unwrap();
    let kinds: BTreeMap<String, String> = defects
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?.to_string(), f.next()?.to_string()))
        })
        .collect();
    let distinct: BTreeSet<&String> = kinds.values().collect();
    println!(
        "{TEST}: {} posts with a defect, {} kinds: {distinct:?}",
        kinds.len(),
        distinct.len()
    );
    assert!(
        distinct.len() >= 20,
        "the corpus should hold most defect kinds"
    );
    std::fs::write(original.join("_config.yml"), SITE_CONFIG).unwrap();

    // An unreadable date stops Jekyll's whole build: with those posts, nothing is published and
    // there is nothing to compare. fmlint cannot fix them (FM202); take them out of both sites.
    let whole = oracle(&shared, &original);
    assert!(
        !whole.built
            && whole
                .log
                .iter()
                .any(|l| l.contains("does not have a valid date")),
        "Jekyll should refuse the corpus with its invalid dates; log: {:?}",
        whole.log
    );
    let invalid_dates: Vec<&String> = kinds
        .iter()
        .filter(|(_, k)| *k == "date-invalid")
        .map(|(p, _)| p)
        .collect();
    assert!(!invalid_dates.is_empty());
    for path in &invalid_dates {
        std::fs::remove_file(original.join(path)).unwrap();
    }

    copy_dir(&original, &fixed);
    let out = Command::new(assert_cmd::cargo::cargo_bin!("fmlint"))
        .current_dir(&fixed)
        .env("NO_COLOR", "1")
        .args(["--fix", "--format", "json", "."])
        .output()
        .expect("fmlint runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "fmlint --fix: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );

    let report: Value = serde_json::from_slice(&out.stdout).expect("fmlint prints JSON");
    let refused: Vec<&Value> = report["diagnostics"]
        .as_array()
        .map(|d| {
            d.iter()
                .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with("FM99")))
                .collect()
        })
        .unwrap_or_default();
    println!("{TEST}: fixes refused or failed (FM99x): {refused:?}");

    let mut changed = BTreeSet::new();
    for entry in std::fs::read_dir(original.join("_posts")).unwrap() {
        let name = entry.unwrap().file_name();
        let rel = Path::new("_posts").join(&name);
        let before = std::fs::read(original.join(&rel)).unwrap();
        let after = std::fs::read(fixed.join(&rel)).unwrap();
        if before != after {
            changed.insert(rel.to_string_lossy().into_owned());
        }
    }
    println!("{TEST}: --fix changed {} files", changed.len());
    assert!(
        changed.len() >= 40,
        "--fix should have had work to do: {changed:?}"
    );

    let before = oracle(&shared, &original);
    let after = oracle(&shared, &fixed);
    assert!(before.built, "Jekyll builds the original: {:?}", before.log);
    assert!(
        after.built,
        "Jekyll builds the fixed corpus: {:?}",
        after.log
    );
    assert!(
        before.posts.len() >= 250,
        "Jekyll published only {} posts",
        before.posts.len()
    );
    // The oracle honours `timezone:`: every date is shown in the site's zone.
    for (path, p) in &before.posts {
        let date = p["date"].as_str().unwrap_or("");
        assert!(
            date.ends_with(SITE_OFFSET),
            "{path}: {date} is not in the site's timezone"
        );
    }

    let mut found: Vec<(String, String)> = Vec::new();
    // No new errors: every line of the fixed site's log was in the original's.
    let old_log: BTreeSet<&String> = before.log.iter().collect();
    for line in after.log.iter().filter(|l| !old_log.contains(l)) {
        found.push((
            format!("log {line}"),
            "a new line in Jekyll's log of the fixed corpus".into(),
        ));
    }

    // Posts whose front matter Jekyll cannot read are dated with the time of the build.
    let unreadable: BTreeSet<String> = before
        .log
        .iter()
        .filter_map(|l| {
            let rest = l.split("YAML Exception reading ").nth(1)?;
            Some(rest.split(": ").next()?.to_string())
        })
        .collect();
    println!(
        "{TEST}: Jekyll cannot read the front matter of {} posts",
        unreadable.len()
    );

    let mut differ = |path: &str, field: &str, what: String| {
        found.push((format!("{path} {field}"), what));
    };
    for (path, old) in &before.posts {
        let Some(new) = after.posts.get(path) else {
            differ(path, "published", "Jekyll no longer publishes it".into());
            continue;
        };
        if unreadable.contains(path) {
            if changed.contains(path) {
                differ(
                    path,
                    "file",
                    "fmlint changed a post whose front matter Jekyll cannot read".into(),
                );
            }
            for (run, p) in [(&before, old), (&after, new)] {
                let epoch = p["epoch"].as_i64().unwrap();
                if epoch < run.window.0 - 1 || epoch > run.window.1 + 1 {
                    differ(
                        path,
                        "date",
                        format!("{epoch} is not the time of the build {:?}", run.window),
                    );
                }
            }
        } else {
            for field in ["epoch", "url"] {
                if old[field] != new[field] {
                    differ(path, field, format!("{} became {}", old[field], new[field]));
                }
            }
        }
        if as_text(&old["title"]) != as_text(&new["title"]) {
            differ(
                path,
                "title",
                format!("{} became {}", old["title"], new["title"]),
            );
        }
        for field in ["categories", "layout", "author", "from"] {
            if old[field] != new[field] {
                differ(path, field, format!("{} became {}", old[field], new[field]));
            }
        }
        // FM502 removes repeated tags on purpose; nothing else about them may change.
        let mut want = terms(&old["tags"]);
        let mut seen = BTreeSet::new();
        want.retain(|t| seen.insert(t.clone()));
        if terms(&new["tags"]) != want {
            differ(
                path,
                "tags",
                format!("{} became {} (want {want:?})", old["tags"], new["tags"]),
            );
        }
    }
    let extra: Vec<&String> = after
        .posts
        .keys()
        .filter(|p| !before.posts.contains_key(*p))
        .collect();
    println!("{TEST}: published only after the fix: {extra:?}");

    // Renders the same body.
    let rendered_before = jekyll_build(&original, &tmp.path().join("build-original"));
    let rendered_after = jekyll_build(&fixed, &tmp.path().join("build-fixed"));
    for (path, old) in &rendered_before {
        let Some(new) = rendered_after.get(path) else {
            differ(path, "rendered", "not published by jekyll build".into());
            continue;
        };
        let (a, b) = (body_of(&old.html), body_of(&new.html));
        if a != b {
            let at = a
                .bytes()
                .zip(b.bytes())
                .position(|(x, y)| x != y)
                .unwrap_or(a.len().min(b.len()));
            let show = |s: &str| {
                let mut start = at.saturating_sub(40).min(s.len());
                while !s.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (at + 80).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                format!("{:?}", &s[start..end])
            };
            differ(
                path,
                "body",
                format!(
                    "rendered bodies differ at byte {at}: {} vs {}",
                    show(a),
                    show(b)
                ),
            );
        }
    }
    let retyped = before
        .posts
        .iter()
        .filter(|(p, old)| {
            after
                .posts
                .get(*p)
                .is_some_and(|new| old["title"] != new["title"])
        })
        .count();
    let deduplicated = before
        .posts
        .iter()
        .filter(|(p, old)| {
            after
                .posts
                .get(*p)
                .is_some_and(|new| old["tags"] != new["tags"])
        })
        .count();
    println!(
        "{TEST}: compared {} posts read by Jekyll ({retyped} titles retyped, {deduplicated} tag lists deduplicated) and {} rendered bodies",
        before.posts.len(),
        rendered_before.len()
    );
    verdict(
        TEST,
        "KNOWN_FIX_DISAGREEMENTS",
        &found,
        KNOWN_FIX_DISAGREEMENTS,
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Dates
// ---------------------------------------------------------------------------------------------

/// (file stem, `date:` as written). The stem's day is the file-name day; FM203 is expected
/// exactly where it is not the day Jekyll puts in the URL.
const DATES: &[(&str, &str)] = &[
    ("2021-07-20-rfc3339-z", "2021-07-20T10:40:01.779Z"),
    ("2021-07-20-rfc3339-offset", "2021-07-20T18:40:01+08:00"),
    ("2021-07-20-quoted-rfc3339", "\"2021-07-20T10:40:01Z\""),
    ("2021-07-20-space-offset", "2021-07-20 18:40:01 +0800"),
    (
        "2021-07-20-quoted-space-offset",
        "\"2021-07-20 18:40:01 +0800\"",
    ),
    ("2021-07-20-fraction-offset", "2021-07-20 18:40:01.5 +08:00"),
    // Unquoted without an offset: YAML's UTC, whatever the site's zone.
    ("2021-07-20-zoneless", "2021-07-20 10:40:01"),
    ("2021-07-20-zoneless-t", "2021-07-20T10:40:01"),
    // Quoted without an offset: wall-clock time in the site's zone.
    ("2021-07-20-quoted-zoneless", "\"2021-07-20 10:40:01\""),
    ("2021-07-20-quoted-zoneless-t", "\"2021-07-20T10:40:01\""),
    ("2021-07-20-day", "2021-07-20"),
    ("2021-07-20-quoted-day", "\"2021-07-20\""),
    ("2021-07-20-single-digits", "2021-7-20"),
    ("2021-07-20-slashes", "2021/07/20"),
    ("2021-07-20-named-month", "July 20, 2021"),
    ("2021-07-20-day-first", "20 Jul 2021"),
    ("2021-07-20-named-with-time", "\"July 20, 2021 10:40\""),
    ("2021-07-20-rfc2822", "Tue, 20 Jul 2021 10:40:01 +0000"),
    // Days that do not exist: Jekyll moves them silently (FM202).
    ("2021-03-02-impossible-time", "2021-02-30T10:00:00Z"),
    ("2021-03-02-impossible-day", "\"2021-02-30\""),
    ("2021-03-01-impossible-unquoted-day", "2021-02-29"),
    (
        "2021-05-01-impossible-space-offset",
        "2021-04-31 10:00:00 +0800",
    ),
    // 2021-03-02T20:00:00Z is 2021-03-03 in Singapore.
    ("2021-03-03-impossible-late", "2021-02-30T20:00:00Z"),
    // The UTC day is the file's; the day in Singapore, Jekyll's URL day, is the next (FM203).
    ("2021-07-20-utc-next-day", "2021-07-20T20:40:01Z"),
    ("2021-07-20-zoneless-next-day", "2021-07-20 20:00:00"),
    ("2021-07-20-quoted-zoneless-late", "\"2021-07-20 20:00:00\""),
    // The UTC day is the day before the file's; Singapore's is the file's (no FM203).
    (
        "2021-07-21-offset-utc-day-before",
        "2021-07-21T07:00:00+08:00",
    ),
];

/// Dates that stop Jekyll's whole build (each tried in a site of its own).
const UNREADABLE_DATES: &[(&str, &str)] = &[
    ("2021-07-20-month-13", "2021-13-20T10:40:01Z"),
    ("2021-07-20-words", "sometime last week"),
    ("2021-07-20-empty-string", "\"\""),
    ("2021-07-20-null", ""),
];

/// The date as fmlint reads it (`None`: absent or not a scalar).
fn fmlint_date(
    path: &Path,
    text: &str,
    settings: &Settings,
    site: &Site,
) -> Option<Result<JekyllDate, DateProblem>> {
    let post = Post::new(path, text);
    Context::new(&post, settings, site).date().cloned()
}

fn date_post(date: &str) -> String {
    canonical_post("\"t\"", date).replace("date: \n", "date:\n")
}

fn fmlint_reads_dates_like_jekyll() {
    const TEST: &str = "fmlint_reads_dates_like_jekyll";
    let Some(shared) = judge_or_skip(TEST, &["tools/jekyll-oracle"]) else {
        return;
    };
    let tmp = temp_dir();
    let dir = tmp.path().join("dates");
    let posts: Vec<(String, String)> = DATES
        .iter()
        .map(|(stem, date)| (format!("{stem}.md"), date_post(date)))
        .collect();
    write_site(&dir, &posts);
    let jekyll = oracle(&shared, &dir);
    assert!(
        jekyll.built,
        "Jekyll builds the dates site: {:?}",
        jekyll.log
    );

    let (settings, site) = (Settings::default(), site());
    let tz = site.timezone;
    let mut found: Vec<(String, String)> = Vec::new();
    for ((stem, written), (name, text)) in DATES.iter().zip(&posts) {
        let path_text = format!("_posts/{name}");
        let path = Path::new(&path_text);
        let Some(j) = jekyll.posts.get(&path_text) else {
            found.push((
                format!("{stem} published"),
                "Jekyll did not publish it".into(),
            ));
            continue;
        };
        assert!(
            j["date"].as_str().unwrap_or("").ends_with(SITE_OFFSET),
            "{stem}: the oracle should show dates in the site's zone: {}",
            j["date"]
        );
        let epoch = j["epoch"].as_i64().unwrap();
        let day = url_day(j);
        let date = fmlint_date(path, text, &settings, &site);
        let mut differ = |check: &str, what: String| {
            found.push((
                format!("{stem} {check}"),
                format!("`date: {written}`: {what}"),
            ));
        };
        let fm202 = match &date {
            Some(Ok(d)) => {
                if d.instant.timestamp() != epoch {
                    differ(
                        "epoch",
                        format!(
                            "fmlint reads {} ({}), Jekyll {epoch} ({})",
                            d.instant.to_rfc3339(),
                            d.instant.timestamp(),
                            j["date"]
                        ),
                    );
                }
                if d.day_in(tz) != day {
                    differ(
                        "day",
                        format!(
                            "fmlint's day in the site's zone is {}, Jekyll's URL day {day}",
                            d.day_in(tz)
                        ),
                    );
                }
                false
            }
            Some(Err(DateProblem::Impossible { moved_to, .. })) => {
                if *moved_to != day {
                    differ(
                        "moved_to",
                        format!(
                            "fmlint says Jekyll publishes it as {moved_to}, Jekyll published it on {day} ({})",
                            j["url"]
                        ),
                    );
                }
                true
            }
            other => {
                differ(
                    "read",
                    format!(
                        "fmlint reads {other:?}, Jekyll published it at {}",
                        j["date"]
                    ),
                );
                false
            }
        };
        println!(
            "{TEST}: date: {written:<34} Jekyll {} {day}; fmlint {}",
            j["date"].as_str().unwrap_or("?"),
            match &date {
                Some(Ok(d)) => format!("{} {}", d.instant.to_rfc3339(), d.day_in(tz)),
                other => format!("{other:?}"),
            }
        );
        let file_day = NaiveDate::parse_from_str(&stem[..10], "%Y-%m-%d").unwrap();
        let codes: Vec<&str> = lint_text(path, text, &settings, &site)
            .iter()
            .map(|d| d.code())
            .collect();
        // A day that does not exist is FM202's alone (one root cause, one diagnostic).
        let want_fm203 = !fm202 && file_day != day;
        if codes.contains(&"FM203") != want_fm203 {
            differ(
                "FM203",
                format!(
                    "file-name day {file_day}, Jekyll's URL day {day}, fmlint reports {codes:?}"
                ),
            );
        }
        if fm202 != codes.contains(&"FM202") {
            differ("FM202", format!("fmlint reports {codes:?}"));
        }
    }

    for (stem, written) in UNREADABLE_DATES {
        let dir = tmp.path().join(stem);
        let name = format!("{stem}.md");
        let text = date_post(written);
        // A good post beside it: the bad one alone stops the build.
        write_site(
            &dir,
            &[
                (name.clone(), text.clone()),
                (
                    "2021-07-20-good.md".into(),
                    date_post("2021-07-20T10:40:01Z"),
                ),
            ],
        );
        let jekyll = oracle(&shared, &dir);
        let refused = !jekyll.built
            && jekyll
                .log
                .iter()
                .any(|l| l.contains("does not have a valid date") && l.contains(&name));
        let post = fmlint_date(&Path::new("_posts").join(&name), &text, &settings, &site);
        let invalid = matches!(post, Some(Err(DateProblem::Invalid { .. })));
        println!("{TEST}: date: {written:<34} Jekyll refused the site: {refused}; fmlint {post:?}");
        if !refused || !invalid {
            found.push((
                format!("{stem} read"),
                format!(
                    "`date: {written}`: Jekyll built: {}, log {:?}; fmlint reads {post:?}",
                    jekyll.built, jekyll.log
                ),
            ));
        }
    }
    println!(
        "{TEST}: {} dates Jekyll publishes, {} that stop its build",
        DATES.len(),
        UNREADABLE_DATES.len()
    );
    verdict(
        TEST,
        "KNOWN_DATE_DISAGREEMENTS",
        &found,
        KNOWN_DATE_DISAGREEMENTS,
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Titles
// ---------------------------------------------------------------------------------------------

/// `title:` texts, plain: YAML 1.1 booleans, nulls, numbers, dates, and look-alikes that stay text.
const TITLES: &[&str] = &[
    "yes",
    "on",
    "no",
    "Off",
    "null",
    "~",
    "010",
    "0x1F",
    "1_000",
    "1:20",
    "y",
    "1e3",
    "2021",
    "3.5",
    "2021-07-20",
    "1,000",
    "0b101",
    "+12",
    ".5",
    "-.inf",
    "Yes",
    "TRUE",
];

/// Titles whose value `jsonify` cannot print (`-Infinity not allowed in JSON`): with one of them
/// the oracle's whole build fails, so each is tried in a site of its own, where that failure
/// shows that Jekyll holds a number.
const UNPRINTABLE_TITLES: &[&str] = &["-.inf"];

/// YAML's null words: a null title is FM102's (a required field that is null), not FM103's.
const NULL_WORDS: &[&str] = &["null", "Null", "NULL", "~"];

fn title_file(i: usize) -> String {
    format!("2021-07-20-title-case-{}.md", i + 1)
}

fn fmlint_types_titles_like_psych() {
    const TEST: &str = "fmlint_types_titles_like_psych";
    let Some(shared) = judge_or_skip(TEST, &["tools/jekyll-oracle"]) else {
        return;
    };
    let tmp = temp_dir();
    let all: Vec<(String, String)> = TITLES
        .iter()
        .enumerate()
        .map(|(i, t)| (title_file(i), canonical_post(t, "2021-07-20T10:40:01Z")))
        .collect();
    let printable: Vec<(String, String)> = all
        .iter()
        .zip(TITLES)
        .filter(|(_, t)| !UNPRINTABLE_TITLES.contains(t))
        .map(|(p, _)| p.clone())
        .collect();
    let dir = tmp.path().join("titles");
    write_site(&dir, &printable);
    let jekyll = oracle(&shared, &dir);
    assert!(
        jekyll.built,
        "Jekyll builds the titles site: {:?}",
        jekyll.log
    );
    // Ruby's own view of each value, `-.inf` included.
    let full = tmp.path().join("titles-all");
    write_site(&full, &all);
    let probe = jekyll_build(&full, &tmp.path().join("probe"));

    let (settings, site) = (Settings::default(), site());
    let mut found: Vec<(String, String)> = Vec::new();
    for (i, literal) in TITLES.iter().enumerate() {
        let (name, text) = &all[i];
        let path_text = format!("_posts/{name}");
        let inspect = probe
            .get(&path_text)
            .map_or("(not published)", |b| b.title_inspect.as_str());
        let is_ruby_string = inspect == format!("&quot;{literal}&quot;");
        let (jekyll_title, kept) = if UNPRINTABLE_TITLES.contains(literal) {
            let alone = tmp.path().join(format!("title-{}", i + 1));
            write_site(&alone, std::slice::from_ref(&all[i]));
            let j = oracle(&shared, &alone);
            let number = !j.built && j.log.iter().any(|l| l.contains("not allowed in JSON"));
            if !number {
                found.push((
                    literal.to_string(),
                    format!(
                        "expected the oracle to fail on a number jsonify cannot print; built: {}, log {:?}",
                        j.built, j.log
                    ),
                ));
            }
            ("(a number jsonify cannot print)".to_string(), false)
        } else {
            let v = jekyll
                .posts
                .get(&path_text)
                .map_or(Value::Null, |p| p["title"].clone());
            // The oracle's `jsonify` prints a Date as its text (`"2021-07-20"`): Ruby's `inspect`
            // of the value tells a String from a Date that only prints like one.
            let kept = v == Value::String(literal.to_string()) && is_ruby_string;
            (v.to_string(), kept)
        };
        let diags = lint_text(Path::new(&path_text), text, &settings, &site);
        let on_title = |code: &str| {
            diags.iter().any(|d| {
                d.code() == code
                    && (d.message.starts_with("`title:") || d.message.contains("`title`"))
            })
        };
        let (fm103, fm102) = (on_title("FM103"), on_title("FM102"));
        println!(
            "{TEST}: title: {literal:<11} oracle {jekyll_title:<16} inspect {inspect:<40} fmlint FM103 {fm103} FM102 {fm102}"
        );
        let want = if kept {
            (false, false)
        } else if NULL_WORDS.contains(literal) {
            (false, true)
        } else {
            (true, false)
        };
        if (fm103, fm102) != want {
            found.push((
                literal.to_string(),
                format!(
                    "Jekyll's title is {jekyll_title} (inspect: {inspect}), kept as the text: {kept}; fmlint FM103 {fm103}, FM102 {fm102}; want FM103 {}, FM102 {}",
                    want.0, want.1
                ),
            ));
        }
    }
    verdict(
        TEST,
        "KNOWN_TITLE_DISAGREEMENTS",
        &found,
        KNOWN_TITLE_DISAGREEMENTS,
    );
}

/// Which files of `_posts` are posts: every dated name Jekyll publishes, whatever its extension
/// and whether it has front matter, and nothing it does not (issue 11, item 3).
fn fmlint_reads_the_files_jekyll_publishes() {
    let Some(shared) = judge_or_skip("fmlint_reads_the_files_jekyll_publishes", &[]) else {
        return;
    };
    let dir = temp_dir();
    let site = dir.path().join("site");
    let with_fm = |title: &str| format!("---\ntitle: {title}\n---\nbody\n");
    let names = [
        "2021-07-20-a.md",
        "2021-07-20-b.adoc",
        "2021-07-20-c.rst",
        "2021-07-20-d.MDX",
        "2021-07-20-e.json",
        "2021-07-20-f.yml",
        "2021-07-20-g.yaml",
        "2021-07-20-h.md~",
        "sub/2021-07-20-i.txt",
        "2021-07-20-j",
        "2021-07-20-k.tar.gz",
        "2021-7-2-l.textile",
        "notes.txt",
        "undated.mdx",
    ];
    for n in names {
        let p = site.join("_posts").join(n);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, with_fm(n)).unwrap();
    }
    // Without front matter, Jekyll publishes it still.
    std::fs::write(
        site.join("_posts/2021-07-21-plain.foo"),
        "no front matter\n",
    )
    .unwrap();
    std::fs::write(
        site.join("_config.yml"),
        "title: t\nmarkdown_ext: \"md,mdx\"\n",
    )
    .unwrap();
    let o = oracle(&shared, &site);
    assert!(o.built, "{:?}", o.log);
    let published: std::collections::BTreeSet<String> = o.posts.keys().cloned().collect();
    let read = std::sync::Mutex::new(std::collections::BTreeSet::new());
    let errors = fmlint::discover::walk(std::slice::from_ref(&site), 1, |p| {
        let rel = p
            .strip_prefix(&site)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        read.lock().unwrap().insert(rel);
    });
    assert!(errors.is_empty(), "{errors:?}");
    let read = read.into_inner().unwrap();
    assert_eq!(
        read, published,
        "fmlint reads (left) what Jekyll publishes (right)"
    );
    assert!(published.len() >= 9, "{published:?}");
}

prereq::tests!(
    fmlint_reads_the_files_jekyll_publishes,
    fix_keeps_what_jekyll_reads,
    fmlint_reads_dates_like_jekyll,
    fmlint_types_titles_like_psych,
);
