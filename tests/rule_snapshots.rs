//! What a user sees for each rule, pinned. For every page in `rules/`, the failing example is
//! linted under the page's settings and rendered as `fmlint` prints it (the human report, colour
//! off, 100 columns), then, per diagnostic, its fix's applicability and message and the example
//! as that fix alone leaves it. One insta snapshot per rule,
//! `tests/snapshots/rule_snapshots__FM201-date-format.snap`, one trial per rule so that a failure
//! names it.
//!
//! Where the rule is fixable, fixing the failing example as `--fix` does (with `--unsafe-fixes`
//! when its fix is unsafe) must leave no diagnostic of the rule, and must give exactly the page's
//! passing example, except on the pages listed in [`PASSING_IS_NOT_THE_FIX`].
//!
//! To update snapshots after changing a rule's message, span, help or fix (or its page's
//! example), run `INSTA_UPDATE=always cargo test --test rule_snapshots` (or `cargo insta test
//! --test rule_snapshots --review` to accept them one by one), then read `git diff tests/snapshots`
//! before committing: each change there is a change users will see. A new rule's snapshot is
//! written the same way on its first run; a removed rule's snapshot must be deleted by hand (the
//! `snapshots_have_rules` trial names it).

#[path = "support/rule_pages.rs"]
mod rule_pages;

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use fmlint::config::Settings;
use fmlint::diagnostic::{Applicability, Diagnostic};
use fmlint::fix::{apply_once, fix_text};
use fmlint::lint::lint_bytes;
use fmlint::report::diff::unified;
use fmlint::report::human::Human;
use fmlint::report::{FileReport, Reporter};
use fmlint::rules::{Fixability, Rule};
use fmlint::site::Site;
use fmlint::visible::visible;
use libtest_mimic::{Arguments, Failed, Trial};
use rule_pages::{Example, NO_EXAMPLES, examples, page_settings, pages};

/// Rules about a fix run or the disk, not a post's text: their pages hold no example, so they
/// have no snapshot.
const WITHOUT_EXAMPLES: [&str; 4] = ["FM990", "FM991", "FM992", "FM993"];

/// Rules whose failing example carries a fix, but whose page's passing example is not what the
/// fix gives (the page shows another post, or the same post written otherwise): checked to still
/// differ, so that the list stays true.
const PASSING_IS_NOT_THE_FIX: &[&str] = &[
    "FM103", "FM302", "FM303", "FM304", "FM401", "FM501", "FM502", "FM503", "FM601", "FM602",
    "FM603", "FM604",
];

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let mut trials = vec![
        Trial::test("pages_without_examples", pages_without_examples),
        Trial::test("snapshots_have_rules", snapshots_have_rules),
    ];
    for (stem, page) in pages() {
        if !WITHOUT_EXAMPLES.contains(&code_of(&stem)) {
            trials.push(Trial::test(stem.clone(), move || check(&stem, &page)));
        }
    }
    libtest_mimic::run(&args, trials).exit_code()
}

/// `FM201` of `FM201-date-format`.
fn code_of(stem: &str) -> &str {
    stem.split('-').next().unwrap_or_default()
}

fn pages_without_examples() -> Result<(), Failed> {
    let mut wrong = Vec::new();
    for (stem, page) in pages() {
        let listed = WITHOUT_EXAMPLES.contains(&code_of(&stem));
        let none = page.contains(NO_EXAMPLES) && examples(&page).is_empty();
        let some = !page.contains(NO_EXAMPLES) && !examples(&page).is_empty();
        if listed && !none {
            wrong.push(format!(
                "{stem} is in WITHOUT_EXAMPLES but its page has examples"
            ));
        } else if !listed && !some {
            wrong.push(format!(
                "{stem}: its page has no example; if its rule reports on something other than a \
                 post's text, say `None: this rule reports on …` under Examples and add it to \
                 WITHOUT_EXAMPLES"
            ));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join("\n").into())
    }
}

/// Every `rule_snapshots__*.snap` is a page's that has examples: a renamed or removed rule
/// leaves none behind.
fn snapshots_have_rules() -> Result<(), Failed> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let expected: Vec<String> = pages()
        .into_iter()
        .filter(|(stem, _)| !WITHOUT_EXAMPLES.contains(&code_of(stem)))
        .map(|(stem, _)| format!("rule_snapshots__{stem}.snap"))
        .collect();
    let stale: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("rule_snapshots__") && n.ends_with(".snap"))
        .filter(|n| !expected.contains(n))
        .collect();
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "snapshots of no rule page with examples, to delete: {}",
            stale.join(", ")
        )
        .into())
    }
}

fn check(stem: &str, page: &str) -> Result<(), Failed> {
    let code = code_of(stem);
    let rule = fmlint::rules::find(code).ok_or_else(|| format!("{stem}: no rule {code}"))?;
    let settings = page_settings(code, page);
    let ex = examples(page);
    let (fail, pass): (Vec<&Example>, Vec<&Example>) = ex.iter().partition(|e| !e.pass);
    let ([fail], [pass]) = (&fail[..], &pass[..]) else {
        return Err(format!(
            "{stem}: the snapshot is of one failing example, compared with one passing example; \
             the page has {} and {}",
            fail.len(),
            pass.len()
        )
        .into());
    };
    let site = Site::default();
    let (text, diags) = lint_bytes(Path::new(&fail.path), fail.bytes.clone(), &settings, &site);
    let diags: Vec<Diagnostic> = diags.into_iter().filter(|d| d.rule == rule).collect();
    if diags.is_empty() {
        return Err(format!("{stem}: the failing example raises no {code}").into());
    }
    let shown = render(&fail.path, &text, &diags);
    let mut insta_settings = insta::Settings::clone_current();
    insta_settings.set_description(format!("rules/{stem}.md, failing example ({})", fail.path));
    insta_settings.set_omit_expression(true);
    insta_settings.bind(|| insta::assert_snapshot!(stem, shown));

    // A page's `Fix:` line may promise a fix only for some inputs ("…; none otherwise"): the
    // example then shows whichever case it chose, and only a fix it carries is checked.
    let carries_fix = diags.iter().any(|d| d.fix.is_some());
    let fix_line = page.lines().find(|l| l.starts_with("Fix: ")).unwrap_or("");
    if rule.fix == Fixability::None && carries_fix {
        return Err(format!("{stem}: the page says `{fix_line}` but the example has a fix").into());
    }
    if rule.fix != Fixability::None && !fix_line.contains("none otherwise") && !carries_fix {
        return Err(
            format!("{stem}: the page says `{fix_line}` but the example has no fix").into(),
        );
    }
    if carries_fix {
        fixes_to_the_passing_example(stem, rule, &settings, fail, pass, &text, &diags)?;
    }
    Ok(())
}

/// The human report of the rule's diagnostics, then each one's fix and the text it leaves.
fn render(path: &str, text: &str, diags: &[Diagnostic]) -> String {
    let report = FileReport::new(path.to_string(), text.to_string(), diags.to_vec());
    let mut out = Human::new(false, true).show_all(true).render_file(&report);
    let n = diags.len();
    for (i, d) in diags.iter().enumerate() {
        let which = format!("\n── diagnostic {} of {n}", i + 1);
        let Some(fix) = &d.fix else {
            let _ = writeln!(out, "{which}: no fix");
            continue;
        };
        let applicability = match fix.applicability {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        };
        let (edited, _) = apply_once(text, std::slice::from_ref(d), true);
        let _ = writeln!(
            out,
            "{which}: {applicability} fix: {}\n── the example after this fix:\n{}",
            visible(&fix.message),
            visible(&edited)
        );
    }
    out
}

fn fixes_to_the_passing_example(
    stem: &str,
    rule: &Rule,
    settings: &Settings,
    fail: &Example,
    pass: &Example,
    text: &str,
    diags: &[Diagnostic],
) -> Result<(), Failed> {
    let unsafe_fixes = rule.fix == Fixability::Unsafe
        || diags.iter().any(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Unsafe)
        });
    let path = Path::new(&fail.path);
    let fixed = fix_text(path, text, settings, &Site::default(), unsafe_fixes);
    let left: Vec<String> = fixed
        .remaining
        .iter()
        .filter(|d| d.rule == rule || d.code().starts_with("FM99"))
        .map(|d| format!("{} {}", d.code(), d.message))
        .collect();
    if !left.is_empty() {
        return Err(format!(
            "{stem}: fixing the failing example (unsafe fixes {}) leaves {left:?}:\n{}",
            if unsafe_fixes { "on" } else { "off" },
            fixed.text
        )
        .into());
    }
    let same = pass.path == fail.path && pass.bytes == fixed.text.as_bytes();
    match (same, PASSING_IS_NOT_THE_FIX.contains(&code_of(stem))) {
        (true, false) | (false, true) => Ok(()),
        (false, false) => Err(format!(
            "{stem}: the passing example ({}) is not the fixed failing example ({}):\n{}",
            pass.path,
            fail.path,
            unified(
                &fail.path,
                &String::from_utf8_lossy(&pass.bytes),
                &fixed.text,
                false
            )
        )
        .into()),
        (true, true) => Err(format!(
            "{stem}: the passing example is now the fixed failing example: drop it from \
             PASSING_IS_NOT_THE_FIX"
        )
        .into()),
    }
}
