//! The pre-commit hooks of `.pre-commit-hooks.yaml`: their file pattern is fmlint's idea of a
//! post, their entries are real command lines, README's snippet names them; and end to end,
//! through the real `pre-commit` (from PyPI, which `.ci/run` installs; the test is ignored
//! with the reason where it is absent, failed under `CI=true`), on a temporary git repository of posts.
//!
//! **What try-repo builds.** `pre-commit try-repo PATH` builds PATH's git HEAD, plus changes to
//! tracked files (it commits `git add -u` in a shadow clone), never untracked files: pointed at
//! this checkout it would miss a hook file or source file not yet committed, and test something
//! other than the tree on disk. So the test commits a snapshot of the working tree (tracked and
//! untracked files, not ignored ones) into a repository of its own under `target/` and points
//! try-repo there: what is tested is the code on disk, committed or not.
//!
//! **Build cost.** try-repo installs the hooks into a throwaway store, so each invocation runs
//! `cargo install --path` (release) afresh; the crates come from crates.io, nothing else needs the
//! network. The test points `CARGO_TARGET_DIR` at one folder under `target/` for all of them:
//! dependencies are compiled once, and kept for later test runs; an invocation after the first
//! recompiles only fmlint itself (about 20 s on 2 cores). The test makes two invocations.

mod prereq;

use std::path::{Path, PathBuf};
use std::process::Command;

use fmlint::yaml::{self, Document, Node, NodeKind, Scalar};

const CLEAN_POST: &str = "fixtures/site/_posts/2024-03-12-cross-island-line-delay.md";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

struct Hook {
    id: String,
    name: String,
    entry: String,
    language: String,
    files: String,
    exclude: Option<String>,
}

fn field(node: &Node, key: &str) -> Option<String> {
    let NodeKind::Map { entries, .. } = &node.kind else {
        return None;
    };
    entries
        .iter()
        .find(|(k, _)| k.scalar() == Some(&Scalar::Str(key.into())))
        .map(|(_, v)| v.display())
}

fn hooks() -> Vec<Hook> {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let Ok(Document::Other(list)) = yaml::parse(&text, 0..text.len()) else {
        panic!(".pre-commit-hooks.yaml is a YAML list");
    };
    let NodeKind::Seq { items, .. } = &list.kind else {
        panic!(".pre-commit-hooks.yaml is a YAML list");
    };
    items
        .iter()
        .map(|h| {
            let f = |k: &str| field(h, k).unwrap_or_else(|| panic!("a hook without `{k}`"));
            Hook {
                id: f("id"),
                name: f("name"),
                entry: f("entry"),
                language: f("language"),
                files: f("files"),
                exclude: field(h, "exclude"),
            }
        })
        .collect()
}

fn hooks_check_and_fix_posts_with_real_flags() {
    let hooks = hooks();
    let ids: Vec<&str> = hooks.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["fmlint", "fmlint-fix"]);
    for h in &hooks {
        assert_eq!(h.language, "rust");
        let mut argv: Vec<&str> = h.entry.split_whitespace().collect();
        assert_eq!(argv[0], "fmlint");
        argv.push("_posts/2021-07-20-a.md");
        let cli = <fmlint::cli::Cli as clap::Parser>::try_parse_from(&argv)
            .unwrap_or_else(|e| panic!("{}: {e}", h.entry));
        assert!(cli.command.is_none());
        if h.id == "fmlint-fix" {
            assert!(
                cli.check.fix && cli.check.exit_non_zero_on_fix,
                "{}",
                h.entry
            );
        } else {
            assert!(!cli.check.fix, "{}", h.entry);
        }
    }
}

fn hooks_match_what_fmlint_calls_a_post() {
    let paths = [
        "_posts/2021-07-20-a.md",
        "_posts/2021-07-20-a.markdown",
        "_drafts/a.html",
        "site/news/_posts/2021/07/a.md",
        "a/_drafts/b/c.markdown",
        "_posts/a.txt",
        "_posts/2021-07-20-a.adoc",
        "_posts/2021-07-20-a.textile",
        "_posts/2021-07-20-a.MD",
        "_posts/2021-07-20-a.mkdn",
        "_drafts/a.htm",
        "_posts/2021-07-20-a.yml",
        "_posts/2021-07-20-a.md~",
        "_posts/img/photo.png",
        "_POSTS/2021-07-20-a.md",
        "_posts/notes.txt",
        "_posts/sub/notes.adoc",
        "_posts/2021-07-a.adoc",
        "_posts/sub/2021-7-2-a.TXT",
        "_drafts/notes.txt",
        "x/_drafts/sub/a.textile",
        "_posts/a.md.bak",
        "_posts/2021-07-20-a.rst",
        "_posts/sub/2021-07-20-a.tar.gz",
        "_posts/2021-07-20-a.MDX",
        "_posts/2021-07-20-a.YML",
        "_posts/2021-07-20-a.rst~",
        "_posts/2021-07-20-a",
        "_drafts/a.rst",
        "about.md",
        "_layouts/post.html",
        "my_posts/a.md",
        "_postsx/a.md",
        "_posts.md",
        "README.md",
    ];
    for h in hooks() {
        let re = regex::Regex::new(&h.files).unwrap();
        let exclude = h.exclude.as_deref().map(|e| regex::Regex::new(e).unwrap());
        for p in paths {
            assert_eq!(
                re.is_match(p) && !exclude.as_ref().is_some_and(|x| x.is_match(p)),
                fmlint::discover::is_post_path(Path::new(p)),
                "hook {}: `files` and fmlint disagree on {p}",
                h.id
            );
        }
    }
}

fn readme_snippet_uses_the_hooks() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("```yaml\n# .pre-commit-config.yaml")
        .expect("README shows a .pre-commit-config.yaml");
    let snippet = &readme[start + 8..];
    let snippet = &snippet[..snippet.find("```").unwrap()];
    let Ok(Document::Mapping(entries)) = yaml::parse(snippet, 0..snippet.len()) else {
        panic!("README's snippet is a YAML mapping:\n{snippet}");
    };
    let repos = &entries.iter().find(|e| e.key == "repos").unwrap().value;
    let NodeKind::Seq { items, .. } = &repos.kind else {
        panic!("`repos` is a list");
    };
    assert_eq!(
        field(&items[0], "repo").as_deref(),
        Some(env!("CARGO_PKG_REPOSITORY"))
    );
    let known: Vec<String> = hooks().into_iter().map(|h| h.id).collect();
    let NodeKind::Map { entries, .. } = &items[0].kind else {
        panic!("a repo is a mapping");
    };
    let listed = entries
        .iter()
        .find(|(k, _)| k.as_str() == Some("hooks"))
        .map(|(_, v)| v)
        .expect("the repo lists hooks");
    let NodeKind::Seq { items: listed, .. } = &listed.kind else {
        panic!("`hooks` is a list");
    };
    assert!(!listed.is_empty());
    for hook in listed {
        let id = field(hook, "id").expect("a hook has an id");
        assert!(known.contains(&id), "README names hook `{id}`");
    }
}

// ---------------------------------------------------------------------------------------------
// End to end

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=fmlint-test",
            "-c",
            "user.email=test@fmlint.invalid",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", "2024-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2024-01-01T00:00:00Z")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// This working tree, committed into a repository of its own (see the header).
fn snapshot(to: &Path) {
    if to.exists() {
        std::fs::remove_dir_all(to).unwrap();
    }
    std::fs::create_dir_all(to).unwrap();
    let listed = git(
        root(),
        &[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ],
    );
    for rel in listed.split('\0').filter(|p| !p.is_empty()) {
        let from = root().join(rel);
        if !from.is_file() {
            continue; // deleted in the working tree
        }
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&from, &dest).unwrap();
    }
    git(to, &["init", "-q"]);
    git(to, &["add", "-A"]);
    git(to, &["commit", "-q", "-m", "snapshot of the working tree"]);
}

fn pre_commit_version() -> Option<String> {
    let out = Command::new("pre-commit").arg("--version").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

struct PreCommit {
    code: i32,
    output: String,
}

fn try_repo(site: &Path, repo: &Path, target: &Path, args: &[&str]) -> PreCommit {
    let out = Command::new("pre-commit")
        .current_dir(site)
        .arg("try-repo")
        .arg(repo)
        .args(args)
        .arg("--color=never")
        .env("CARGO_TARGET_DIR", target)
        .env("NO_COLOR", "1")
        .output()
        .expect("pre-commit runs");
    PreCommit {
        code: out.status.code().unwrap_or(-1),
        output: format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

/// `Passed` or `Failed` for a hook, from pre-commit's `name.....Status` line (`fmlint` is not
/// confused with `fmlint (fix)`: the dots must follow the name).
fn status<'a>(output: &'a str, name: &str) -> &'a str {
    output
        .lines()
        .filter_map(|l| l.strip_prefix(name))
        .find_map(|rest| {
            let status = rest.strip_prefix('.')?.trim_start_matches('.');
            ["Passed", "Failed"]
                .into_iter()
                .find(|s| status.starts_with(s))
        })
        .unwrap_or_else(|| panic!("no status line for `{name}` in:\n{output}"))
}

fn both_hooks_through_real_pre_commit() {
    let Some(version) = pre_commit_version() else {
        prereq::missing("pre-commit", "pip install pre-commit; .ci/run installs it");
    };
    prereq::command("git", &["--version"], "apt-get install -y git");
    if git(root(), &["rev-parse", "--is-inside-work-tree"]).trim() != "true" {
        prereq::missing(
            "a git checkout",
            "run the tests in a clone of the repository",
        );
    }
    eprintln!("{version}");
    let hooks = hooks();
    let (check, fix) = (&hooks[0].name, &hooks[1].name);
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("precommit");
    let repo = work.join("fmlint-snapshot");
    let target = work.join("cargo-target");
    snapshot(&repo);

    let site = tempfile::tempdir().unwrap();
    let s = site.path();
    let clean = std::fs::read_to_string(root().join(CLEAN_POST)).unwrap();
    // Safe to fix only: a space-separated date (FM201) and an unquoted title (FM602).
    let fixable = clean
        .replace(
            "date: 2024-03-12T02:15:30.412Z",
            "date: 2024-03-12 10:15:30 +0800",
        )
        .replace(
            "title: \"陆交局：跨岛线第二阶段工程料延后半年完工\"",
            "title: 陆交局：跨岛线第二阶段工程料延后半年完工",
        );
    let clean_path = "_posts/2024-03-12-cross-island-line-delay.md";
    let fixable_path = "news/_posts/2024/2024-03-12-cross-island-line-delay.md";
    for (path, text) in [
        (clean_path, clean.as_str()),
        (fixable_path, fixable.as_str()),
        // Not posts: if the hooks passed them, fmlint (which lints what it is given) would fail.
        ("about.md", "no front matter\n"),
        ("_posts/notes.txt", "no front matter\n"),
    ] {
        std::fs::create_dir_all(s.join(path).parent().unwrap()).unwrap();
        std::fs::write(s.join(path), text).unwrap();
    }
    git(s, &["init", "-q"]);
    git(s, &["add", "-A"]);
    git(s, &["commit", "-q", "-m", "posts"]);

    // What `fmlint --fix` writes, for comparison.
    let expected_dir = tempfile::tempdir().unwrap();
    let expected_post = expected_dir
        .path()
        .join("_posts/2024-03-12-cross-island-line-delay.md");
    std::fs::create_dir_all(expected_post.parent().unwrap()).unwrap();
    std::fs::write(&expected_post, &fixable).unwrap();
    let fixed = Command::new(env!("CARGO_BIN_EXE_fmlint"))
        .args(["--fix", "-q"])
        .arg(&expected_post)
        .status()
        .unwrap();
    assert!(fixed.success());
    let expected = std::fs::read_to_string(&expected_post).unwrap();
    assert_ne!(expected, fixable);

    // First run, every hook on every file: the check fails with fmlint's message; the fixer
    // rewrites the post and fails because it changed a file.
    let first = try_repo(s, &repo, &target, &["--all-files"]);
    let out = &first.output;
    assert_ne!(first.code, 0, "{out}");
    assert_eq!(status(out, check), "Failed", "{out}");
    assert!(
        out.contains(&format!("{fixable_path}:4:7 FM201 date-format")),
        "{out}"
    );
    assert!(out.contains("is not in RFC 3339 form"), "{out}");
    assert!(
        !out.contains("about.md") && !out.contains("notes.txt"),
        "{out}"
    );
    assert_eq!(status(out, fix), "Failed", "{out}");
    assert!(out.contains("files were modified by this hook"), "{out}");
    assert_eq!(
        std::fs::read_to_string(s.join(fixable_path)).unwrap(),
        expected
    );
    assert_eq!(std::fs::read_to_string(s.join(clean_path)).unwrap(), clean);

    // Second run, naming the files as a commit would: both hooks pass.
    let second = try_repo(
        s,
        &repo,
        &target,
        &[
            "--files",
            clean_path,
            fixable_path,
            "about.md",
            "_posts/notes.txt",
        ],
    );
    let out = &second.output;
    assert_eq!(second.code, 0, "{out}");
    assert_eq!(status(out, check), "Passed", "{out}");
    assert_eq!(status(out, fix), "Passed", "{out}");
    assert_eq!(
        std::fs::read_to_string(s.join(fixable_path)).unwrap(),
        expected
    );
}

prereq::tests!(
    hooks_check_and_fix_posts_with_real_flags,
    hooks_match_what_fmlint_calls_a_post,
    readme_snippet_uses_the_hooks,
    both_hooks_through_real_pre_commit,
);
