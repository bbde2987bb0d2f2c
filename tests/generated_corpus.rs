//! The generated corpus and the seed from `../shared`: every injected defect raises its code and
//! nothing else, no clean post raises anything, and the canonical seed post lints clean.
//! Skipped, saying why, where `../shared` or python3 is absent.

mod prereq;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const SEED: &str = "seed/000_38fd3a258db0bb23.txt";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn shared() -> PathBuf {
    root().join("../shared")
}

/// `../shared` when it has what the test needs (the test is ignored, or fails under CI, without).
fn shared_or_skip(_test: &str, needs: &str) -> Option<PathBuf> {
    prereq::shared(needs);
    Some(shared())
}

fn python3_or_skip(_test: &str) -> bool {
    prereq::python3();
    true
}

fn temp_dir() -> tempfile::TempDir {
    // Not hidden (`.tmpXXXX`): the walker skips hidden files and folders.
    tempfile::Builder::new()
        .prefix("fmlint-corpus-")
        .tempdir()
        .unwrap()
}

/// Runs fmlint with `--format json` in `dir`; returns the exit code and the parsed document.
fn fmlint_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_fmlint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["--format", "json", "--color", "never"])
        .args(args)
        .output()
        .expect("fmlint runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let doc: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{stdout}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().expect("an exit code"), doc)
}

fn every_injected_defect_raises_its_code_and_nothing_else() {
    const TEST: &str = "every_injected_defect_raises_its_code_and_nothing_else";
    let Some(shared) = shared_or_skip(TEST, "tools/gen_corpus.py") else {
        return;
    };
    if !python3_or_skip(TEST) {
        return;
    }
    let dir = temp_dir();
    let status = Command::new("python3")
        .arg(shared.join("tools/gen_corpus.py"))
        .arg(dir.path())
        .args(["--posts", "2000", "--defect-rate", "0.2", "--seed", "7"])
        .status()
        .expect("gen_corpus.py runs");
    assert!(status.success(), "gen_corpus.py failed: {status}");

    // defects.tsv: file, kind, code (or `-` for a variant that must lint clean).
    let tsv = std::fs::read_to_string(dir.path().join("defects.tsv")).unwrap();
    let mut defects: BTreeMap<String, (String, String)> = BTreeMap::new();
    for line in tsv.lines().filter(|l| !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "defects.tsv row `{line}`");
        let prev = defects.insert(
            cols[0].to_string(),
            (cols[1].to_string(), cols[2].to_string()),
        );
        assert!(prev.is_none(), "{} listed twice", cols[0]);
    }
    let posts: BTreeSet<String> = std::fs::read_dir(dir.path().join("_posts"))
        .unwrap()
        .map(|e| format!("_posts/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    assert_eq!(posts.len(), 2000, "2000 posts generated");
    assert!(
        defects.keys().all(|f| posts.contains(f)),
        "defects.tsv names existing posts"
    );
    // The corpus exercises what it should: ~400 defects over every kind, and both variants.
    assert!(defects.len() > 300, "{} defects", defects.len());
    let codes: BTreeSet<&str> = defects.values().map(|(_, c)| c.as_str()).collect();
    assert!(codes.len() >= 20 && codes.contains("-"), "codes: {codes:?}");

    // Lint from inside the corpus so that paths read `_posts/…` as in defects.tsv.
    let (exit, doc) = fmlint_json(dir.path(), &["."]);
    // Byte-identical from run to run, sorted by path, on a run big enough to be parallel.
    let raw = |dir: &Path| {
        Command::new(env!("CARGO_BIN_EXE_fmlint"))
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .args(["--format", "json", "--color", "never", "."])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(raw(dir.path()), raw(dir.path()), "two runs differ");
    let paths: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(paths.windows(2).all(|w| w[0] <= w[1]), "sorted by path");
    assert_eq!(exit, 1, "the corpus has errors");
    assert_eq!(doc["summary"]["files"], 2000, "every post checked");
    let mut got: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    for d in doc["diagnostics"].as_array().unwrap() {
        let path = d["path"].as_str().unwrap().to_string();
        assert!(
            posts.contains(&path),
            "diagnostic on `{path}`, which is not a generated post: paths would not match defects.tsv"
        );
        got.entry(path).or_default().push((
            d["code"].as_str().unwrap().to_string(),
            d["severity"].as_str().unwrap().to_string(),
            d["message"].as_str().unwrap().to_string(),
        ));
    }

    let mut failures = Vec::new();
    for post in &posts {
        let diags = got.get(post).map(Vec::as_slice).unwrap_or_default();
        match defects.get(post) {
            Some((kind, code)) if code != "-" => {
                let has_code = diags.iter().any(|d| &d.0 == code);
                let other_error = diags.iter().any(|d| &d.0 != code && d.1 == "error");
                if !has_code || other_error {
                    // The catalogue's promise: its code, and no other error.
                    failures.push(format!(
                        "{post} ({kind}): expected {code} and no other error, got {diags:?}"
                    ));
                } else if diags.len() != 1 {
                    // The stronger property that holds: one diagnostic, its code.
                    failures.push(format!(
                        "{post} ({kind}): expected only {code}, got {diags:?}"
                    ));
                }
            }
            Some((kind, _)) => {
                if !diags.is_empty() {
                    failures.push(format!(
                        "{post} ({kind} variant): must lint clean, got {diags:?}"
                    ));
                }
            }
            None => {
                if !diags.is_empty() {
                    failures.push(format!("{post} (clean): got {diags:?}"));
                }
            }
        }
    }
    let n = failures.len();
    failures.truncate(30);
    assert!(
        n == 0,
        "{n} posts wrong, first ones:\n{}",
        failures.join("\n")
    );
    // Every defective post raised something: the clean ones are clean for a reason.
    let defective = defects.values().filter(|(_, c)| c != "-").count();
    assert_eq!(
        got.len(),
        defective,
        "exactly the defective posts have diagnostics"
    );
}

fn the_seed_lints_clean() {
    const TEST: &str = "the_seed_lints_clean";
    let Some(shared) = shared_or_skip(TEST, SEED) else {
        return;
    };
    let seed = shared.join(SEED);
    let bytes = std::fs::read(&seed).unwrap();
    // As a post of a site: `_posts/2021-07-20-seed.md`, its date's day.
    let dir = temp_dir();
    std::fs::create_dir(dir.path().join("_posts")).unwrap();
    std::fs::write(dir.path().join("_posts/2021-07-20-seed.md"), &bytes).unwrap();
    let (exit, doc) = fmlint_json(dir.path(), &["."]);
    assert_eq!(doc["summary"]["files"], 1, "the seed was found as a post");
    assert_eq!(
        doc["diagnostics"],
        Value::Array(vec![]),
        "the seed as a post"
    );
    assert_eq!(exit, 0);

    // Named explicitly under its own name (not a `_posts` file name).
    let seed = seed.canonicalize().unwrap();
    let (exit, doc) = fmlint_json(root(), &[seed.to_str().unwrap()]);
    assert_eq!(doc["summary"]["files"], 1);
    assert_eq!(
        doc["diagnostics"],
        Value::Array(vec![]),
        "the seed named explicitly"
    );
    assert_eq!(exit, 0);

    // And the human output says so.
    let out = Command::new(env!("CARGO_BIN_EXE_fmlint"))
        .current_dir(dir.path())
        .args(["--color", "never", "_posts/2021-07-20-seed.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "All checks passed: 1 file checked, no problems.\n"
    );
}

fn a_broken_seed_is_not_clean() {
    // Guards the test above: the same route reports a defect in the seed's shape.
    const TEST: &str = "a_broken_seed_is_not_clean";
    let Some(shared) = shared_or_skip(TEST, SEED) else {
        return;
    };
    let text = std::fs::read_to_string(shared.join(SEED)).unwrap();
    let broken = text.replacen("<!--1626799380000-->", "<!--1626799380-->", 1);
    assert_ne!(broken, text);
    let dir = temp_dir();
    std::fs::create_dir(dir.path().join("_posts")).unwrap();
    std::fs::write(dir.path().join("_posts/2021-07-20-seed.md"), broken).unwrap();
    let (exit, doc) = fmlint_json(dir.path(), &["."]);
    let codes: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["FM402"]);
    assert_eq!(exit, 1);
}

prereq::tests!(
    every_injected_defect_raises_its_code_and_nothing_else,
    the_seed_lints_clean,
    a_broken_seed_is_not_clean,
);
