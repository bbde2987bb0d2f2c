//! The output formats beside human and JSON, each checked by what reads it: snapshots on
//! `fixtures/site`; SARIF by Microsoft's SARIF Multitool (ignored with the reason where it is not
//! installed, failed under `CI=true`: `.ci/run` installs it; see tests/prereq); JUnit by a real XML parser; GitHub's escaping with a post
//! whose message and path hold every character it escapes. Also `--output-file`, and the human
//! output of a large run (grouped by rule past 200 problems unless `--show-all`).

mod prereq;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const SITE: &str = "fixtures/site";
const CLEAN_POST: &str = "fixtures/site/_posts/2024-03-12-cross-island-line-delay.md";
const CIRCLE_LINE: &str = "fixtures/site/_posts/2024-05-21-circle-line-weekend-closure.md";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_fmlint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("fmlint runs");
    Run {
        code: out.status.code().expect("an exit code"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

fn run(args: &[&str]) -> Run {
    run_in(root(), args)
}

/// `(path, line, column, end_line, end_column, code, message)` of every diagnostic, from JSON.
type Row = (String, u64, u64, u64, u64, String, String);

fn json_rows(args: &[&str]) -> Vec<Row> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let doc: Value = serde_json::from_str(&run(&all).stdout).unwrap();
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["end_line"].as_u64().unwrap(),
                d["end_column"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// concise and github

fn concise_snapshot_one_line_per_json_diagnostic() {
    let r = run(&["--format", "concise", SITE]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    insta::assert_snapshot!("fixtures_site_concise", r.stdout);
    let rows = json_rows(&[SITE]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines.len(),
        rows.len() + 1,
        "one line each, then the summary"
    );
    for (line, (path, l, c, _, _, code, message)) in lines.iter().zip(&rows) {
        let name = fmlint::rules::find(code).unwrap().name;
        assert_eq!(*line, format!("{path}:{l}:{c}: {code} [{name}] {message}"));
    }
    assert!(lines.last().unwrap().starts_with("Found 30 problems"));
    let quiet = run(&["--format", "concise", "-q", SITE]);
    assert_eq!(quiet.stdout.lines().count(), rows.len());
}

fn github_snapshot_one_command_per_json_diagnostic() {
    let r = run(&["--format", "github", SITE]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    insta::assert_snapshot!("fixtures_site_github", r.stdout);
    let rows = json_rows(&[SITE]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), rows.len(), "commands only, no summary");
    for (line, (path, l, c, el, ec, code, _)) in lines.iter().zip(&rows) {
        let rule = fmlint::rules::find(code).unwrap();
        let kind = rule.severity.as_str();
        let want = format!(
            "::{kind} file={path},line={l},col={c},endLine={el},endColumn={ec},title={code} {}::",
            rule.name
        );
        assert!(line.starts_with(&want), "{line}\nshould start with\n{want}");
    }
}

/// A post under a path holding `,` `:` `%`, whose layout (and so FM104's message) holds `%`,
/// `:`, `,`, CR and LF.
fn escaping_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("_posts")).unwrap();
    let clean = std::fs::read_to_string(root().join(CLEAN_POST)).unwrap();
    let post = clean.replacen(
        "layout: post",
        r#"layout: "50%: a,b\r\nc <&\"x'> \u0001""#,
        1,
    );
    std::fs::write(dir.path().join("_posts/2024-03-12-a,b:c%.md"), post).unwrap();
    dir
}

fn github_escapes_a_real_message_and_path() {
    let site = escaping_site();
    let r = run_in(site.path(), &["--format", "github", "."]);
    assert_eq!(r.code, 0, "a warning only\n{}", r.stderr);
    assert_eq!(
        r.stdout,
        "::warning file=_posts/2024-03-12-a%2Cb%3Ac%25.md,line=2,col=9,endLine=2,endColumn=39,\
         title=FM104 unknown-layout::layout `50%25: a,b%0D%0Ac <&\"x'> \\u{1}` is not an allowed \
         layout\n"
    );
}

// ---------------------------------------------------------------------------------------------
// JUnit

fn junit_parses_back_with_a_suite_per_post() {
    let r = run(&["--format", "junit", SITE]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("fixtures_site_junit", r.stdout);
    let doc = roxmltree::Document::parse(&r.stdout).expect("well-formed XML");
    let top = doc.root_element();
    assert_eq!(top.tag_name().name(), "testsuites");
    let rows = json_rows(&[SITE]);
    let suites: Vec<_> = top.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 19, "one suite per post checked");
    let mut failures_seen = Vec::new();
    let mut passing = 0;
    for s in &suites {
        assert_eq!(s.tag_name().name(), "testsuite");
        let path = s.attribute("name").unwrap();
        let cases: Vec<_> = s.children().filter(|n| n.is_element()).collect();
        assert_eq!(s.attribute("tests").unwrap(), cases.len().to_string());
        let failures = cases
            .iter()
            .filter_map(|c| c.children().find(|n| n.has_tag_name("failure")))
            .collect::<Vec<_>>();
        assert_eq!(s.attribute("failures").unwrap(), failures.len().to_string());
        if failures.is_empty() {
            assert_eq!(cases.len(), 1, "a clean post is one passing case");
            passing += 1;
        }
        for (case, f) in cases.iter().zip(&failures) {
            assert_eq!(case.attribute("classname"), Some(path));
            let code = case.attribute("name").unwrap().split(' ').next().unwrap();
            let line: u64 = case.attribute("line").unwrap().parse().unwrap();
            failures_seen.push((
                path.to_string(),
                line,
                code.to_string(),
                f.attribute("message").unwrap().to_string(),
                f.attribute("type").unwrap().to_string(),
            ));
        }
    }
    let want: Vec<_> = rows
        .iter()
        .map(|(p, l, _, _, _, code, m)| {
            let sev = fmlint::rules::find(code).unwrap().severity.as_str();
            (p.clone(), *l, code.clone(), m.clone(), sev.to_string())
        })
        .collect();
    assert_eq!(failures_seen, want);
    assert_eq!(passing, 7);
    assert_eq!(top.attribute("tests"), Some("37"));
    assert_eq!(top.attribute("failures"), Some("30"));
}

fn junit_escapes_markup_and_control_characters() {
    let site = escaping_site();
    let r = run_in(site.path(), &["--format", "junit", "."]);
    let doc = roxmltree::Document::parse(&r.stdout).expect("well-formed XML");
    let failure = doc
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    // CR and LF survive in the attribute; U+0001, which XML cannot carry, is U+FFFD.
    assert_eq!(
        failure.attribute("message"),
        Some("layout `50%: a,b\r\nc <&\"x'> \u{fffd}` is not an allowed layout")
    );
    assert!(failure.text().unwrap().contains("c <&\"x'> \u{fffd}"));
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("name"), Some("_posts/2024-03-12-a,b:c%.md"));
}

// ---------------------------------------------------------------------------------------------
// SARIF

fn sarif(args: &[&str]) -> Value {
    let mut all = vec!["--format", "sarif"];
    all.extend_from_slice(args);
    let r = run(&all);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", r.stdout))
}

fn sarif_snapshot_and_shape() {
    let mut doc = sarif(&[SITE]);
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    assert_eq!(doc["runs"].as_array().unwrap().len(), 1);
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "fmlint");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), fmlint::rules::REGISTRY.len(), "every rule");
    for (r, rule) in rules.iter().zip(fmlint::rules::REGISTRY) {
        assert_eq!(r["id"], rule.code);
        assert_eq!(r["name"], rule.name);
        assert_eq!(r["shortDescription"]["text"], rule.summary);
        assert_eq!(r["help"]["markdown"], rule.doc);
        assert_eq!(r["defaultConfiguration"]["level"], rule.severity.as_str());
        let full = r["fullDescription"]["text"].as_str().unwrap();
        assert!(!full.is_empty() && !full.contains("## "), "{full}");
        let uri = r["helpUri"].as_str().unwrap();
        assert!(uri.starts_with(env!("CARGO_PKG_REPOSITORY")), "{uri}");
        let page = format!("rules/{}-{}.md", rule.code, rule.name);
        assert!(
            uri.ends_with(&page) && root().join(&page).is_file(),
            "{uri}"
        );
    }
    let results = run["results"].as_array().unwrap();
    let rows = json_rows(&[SITE]);
    assert_eq!(results.len(), rows.len());
    for (res, (path, l, c, el, ec, code, message)) in results.iter().zip(&rows) {
        assert_eq!(res["ruleId"], *code);
        assert_eq!(res["message"]["text"], *message);
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], *path);
        let region = &loc["region"];
        assert_eq!(
            (
                &region["startLine"],
                &region["startColumn"],
                &region["endLine"],
                &region["endColumn"]
            ),
            (&(*l).into(), &(*c).into(), &(*el).into(), &(*ec).into())
        );
        let index = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], *code);
    }
    let with_fixes = results.iter().filter(|r| r.get("fixes").is_some()).count();
    assert_eq!(with_fixes, 15, "13 safe and 2 unsafe fixes");
    // The rule pages are the registry's, checked above; the snapshot keeps the rest.
    doc["runs"][0]["tool"]["driver"]["rules"] = "(the registry, checked above)".into();
    doc["runs"][0]["tool"]["driver"]["version"] = "(the crate's)".into();
    doc["runs"][0]["tool"]["driver"]["semanticVersion"] = "(the crate's)".into();
    insta::assert_snapshot!(
        "fixtures_site_sarif",
        serde_json::to_string_pretty(&doc).unwrap()
    );
}

/// Byte offset of a 1-based (line, column) counted in code points.
fn offset_of(text: &str, line: u64, col: u64) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line as usize - 1)
        .map(str::len)
        .sum();
    start
        + text[start..]
            .chars()
            .take(col as usize - 1)
            .map(char::len_utf8)
            .sum::<usize>()
}

fn sarif_fixes_are_the_edits_fix_makes() {
    // A post whose only problems are safe to fix: SARIF's replacements, applied by hand, give
    // what `fmlint --fix` writes.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("_posts")).unwrap();
    let clean = std::fs::read_to_string(root().join(CIRCLE_LINE)).unwrap();
    let text = clean.replace("author: [ 狮城快讯 ]", "author: 狮城快讯");
    let post = dir
        .path()
        .join("_posts/2024-05-21-circle-line-weekend-closure.md");
    std::fs::write(&post, &text).unwrap();
    let r = run_in(dir.path(), &["--format", "sarif", "."]);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    let mut edits = Vec::new();
    for res in doc["runs"][0]["results"].as_array().unwrap() {
        let change = &res["fixes"][0]["artifactChanges"][0];
        assert_eq!(
            change["artifactLocation"]["uri"],
            "_posts/2024-05-21-circle-line-weekend-closure.md"
        );
        for rep in change["replacements"].as_array().unwrap() {
            let d = &rep["deletedRegion"];
            let n = |k: &str| d[k].as_u64().unwrap();
            let start = offset_of(&text, n("startLine"), n("startColumn"));
            let end = offset_of(&text, n("endLine"), n("endColumn"));
            let new = rep["insertedContent"]["text"].as_str().unwrap().to_string();
            edits.push((start, end, new));
        }
    }
    assert_eq!(edits.len(), 3, "{edits:?}");
    edits.sort();
    let mut fixed = text.clone();
    for (start, end, new) in edits.iter().rev() {
        fixed.replace_range(start..end, new);
    }
    assert_eq!(run_in(dir.path(), &["--fix", "-q", "."]).code, 0);
    assert_eq!(fixed, std::fs::read_to_string(&post).unwrap());
}

/// Microsoft's validator, from npm (`@microsoft/sarif-multitool`), if installed.
fn multitool() -> Option<PathBuf> {
    let ok = Command::new("sarif-multitool")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from("sarif-multitool"))
}

/// Runs `sarif-multitool validate` on `file`; returns its findings of level error or warning.
/// The tool exits 0 whatever it finds, so its own SARIF log is read.
fn validate(tool: &Path, file: &Path) -> Vec<String> {
    let log = file.with_extension("validation.sarif");
    let out = Command::new(tool)
        .arg("validate")
        .arg("--output")
        .arg(&log)
        .arg(file)
        .output()
        .expect("sarif-multitool runs");
    assert!(
        out.status.success(),
        "sarif-multitool failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
    doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        // A result without a level is a warning (SARIF §3.27.10).
        .filter(|r| matches!(r["level"].as_str(), None | Some("error") | Some("warning")))
        .map(|r| format!("{} {}", r["ruleId"], r["message"]))
        .collect()
}

fn sarif_multitool_finds_no_errors_and_no_warnings() {
    let Some(tool) = multitool() else {
        prereq::missing(
            "sarif-multitool",
            "npm install -g @microsoft/sarif-multitool; .ci/run installs it",
        );
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fmlint.sarif");
    let r = run(&[
        "--format",
        "sarif",
        "--output-file",
        file.to_str().unwrap(),
        SITE,
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(validate(&tool, &file), Vec::<String>::new());
    // The check can fail: a region starting on line 0 is an error to the validator.
    let text = std::fs::read_to_string(&file).unwrap();
    let broken = dir.path().join("broken.sarif");
    std::fs::write(
        &broken,
        text.replacen("\"startLine\":4}", "\"startLine\":0}", 1),
    )
    .unwrap();
    assert!(
        !validate(&tool, &broken).is_empty(),
        "the validator noticed"
    );
}

// ---------------------------------------------------------------------------------------------
// --output-file

fn output_file_gets_the_report_and_the_terminal_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.json");
    let f = file.to_str().unwrap();
    let plain = run(&["--format", "json", SITE]);
    let r = run(&["--format", "json", "--output-file", f, SITE]);
    assert_eq!(r.code, plain.code);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), plain.stdout);
    assert_eq!(
        r.stdout,
        "Found 30 problems (22 errors, 8 warnings) in 12 of 19 files checked. 13 fixable with \
         `--fix`. 2 more with `--unsafe-fixes`.\n"
    );
    // Replaced, not appended; quiet keeps the terminal silent; no temporary file is left.
    let r = run(&["--format", "concise", "-q", "--output-file", f, CLEAN_POST]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // A folder that does not exist: the run fails, saying why.
    let bad = dir.path().join("missing/report.json");
    let r = run(&["--output-file", bad.to_str().unwrap(), CLEAN_POST]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot write"), "{}", r.stderr);
}

fn human_report_in_a_file_has_no_colour() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.txt");
    let r = run(&[
        "--color",
        "always",
        "--output-file",
        file.to_str().unwrap(),
        SITE,
    ]);
    assert_eq!(r.code, 1);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains('\u{1b}'));
    assert_eq!(text, run(&["--color", "never", SITE]).stdout);
}

// ---------------------------------------------------------------------------------------------
// Large runs in the human format

/// `n` posts with three problems each (FM201, FM502, FM602).
fn big_site(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("_posts")).unwrap();
    let clean = std::fs::read_to_string(root().join(CLEAN_POST)).unwrap();
    let bad = clean
        .replace(
            "date: 2024-03-12T02:15:30.412Z",
            "date: 2024-03-12 10:15:30 +0800",
        )
        .replace("tags: [ 南洋日报 ]", "tags: [ 南洋日报, 南洋日报 ]")
        .replace(
            "title: \"陆交局：跨岛线第二阶段工程料延后半年完工\"",
            "title: 陆交局：跨岛线第二阶段工程料延后半年完工",
        );
    for i in 0..n {
        let p = dir.path().join(format!("_posts/2024-03-12-post-{i:03}.md"));
        std::fs::write(p, &bad).unwrap();
    }
    dir
}

fn past_200_problems_human_output_groups_by_rule() {
    let site = big_site(70);
    let r = run_in(site.path(), &["--color", "never", "."]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("grouped_210", r.stdout);
    assert!(!r.stdout.contains("╭─["), "nothing is drawn");
    // The same whatever order the workers took.
    for _ in 0..3 {
        assert_eq!(
            run_in(site.path(), &["--color", "never", "."]).stdout,
            r.stdout
        );
    }
    let all = run_in(site.path(), &["--color", "never", "--show-all", "."]);
    assert_eq!(
        all.stdout.matches("╭─[").count(),
        210,
        "--show-all draws each"
    );
    assert_eq!(
        all.stdout.lines().last(),
        r.stdout.lines().last(),
        "same summary"
    );
}

fn at_200_problems_every_one_is_drawn() {
    let site = big_site(66);
    let r = run_in(site.path(), &["--color", "never", "."]);
    assert_eq!(r.stdout.matches("╭─[").count(), 198);
}

fn statistics_on_a_large_run_print_only_the_counts() {
    let site = big_site(70);
    let r = run_in(site.path(), &["--statistics", "."]);
    let rows: Vec<(&str, &str)> = r
        .stdout
        .lines()
        .map(|l| l.trim_start().split_once("  ").unwrap())
        .collect();
    assert_eq!(rows.len(), 3, "{}", r.stdout);
    assert!(
        rows.iter()
            .all(|(n, rule)| *n == "70" && rule.starts_with("FM"))
    );
}

prereq::tests!(
    concise_snapshot_one_line_per_json_diagnostic,
    github_snapshot_one_command_per_json_diagnostic,
    github_escapes_a_real_message_and_path,
    junit_parses_back_with_a_suite_per_post,
    junit_escapes_markup_and_control_characters,
    sarif_snapshot_and_shape,
    sarif_fixes_are_the_edits_fix_makes,
    sarif_multitool_finds_no_errors_and_no_warnings,
    output_file_gets_the_report_and_the_terminal_the_summary,
    human_report_in_a_file_has_no_colour,
    past_200_problems_human_output_groups_by_rule,
    at_200_problems_every_one_is_drawn,
    statistics_on_a_large_run_print_only_the_counts,
);
