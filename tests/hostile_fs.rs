//! A hostile file system (issue 9): FIFOs named as posts never block, links never lead a read
//! or a write out of the site, the run's temporary files never outlive it unnoticed, odd names
//! and a closed standard input are told the truth. Unix only: FIFOs, links, signals.
#![cfg(unix)]

use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

#[path = "support/process.rs"]
mod process;
use process::finish_within;

use serde_json::Value;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_fmlint")
}

fn fmlint(dir: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["--color", "never"]);
    cmd
}

/// Runs to the end, or fails the test after two minutes instead of hanging CI with it.
fn finish(child: Child) -> Output {
    finish_within(child, 120)
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let child = fmlint(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = finish(child);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `(path, code, message)` of each diagnostic of a `--format json` run.
fn diags(stdout: &str) -> Vec<(String, String, String)> {
    let v: Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("fmlint-hostile-")
        .tempdir()
        .unwrap()
}

/// A post whose only problem is its unquoted title (FM602, a safe fix).
fn post(title: &str) -> String {
    format!(
        "---\nlayout: post\ntitle: {title}\ndate: 2021-07-20T10:40:01.779Z\nauthor: Harbour Post\nfrom: https://www.harbourpost.example/night-bus\ntags: [ Harbour Post ]\ncategories: [ Harbour Post ]\n---\n<!--1626799380000-->\n[{title}](https://www.harbourpost.example/night-bus)\n------\n\n<p>Body.</p>\n"
    )
}

fn site(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("_posts")).unwrap();
    std::fs::write(site.join("_config.yml"), "title: x\n").unwrap();
    site
}

fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo").arg(p).status().unwrap().success();
    assert!(ok, "mkfifo {}", p.display());
}

fn temp_files_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".fmlint-tmp-")
        })
        .collect();
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------------
// 1. Nothing blocks

#[test]
fn a_fifo_named_as_a_post_is_fm000_and_the_run_goes_on() {
    let tmp = tempdir();
    let site = site(tmp.path());
    std::fs::write(site.join("_posts/2021-07-20-a.md"), post("Night bus")).unwrap();
    mkfifo(&site.join("_posts/2021-07-20-fifo.md"));
    for mode in [&[][..], &["--fix"][..]] {
        let mut args = vec!["--format", "json"];
        args.extend_from_slice(mode);
        args.extend(["_posts/2021-07-20-fifo.md", "_posts/2021-07-20-a.md"]);
        let (code, stdout, _) = run(&site, &args);
        let d = diags(&stdout);
        assert!(
            d.iter().any(|(p, c, m)| p == "_posts/2021-07-20-fifo.md"
                && c == "FM000"
                && m.contains("not a regular file")),
            "{d:?}"
        );
        assert_eq!(code, 1, "{stdout}");
    }
    assert!(
        std::fs::read_to_string(site.join("_posts/2021-07-20-a.md"))
            .unwrap()
            .contains("title: \"Night bus\""),
        "the other post was fixed"
    );
    // Named as the editor's buffer's file, too.
    let child = fmlint(&site)
        .args([
            "--format",
            "json",
            "--stdin-filename",
            "_posts/2021-07-20-fifo.md",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut child = child;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(post("Night bus").as_bytes()).unwrap();
    }
    let out = finish(child);
    let d = diags(&String::from_utf8_lossy(&out.stdout));
    assert!(
        d.iter()
            .any(|(_, c, m)| c == "FM000" && m.contains("not a regular file")),
        "{d:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 2. No read or write outside the site through a link

const SECRET: &str = "SECRET-LINE-NOT-TO-BE-ECHOED";

/// A post outside every site, with a fixable problem and a line nobody may see.
fn outside_post(dir: &Path) -> PathBuf {
    let out = dir.join("elsewhere");
    std::fs::create_dir_all(&out).unwrap();
    let p = out.join("2021-07-20-outside.md");
    std::fs::write(&p, post(SECRET)).unwrap();
    p
}

#[test]
fn a_post_linking_out_of_its_site_is_neither_read_nor_written() {
    let tmp = tempdir();
    let site = site(tmp.path());
    let target = outside_post(tmp.path());
    let before = std::fs::read(&target).unwrap();
    symlink(&target, site.join("_posts/2021-07-20-out.md")).unwrap();
    // A linked folder leads out just the same.
    std::fs::create_dir_all(site.join("news")).unwrap();
    symlink(target.parent().unwrap(), site.join("news/_posts")).unwrap();
    // A link inside the site is fixed in its target, and stays a link.
    std::fs::create_dir_all(site.join("archive")).unwrap();
    std::fs::write(site.join("archive/real.md"), post("Inside")).unwrap();
    symlink("../archive/real.md", site.join("_posts/2021-07-20-in.md")).unwrap();
    // `..` in a named path does not lead out either.
    let dotdot = "_posts/../../elsewhere/2021-07-20-outside.md";

    for args in [
        &["--format", "json", "."][..],
        &["--format", "json", "_posts/2021-07-20-out.md"][..],
        &["--format", "json", "news/_posts/2021-07-20-outside.md"][..],
        &["--format", "json", "--fix", "."][..],
        &[
            "--format",
            "json",
            "--fix",
            "_posts/2021-07-20-out.md",
            "news/_posts/2021-07-20-outside.md",
        ][..],
    ] {
        let (code, stdout, stderr) = run(&site, args);
        assert!(
            !stdout.contains(SECRET) && !stderr.contains(SECRET),
            "{args:?}: {stdout}"
        );
        let d = diags(&stdout);
        let out: Vec<_> = d.iter().filter(|(p, _, _)| p.contains("out")).collect();
        assert!(!out.is_empty(), "{args:?}: {d:?}");
        for (p, c, m) in out {
            assert_eq!(c, "FM000", "{p}: {m}");
            assert!(
                m.contains("elsewhere/2021-07-20-outside.md") && m.contains("outside its site"),
                "{m}"
            );
        }
        assert_eq!(code, 1, "{args:?}");
        assert_eq!(
            std::fs::read(&target).unwrap(),
            before,
            "{args:?}: the outside file changed"
        );
    }
    // The inside link was fixed through.
    assert!(
        std::fs::symlink_metadata(site.join("_posts/2021-07-20-in.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(site.join("archive/real.md"))
            .unwrap()
            .contains("title: \"Inside\"")
    );
    // A `..` path that passes through the site's folder and leaves it is judged by where the
    // file really is: outside the site whose `_config.yml` its path finds.
    let (_, stdout, _) = run(&site, &["--format", "json", "--fix", dotdot]);
    assert!(!stdout.contains(SECRET), "{stdout}");
    let d = diags(&stdout);
    assert!(d.len() == 1 && d[0].1 == "FM000", "{d:?}");
    assert_eq!(std::fs::read(&target).unwrap(), before);

    // `inspect` says what each build does, and shows nothing of the target.
    let out = Command::new(bin())
        .current_dir(&site)
        .args(["inspect", "--format", "json", "."])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!stdout.contains(SECRET), "{stdout}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let find = |file: &str| {
        v["posts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["file"] == file)
            .unwrap_or_else(|| panic!("{file} in {stdout}"))
            .clone()
    };
    let out = find("_posts/2021-07-20-out.md");
    assert_eq!(out["reason"], "outside-site");
    let text = out["reason_text"].as_str().unwrap();
    assert!(
        text.contains("a safe build")
            && text.contains("does not read it")
            && text.contains("a plain `jekyll build` does"),
        "{text}"
    );
    assert_eq!(find("_posts/2021-07-20-in.md")["published"], true);
}

#[test]
fn without_config_the_git_work_tree_or_the_folder_named_is_the_site() {
    let tmp = tempdir();
    let target = outside_post(tmp.path());
    // A git work tree without `_config.yml`: the link leads out of it.
    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(repo.join("blog/_posts")).unwrap();
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    symlink(&target, repo.join("blog/_posts/2021-07-20-out.md")).unwrap();
    std::fs::write(repo.join("notes.md"), post("In the repo")).unwrap();
    symlink("../../notes.md", repo.join("blog/_posts/2021-07-20-in.md")).unwrap();
    let (_, stdout, _) = run(&repo, &["--format", "json", "blog"]);
    let d = diags(&stdout);
    assert!(!stdout.contains(SECRET), "{stdout}");
    assert!(
        d.iter()
            .any(|(p, c, _)| p.ends_with("2021-07-20-out.md") && c == "FM000"),
        "{d:?}"
    );
    assert!(
        d.iter()
            .all(|(p, c, _)| !(p.ends_with("2021-07-20-in.md") && c == "FM000")),
        "a link inside the work tree is read: {d:?}"
    );
    // Neither: the folder fmlint is pointed at.
    let plain = tmp.path().join("plain");
    std::fs::create_dir_all(plain.join("_posts")).unwrap();
    symlink(&target, plain.join("_posts/2021-07-20-out.md")).unwrap();
    let (_, stdout, _) = run(&plain, &["--format", "json", "--fix", "."]);
    assert!(!stdout.contains(SECRET), "{stdout}");
    assert!(diags(&stdout).iter().any(|(_, c, _)| c == "FM000"));
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains(&format!("title: {SECRET}\n"))
    );
}

// ---------------------------------------------------------------------------------------------
// 3. A concurrent edit is not lost

/// While `fmlint --fix` rewrites 3,000 posts, another program appends a numbered line to each,
/// round after round (a round every quarter second, so that each post is edited several times
/// during the run). Afterwards every post holds every line appended to it, but for at most 2
/// lost in the instant between fmlint's last check and its swap; and every post is either
/// fixed or reported as FM992 and left as it was. No timing is asserted: the count of rounds
/// only decides how hard the test pushes.
#[test]
fn a_concurrent_edit_is_not_lost() {
    use std::io::Write;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let tmp = tempdir();
    let n = 3000;
    let site = big_site(tmp.path(), n);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(site.join("_posts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let child = fmlint(&site)
        .args(["--fix", "--format", "json", "."])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let waiter = {
        let done = done.clone();
        std::thread::spawn(move || {
            let out = finish_within(child, 900);
            done.store(true, Ordering::SeqCst);
            out
        })
    };
    let mut rounds = 0;
    while !done.load(Ordering::SeqCst) && rounds < 100 {
        for p in &paths {
            let mut f = std::fs::OpenOptions::new().append(true).open(p).unwrap();
            f.write_all(format!("<!-- append {rounds} -->\n").as_bytes())
                .unwrap();
        }
        rounds += 1;
        std::thread::sleep(Duration::from_millis(250));
    }
    let out = waiter.join().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let refused: std::collections::BTreeSet<PathBuf> = diags(&stdout)
        .into_iter()
        .filter(|(_, c, _)| c == "FM992")
        .map(|(p, _, m)| {
            assert!(m.contains("changed on disk"), "{p}: {m}");
            site.join(p)
        })
        .collect();
    let mut lost = 0;
    for p in &paths {
        let text = std::fs::read_to_string(p).unwrap();
        for r in 0..rounds {
            if !text.contains(&format!("<!-- append {r} -->\n")) {
                lost += 1;
            }
        }
        let fixed = text.contains("\ntitle: \"Night bus");
        if refused.contains(p) {
            assert!(!fixed, "{}: reported FM992 but written", p.display());
        } else {
            assert!(fixed, "{}: neither fixed nor reported", p.display());
        }
    }
    eprintln!(
        "{rounds} rounds, {lost} appends lost, {} FM992",
        refused.len()
    );
    assert!(
        rounds >= 2,
        "the run ended before a second round: the test pushed nothing"
    );
    assert!(
        lost <= 2,
        "{lost} appends lost in {rounds} rounds over {n} posts ({} reported FM992)",
        refused.len()
    );
}

// ---------------------------------------------------------------------------------------------
// 4. Temporary files never outlive a run unnoticed

/// A site of `n` posts that all need a fix.
fn big_site(dir: &Path, n: usize) -> PathBuf {
    let site = site(dir);
    let body = "<p>Body.</p>\n".repeat(200);
    for i in 0..n {
        std::fs::write(
            site.join(format!("_posts/2021-07-20-post-{i:05}.md")),
            post(&format!("Night bus {i}")) + &body,
        )
        .unwrap();
    }
    site
}

/// Starts `fmlint --fix` on `site` and waits until one of its temporary files exists.
/// `None` when the run ended first.
fn fix_until_a_temp_file_exists(site: &Path) -> Option<Child> {
    let mut child = fmlint(site)
        .args(["--fix", "-q", "."])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let posts = site.join("_posts");
    loop {
        if !temp_files_in(&posts).is_empty() {
            return Some(child);
        }
        if child.try_wait().unwrap().is_some() {
            return None;
        }
        std::thread::yield_now();
    }
}

#[test]
fn sigint_and_sigterm_remove_the_runs_temporary_files() {
    let tmp = tempdir();
    let site = big_site(tmp.path(), 3000);
    for (signal, name) in [(15, "TERM"), (2, "INT")] {
        let mut caught = false;
        for _ in 0..5 {
            // Undo earlier fixes so that there is work again.
            let _ = std::fs::remove_dir_all(site.join("_posts"));
            let _ = big_site(tmp.path(), 3000);
            let Some(child) = fix_until_a_temp_file_exists(&site) else {
                continue;
            };
            let ok = Command::new("kill")
                .args([&format!("-{name}"), &child.id().to_string()])
                .status()
                .unwrap()
                .success();
            assert!(ok);
            let out = finish(child);
            use std::os::unix::process::ExitStatusExt;
            if out.status.code() == Some(128 + signal) {
                caught = true;
                let left = temp_files_in(&site.join("_posts"));
                assert!(left.is_empty(), "SIG{name} left {left:?}");
                break;
            }
            assert!(
                out.status.signal().is_none(),
                "SIG{name} killed it without clean-up"
            );
        }
        assert!(caught, "SIG{name} never reached a run that was writing");
    }
}

#[test]
fn leftovers_of_a_killed_run_are_reported_and_fix_removes_them() {
    let tmp = tempdir();
    let site = big_site(tmp.path(), 2000);
    let posts = site.join("_posts");
    // A real `kill -9` while writing: what it leaves (often one file, sometimes none).
    if let Some(mut child) = fix_until_a_temp_file_exists(&site) {
        child.kill().unwrap();
        child.wait().unwrap();
    }
    // And one for certain, from a process that cannot exist (above Linux's pid_max).
    let planted = posts.join(".fmlint-tmp-4294967295-0123456789abcdef~");
    std::fs::write(&planted, "---\ntitle: half a po").unwrap();
    let left = temp_files_in(&posts);
    assert!(left.contains(&planted));
    let (code, stdout, _) = run(&site, &["--format", "json", "--select", "FM993", "."]);
    let d = diags(&stdout);
    let reported: Vec<PathBuf> = d
        .iter()
        .filter(|(_, c, _)| c == "FM993")
        .map(|(p, _, _)| site.join(p))
        .collect();
    assert_eq!(reported, left, "{stdout}");
    assert_eq!(code, 0, "a warning");
    assert_eq!(temp_files_in(&posts), left, "a check removes nothing");
    // A file named on the command line, as a pre-commit hook names them, does not have its
    // folder listed: that folder may hold the whole archive.
    let named = std::fs::read_dir(&posts)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .unwrap();
    let named = named
        .strip_prefix(&site)
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let (_, stdout, _) = run(&site, &["--format", "json", "--select", "FM993", &named]);
    assert!(diags(&stdout).is_empty(), "{stdout}");
    let (_, stdout, _) = run(&site, &["--fix", "."]);
    assert!(temp_files_in(&posts).is_empty(), "{stdout}");
    // A name like ours that is not ours is left alone.
    let other = posts.join(".fmlint-tmp-notes~");
    std::fs::write(&other, "mine").unwrap();
    let (_, stdout, _) = run(&site, &["--fix", "--format", "json", "."]);
    assert!(diags(&stdout).iter().all(|(_, c, _)| c != "FM993"));
    assert!(other.exists());
}

// ---------------------------------------------------------------------------------------------
// 7. Names and edge cases

#[test]
fn a_name_that_is_not_utf8_is_judged_on_its_bytes() {
    let tmp = tempdir();
    let site = site(tmp.path());
    let name = std::ffi::OsStr::from_bytes(b"2021-07-20-caf\xe9.md");
    std::fs::write(site.join("_posts").join(name), post("Night bus")).unwrap();
    let undated = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(site.join("_posts").join(undated), post("Night bus")).unwrap();
    let (_, stdout, _) = run(&site, &["--format", "json", "--select", "FM204", "."]);
    let d = diags(&stdout);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].0, "_posts/caf\u{fffd}.md");
    assert!(d[0].2.contains("`caf\u{fffd}.md`"), "{:?}", d[0]);
}

#[test]
fn a_failed_run_prints_no_success_line() {
    let tmp = tempdir();
    let (code, stdout, stderr) = run(tmp.path(), &["nonexistent"]);
    assert_eq!(code, 2);
    assert!(!stdout.contains("All checks passed"), "{stdout}");
    assert!(stderr.contains("nonexistent"), "{stderr}");
}

#[test]
fn a_closed_standard_input_is_a_failed_run() {
    let tmp = tempdir();
    let out = Command::new("sh")
        .args(["-c", "exec \"$0\" - <&-", bin()])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("standard input"));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("checked"));
    // An empty pipe is an empty post, as before.
    let out = Command::new("sh")
        .args(["-c", "printf '' | \"$0\" --format json -", bin()])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}

/// A leftover is reported but is no post checked: beside a post with a problem, the counts
/// still add up (JUnit's clean files are the posts checked less those with problems; the
/// leftover once made that subtraction go below zero, a panic in a debug build and a count
/// of 2^64 - 1 in a release one).
#[test]
fn a_leftover_beside_a_failing_post_keeps_the_counts_whole() {
    let tmp = tempdir();
    let posts = tmp.path().join("_posts");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::write(posts.join("2021-07-20-a.md"), "---\ntitle: x\n---\nbody\n").unwrap();
    std::fs::write(
        posts.join(".fmlint-tmp-4294967295-0123456789abcdef~"),
        "---\ntitle: half a po",
    )
    .unwrap();
    let (code, stdout, stderr) = run(tmp.path(), &["--format", "junit", "."]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let (_, json, _) = run(tmp.path(), &["--format", "json", "."]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let summary = &v["summary"];
    let problems = summary["problems"].as_u64().unwrap();
    assert_eq!(summary["files"], 1, "{json}");
    assert_eq!(summary["files_with_problems"], 1, "{json}");
    // Every problem is a failed test case and no post is clean: tests = failures.
    let head = stdout.lines().nth(1).unwrap();
    assert_eq!(
        head,
        format!(
            "<testsuites name=\"fmlint\" tests=\"{problems}\" failures=\"{problems}\" errors=\"0\" skipped=\"0\">"
        ),
        "{stdout}"
    );
}
