//! Every family of `date:` Ruby's `Time.parse` reads (issue 11, items 1 and 11), as Jekyll 4.3
//! read them: `tests/data/jekyll_dates.tsv` holds Jekyll's verdicts, recorded with
//! `../shared/tools/jekyll-oracle` by `tests/data/record_jekyll_dates.py`.
//!
//! - `fmlint_reads_the_recorded_dates`: `fmlint inspect` on sites made of those cases gives the
//!   recorded date, `build time`, `not published` or `build fails`. Needs nothing but fmlint.
//! - `jekyll_still_reads_the_recorded_dates`: the same sites built by Jekyll here give the
//!   recorded verdicts (ignored with the reason without `jekyll` or `../shared`, failed under `CI=true`).

mod prereq;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

struct Case {
    line: usize,
    family: String,
    raw: String,
    tz: String,
    verdict: String,
}

fn cases() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/jekyll_dates.tsv");
    let text = std::fs::read_to_string(&path).expect("tests/data/jekyll_dates.tsv");
    let cases: Vec<Case> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(n, l)| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 4, "line {}: four columns: {l:?}", n + 1);
            Case {
                line: n + 1,
                family: c[0].into(),
                raw: c[1].into(),
                tz: c[2].into(),
                verdict: c[3].into(),
            }
        })
        .collect();
    assert!(cases.len() > 50, "the data file holds the cases");
    cases
}

fn temp_dir() -> tempfile::TempDir {
    // Not hidden (`.tmpXXXX`): fmlint's walker skips hidden folders.
    tempfile::Builder::new()
        .prefix("fmlint-dates-")
        .tempdir()
        .unwrap()
}

/// The sites the cases are built in: per timezone, one with every case that builds, and one
/// of its own for each case that stops the build (Jekyll stops at the first one).
fn sites(cases: &[Case], root: &Path) -> Vec<(PathBuf, Vec<usize>)> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut alone = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        if c.verdict == "build fails" {
            alone.push(vec![i]);
        } else {
            groups.entry(c.tz.clone()).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (n, members) in groups.into_values().chain(alone).enumerate() {
        let dir = root.join(format!("site{n}"));
        std::fs::create_dir_all(dir.join("_posts")).unwrap();
        let tz = &cases[members[0]].tz;
        std::fs::write(dir.join("_config.yml"), format!("timezone: {tz}\n")).unwrap();
        for &i in &members {
            let post = format!("---\ndate: {}\n---\nbody\n", cases[i].raw);
            std::fs::write(dir.join(format!("_posts/2000-01-01-case{i}.md")), post).unwrap();
        }
        out.push((dir, members));
    }
    out
}

fn case_of(path: &str) -> usize {
    let stem = path.rsplit("case").next().unwrap();
    stem.trim_end_matches(".md").parse().unwrap()
}

fn year_now() -> String {
    chrono::Utc::now().format("%Y").to_string()
}

fn describe(c: &Case) -> String {
    format!(
        "line {} ({}): `date: {}` in {}",
        c.line, c.family, c.raw, c.tz
    )
}

fn fmlint_reads_the_recorded_dates() {
    let cases = cases();
    let tmp = temp_dir();
    let mut bad = Vec::new();
    for (dir, members) in sites(&cases, tmp.path()) {
        let out = Command::new(env!("CARGO_BIN_EXE_fmlint"))
            .args(["inspect", "--format", "json"])
            .arg(&dir)
            .output()
            .expect("fmlint runs");
        let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
        let fails: Vec<&str> = doc["build_fails"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let posts: BTreeMap<usize, &Value> = doc["posts"]
            .as_array()
            .expect("posts")
            .iter()
            .map(|p| (case_of(p["path"].as_str().unwrap()), p))
            .collect();
        for i in members {
            let c = &cases[i];
            let p = posts[&i];
            let mine = if fails.contains(&p["path"].as_str().unwrap()) {
                "build fails".to_string()
            } else if p["date_source"] == "build time" {
                "build time".to_string()
            } else if p["published"] == false {
                "not published".to_string()
            } else {
                p["date"].as_str().unwrap_or("(none)").to_string()
            };
            if mine != c.verdict {
                bad.push(format!(
                    "{}: Jekyll {}, fmlint {mine} ({})",
                    describe(c),
                    c.verdict,
                    p["reason_text"]
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "fmlint reads {} date(s) otherwise than Jekyll:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

fn jekyll_still_reads_the_recorded_dates() {
    prereq::jekyll();
    let oracle = prereq::shared("tools/jekyll-oracle");
    let cases = cases();
    let tmp = temp_dir();
    let mut bad = Vec::new();
    for (dir, members) in sites(&cases, tmp.path()) {
        let started = chrono::Utc::now().timestamp() - 2;
        let out = Command::new(&oracle)
            .arg(&dir)
            .output()
            .expect("the oracle runs");
        let finished = chrono::Utc::now().timestamp() + 2;
        let text = String::from_utf8_lossy(&out.stdout);
        let mut read: BTreeMap<usize, Value> = BTreeMap::new();
        for line in text.lines() {
            let v: Value = serde_json::from_str(line).expect("JSON lines");
            if let Some(path) = v["path"].as_str() {
                read.insert(case_of(path), v.clone());
            }
        }
        for i in members {
            let c = &cases[i];
            let theirs = if !out.status.success() {
                "build fails".to_string()
            } else {
                match read.get(&i) {
                    None => "not published".to_string(),
                    Some(v) => {
                        let epoch = v["epoch"].as_i64().unwrap_or(0);
                        let date = v["date"].as_str().unwrap_or("").to_string();
                        let by_clock = (started..=finished).contains(&epoch)
                            || (c.verdict == "build time" && date.starts_with(&year_now()));
                        if by_clock {
                            "build time".to_string()
                        } else {
                            date
                        }
                    }
                }
            };
            if theirs != c.verdict {
                bad.push(format!(
                    "{}: recorded {}, Jekyll now {theirs}",
                    describe(c),
                    c.verdict
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "Jekyll no longer reads {} recorded date(s) as recorded:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

prereq::tests!(
    fmlint_reads_the_recorded_dates,
    jekyll_still_reads_the_recorded_dates,
);
