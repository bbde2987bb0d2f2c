//! Tests that need something outside the crate (`../shared`, Jekyll, the SARIF Multitool,
//! Python's jsonschema, pre-commit, git, an unprivileged user) say so where `cargo test` shows
//! it: a missing prerequisite makes the test **ignored, with its reason**, in the summary
//! (`test x ... ignored (needs jekyll on PATH: apt-get install jekyll)`), and under `CI=true`
//! it makes the test **fail**, so CI can never pass by checking nothing.
//!
//! libtest's `#[test]` cannot ignore a test once it runs, so a file with such tests runs under
//! [libtest-mimic](https://docs.rs/libtest-mimic) instead. To adopt it in `tests/NAME.rs`:
//!
//! 1. In `Cargo.toml`: `[[test]] name = "NAME"  harness = false`.
//! 2. In the file: `mod prereq;`, drop every `#[test]` attribute (the functions stay plain
//!    `fn name()`), and end the file with `prereq::tests!(first_test, second_test, …);` naming
//!    every test. A `#[test]` left in such a file would never run: the runner refuses to start
//!    while the file has one.
//! 3. Replace each "print skipped and return" with a call that returns what the test needs or
//!    does not return: `let site = prereq::shared("sites/ruby-lang");`, `prereq::jekyll();`,
//!    `prereq::command("pre-commit", &["--version"], "pip install pre-commit");`, or
//!    `prereq::missing("what", "how to get it")` for anything else.
//!
//! `cargo test -- --ignored` and filters work as with libtest.

#![allow(dead_code)]

use std::any::Any;
use std::ffi::OsString;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Once;

use libtest_mimic::{Arguments, Completion, Failed, Trial};

/// Runs the named test functions of a file under libtest-mimic. Use [`tests!`] rather than this.
pub fn run(file: &str, source: &str, tests: Vec<(&'static str, fn())>) -> ExitCode {
    if let Some((n, _)) = source
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim() == "#[test]")
    {
        eprintln!(
            "{file}:{}: `#[test]` in a file run by tests/prereq (harness = false): it would never \
             run. Drop the attribute and name the function in `prereq::tests!(…)`.",
            n + 1
        );
        return ExitCode::FAILURE;
    }
    quiet_skips();
    let args = Arguments::from_args();
    let trials = tests
        .into_iter()
        .map(|(name, f)| Trial::ignorable_test(name, move || outcome(f)))
        .collect();
    libtest_mimic::run(&args, trials).exit_code()
}

/// `main` for a test file: every test function of the file, by name.
macro_rules! tests {
    ($($name:ident),* $(,)?) => {
        fn main() -> std::process::ExitCode {
            prereq::run(
                file!(),
                include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", file!())),
                vec![$((stringify!($name), $name as fn())),*],
            )
        }
    };
}
pub(crate) use tests;

/// The panic payload of a test that cannot run here.
struct Skip(String);

/// How a test function ended: passed, ignored with a reason, or failed with a message.
pub fn outcome(test: fn()) -> Result<Completion, Failed> {
    match panic::catch_unwind(AssertUnwindSafe(test)) {
        Ok(()) => Ok(Completion::Completed),
        Err(payload) => match payload.downcast::<Skip>() {
            Ok(skip) => Ok(Completion::ignored_with(skip.0)),
            Err(other) => Err(message(&*other).into()),
        },
    }
}

fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "the test panicked".to_string()
    }
}

/// A skip is not a crash: the panic hook stays silent for it (the runner prints the reason).
fn quiet_skips() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !info.payload().is::<Skip>() {
                previous(info);
            }
        }));
    });
}

/// Whether this is CI (`CI=true`, as GitHub Actions and `.ci/run`'s caller set it).
pub fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// The test cannot run here because `what` is missing (`how`: how to get it). Under CI that is
/// a failure; elsewhere the test is reported ignored with the reason.
pub fn missing(what: &str, how: &str) -> ! {
    missing_under(ci(), what, how)
}

/// [`missing`], with whether this is CI given.
pub fn missing_under(ci: bool, what: &str, how: &str) -> ! {
    if ci {
        panic!("CI=true, and this test cannot run: it needs {what} ({how})");
    }
    panic::panic_any(Skip(format!("needs {what}: {how}")))
}

/// `../shared/REL`, beside the checkout.
pub fn shared(rel: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if !path.exists() {
        missing(
            &format!("../shared/{rel}"),
            "../shared is absent; CI has it",
        );
    }
    path
}

/// Runs `program args` quietly; the test goes on only if it succeeds.
pub fn command(program: &str, args: &[&str], how: &str) {
    let ok = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        missing(&format!("`{program}` ({program} {})", args.join(" ")), how);
    }
}

pub fn jekyll() {
    command(
        "jekyll",
        &["--version"],
        "apt-get install -y jekyll; CI has it",
    );
}

pub fn python3() {
    command("python3", &["--version"], "apt-get install -y python3");
}

/// Python 3 with the given modules importable.
pub fn python_modules(modules: &[&str]) {
    let import = format!("import {}", modules.join(", "));
    command("python3", &["-c", &import], "pip install jsonschema pyyaml");
}

/// The words to put before a command so that it runs as a user without root's power to read
/// any file: none when this is not root; `setpriv` to `nobody` when it is.
pub fn unprivileged() -> Vec<OsString> {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    if !root {
        return Vec::new();
    }
    let prefix: Vec<OsString> = [
        "setpriv",
        "--reuid=nobody",
        "--regid=nogroup",
        "--clear-groups",
    ]
    .map(OsString::from)
    .to_vec();
    let works = Command::new(&prefix[0])
        .args(&prefix[1..])
        .arg("true")
        .status()
        .is_ok_and(|s| s.success());
    if !works {
        missing(
            "a way to run as an unprivileged user (root reads mode-000 files)",
            "setpriv from util-linux, and a `nobody` user",
        );
    }
    prefix
}
