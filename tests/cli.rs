//! The binary over `fixtures/site`: snapshots of the human and JSON output, the codes each
//! fixture raises against `fixtures/site/EXPECTED.md`, exit codes, rule selection, statistics,
//! quiet mode, determinism, character columns and unreadable files.

mod prereq;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const SITE: &str = "fixtures/site";
const CIRCLE_LINE: &str = "fixtures/site/_posts/2024-05-21-circle-line-weekend-closure.md";
const CROSS_BORDER: &str = "fixtures/site/_posts/2024-06-18-cross-border-data-mou.md";
const CLEAN_POST: &str = "fixtures/site/_posts/2024-03-12-cross-island-line-delay.md";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The real binary, run from the crate root, never coloured.
fn fmlint() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fmlint"));
    cmd.current_dir(root()).env("NO_COLOR", "1");
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    run_as(&[], args)
}

/// The binary run through `prefix` (`setpriv …`: as another user), from the crate root.
fn run_as(prefix: &[std::ffi::OsString], args: &[&str]) -> Run {
    let mut cmd = match prefix.split_first() {
        None => fmlint(),
        Some((program, rest)) => {
            let mut cmd = Command::new(program);
            cmd.args(rest)
                .arg(env!("CARGO_BIN_EXE_fmlint"))
                .current_dir(root())
                .env("NO_COLOR", "1");
            cmd
        }
    };
    let out = cmd.args(args).output().expect("fmlint runs");
    Run {
        code: out.status.code().expect("fmlint exits with a code"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn human(args: &[&str]) -> Run {
    let mut all = vec!["--color", "never"];
    all.extend_from_slice(args);
    run(&all)
}

/// One diagnostic as `--format json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct J {
    path: String,
    line: u64,
    column: u64,
    end_line: u64,
    end_column: u64,
    code: String,
    name: String,
    severity: String,
    message: String,
    fixable: bool,
}

struct JsonRun {
    code: i32,
    diags: Vec<J>,
    summary: Value,
}

fn json(args: &[&str]) -> JsonRun {
    json_as(&[], args)
}

fn json_as(prefix: &[std::ffi::OsString], args: &[&str]) -> JsonRun {
    let mut all = vec!["--format", "json", "--color", "never"];
    all.extend_from_slice(args);
    let r = run_as(prefix, &all);
    let doc: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("--format json is not JSON ({e}):\n{}", r.stdout));
    assert_eq!(doc["version"], 1, "JSON version");
    let diags = doc["diagnostics"]
        .as_array()
        .expect("`diagnostics` is an array")
        .iter()
        .map(|d| {
            let s = |k: &str| {
                d[k].as_str()
                    .unwrap_or_else(|| panic!("`{k}` is not a string in {d}"))
                    .to_string()
            };
            let n = |k: &str| {
                d[k].as_u64()
                    .unwrap_or_else(|| panic!("`{k}` is not a number in {d}"))
            };
            J {
                path: s("path"),
                line: n("line"),
                column: n("column"),
                end_line: n("end_line"),
                end_column: n("end_column"),
                code: s("code"),
                name: s("name"),
                severity: s("severity"),
                message: s("message"),
                fixable: d["fixable"].as_bool().expect("`fixable` is a bool"),
            }
        })
        .collect();
    JsonRun {
        code: r.code,
        diags,
        summary: doc["summary"].clone(),
    }
}

fn codes_by_path(diags: &[J]) -> BTreeMap<String, BTreeSet<String>> {
    let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in diags {
        m.entry(d.path.clone()).or_default().insert(d.code.clone());
    }
    m
}

/// A row of EXPECTED.md's first table: path under the site, codes, and which are warnings.
#[derive(Debug)]
struct Expected {
    path: String,
    codes: BTreeSet<String>,
    warnings: BTreeSet<String>,
}

fn expected_table() -> Vec<Expected> {
    let text = std::fs::read_to_string(root().join(SITE).join("EXPECTED.md")).unwrap();
    let mut rows = Vec::new();
    for line in text.lines() {
        // Only the first table's rows start with a back-ticked path.
        let Some(rest) = line.strip_prefix("| `") else {
            continue;
        };
        let cells: Vec<&str> = rest.split(" | ").collect();
        let path = cells[0].trim_end_matches('`').to_string();
        let codes_cell = cells[1].trim();
        let mut codes = BTreeSet::new();
        let mut warnings = BTreeSet::new();
        if codes_cell != "-" {
            for item in codes_cell.split(", ") {
                let mut words = item.split_whitespace();
                let code = words.next().unwrap().to_string();
                assert!(
                    code.len() == 5 && code.starts_with("FM"),
                    "EXPECTED.md: `{code}` is not a code in `{line}`"
                );
                if words.next() == Some("(w)") {
                    warnings.insert(code.clone());
                }
                codes.insert(code);
            }
        }
        rows.push(Expected {
            path,
            codes,
            warnings,
        });
    }
    rows
}

// ---------------------------------------------------------------------------------------------
// Snapshots

fn human_output_snapshot() {
    let r = human(&[SITE]);
    assert_eq!(r.code, 1, "errors in the site: exit 1\n{}", r.stderr);
    assert!(r.stderr.is_empty(), "nothing on stderr, got {}", r.stderr);
    assert!(!r.stdout.contains('\u{1b}'), "--color never: no escapes");
    insta::assert_snapshot!("fixtures_site_human", r.stdout);
}

fn json_output_snapshot() {
    let r = run(&["--format", "json", "--color", "never", SITE]);
    assert_eq!(r.code, 1, "errors in the site: exit 1\n{}", r.stderr);
    assert!(r.stderr.is_empty(), "nothing on stderr, got {}", r.stderr);
    serde_json::from_str::<Value>(&r.stdout).expect("valid JSON");
    insta::assert_snapshot!("fixtures_site_json", r.stdout);
}

// ---------------------------------------------------------------------------------------------
// What each fixture raises

fn each_fixture_raises_exactly_the_codes_expected_md_lists() {
    let table = expected_table();
    assert_eq!(table.len(), 19, "EXPECTED.md lists 19 posts");
    let r = json(&[SITE]);
    let got = codes_by_path(&r.diags);
    let mut failures = Vec::new();
    for row in &table {
        let shown = format!("{SITE}/{}", row.path);
        let codes = got.get(&shown).cloned().unwrap_or_default();
        if codes != row.codes {
            failures.push(format!(
                "{shown}: expected {:?}, got {:?}",
                row.codes, codes
            ));
        }
        for d in r.diags.iter().filter(|d| d.path == shown) {
            let want = if row.warnings.contains(&d.code) {
                "warning"
            } else {
                "error"
            };
            if d.severity != want {
                failures.push(format!(
                    "{shown}: {} is {}, EXPECTED.md says {want}",
                    d.code, d.severity
                ));
            }
        }
    }
    // Nothing outside the table: not about.md, not _layouts, not _config.yml.
    let listed: BTreeSet<String> = table.iter().map(|r| format!("{SITE}/{}", r.path)).collect();
    for path in got.keys() {
        if !listed.contains(path) {
            failures.push(format!("{path}: linted, but EXPECTED.md does not list it"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(r.summary["files"], 19, "19 posts checked");
}

fn clean_fixtures_and_the_draft_get_nothing_and_pages_are_not_linted() {
    let table = expected_table();
    let clean: Vec<&Expected> = table.iter().filter(|r| r.codes.is_empty()).collect();
    assert_eq!(clean.len(), 7, "EXPECTED.md: seven clean posts");
    assert!(
        clean.iter().any(|r| r.path == "_drafts/heat-advisory.md"),
        "the draft is among the clean ones"
    );
    let r = json(&[SITE]);
    for row in clean {
        let shown = format!("{SITE}/{}", row.path);
        let on_it: Vec<&J> = r.diags.iter().filter(|d| d.path == shown).collect();
        assert!(on_it.is_empty(), "{shown} is clean, got {on_it:#?}");
    }
    for d in &r.diags {
        assert!(
            d.path.contains("/_posts/") || d.path.contains("/_drafts/"),
            "{} is not a post but was linted",
            d.path
        );
        assert!(!d.path.ends_with("about.md") && !d.path.contains("_layouts"));
    }
    // about.md would raise plenty if it were linted: the check above is not vacuous.
    let about = json(&["fixtures/site/about.md"]);
    assert!(!about.diags.is_empty(), "about.md raises when named");
}

// ---------------------------------------------------------------------------------------------
// Exit codes

/// A post in the canonical shape, with `layout` swapped in.
fn canonical_post(layout: &str) -> String {
    format!(
        "---\nlayout: {layout}\ntitle: \"Night bus routes extended\"\ndate: 2021-07-20T10:40:01.779Z\nauthor: Harbour Post\nfrom: https://www.harbourpost.example/night-bus\ntags: [ Harbour Post ]\ncategories: [ Harbour Post ]\n---\n<!--1626799380000-->\n[Night bus routes extended](https://www.harbourpost.example/night-bus)\n------\n\n<p>Body.</p>\n"
    )
}

fn temp_site() -> tempfile::TempDir {
    // Not hidden (`.tmpXXXX`): the walker skips hidden files and folders.
    tempfile::Builder::new()
        .prefix("fmlint-cli-")
        .tempdir()
        .unwrap()
}

fn exit_0_on_a_clean_file() {
    let r = human(&[CLEAN_POST]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout,
        "All checks passed: 1 file checked, no problems.\n"
    );
}

fn exit_0_on_warnings_only() {
    let dir = temp_site();
    let posts = dir.path().join("_posts");
    std::fs::create_dir(&posts).unwrap();
    std::fs::write(posts.join("2021-07-20-bus.md"), canonical_post("page")).unwrap();
    let r = json(&[dir.path().to_str().unwrap()]);
    let codes: Vec<&str> = r.diags.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["FM104"], "only the layout warning");
    assert_eq!(r.diags[0].severity, "warning");
    assert_eq!(r.code, 0, "warnings only: exit 0");
    // The same post with the canonical layout is clean: the warning is the layout's.
    std::fs::write(posts.join("2021-07-20-bus.md"), canonical_post("post")).unwrap();
    let r = json(&[dir.path().to_str().unwrap()]);
    assert!(r.diags.is_empty(), "{:#?}", r.diags);
}

fn exit_1_on_errors_and_0_with_exit_zero() {
    let r = human(&[SITE]);
    assert_eq!(r.code, 1);
    let r = human(&["--exit-zero", SITE]);
    assert_eq!(r.code, 0, "--exit-zero");
    assert!(r.stdout.contains("FM202"), "--exit-zero still reports");
}

fn exit_2_on_a_missing_path() {
    let r = human(&["fixtures/no-such-folder"]);
    assert_eq!(r.code, 2, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("fixtures/no-such-folder"),
        "stderr names the path: {}",
        r.stderr
    );
}

fn exit_2_on_an_unknown_selector() {
    for flag in ["--select", "--ignore"] {
        let r = human(&[flag, "NOPE", SITE]);
        assert_eq!(r.code, 2, "{flag} NOPE");
        assert!(r.stderr.contains("NOPE"), "stderr names it: {}", r.stderr);
        assert!(!r.stdout.contains("FM"), "nothing linted: {}", r.stdout);
    }
}

// ---------------------------------------------------------------------------------------------
// Selection, statistics, quiet

/// `--select`/`--ignore` filter what the full run reports, and nothing else changes.
fn assert_filtered(args: &[&str], keep: impl Fn(&str) -> bool, at_least: usize) {
    let all = json(&[SITE]);
    let mut with: Vec<&str> = args.to_vec();
    with.push(SITE);
    let some = json(&with);
    let want: Vec<J> = all.diags.into_iter().filter(|d| keep(&d.code)).collect();
    assert!(want.len() >= at_least, "{args:?}: the fixtures exercise it");
    assert_eq!(some.diags, want, "{args:?}");
    assert_eq!(
        some.summary["files"], 19,
        "{args:?}: every file still checked"
    );
}

fn select_by_code_prefix() {
    assert_filtered(&["--select", "FM2"], |c| c.starts_with("FM2"), 4);
    let r = json(&["--select", "FM2", SITE]);
    let codes: BTreeSet<&str> = r.diags.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes,
        BTreeSet::from(["FM201", "FM202", "FM203", "FM204"]),
        "every FM2 rule fires in the site"
    );
}

fn ignore_a_prefix_and_a_code() {
    assert_filtered(
        &["--ignore", "FM6,FM403"],
        |c| !c.starts_with("FM6") && c != "FM403",
        20,
    );
}

fn select_by_name() {
    assert_filtered(&["--select", "date-format"], |c| c == "FM201", 1);
    let r = json(&["--select", "date-format", SITE]);
    assert_eq!(r.diags.len(), 1);
    assert_eq!(r.diags[0].path, CIRCLE_LINE);
}

fn statistics_count_per_rule_most_first() {
    let all = json(&[SITE]);
    let mut want: BTreeMap<String, usize> = BTreeMap::new();
    for d in &all.diags {
        *want.entry(d.code.clone()).or_default() += 1;
    }
    let r = human(&["--statistics", SITE]);
    assert_eq!(r.code, 1, "statistics keep the exit code");
    assert!(!r.stdout.contains('×'), "no diagnostics, only counts");
    let mut got: Vec<(usize, String)> = Vec::new();
    for line in r.stdout.lines() {
        let mut words = line.split_whitespace();
        let Some(n) = words.next().and_then(|w| w.parse::<usize>().ok()) else {
            continue;
        };
        let code = words.next().unwrap().to_string();
        let name = words.next().unwrap();
        let rule = all.diags.iter().find(|d| d.code == code).unwrap();
        assert_eq!(name, rule.name, "{line}");
        got.push((n, code));
    }
    let got_map: BTreeMap<String, usize> = got.iter().map(|(n, c)| (c.clone(), *n)).collect();
    assert_eq!(got_map, want, "counts per rule:\n{}", r.stdout);
    assert_eq!(got.len(), want.len(), "one line per rule");
    assert!(
        got.windows(2).all(|w| w[0].0 >= w[1].0),
        "most first:\n{}",
        r.stdout
    );
    assert!(
        got[0].0 > got[got.len() - 1].0,
        "the fixtures have ties and non-ties"
    );
}

fn quiet_omits_only_the_summary_line() {
    let full = human(&[SITE]);
    let quiet = human(&["--quiet", SITE]);
    assert_eq!(quiet.code, 1);
    let last = full.stdout.lines().last().unwrap();
    assert!(
        last.starts_with("Found 30 problems (22 errors, 8 warnings) in 12 of 19 files"),
        "{last}"
    );
    assert!(!quiet.stdout.contains("Found "), "{}", quiet.stdout);
    assert_eq!(
        full.stdout.strip_suffix(&format!("{last}\n")),
        Some(quiet.stdout.as_str()),
        "--quiet is the full output without its last line"
    );
    // On a clean file, nothing at all.
    let r = human(&["--quiet", CLEAN_POST]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

fn a_file_named_outside_posts_is_linted() {
    let r = json(&["fixtures/site/about.md"]);
    assert_eq!(r.summary["files"], 1);
    assert!(!r.diags.is_empty());
    assert!(r.diags.iter().all(|d| d.path == "fixtures/site/about.md"));
    let codes: BTreeSet<&str> = r.diags.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains("FM101"), "no date: {codes:?}");
    assert!(codes.contains("FM104"), "layout: page: {codes:?}");
    assert!(
        !codes.contains("FM204"),
        "not under _posts: no file-name rule"
    );
    // The folder alone does not lint it.
    let site = json(&[SITE]);
    assert!(
        site.diags
            .iter()
            .all(|d| d.path != "fixtures/site/about.md")
    );
}

fn output_is_deterministic_and_sorted_by_path() {
    for format in ["human", "json"] {
        let a = run(&["--format", format, "--color", "never", SITE]);
        let b = run(&["--format", format, "--color", "never", SITE]);
        let c = run(&[
            "--format",
            format,
            "--color",
            "never",
            "fixtures/site/_posts",
            "fixtures/site/_drafts",
        ]);
        assert_eq!(a.stdout, b.stdout, "{format}: two runs differ");
        assert!(a.stdout.len() > 1000);
        // Naming the two folders instead of the site gives the same reports.
        assert_eq!(a.stdout, c.stdout, "{format}: folders named apart");
    }
    let r = json(&[SITE]);
    let keys: Vec<(&str, u64, u64)> = r
        .diags
        .iter()
        .map(|d| (d.path.as_str(), d.line, d.column))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "sorted by path, then position");
    // The human output shows files in the same order.
    let h = human(&[SITE]);
    let mut order: Vec<&str> = Vec::new();
    for line in h.stdout.lines() {
        if let Some((loc, _)) = line.split_once(" FM")
            && loc.starts_with("fixtures/site/")
        {
            let path = loc.rsplitn(3, ':').nth(2).unwrap();
            if order.last() != Some(&path) {
                order.push(path);
            }
        }
    }
    let mut want: Vec<&str> = r.diags.iter().map(|d| d.path.as_str()).collect();
    want.dedup();
    assert_eq!(order, want, "human output in path order, each file once");
}

// ---------------------------------------------------------------------------------------------
// Columns count characters

/// 1-based character column of byte offset `at` in `line`.
fn char_col(line: &str, at: usize) -> usize {
    line[..at].chars().count() + 1
}

fn columns_count_characters_on_cjk_lines() {
    // FM502 underlines the second `狮城快讯` on line 7 of the circle-line post.
    let text = std::fs::read_to_string(root().join(CIRCLE_LINE)).unwrap();
    let line7 = text.lines().nth(6).unwrap();
    assert_eq!(line7, "tags: [ 狮城快讯, 狮城快讯 ]");
    let at = line7.rfind("狮城快讯").unwrap();
    let col = char_col(line7, at);
    assert_eq!(col, 15);
    assert_ne!(col, at + 1, "bytes and characters differ before the span");
    // FM303 underlines the header URL on line 11 of the cross-border post, after a CJK title.
    let text = std::fs::read_to_string(root().join(CROSS_BORDER)).unwrap();
    let line11 = text.lines().nth(10).unwrap();
    let url_at = line11.find("](").unwrap() + 2;
    let url_col = char_col(line11, url_at);
    assert_ne!(url_col, url_at + 1);

    let h = human(&[SITE]);
    for (path, line, col, code) in [
        (CIRCLE_LINE, 7, col, "FM502 duplicate-term"),
        (CROSS_BORDER, 11, url_col, "FM303 header-url-mismatch"),
    ] {
        let loc = format!("{path}:{line}:{col}");
        assert!(
            h.stdout.lines().any(|l| l == format!("{loc} {code}")),
            "human output has `{loc} {code}`"
        );
        assert!(
            h.stdout.contains(&format!("╭─[{loc}]")),
            "the snippet header says {loc} too"
        );
    }
    let j = json(&[SITE]);
    let d = j.diags.iter().find(|d| d.code == "FM502").unwrap();
    assert_eq!((d.line, d.column), (7, col as u64));
    assert_eq!(
        (d.end_line, d.end_column),
        (7, col as u64 + 4),
        "end: after 4 characters"
    );
    let d = j.diags.iter().find(|d| d.code == "FM303").unwrap();
    assert_eq!((d.line, d.column), (11, url_col as u64));
}

// ---------------------------------------------------------------------------------------------
// Unreadable files

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

#[cfg(unix)]
fn an_unreadable_file_is_fm000_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;

    // Root reads a mode-000 file: fmlint then runs as `nobody` (CI runs as root).
    let user = prereq::unprivileged();
    let dir = temp_site();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let site: PathBuf = dir.path().join("site");
    copy_dir(&root().join(SITE), &site);
    let locked = site.join("_posts/2024-03-12-cross-island-line-delay.md");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let site_arg = site.to_str().unwrap();
    let r = json_as(&user, &[site_arg]);
    let shown = locked.to_str().unwrap();
    let on_locked: Vec<&J> = r.diags.iter().filter(|d| d.path == shown).collect();
    assert_eq!(on_locked.len(), 1, "{on_locked:#?}");
    assert_eq!(on_locked[0].code, "FM000");
    assert_eq!(on_locked[0].severity, "error");
    assert_eq!(
        r.code, 1,
        "an unreadable post is an error, not a failed run"
    );
    assert_eq!(r.summary["files"], 19, "every other file still checked");
    // The rest of the site reports as before.
    let others = codes_by_path(&r.diags);
    let before = codes_by_path(&json(&[SITE]).diags);
    let prefix = format!("{site_arg}/");
    let others: BTreeMap<String, BTreeSet<String>> = others
        .into_iter()
        .filter(|(p, _)| p != shown)
        .map(|(p, c)| (format!("{SITE}/{}", p.strip_prefix(&prefix).unwrap()), c))
        .collect();
    assert_eq!(others, before);
    let h = run_as(&user, &["--color", "never", shown]);
    assert!(h.stdout.contains("FM000 io-error"), "{}", h.stdout);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}

fn positions_under_bom_and_crlf_match_lf() {
    // The same post, four ways: the binary reports the same lines and columns for each.
    let dir = temp_site();
    let posts = dir.path().join("_posts");
    std::fs::create_dir(&posts).unwrap();
    let lf =
        canonical_post("post").replace("2021-07-20T10:40:01.779Z", "2021-07-20 18:40:01 +0800");
    let crlf = lf.replace('\n', "\r\n");
    for (name, text) in [
        ("a-lf", lf.clone()),
        ("b-crlf", crlf.clone()),
        ("c-bom", format!("\u{feff}{lf}")),
        ("d-bom-crlf", format!("\u{feff}{crlf}")),
    ] {
        std::fs::write(posts.join(format!("2021-07-20-{name}.md")), text).unwrap();
    }
    let r = json(&[dir.path().to_str().unwrap()]);
    assert_eq!(r.diags.len(), 4, "{:#?}", r.diags);
    for d in &r.diags {
        assert_eq!(d.code, "FM201", "{d:?}");
        assert_eq!(
            (d.line, d.column, d.end_line, d.end_column),
            (4, 7, 4, 7 + "2021-07-20 18:40:01 +0800".len() as u64),
            "{}",
            d.path
        );
    }
    let h = human(&[dir.path().to_str().unwrap()]);
    for name in ["a-lf", "b-crlf", "c-bom", "d-bom-crlf"] {
        let loc = format!("_posts/2021-07-20-{name}.md:4:7 FM201 date-format");
        assert!(
            h.stdout.lines().any(|l| l.ends_with(&loc)),
            "`{loc}` in:\n{}",
            h.stdout
        );
    }
    assert!(!h.stdout.contains('\r'), "no CR reaches the output");
}

prereq::tests!(
    human_output_snapshot,
    json_output_snapshot,
    each_fixture_raises_exactly_the_codes_expected_md_lists,
    clean_fixtures_and_the_draft_get_nothing_and_pages_are_not_linted,
    exit_0_on_a_clean_file,
    exit_0_on_warnings_only,
    exit_1_on_errors_and_0_with_exit_zero,
    exit_2_on_a_missing_path,
    exit_2_on_an_unknown_selector,
    select_by_code_prefix,
    ignore_a_prefix_and_a_code,
    select_by_name,
    statistics_count_per_rule_most_first,
    quiet_omits_only_the_summary_line,
    a_file_named_outside_posts_is_linted,
    output_is_deterministic_and_sorted_by_path,
    columns_count_characters_on_cjk_lines,
    an_unreadable_file_is_fm000_and_the_run_goes_on,
    positions_under_bom_and_crlf_match_lf,
);
