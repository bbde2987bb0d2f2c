//! What fmlint ships for the tools around it: shell completions and the man page (generated from
//! the clap definition), and the GitHub Actions workflow in `docs/github-actions.yml`, which
//! must parse, call only real fmlint flags, and be the one README shows.

mod prereq;

use std::path::Path;
use std::process::Command;

use clap::Parser;
use fmlint::cli::Cli;
use fmlint::yaml::{self, Document, Node, NodeKind, Scalar};

const MAIN_FLAGS: [&str; 7] = [
    "--format",
    "--fix",
    "--select",
    "--ignore",
    "--output-file",
    "--statistics",
    "--exit-non-zero-on-fix",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fmlint(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_fmlint"))
        .args(args)
        .output()
        .expect("fmlint runs");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn completions_for_every_shell_know_the_main_flags_and_formats() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (code, script) = fmlint(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        for flag in MAIN_FLAGS {
            // fish writes `-l format`, the others the flag itself.
            let found = script.contains(flag) || script.contains(&format!("-l {}", &flag[2..]));
            assert!(found, "{shell} completion lacks {flag}");
        }
        if shell != "powershell" {
            // clap's PowerShell script completes flags only, not their values.
            for format in ["github", "sarif", "junit", "concise"] {
                assert!(script.contains(format), "{shell} completion lacks {format}");
            }
        }
    }
    let (code, _) = fmlint(&["completions", "tcsh"]);
    assert_eq!(code, 2, "an unknown shell is a usage error");
}

fn bash_completion_is_valid_bash() {
    let (_, script) = fmlint(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fmlint.bash");
    std::fs::write(&file, script).unwrap();
    match Command::new("bash").arg("-n").arg(&file).output() {
        Ok(out) => assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) => prereq::missing("bash", "apt-get install -y bash"),
    }
}

fn man_page_is_roff_with_the_main_flags() {
    let (code, page) = fmlint(&["man"]);
    assert_eq!(code, 0);
    assert!(page.contains(".TH fmlint 1"), "{page}");
    assert!(page.contains(".SH SYNOPSIS") && page.contains(".SH OPTIONS"));
    for flag in MAIN_FLAGS {
        // roff escapes each hyphen.
        let roff = flag.replace('-', "\\-");
        assert!(page.contains(&roff), "the man page lacks {flag}");
    }
    assert!(page.contains("completions") && page.contains("explain"));
}

// ---------------------------------------------------------------------------------------------
// The Actions workflow

fn get<'a>(node: &'a Node<'a>, key: &str) -> Option<&'a Node<'a>> {
    match &node.kind {
        NodeKind::Map { entries, .. } => entries
            .iter()
            .find(|(k, _)| k.scalar() == Some(&Scalar::Str(key.into())))
            .map(|(_, v)| v),
        _ => None,
    }
}

fn items<'a>(node: &'a Node<'a>) -> &'a [Node<'a>] {
    match &node.kind {
        NodeKind::Seq { items, .. } => items,
        _ => &[],
    }
}

/// Every `run:` script of every step of every job.
fn run_scripts(text: &str) -> Vec<String> {
    let doc = yaml::parse(text, 0..text.len()).expect("the workflow is valid YAML");
    let Document::Mapping(entries) = doc else {
        panic!("the workflow is a mapping");
    };
    let jobs = &entries
        .iter()
        .find(|e| e.key == "jobs")
        .expect("a `jobs:` key")
        .value;
    let NodeKind::Map { entries: jobs, .. } = &jobs.kind else {
        panic!("`jobs` is a mapping");
    };
    let mut scripts = Vec::new();
    for (_, job) in jobs {
        assert!(get(job, "runs-on").is_some(), "each job says where it runs");
        let steps = get(job, "steps").expect("each job has steps");
        for step in items(steps) {
            if let Some(run) = get(step, "run") {
                scripts.push(run.as_str().expect("`run` is a string").to_string());
            }
        }
    }
    scripts
}

fn the_actions_workflow_calls_real_fmlint_flags() {
    let text = std::fs::read_to_string(root().join("docs/github-actions.yml")).unwrap();
    let scripts = run_scripts(&text);
    let calls: Vec<Vec<&str>> = scripts
        .iter()
        .flat_map(|s| s.lines())
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|words| words.first() == Some(&"fmlint"))
        .collect();
    assert!(!calls.is_empty(), "the workflow runs fmlint");
    for words in &calls {
        let cli = Cli::try_parse_from(words).unwrap_or_else(|e| panic!("{words:?}: {e}"));
        assert!(cli.command.is_none(), "{words:?} checks posts");
    }
    assert!(
        calls
            .iter()
            .any(|w| w.windows(2).any(|p| p == ["--format", "github"])),
        "the workflow reports with --format github"
    );
    // It installs this repository's fmlint.
    let install = scripts
        .iter()
        .find(|s| s.contains("cargo install"))
        .expect("the workflow installs fmlint");
    assert!(
        install.contains(&format!("--git {}", env!("CARGO_PKG_REPOSITORY"))),
        "{install}"
    );
}

fn readme_shows_the_actions_workflow_as_it_is_in_docs() {
    let text = std::fs::read_to_string(root().join("docs/github-actions.yml")).unwrap();
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("```yaml\n{text}```\n")),
        "README's Actions job differs from docs/github-actions.yml: copy the file into README"
    );
}

/// Issue 9, item 8: a test that cannot run is ignored with its reason, and fails under CI.
fn a_missing_prerequisite_is_ignored_with_its_reason_or_fails_under_ci() {
    use libtest_mimic::Completion;
    match prereq::outcome(|| prereq::missing_under(false, "a unicorn", "breed one")) {
        Ok(Completion::Ignored { reason }) => {
            assert_eq!(reason.as_deref(), Some("needs a unicorn: breed one"))
        }
        Ok(Completion::Completed) => panic!("a missing prerequisite passed"),
        Err(e) => panic!("a missing prerequisite failed outside CI: {e:?}"),
    }
    match prereq::outcome(|| prereq::missing_under(true, "a unicorn", "breed one")) {
        Err(e) => assert!(format!("{e:?}").contains("CI=true"), "{e:?}"),
        Ok(_) => panic!("under CI a missing prerequisite did not fail the test"),
    }
    assert!(prereq::outcome(|| assert_eq!(1, 2)).is_err());
    assert!(matches!(prereq::outcome(|| ()), Ok(Completion::Completed)));
}

prereq::tests!(
    a_missing_prerequisite_is_ignored_with_its_reason_or_fails_under_ci,
    completions_for_every_shell_know_the_main_flags_and_formats,
    bash_completion_is_valid_bash,
    man_page_is_roff_with_the_main_flags,
    the_actions_workflow_calls_real_fmlint_flags,
    readme_shows_the_actions_workflow_as_it_is_in_docs,
);
