//! `--fix`, `--diff`, `--unsafe-fixes` and `fmlint -` through the binary (issue 3's invariants
//! 5, 6 and 7 and the CLI contract): on a copy of `fixtures/site` and on generated sites.
//!
//! Every test works in its own temporary folder; nothing under the checkout is written.

#[path = "support/dates.rs"]
mod dates;
#[path = "support/fs.rs"]
mod fs;
#[path = "support/generator.rs"]
mod generator;
#[path = "support/rng.rs"]
mod rng;
#[path = "support/scalars.rs"]
mod scalars;
#[path = "support/terms.rs"]
mod terms;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use fs::{copy_tree, snapshot, write_corpus};
use generator::Spec;
use rng::Rng;
use serde_json::Value;

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_fmlint"))
}

/// The binary, run in `dir`, never coloured.
fn fmlint(dir: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let out = fmlint(dir)
        .args(["--color", "never"])
        .args(args)
        .output()
        .expect("fmlint runs");
    Run {
        code: out.status.code().expect("fmlint exits with a code"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let r = run(dir, &all);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("fmlint-fix-cli-")
        .tempdir()
        .unwrap()
}

/// A copy of `fixtures/site` at `tmp/site`.
fn site_copy(tmp: &Path) -> PathBuf {
    let site = tmp.join("site");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/site"),
        &site,
    );
    site
}

/// `Fixed N problems in F files; M remaining` → (N, F, M).
fn fixed_line(text: &str) -> (u64, u64, u64) {
    let line = text
        .lines()
        .find(|l| l.starts_with("Fixed "))
        .unwrap_or_else(|| panic!("no `Fixed …` line in:\n{text}"));
    let words: Vec<&str> = line.split([' ', ';', '.']).collect();
    let num = |i: usize| -> u64 {
        words[i].parse().unwrap_or_else(|_| {
            panic!("`{line}` is not `Fixed N problems in F files; M remaining`")
        })
    };
    assert!(
        words[2].starts_with("problem") && words[3] == "in" && words[5].starts_with("file"),
        "`{line}`"
    );
    let m = words
        .iter()
        .position(|w| *w == "remaining")
        .unwrap_or_else(|| panic!("`{line}` has no `M remaining`"));
    (num(1), num(4), num(m - 1))
}

fn changed_files(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
) -> BTreeSet<PathBuf> {
    before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .cloned()
        .collect()
}

/// The codes of the diagnostics that still offer a fix, with their paths.
fn fixable_left(report: &Value) -> Vec<(String, String)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["fixable"] == Value::Bool(true))
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(p: &Path, m: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
}

// -------------------------------------------------------------------------------------------
// fixtures/site

/// `--fix` on the example site: the summary line counts what changed, errors remain so it exits
/// 1, only the unfixable problems (and the two unsafe fixes) are left, and a second `--fix`
/// changes no byte.
#[test]
fn fix_on_the_example_site_then_nothing_more() {
    let tmp = tempdir();
    let site = site_copy(tmp.path());
    let before_report = json(tmp.path(), &["site"]);
    let before = snapshot(&site);

    let r = run(tmp.path(), &["--fix", "site"]);
    assert_eq!(r.code, 1, "errors remain: exit 1\n{}{}", r.stdout, r.stderr);
    let (n, f, m) = fixed_line(&r.stdout);
    let after = snapshot(&site);
    let changed = changed_files(&before, &after);
    assert_eq!(
        f as usize,
        changed.len(),
        "F counts the files written: {changed:?}"
    );
    assert!(f > 0 && n >= f, "{}", r.stdout);
    // Each safe fix of the example site stands alone, so N is the count of safe fixes before.
    assert_eq!(
        n,
        before_report["summary"]["fixable"].as_u64().unwrap(),
        "{}",
        r.stdout
    );
    let after_report = json(tmp.path(), &["site"]);
    assert_eq!(
        m,
        after_report["summary"]["problems"].as_u64().unwrap(),
        "M is what a check finds afterwards"
    );
    // Clean: what still offers a fix is unsafe (FM402 seconds, FM501 union).
    for (path, code) in fixable_left(&after_report) {
        assert!(
            code == "FM402" || code == "FM501",
            "{path}: {code} still has a fix after --fix"
        );
    }
    assert_eq!(after_report["summary"]["fixable"], 0);
    assert!(
        r.stdout.contains("2 more fixable with `--unsafe-fixes`"),
        "{}",
        r.stdout
    );
    // Only posts were written, and none of the files that are not posts.
    for p in &changed {
        let s = p.to_string_lossy();
        assert!(s.starts_with("_posts/") || s.starts_with("_drafts/"), "{s}");
    }

    let again = run(tmp.path(), &["--fix", "site"]);
    assert_eq!(snapshot(&site), after, "a second --fix changed bytes");
    assert_eq!(fixed_line(&again.stdout), (0, 0, m), "{}", again.stdout);
    assert_eq!(again.code, 1);
}

/// `--diff` writes nothing, names exactly the files `--fix` would write with `--- a/` and
/// `+++ b/` headers, exits 1, and is a patch that `git apply` turns into what `--fix` writes.
#[test]
fn diff_on_the_example_site_writes_nothing_and_is_the_fix() {
    let tmp = tempdir();
    let site = site_copy(tmp.path());
    let before = snapshot(&site);
    let r = run(tmp.path(), &["--diff", "site"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(snapshot(&site), before, "--diff wrote something");
    let minus: BTreeSet<String> = r
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("--- a/"))
        .map(str::to_string)
        .collect();
    let plus: BTreeSet<String> = r
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("+++ b/"))
        .map(str::to_string)
        .collect();
    assert_eq!(minus, plus);
    assert!(
        !r.stdout.contains("Would fix") && !r.stdout.contains("Fixed "),
        "the summary belongs on stderr"
    );

    // What --fix writes, on another copy.
    let fixed_dir = tempdir();
    let fixed_site = site_copy(fixed_dir.path());
    run(fixed_dir.path(), &["--fix", "site"]);
    let fixed = snapshot(&fixed_site);
    let want: BTreeSet<String> = changed_files(&before, &fixed)
        .iter()
        .map(|p| format!("site/{}", p.display()))
        .collect();
    assert_eq!(minus, want, "the diff names the files --fix writes");

    // The diff applies and gives the same bytes.
    let git_ok = Command::new("git")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !git_ok {
        eprintln!(
            "diff_on_the_example_site_writes_nothing_and_is_the_fix: no git; `git apply` not checked"
        );
        return;
    }
    let patch = tmp.path().join("fix.patch");
    std::fs::write(&patch, &r.stdout).unwrap();
    let applied = Command::new("git")
        .current_dir(tmp.path())
        .args(["apply", "--unsafe-paths", "fix.patch"])
        .output()
        .unwrap();
    assert!(
        applied.status.success(),
        "git apply: {}",
        String::from_utf8_lossy(&applied.stderr)
    );
    assert_eq!(
        snapshot(&site),
        fixed,
        "the applied diff is not what --fix writes"
    );
}

/// `--unsafe-fixes` also applies FM402 (seconds × 1000) and FM501 (the union); then nothing
/// fixable is left at all.
#[test]
fn unsafe_fixes_multiply_seconds_and_unite_terms() {
    let tmp = tempdir();
    let site = site_copy(tmp.path());
    let stamp = "_posts/2024-06-18-cross-border-data-mou.md";
    let terms = "_posts/2024-06-04-port-volumes-record.md";
    let original = std::fs::read_to_string(site.join(stamp)).unwrap();
    assert!(original.contains("<!--1718743201-->\n"));

    run(tmp.path(), &["--fix", "site"]);
    let safe_only = std::fs::read_to_string(site.join(stamp)).unwrap();
    assert!(safe_only.contains("<!--1718743201-->\n"), "FM402 is unsafe");

    let r = run(tmp.path(), &["--fix", "--unsafe-fixes", "site"]);
    let fixed = std::fs::read_to_string(site.join(stamp)).unwrap();
    assert!(fixed.contains("<!--1718743201000-->\n"), "{fixed}");
    assert_eq!(
        fixed.replace("<!--1718743201000-->", "<!--1718743201-->"),
        safe_only,
        "only the timestamp changed"
    );
    let t = std::fs::read_to_string(site.join(terms)).unwrap();
    assert!(t.contains("tags: [ Straits Flash, Business ]\n"), "{t}");
    assert!(
        t.contains("categories: [ Straits Flash, Business ]\n"),
        "{t}"
    );
    assert_eq!(fixed_line(&r.stdout).0, 2, "{}", r.stdout);
    let report = json(tmp.path(), &["site"]);
    assert_eq!(fixable_left(&report), Vec::<(String, String)>::new());
}

// -------------------------------------------------------------------------------------------
// Generated sites

/// `--diff` exits 1 when there is a diff and 0 when there is none (a clean site).
#[test]
fn diff_exit_codes_on_generated_sites() {
    let tmp = tempdir();
    let corpus = write_corpus(tmp.path(), 11, 30, &|i| i % 10 == 3, 2);
    let before = snapshot(tmp.path());
    let r = run(tmp.path(), &["--diff", "."]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(snapshot(tmp.path()), before, "--diff wrote something");
    assert_eq!(r.stdout.matches("\n+++ b/").count(), 3, "{}", r.stdout);

    let r = run(tmp.path(), &["--fix", "."]);
    assert_eq!(r.code, 0, "no errors remain\n{}", r.stdout);
    for (path, _, canonical) in &corpus.posts {
        assert_eq!(
            &std::fs::read(path).unwrap(),
            canonical,
            "{}",
            path.display()
        );
    }
    let r = run(tmp.path(), &["--diff", "."]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
}

/// `fmlint --fix -` writes the fixed post to stdout, the report to stderr, and no file.
#[test]
fn stdin_fix_writes_the_fixed_post_to_stdout() {
    let tmp = tempdir();
    let mut rng = Rng::new(21);
    for i in 0..6 {
        let base = Spec::canonical(&mut rng);
        let mut bad = base.with_safe_defects(&mut rng, 3);
        bad.crlf = i % 2 == 1;
        bad.bom = i % 3 == 1;
        let mut want = base.clone();
        want.crlf = bad.crlf;
        want.bom = bad.bom;
        let name = format!("_posts/{}", base.file_name(i));
        let mut child = fmlint(tmp.path())
            .args(["--fix", "-", "--stdin-filename", &name])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(bad.render().as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            want.render(),
            "stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(0));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("Fixed "), "{stderr}");
    }
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "fmlint - wrote a file"
    );
}

/// `fmlint --fix -` on a post that needs nothing echoes it byte for byte.
#[test]
fn stdin_fix_echoes_a_clean_post() {
    let tmp = tempdir();
    let spec = Spec::canonical(&mut Rng::new(22));
    let out = fmlint(tmp.path())
        .args(["--fix", "-", "--stdin-filename", "_posts/2021-07-20-x.md"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin
                .take()
                .unwrap()
                .write_all(spec.render().as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), spec.render());
}

/// The rewritten file keeps its permission bits.
#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    let tmp = tempdir();
    let corpus = write_corpus(tmp.path(), 31, 4, &|_| true, 2);
    let modes = [0o640, 0o600, 0o664, 0o755];
    for ((path, _, _), m) in corpus.posts.iter().zip(modes) {
        set_mode(path, m);
    }
    let r = run(tmp.path(), &["--fix", "."]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    for ((path, _, canonical), m) in corpus.posts.iter().zip(modes) {
        assert_eq!(&std::fs::read(path).unwrap(), canonical);
        assert_eq!(mode(path), m, "{}", path.display());
    }
    let stray: Vec<_> = std::fs::read_dir(tmp.path().join("_posts"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(stray.is_empty(), "temporary files left: {stray:?}");
}

/// A read-only post is not written: FM992 names it, and the run fixes the others.
#[cfg(unix)]
#[test]
fn a_read_only_post_is_reported_and_the_others_are_fixed() {
    let tmp = tempdir();
    let corpus = write_corpus(tmp.path(), 41, 5, &|_| true, 2);
    let (ro, ro_original, _) = &corpus.posts[2];
    set_mode(ro, 0o444);
    let report = json(tmp.path(), &["--fix", "."]);
    let ro_shown = format!("./_posts/{}", ro.file_name().unwrap().to_string_lossy());
    let fm992: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "FM992")
        .collect();
    assert_eq!(fm992.len(), 1, "{report:#}");
    assert!(
        fm992[0]["path"].as_str().unwrap().trim_start_matches("./")
            == ro_shown.trim_start_matches("./"),
        "{:#}",
        fm992[0]
    );
    assert!(
        fm992[0]["message"].as_str().unwrap().contains("read-only"),
        "{:#}",
        fm992[0]
    );
    assert_eq!(
        &std::fs::read(ro).unwrap(),
        ro_original,
        "the read-only post changed"
    );
    assert_eq!(mode(ro), 0o444);
    for (i, (path, _, canonical)) in corpus.posts.iter().enumerate() {
        if i != 2 {
            assert_eq!(
                &std::fs::read(path).unwrap(),
                canonical,
                "{}",
                path.display()
            );
        }
    }
}

/// A symlinked post named on the command line: its target is fixed and the link stays a link.
#[cfg(unix)]
#[test]
fn a_symlinked_post_named_explicitly_is_fixed_in_its_target() {
    let tmp = tempdir();
    let corpus = write_corpus(tmp.path(), 51, 1, &|_| true, 3);
    let (target, _, canonical) = &corpus.posts[0];
    let real = tmp.path().join("archive");
    std::fs::create_dir(&real).unwrap();
    let moved = real.join("post.md");
    std::fs::rename(target, &moved).unwrap();
    std::os::unix::fs::symlink("../archive/post.md", target).unwrap();
    let shown = format!("_posts/{}", target.file_name().unwrap().to_string_lossy());
    let r = run(tmp.path(), &["--fix", &shown]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        std::fs::symlink_metadata(target)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    assert_eq!(
        std::fs::read_link(target).unwrap(),
        Path::new("../archive/post.md")
    );
    assert_eq!(
        &std::fs::read(&moved).unwrap(),
        canonical,
        "the target was not fixed"
    );
    let stray: Vec<_> = std::fs::read_dir(tmp.path().join("_posts"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(stray.len(), 1, "{stray:?}");
}

/// The same link found by walking the folder. README: "Symlinked posts: fmlint fixes the file
/// the link points to and leaves the link a link." The walk does not follow links, so the post
/// is neither linted nor counted nor fixed, silently.
#[cfg(unix)]
#[test]

fn a_symlinked_post_found_by_the_walk_is_fixed_in_its_target() {
    let tmp = tempdir();
    let corpus = write_corpus(tmp.path(), 52, 2, &|_| true, 3);
    let (target, _, canonical) = &corpus.posts[0];
    let real = tmp.path().join("archive");
    std::fs::create_dir(&real).unwrap();
    let moved = real.join("post.md");
    std::fs::rename(target, &moved).unwrap();
    std::os::unix::fs::symlink("../archive/post.md", target).unwrap();
    let report = json(tmp.path(), &["."]);
    assert_eq!(
        report["summary"]["files"], 2,
        "the linked post is not checked"
    );
    run(tmp.path(), &["--fix", "."]);
    assert!(
        std::fs::symlink_metadata(target)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        &std::fs::read(&moved).unwrap(),
        canonical,
        "the target was not fixed"
    );
}

// -------------------------------------------------------------------------------------------
// Invariant 7: only what needs it

#[cfg(unix)]
#[test]
fn only_the_posts_that_need_a_fix_are_rewritten() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempdir();
    let corpus = write_corpus(tmp.path(), 61, 400, &|i| i % 20 == 7, 2);
    let needs = |i: usize| i % 20 == 7;
    assert_eq!((0..400).filter(|&i| needs(i)).count(), 20);
    let before: Vec<(Vec<u8>, SystemTime, u64)> = corpus
        .posts
        .iter()
        .map(|(p, _, _)| {
            let m = std::fs::metadata(p).unwrap();
            (std::fs::read(p).unwrap(), m.modified().unwrap(), m.ino())
        })
        .collect();
    // A rewrite within the same second would not show on a coarse clock.
    std::thread::sleep(Duration::from_millis(1100));
    let r = run(tmp.path(), &["--fix", "."]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let (_, files, remaining) = fixed_line(&r.stdout);
    assert_eq!((files, remaining), (20, 0), "{}", r.stdout);
    for (i, ((path, original, canonical), (bytes, mtime, ino))) in
        corpus.posts.iter().zip(&before).enumerate()
    {
        let m = std::fs::metadata(path).unwrap();
        let now = std::fs::read(path).unwrap();
        if needs(i) {
            assert_ne!(&now, original, "{} was not fixed", path.display());
            assert_eq!(&now, canonical, "{}", path.display());
        } else {
            assert_eq!(&now, bytes, "{} changed", path.display());
            assert_eq!(
                m.modified().unwrap(),
                *mtime,
                "{} was rewritten (mtime)",
                path.display()
            );
            assert_eq!(m.ino(), *ino, "{} was replaced (inode)", path.display());
        }
    }
}

// -------------------------------------------------------------------------------------------
// Invariant 6: crash-safe

/// Posts of a folder (relative name → bytes), and the other entries.
fn posts_and_strays(dir: &Path) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let mut posts = BTreeMap::new();
    let mut strays = Vec::new();
    for e in std::fs::read_dir(dir.join("_posts")).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !e.file_type().unwrap().is_file() {
            strays.push(name);
        } else {
            posts.insert(name, std::fs::read(e.path()).unwrap());
        }
    }
    (posts, strays)
}

/// `fmlint --fix` over 2,000 posts killed with SIGKILL at several moments: every post is then
/// byte for byte its original or its fixed version, never empty, truncated or mixed; no new
/// post-like file appears (temporary files are hidden `.fmlint-*`, which fmlint never lints).
#[test]
fn killed_mid_run_every_post_is_its_original_or_its_fixed_version() {
    const N: usize = 2000;
    let tmp = tempdir();
    let originals_dir = tmp.path().join("originals");
    let corpus = write_corpus(&originals_dir, 71, N, &|_| true, 3);
    let (originals, _) = posts_and_strays(&originals_dir);
    assert_eq!(originals.len(), N);

    // The fixed version of each post, by running --fix to the end on a copy.
    let reference = tmp.path().join("reference");
    copy_tree(&originals_dir, &reference);
    let t0 = Instant::now();
    let r = run(&reference, &["--fix", "-q", "."]);
    let full = t0.elapsed();
    assert_eq!(r.code, 0, "{}", r.stdout);
    let (fixed, strays) = posts_and_strays(&reference);
    assert!(strays.is_empty(), "{strays:?}");
    for (path, original, canonical) in &corpus.posts {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert_ne!(&fixed[&name], original, "{name} needed fixes");
        assert_eq!(&fixed[&name], canonical, "{name}");
    }

    // Kill moments: fixed delays, fractions of a whole run, and a seeded random one.
    let full_ms = full.as_millis() as u64;
    let mut rng = Rng::new(72);
    let mut delays: Vec<u64> = vec![5, 20, 60, 150, full_ms / 3, full_ms * 2 / 3];
    delays.push(rng.range(1, full_ms.max(2) as i64) as u64);
    let mut mid_run = 0;
    for (round, delay) in delays.iter().enumerate() {
        let dir = tmp.path().join(format!("round{round}"));
        copy_tree(&originals_dir, &dir);
        let mut child = fmlint(&dir)
            .args(["--fix", "-q", "."])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(*delay));
        // SIGKILL; an error means it had already exited.
        let _ = child.kill();
        child.wait().unwrap();

        let (now, strays) = posts_and_strays(&dir);
        assert_eq!(
            now.keys().collect::<Vec<_>>(),
            originals.keys().collect::<Vec<_>>(),
            "round {round} ({delay} ms): posts appeared or vanished"
        );
        let (mut was, mut is) = (0, 0);
        for (name, bytes) in &now {
            if *bytes == originals[name] {
                was += 1;
            } else if *bytes == fixed[name] {
                is += 1;
            } else {
                panic!(
                    "round {round} ({delay} ms): {name} is neither its original ({} bytes) nor its fixed version ({} bytes): {} bytes\n{}",
                    originals[name].len(),
                    fixed[name].len(),
                    bytes.len(),
                    String::from_utf8_lossy(bytes)
                );
            }
        }
        for s in &strays {
            assert!(s.starts_with(".fmlint-"), "round {round}: stray file {s}");
        }
        // Leftover temporary files are not posts to fmlint.
        if !strays.is_empty() {
            let report = json(&dir, &["."]);
            assert_eq!(report["summary"]["files"], N as u64, "round {round}");
        }
        eprintln!(
            "round {round}: killed after {delay} ms of ~{full_ms} ms: {is} fixed, {was} original, {} temporary files left",
            strays.len()
        );
        if is > 0 && was > 0 {
            mid_run += 1;
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
    assert!(
        mid_run > 0,
        "no kill landed in the middle of the run: the test proved nothing"
    );
}

/// `--diff` answers "would --fix change anything?": once fixed, it exits 0 although the
/// example site keeps errors that no fix can mend.
#[test]
fn diff_exits_zero_when_only_unfixable_problems_remain() {
    let tmp = tempdir();
    let site = site_copy(tmp.path());
    let fix = run(&site, &["--fix", "."]);
    assert_eq!(fix.code, 1, "errors remain after --fix");
    let diff = run(&site, &["--diff", "."]);
    assert!(diff.stdout.is_empty(), "{}", diff.stdout);
    assert_eq!(diff.code, 0);
}

/// Issue 9, item 6: an unsafe fix never writes a display placeholder (`a, b`, `{…}`) as data.
#[test]
fn unsafe_fixes_never_turn_nested_terms_into_strings() {
    let dir = tempdir();
    let posts = dir.path().join("_posts");
    std::fs::create_dir_all(&posts).unwrap();
    let post = posts.join("2021-07-20-x.md");
    let text = "---\ntitle: \"x\"\ndate: 2021-07-20T10:40:01Z\n\
                tags: [ [a, [b]], {c: d} ]\ncategories: [ 联合早报 ]\n---\nbody\n";
    std::fs::write(&post, text).unwrap();
    run(dir.path(), &["--fix", "--unsafe-fixes", "."]);
    let after = std::fs::read_to_string(&post).unwrap();
    let tags = after.lines().find(|l| l.starts_with("tags:")).unwrap();
    assert_eq!(tags, "tags: [ [a, [b]], {c: d} ]", "{after}");
    assert!(after.contains("categories: [ 联合早报 ]"), "{after}");
}
