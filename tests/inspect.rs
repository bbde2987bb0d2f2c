//! `fmlint inspect` against real Jekyll (issue 5): for every post, fmlint's reading and
//! Jekyll's must agree on every field `../shared/tools/jekyll-oracle` prints (path, date, epoch,
//! title, tags, categories, layout, author, from, url), and for every post Jekyll does not
//! publish, fmlint must say "not published" with the reason the test names.
//!
//! - `inspect_agrees_on_the_corpus_sites`: the sites of `../shared/corpus/` (ruby-lang, 4,723
//!   posts, jekyll-docs, 102, swift, bitcoincore) and a generated corpus of 500 posts under
//!   `timezone: Asia/Singapore`; `inspect_agrees_on_opensuse` the fifth.
//! - one test per behaviour, each a small site built by Jekyll here: `defaults:` scopes,
//!   timezones (quoted and unquoted zone-less dates), `exclude:`/`include:`, drafts,
//!   `published: false`, future dates, permalinks and percent-encoding, front matter Jekyll
//!   cannot read, a date that stops the build.
//!
//! Each test is ignored with the reason (failed under `CI=true`, see tests/prereq) where
//! `jekyll` is not on PATH or `../shared` is absent.
//! Jekyll runs with `TZ=UTC`, the build machine's zone being what a site without `timezone:`
//! is read in.

mod prereq;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

/// The fields the oracle prints, and fmlint must print the same.
const FIELDS: [&str; 9] = [
    "date",
    "epoch",
    "title",
    "tags",
    "categories",
    "layout",
    "author",
    "from",
    "url",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|dir| dir.join(program).is_file()))
}

/// `../shared` when Jekyll can judge here (the test is ignored, or fails under CI, without).
fn judge_or_skip(_test: &str) -> Option<PathBuf> {
    if !on_path("jekyll") {
        prereq::missing("`jekyll` on PATH", "apt-get install -y jekyll; CI has it");
    }
    prereq::shared("tools/jekyll-oracle");
    Some(root().join("../shared"))
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn temp_dir() -> tempfile::TempDir {
    // Not hidden: Jekyll and fmlint's walker skip hidden folders.
    tempfile::Builder::new()
        .prefix("fmlint-inspect-")
        .tempdir()
        .unwrap()
}

/// What the oracle printed for a site.
struct Oracle {
    built: bool,
    posts: BTreeMap<String, Value>,
    log: Vec<String>,
    /// Unix seconds around the build: a post Jekyll dates with the build's time falls in it.
    window: (i64, i64),
}

fn oracle(shared: &Path, site: &Path, extra_config: Option<&Path>) -> Oracle {
    let started = now();
    let mut cmd = Command::new("bash");
    cmd.arg(shared.join("tools/jekyll-oracle"))
        .arg(site)
        .env("TZ", "UTC");
    if let Some(extra) = extra_config {
        cmd.arg("--config").arg(extra);
    }
    let out = cmd.output().expect("jekyll-oracle runs");
    let finished = now() + 1;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "jekyll-oracle {}: {:?}\n{stdout}\n{}",
        site.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let mut posts = BTreeMap::new();
    let mut log = Vec::new();
    for line in stdout.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).expect("the oracle prints JSON lines");
        if let Some(l) = v.get("log").and_then(Value::as_array) {
            log.extend(l.iter().filter_map(Value::as_str).map(str::to_string));
        } else {
            posts.insert(v["path"].as_str().unwrap().to_string(), v);
        }
    }
    Oracle {
        built: out.status.code() == Some(0),
        posts,
        log,
        window: (started, finished),
    }
}

/// `fmlint inspect --format json SITE`: the posts by Jekyll path, and the whole document.
fn inspect(site: &Path) -> (BTreeMap<String, Value>, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_fmlint"))
        .args(["inspect", "--format", "json"])
        .arg(site)
        .env("TZ", "UTC")
        .output()
        .expect("fmlint runs");
    assert!(
        out.status.success(),
        "fmlint inspect {}: {:?}\n{}",
        site.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let mut posts = BTreeMap::new();
    for p in doc["posts"].as_array().expect("posts") {
        let path = p["path"]
            .as_str()
            .unwrap_or_else(|| p["file"].as_str().unwrap());
        posts.insert(path.to_string(), p.clone());
    }
    (posts, doc)
}

/// Compares fmlint's reading of every post with Jekyll's. `unpublished` names each post Jekyll
/// must not publish, with the reason fmlint must give; every other post must be published by
/// both and agree on every field. Returns the disagreements.
fn compare(
    oracle: &Oracle,
    fmlint: &BTreeMap<String, Value>,
    unpublished: &[(&str, &str)],
) -> Vec<String> {
    let mut bad = Vec::new();
    let expected: BTreeMap<&str, &str> = unpublished.iter().copied().collect();
    for (path, mine) in fmlint {
        let published = mine["published"].as_bool().unwrap();
        match (oracle.posts.get(path), expected.get(path.as_str())) {
            (Some(_), Some(reason)) => bad.push(format!(
                "{path}: the test expects it unpublished ({reason}), Jekyll publishes it"
            )),
            (None, Some(reason)) => {
                if published || mine["reason"] != *reason {
                    bad.push(format!(
                        "{path}: fmlint says published={published} reason={}, expected {reason}",
                        mine["reason"]
                    ));
                }
            }
            (None, None) => bad.push(format!(
                "{path}: Jekyll does not publish it; fmlint says published={published} reason={}",
                mine["reason"]
            )),
            (Some(theirs), None) => {
                if !published {
                    bad.push(format!(
                        "{path}: Jekyll publishes it; fmlint says not ({})",
                        mine["reason_text"]
                    ));
                    continue;
                }
                let build_time = mine["date_source"] == "build time";
                for field in FIELDS {
                    if build_time && (field == "date" || field == "epoch") {
                        // Dated with the time of the build: each build has its own.
                        let e = theirs["epoch"].as_i64().unwrap();
                        if e < oracle.window.0 || e > oracle.window.1 {
                            bad.push(format!("{path}: Jekyll's build time {e} is odd"));
                        }
                        continue;
                    }
                    if theirs[field] != mine[field] {
                        bad.push(format!(
                            "{path}: {field}: Jekyll {} fmlint {}",
                            theirs[field], mine[field]
                        ));
                    }
                }
            }
        }
    }
    for path in oracle.posts.keys() {
        if !fmlint.contains_key(path) {
            bad.push(format!(
                "{path}: Jekyll publishes it; fmlint does not list it"
            ));
        }
    }
    for path in expected.keys() {
        if !fmlint.contains_key(*path) {
            bad.push(format!(
                "{path}: expected unpublished, but fmlint does not list it"
            ));
        }
    }
    bad
}

fn assert_agree(test: &str, site: &Path, oracle: &Oracle, unpublished: &[(&str, &str)]) {
    let (mine, _) = inspect(site);
    let bad = compare(oracle, &mine, unpublished);
    assert!(
        bad.is_empty(),
        "{test}: fmlint inspect and Jekyll disagree on {} point(s):\n{}\nJekyll's log: {:?}",
        bad.len(),
        bad.join("\n"),
        oracle.log
    );
    println!(
        "{test}: {} posts agree ({} published)",
        mine.len(),
        oracle.posts.len()
    );
}

/// A small site: `_config.yml` and files, each `(relative path, text)`.
fn site(config: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = temp_dir();
    std::fs::write(dir.path().join("_config.yml"), config).unwrap();
    for (rel, text) in files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// A post with the given front-matter lines.
fn fm(lines: &str) -> String {
    format!("---\n{lines}\n---\nbody\n")
}

/// A copy of `from` whose posts keep their front matter and lose their bodies: the oracle then
/// builds a big site in a third of the time. The body plays no part in what the oracle prints
/// (no Liquid runs in posts), and the front matter's bytes are kept exactly; files without a
/// front-matter block Jekyll recognises are copied whole.
fn copy_without_bodies(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_without_bodies(&entry.path(), &target);
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        let in_posts = entry
            .path()
            .components()
            .any(|c| c.as_os_str() == "_posts" || c.as_os_str() == "_drafts");
        let kept = match std::str::from_utf8(&bytes) {
            Ok(text) if in_posts => match fmlint::post::split(text) {
                fmlint::post::Split::Found(f) => text.as_bytes()[..f.after].to_vec(),
                _ => bytes.clone(),
            },
            _ => bytes.clone(),
        };
        std::fs::write(&target, kept).unwrap();
    }
}

// ---------------------------------------------------------------------------------------------
// Whole sites

fn inspect_agrees_on_the_corpus_sites() {
    let test = "inspect_agrees_on_the_corpus_sites";
    let Some(shared) = judge_or_skip(test) else {
        return;
    };
    let corpus = shared.join("corpus");
    prereq::shared("corpus/ruby-lang/_config.yml");
    prereq::shared("corpus/jekyll-docs/docs/_config.yml");
    prereq::shared("corpus/swift/_config.yml");
    prereq::shared("corpus/bitcoincore/_config.yml");
    // ruby-lang: 4,723 posts in 17 languages, `permalink: pretty`, categories from folders.
    let work = temp_dir();
    let lean = work.path().join("ruby-lang");
    copy_without_bodies(&corpus.join("ruby-lang"), &lean);
    let o = oracle(&shared, &lean, None);
    assert!(o.built, "ruby-lang builds: {:?}", o.log);
    assert_eq!(o.posts.len(), 4723);
    assert_agree(test, &corpus.join("ruby-lang"), &o, &[]);

    // jekyll-docs: layouts from `defaults:`, `timezone: America/Los_Angeles`, a collection
    // permalink, `future: true`, quoted and unquoted dates with offsets.
    let docs = corpus.join("jekyll-docs/docs");
    let o = oracle(&shared, &docs, None);
    assert!(o.built, "jekyll-docs builds: {:?}", o.log);
    assert_eq!(o.posts.len(), 102);
    assert_agree(test, &docs, &o, &[]);

    // swift.org (`timezone: America/Lower_Princes`, one-digit months and hours, `category:`)
    // and bitcoincore.org (nested `_posts` folders, dates from file names). openSUSE has a
    // test of its own below.
    let not_posts: &[(&str, &str)] = &[(
        "_posts/zh_CN/posts/scaling-optimizations-zh_ch.md",
        "undated-filename",
    )];
    for (name, unpublished) in [("swift", &[][..]), ("bitcoincore", not_posts)] {
        let lean = work.path().join(name);
        copy_without_bodies(&corpus.join(name), &lean);
        let o = oracle(&shared, &lean, None);
        assert!(o.built, "{name} builds: {:?}", o.log);
        assert_agree(test, &corpus.join(name), &o, unpublished);
    }

    // A generated corpus under `timezone: Asia/Singapore`: a third of its dates are evenings
    // in UTC, published on the next day.
    let gen_dir = work.path().join("generated");
    let status = Command::new("python3")
        .arg(shared.join("tools/gen_corpus.py"))
        .arg(&gen_dir)
        .args(["--posts", "500", "--seed", "3"])
        .status()
        .expect("python3 runs");
    assert!(status.success());
    std::fs::write(gen_dir.join("_config.yml"), "timezone: Asia/Singapore\n").unwrap();
    let o = oracle(&shared, &gen_dir, None);
    assert!(o.built, "the generated corpus builds: {:?}", o.log);
    assert_eq!(o.posts.len(), 500);
    assert_agree(test, &gen_dir, &o, &[]);
}

/// openSUSE: a WordPress archive with offsets that move the day, posts left unpublished, and a
/// title whose value starts with a byte-order mark (a character Psych reads as part of the
/// value, so Jekyll reads that post's `published: false`).
fn inspect_agrees_on_opensuse() {
    let test = "inspect_agrees_on_opensuse";
    let Some(shared) = judge_or_skip(test) else {
        return;
    };
    prereq::shared("corpus/opensuse/_config.yml");
    let site = shared.join("corpus/opensuse");
    let work = temp_dir();
    let lean = work.path().join("opensuse");
    copy_without_bodies(&site, &lean);
    let o = oracle(&shared, &lean, None);
    assert!(o.built, "opensuse builds: {:?}", o.log);
    // What the site itself says is not published: the posts that write `published: false`
    // (found by reading the files, not from fmlint), and the one whose name has no date.
    let mut unpublished: Vec<(String, &str)> = Vec::new();
    for year in std::fs::read_dir(site.join("_posts")).unwrap() {
        let year = year.unwrap().path();
        for post in std::fs::read_dir(&year).unwrap() {
            let post = post.unwrap().path();
            let text = std::fs::read_to_string(&post).unwrap_or_default();
            if text.lines().any(|l| l == "published: false") {
                let rel = post
                    .strip_prefix(&site)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                unpublished.push((rel, "published-false"));
            }
        }
    }
    assert_eq!(unpublished.len(), 95, "the corpus changed");
    unpublished.push((
        "_posts/2021/06-06-os-community-readies-for-release.md".into(),
        "undated-filename",
    ));
    let unpublished: Vec<(&str, &str)> =
        unpublished.iter().map(|(p, r)| (p.as_str(), *r)).collect();
    assert_agree(test, &site, &o, &unpublished);
}

// ---------------------------------------------------------------------------------------------
// One behaviour at a time

fn defaults_by_path_and_type() {
    let test = "defaults_by_path_and_type";
    let Some(shared) = judge_or_skip(test) else {
        return;
    };
    let config = r#"show_drafts: true
defaults:
  - scope: { path: "" }
    values: { layout: base, author: { name: Site, handle: site }, tags: "d1 d2" }
  - scope: { path: "", type: drafts }
    values: { layout: never-drafts }
  - scope: { path: "", type: post }
    values: { layout: post-deprecated-type }
  - scope: { path: "_posts", type: posts }
    values: { author: { handle: typed }, from: typed }
  - scope: { path: "_posts" }
    values: { from: untyped-loses, categories: [dflt] }
  - scope: { path: "/news" }
    values: { layout: leading-slash-never }
  - scope: { path: "news" }
    values: { layout: news }
  - scope: { path: "a/*" }
    values: { author: globbed }
  - scope: { path: "{en,de}/blog" }
    values: { layout: brace-is-no-glob }
  - scope: { path: "_po" }
    values: { title: Prefix Match }
  - scope: { path: "*/new" }
    values: { from: a glob result that is a string prefix }
"#;
    let s = site(
        config,
        &[
            ("_posts/2021-07-20-plain.md", &fm("title: Plain")),
            (
                "_posts/2021-07-20-nulls.md",
                &fm("layout:\nauthor: { handle: mine, extra: ~ }\ntags: t1"),
            ),
            ("_posts/2021-07-20-untitled.md", &fm("date: 2021-07-20")),
            ("news/_posts/2021-07-20-n.md", &fm("title: N")),
            ("newsletter/_posts/2021-07-20-nl.md", &fm("title: NL")),
            ("a/b/_posts/2021-07-20-ab.md", &fm("title: AB")),
            ("en/blog/_posts/2021-07-20-e.md", &fm("title: E")),
            (
                "_drafts/a-draft.md",
                &fm("title: D\ndate: 2021-07-20 10:00:00"),
            ),
            // `Dir.glob("*/new")` lists `en/new`, and `en/news/…` starts with it.
            ("en/new/readme.txt", "not a post\n"),
            ("en/news/_posts/2021-07-20-gp.md", &fm("title: GP")),
        ],
    );
    let o = oracle(&shared, s.path(), None);
    assert!(o.built, "{:?}", o.log);
    assert_agree(test, s.path(), &o, &[]);
}

fn collections_dir_moves_the_posts() {
    let test = "collections_dir_moves_the_posts";
    let Some(shared) = judge_or_skip(test) else {
        return;
    };
    let config = "collections_dir: coll\ndefaults:\n  - scope: { path: news }\n    values: { author: N }\n  - scope: { path: \"coll/*\" }\n    values: { layout: G }\n";
    let s = site(
        config,
        &[
            ("coll/_posts/2021-07-20-a.md", &fm("title: A")),
            ("coll/news/_posts/2021-07-20-c.md", &fm("title: C")),
            ("_posts/2021-07-20-b.md", &fm("title: B")),
        ],
    );
    let o = oracle(&shared, s.path(), None);
    assert!(o.built, "{:?}", o.log);
    assert_agree(
        test,
        s.path(),
        &o,
        &[("_posts/2021-07-20-b.md", "excluded")],
    );
}

fn zone_less_dates_depend_on_quoting() {
    let test = "zone_less_dates_depend_on_quoting";
    let Some(shared) = judge_or_skip(test) else {
        return;
    };
    let posts: Vec<(String, String)> = [
        ("unquoted", "2021-07-20 10:40:01"),
        ("quoted", "\"2021-07-20 10:40:01\""),
        ("quoted-z", "\"2021-07-20T20:40:01Z\""),
        // A UTC evening: the next day in Singapore, and in the URL.
        ("utc-evening", "2021-07-20T20:40:01.779Z"),
        ("offset", "2021-07-20 18:40:01 -0800"),
        ("day-only", "2021-07-20"),
        ("quoted-day", "\"2021-07-20\""),
        ("words", "\"July 20, 2021 11:00 pm\""),
        ("rolled", "2021-02-30T10:00:00Z"),
        ("fraction", "\"2021-07-20T10:40:01.5+02:00\""),
    ]
    .iter()
    .map(|(slug, date)| {
        (
            format!("_posts/2021-07-20-{slug}.md"),
            fm(&format!("title: {slug}\ndate: {date}")),
        )
    })
    .chain([(
        "_posts/2021-07-20-from-name.md".to_string(),
        fm("title: from name"),
    )])
    .collect();
    let files: Vec<(&str, &str)> = posts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    for config in [
        "timezone: Asia/Singapore\n",
        "timezone: America/New_York\n",
        "title: no timezone, the build machine zone\n",
    ] {
        let s = site(config, &files);
        let o = oracle(&shared, s.path(), None);
        assert!(o.built, "{config}: {:?}", o.log);
        assert_agree(&format!("{test} [{}]", config.trim()), s.path(), &o, &[]);
    }
}

fn exclude_include_and_special_names() {
    let test = "exclude_include_and_special_names";
    let Some(shared) = judge_or_skip(test) else {
        return;
    };
    let config = "exclude: [news, \"_posts/2021-07-2*\", \"*/x\", \"q/_posts/*-b.md\", \"*.markdown\"]\ninclude: [_arch, \"2021-07-22-inc.md\"]\n";
    let post = fm("title: t");
    let files: Vec<(&str, &str)> = [
        "_posts/sub/_x/2021-07-20-a.md",
        "_posts/_y/2021-07-20-a.md",
        "_posts/sub/2021-07-20-subok.md",
        "_posts/2021-07-21-ex.md",
        "_posts/2021-07-22-inc.md",
        "_posts/2021-07-19-ok.md",
        "_posts/2021-07-19-md.markdown",
        "_posts/_2021-07-19-u.md",
        "_posts/#2021-07-19-h.md",
        "newsletter/_posts/2021-07-19-nl.md",
        "news/_posts/2021-07-19-n.md",
        "_arch/_posts/2021-07-19-arch.md",
        "_other/_posts/2021-07-19-other.md",
        "old/x/_posts/2021-07-19-ox.md",
        "vendor/bundle/_posts/2021-07-19-v.md",
        "node_modules/_posts/2021-07-19-nm.md",
        "q/_posts/2021-07-19-a.md",
        "q/_posts/2021-07-19-b.md",
        "_posts/undated.md",
    ]
    .iter()
    .map(|p| (*p, post.as_str()))
    .collect();
    let s = site(config, &files);
    let o = oracle(&shared, s.path(), None);
    assert!(o.built, "{:?}", o.log);
    assert_agree(
        test,
        s.path(),
        &o,
        &[
            ("_posts/_y/2021-07-20-a.md", "excluded"),
            ("_posts/2021-07-21-ex.md", "excluded"),
            ("_posts/2021-07-19-md.markdown", "excluded"),
            ("_posts/_2021-07-19-u.md", "excluded"),
            ("_posts/#2021-07-19-h.md", "excluded"),
            ("newsletter/_posts/2021-07-19-nl.md", "excluded"),
            ("news/_posts/2021-07-19-n.md", "excluded"),
            ("_other/_posts/2021-07-19-other.md", "excluded"),
            ("old/x/_posts/2021-07-19-ox.md", "excluded"),
            ("vendor/bundle/_posts/2021-07-19-v.md", "excluded"),
            ("node_modules/_posts/2021-07-19-nm.md", "excluded"),
            ("q/_posts/2021-07-19-b.md", "excluded"),
            ("_posts/undated.md", "undated-filename"),
        ],
    );

    // Linting walks only what Jekyll reads; a file named on the command line is linted anyway.
    let out = Command::new(env!("CARGO_BIN_EXE_fmlint"))
        .args(["--isolated", "--select", "FM101", "--format", "json"])
        .arg(s.path())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let linted = report["summary"]["files"].as_u64().unwrap();
    // Jekyll reads 7 of them; fmlint also lints the undated one (FM204 is about it).
    assert_eq!(linted, 7, "{report}");
    let out = Command::new(env!("CARGO_BIN_EXE_fmlint"))
        .args(["--isolated", "--select", "FM101", "--format", "json"])
        .arg(s.path().join("news/_posts/2021-07-19-n.md"))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 1, "{report}");
}

fn drafts_published_false_and_future() {
    let test = "drafts_published_false_and_future";
    let Some(shared) = judge_or_skip(test) else {
        return;
    };
    let files = [
        (
            "_posts/2021-07-20-yes.md",
            fm("title: yes\npublished: true"),
        ),
        ("_posts/2021-07-20-no.md", fm("title: no\npublished: false")),
        (
            "_posts/2021-07-20-yaml-no.md",
            fm("title: yaml no\npublished: no"),
        ),
        ("_posts/2021-07-20-null.md", fm("title: null\npublished:")),
        (
            "_posts/2021-07-20-string.md",
            fm("title: string\npublished: \"false\""),
        ),
        (
            "hidden/_posts/2021-07-20-by-default.md",
            fm("title: by default"),
        ),
        ("_posts/2099-01-01-future.md", fm("title: future")),
        (
            "_posts/2021-07-20-future-date.md",
            fm("title: future date\ndate: 2099-07-20T10:00:00Z"),
        ),
        ("_drafts/undated-draft.md", fm("title: undated draft")),
        (
            "_drafts/2021-07-20-dated-draft.md",
            fm("title: dated draft"),
        ),
        (
            "_drafts/draft-with-date.md",
            fm("title: draft with date\ndate: 2021-07-21 10:00:00 +0800"),
        ),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let base = "timezone: Asia/Singapore\ndefaults:\n  - scope: { path: hidden }\n    values: { published: false }\n";
    let s = site(base, &files);
    let o = oracle(&shared, s.path(), None);
    assert!(o.built, "{:?}", o.log);
    assert!(
        o.log.iter().any(|l| l.contains("has a future date")),
        "{:?}",
        o.log
    );
    assert_agree(
        test,
        s.path(),
        &o,
        &[
            ("_posts/2021-07-20-no.md", "published-false"),
            ("_posts/2021-07-20-yaml-no.md", "published-false"),
            ("_posts/2021-07-20-null.md", "published-false"),
            ("hidden/_posts/2021-07-20-by-default.md", "published-false"),
            ("_posts/2099-01-01-future.md", "future-date"),
            ("_posts/2021-07-20-future-date.md", "future-date"),
            ("_drafts/undated-draft.md", "draft"),
            ("_drafts/2021-07-20-dated-draft.md", "draft"),
            ("_drafts/draft-with-date.md", "draft"),
        ],
    );
    // The same site with `show_drafts`, `future` and `unpublished`: everything is published.
    let s = site(
        &format!("{base}show_drafts: true\nfuture: true\nunpublished: true\n"),
        &files,
    );
    let o = oracle(&shared, s.path(), None);
    assert!(o.built, "{:?}", o.log);
    assert_agree(&format!("{test} [all on]"), s.path(), &o, &[]);
}

fn terms_urls_and_permalinks() {
    let test = "terms_urls_and_permalinks";
    let Some(shared) = judge_or_skip(test) else {
        return;
    };
    let files = [
        (
            "_posts/2021-07-20-Hello World: a?b#c[d]%e.md",
            fm("categories: [\"C++\", \"a b\", \"Ü\", \"x/y\", \"q?r\", \"h#i\"]"),
        ),
        (
            "Ünï/_posts/2021-07-21-ümlaut ß.md",
            fm("title: x\ntags: [1, 2.5, true, ~, [a, b]]\ncategory: Z"),
        ),
        (
            "_posts/2021-07-22-split.md",
            fm("tags: 联合早报 国际  two\ncategories: 联合早报 x\ncategory: one two"),
        ),
        (
            "_posts/2021-07-23-numbers.md",
            fm("categories: [2021, x]\ntags: 2021"),
        ),
        (
            "_posts/2021-07-24-slugged.md",
            fm(
                "slug: \"My Fancy.Slug!\"\npermalink: \"/p/:slug/:title/:name/:i_month-:i_day_:short_year/:week:w_day:y_day:short_day:long_month/x.php\"",
            ),
        ),
        ("_posts/2021-07-25-..md", fm("title: \"\"")),
        ("_posts/2021-07-26-a.b..md", fm("title: [x]")),
        ("_posts/2021-07-27-html.html", fm("title: false")),
        (
            "_posts/2021-07-28-pretty.md",
            fm("permalink: /:categories/:title/"),
        ),
        (
            "en/news/_posts/2021/2021-07-29-nested.markdown",
            fm("title: ~"),
        ),
        (
            "_posts/2021-07-30-number-title.md",
            fm("title: 010\nauthor: 1:20\nlayout: yes"),
        ),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    for permalink in [
        "date",
        "pretty",
        "ordinal",
        "none",
        "weekdate",
        "/:categories/:year/:month/:day/:title:output_ext",
        "/blog/:slugified_categories/:year/:short_month/:slug.html",
        "/:path/:collection/:hour-:minute-:second/",
    ] {
        let config = format!("timezone: Asia/Singapore\npermalink: \"{permalink}\"\n");
        let s = site(&config, &files);
        let o = oracle(&shared, s.path(), None);
        assert!(o.built, "{permalink}: {:?}", o.log);
        assert_agree(&format!("{test} [{permalink}]"), s.path(), &o, &[]);
    }
    // A collection permalink wins over the site's style.
    let s = site(
        "permalink: pretty\ncollections:\n  posts:\n    permalink: /news/:year/:title:output_ext\n",
        &files,
    );
    let o = oracle(&shared, s.path(), None);
    assert!(o.built, "{:?}", o.log);
    assert_agree(&format!("{test} [collection]"), s.path(), &o, &[]);
}

fn front_matter_jekyll_cannot_read() {
    let test = "front_matter_jekyll_cannot_read";
    let Some(shared) = judge_or_skip(test) else {
        return;
    };
    let files = [
        (
            "_posts/2021-07-20-invalid-yaml.md",
            fm("title: \"unclosed\nauthor: x"),
        ),
        ("_posts/2021-07-20-a-list.md", fm("- a\n- b")),
        (
            "_posts/2021-07-20-number-categories.md",
            fm("title: N\ncategories: 2021"),
        ),
        (
            "_posts/2021-07-20-no-front-matter.md",
            "just text\n".to_string(),
        ),
        (
            "_posts/2021-07-20-unterminated.md",
            "---\ntitle: x\nbody\n".to_string(),
        ),
        ("_posts/2021-07-20-empty.md", "---\n---\nbody\n".to_string()),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let s = site(
        "timezone: Asia/Singapore\ndefaults:\n  - scope: { path: \"\" }\n    values: { layout: post, tags: [dt] }\n",
        &files,
    );
    std::fs::write(
        s.path().join("_posts/2021-07-20-latin1.md"),
        b"---\ntitle: caf\xe9\n---\n",
    )
    .unwrap();
    let o = oracle(&shared, s.path(), None);
    assert!(o.built, "{:?}", o.log);
    assert_agree(
        test,
        s.path(),
        &o,
        &[("_posts/2021-07-20-latin1.md", "not-utf8")],
    );
}

/// Issue 11's YAML cases, as Jekyll reads them: a BOM inside a value is text (and its
/// `published: false` holds), tab indentation and a symbol lose the front matter, merge keys
/// merge, aliases read as their anchor, an explicit tag decides the type, a folded title is text.
fn yaml_as_psych_reads_it() {
    let test = "yaml_as_psych_reads_it";
    let Some(shared) = judge_or_skip(test) else {
        return;
    };
    let files = [
        (
            "_posts/2021-07-20-bom-inside.md",
            fm("title: \u{feff}openSUSE KDE Team meeting\npublished: false"),
        ),
        (
            "_posts/2021-07-20-bom-published.md",
            fm("title: \u{feff}openSUSE KDE"),
        ),
        ("_posts/2021-07-20-tab-indent.md", fm("title: T\nx:\n\t- a")),
        (
            "_posts/2021-07-20-tab-separator.md",
            fm("title:\tT\nlayout:\tpage"),
        ),
        ("_posts/2021-07-20-symbol.md", fm("title: :rocket")),
        (
            "_posts/2021-07-20-class-tag.md",
            fm("title: T\nobj: !ruby/object:Gem::Installer\n  i: x"),
        ),
        (
            "_posts/2021-07-20-merge.md",
            fm("<<: {layout: page, author: A}\ntitle: M"),
        ),
        (
            "_posts/2021-07-20-merge-alias.md",
            fm("base: &b {layout: page}\n<<: *b\ntitle: M"),
        ),
        (
            "_posts/2021-07-20-merge-override.md",
            fm("<<: {title: merged}\ntitle: own"),
        ),
        (
            "_posts/2021-07-20-alias.md",
            fm("title: A\ntags: &t [ a, b ]\ncategories: *t"),
        ),
        (
            "_posts/2021-07-20-unknown-alias.md",
            fm("title: A\ncategories: *nope"),
        ),
        ("_posts/2021-07-20-int-tag.md", fm("title: !!int \"12\"")),
        ("_posts/2021-07-20-str-tag.md", fm("title: !!str 2021")),
        (
            "_posts/2021-07-20-folded.md",
            fm("title: >\n  folded\n  title"),
        ),
        ("_posts/2021-07-20-literal.md", fm("title: |-\n  literal")),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let s = site("timezone: Asia/Singapore\n", &files);
    let o = oracle(&shared, s.path(), None);
    assert!(o.built, "{:?}", o.log);
    assert_agree(
        test,
        s.path(),
        &o,
        &[("_posts/2021-07-20-bom-inside.md", "published-false")],
    );
}

fn a_date_that_stops_the_build() {
    let test = "a_date_that_stops_the_build";
    let Some(shared) = judge_or_skip(test) else {
        return;
    };
    for (name, text) in [
        (
            "2021-07-20-bad.md",
            fm("title: bad\ndate: 2021-13-20T10:40:01Z"),
        ),
        ("2021-07-20-empty.md", fm("title: empty\ndate: \"\"")),
        ("2021-13-45-bad-name.md", fm("title: bad name")),
    ] {
        let s = site(
            "title: x\n",
            &[
                (&format!("_posts/{name}"), &text),
                ("_posts/2021-07-21-fine.md", &fm("title: fine")),
            ],
        );
        let o = oracle(&shared, s.path(), None);
        assert!(!o.built, "{name}: Jekyll built: {:?}", o.posts.keys());
        let (mine, doc) = inspect(s.path());
        let post = &mine[&format!("_posts/{name}")];
        assert_eq!(post["reason"], "build-fails", "{name}: {post}");
        assert_eq!(
            doc["build_fails"],
            serde_json::json!([format!("_posts/{name}")]),
            "{name}"
        );
    }
}

fn the_human_report_shows_the_moved_day() {
    let s = site(
        "timezone: Asia/Singapore\n",
        &[(
            "_posts/2021-07-20-zulu.md",
            &fm("title: Zulu\ndate: 2021-07-20T20:40:01Z"),
        )],
    );
    let out = Command::new(env!("CARGO_BIN_EXE_fmlint"))
        .arg("inspect")
        .arg(s.path().join("_posts"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "published   yes",
        "date        2021-07-21T04:40:01.000+08:00 (epoch 1626813601; from the front matter)",
        "day         2021-07-21 in Asia/Singapore (_config.yml) (the file name says 2021-07-20)",
        "url         /2021/07/21/zulu.html",
        "1 post: 1 published, 0 not published",
    ] {
        assert!(text.contains(want), "{want:?} not in:\n{text}");
    }
    let set: BTreeSet<&str> = text.lines().filter(|l| l.starts_with("  note")).collect();
    assert!(set.is_empty(), "{text}");
}

/// Issue 11, item 3: posts with the other extensions Jekyll publishes (AsciiDoc, Textile, plain
/// text, the `markdown_ext` family, upper case), with and without front matter, and their
/// URLs (only Markdown becomes `.html` without plugins).
fn posts_with_other_extensions() {
    let test = "posts_with_other_extensions";
    let Some(shared) = judge_or_skip(test) else {
        return;
    };
    let post = fm("title: t\ncategories: [ a ]");
    let files: Vec<(&str, &str)> = vec![
        ("_posts/2021-07-19-adoc.adoc", post.as_str()),
        ("_posts/2021-07-19-asciidoc.asciidoc", post.as_str()),
        ("_posts/2021-07-19-textile.textile", post.as_str()),
        ("_posts/2021-07-19-txt.txt", post.as_str()),
        ("_posts/2021-07-19-plain.txt", "no front matter\n"),
        ("_posts/2021-07-19-mkdn.mkdn", post.as_str()),
        ("_posts/2021-07-19-upper.MD", post.as_str()),
        ("_posts/2021-07-19-htm.htm", post.as_str()),
        ("_posts/sub/2021-07-19-nested.adoc", post.as_str()),
    ];
    let s = site("title: t\n", &files);
    let o = oracle(&shared, s.path(), None);
    assert!(o.built, "{:?}", o.log);
    assert_eq!(o.posts.len(), files.len(), "Jekyll publishes each of them");
    assert_agree(test, s.path(), &o, &[]);
}

/// Issue 11, item 4: `category:` and `tag:` (singular), alone and beside their plurals.
fn singular_category_and_tag() {
    let test = "singular_category_and_tag";
    let Some(shared) = judge_or_skip(test) else {
        return;
    };
    let posts = [
        ("_posts/2021-07-19-c1.md", fm("category: a b")),
        (
            "_posts/2021-07-19-c2.md",
            fm("category: x\ncategories: [a, b]"),
        ),
        ("_posts/2021-07-19-c3.md", fm("tag: t1 t2\ntags: [u]")),
        ("_posts/2021-07-19-c4.md", fm("category: [p, q]\ntags: p")),
        ("_posts/2021-07-19-c5.md", fm("category:\ncategories: a b")),
        ("_posts/2021-07-19-c6.md", fm("categories: x\ncategory: x")),
    ];
    let files: Vec<(&str, &str)> = posts.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let s = site("title: t\n", &files);
    let o = oracle(&shared, s.path(), None);
    assert!(o.built, "{:?}", o.log);
    assert_agree(test, s.path(), &o, &[]);
}

prereq::tests!(
    inspect_agrees_on_the_corpus_sites,
    defaults_by_path_and_type,
    collections_dir_moves_the_posts,
    zone_less_dates_depend_on_quoting,
    exclude_include_and_special_names,
    drafts_published_false_and_future,
    terms_urls_and_permalinks,
    front_matter_jekyll_cannot_read,
    a_date_that_stops_the_build,
    the_human_report_shows_the_moved_day,
    posts_with_other_extensions,
    singular_category_and_tag,
    inspect_agrees_on_opensuse,
    yaml_as_psych_reads_it,
);
