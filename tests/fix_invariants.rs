//! The safety invariants of `--fix` (issue 3), checked through the library on generated posts:
//!
//! 1. meaning kept: a changed post means what the original meant (`check_meaning`, no FM990 or
//!    FM991), and the fields that were meant to change changed as intended;
//! 2. idempotent: fixing the fixed text changes nothing;
//! 3. clean: no diagnostic with a safe fix remains;
//! 4. untouched: the body is the same bytes, the front matter keeps its line ending, the BOM
//!    stays; comments and unknown keys survive with their text.
//!
//! Posts come from `support/generator.rs` and `support/varied.rs` (seeded generators): random
//! titles (CJK, quotes, brackets, backslashes, `: `, `#`, leading indicators,
//! `yes`/`null`/`010`/`1:20`), every accepted date form, tag lists as flow/block/words,
//! comments, unknown keys, shuffled keys, trailing spaces, CRLF, BOM, with and without timestamp
//! and header, in sites with and without `timezone:`.
//!
//! Inputs that trip the bugs found here are generated only by the ignored tests at the end.

#[path = "support/dates.rs"]
mod dates;
#[path = "support/generator.rs"]
mod generator;
#[path = "support/reading.rs"]
mod reading;
#[path = "support/rng.rs"]
mod rng;
#[path = "support/scalars.rs"]
mod scalars;
#[path = "support/terms.rs"]
mod terms;
#[path = "support/varied.rs"]
mod varied;

use std::path::Path;

use chrono::{DateTime, Utc};
use dates::{DATE_FORMS, DateForm, DateSpec};
use fmlint::config::Settings;
use fmlint::diagnostic::{Applicability, Diagnostic};
use fmlint::fix::{self, Fixed};
use fmlint::lint::lint_text;
use fmlint::post::Post;
use fmlint::site::Site;
use fmlint::yaml::{NodeKind, Scalar, resolve_plain};
use fmlint::zone::Tz;
use generator::{SAFE_TITLE_PIECES, Spec};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use reading::{endings_are, front_matter, split_body};
use rng::Rng;
use scalars::{Quote, plain_ok_block, plain_ok_flow};
use terms::{ListStyle, Term, Terms};
use varied::{GenOptions, title_pool};

/// A draft: no file-name date to disagree with the generated dates (FM203, FM204).
const PATH: &str = "_drafts/post.md";

fn path() -> &'static Path {
    Path::new(PATH)
}

const ZONES: [Option<&str>; 3] = [None, Some("Asia/Singapore"), Some("America/New_York")];

fn zone(name: Option<&str>) -> Option<Tz> {
    name.map(|n| n.parse().unwrap())
}

fn site(tz: Option<Tz>) -> Site {
    Site {
        timezone: tz,
        ..Site::default()
    }
}

fn fix(text: &str, tz: Option<Tz>) -> Fixed {
    fix::fix_text(path(), text, &Settings::default(), &site(tz), false)
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code()).collect()
}

fn safe_fixable(diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
        })
        .map(|d| format!("{} {}", d.code(), d.message))
        .collect()
}

fn config() -> Config {
    Config {
        cases: 200,
        rng_seed: RngSeed::Fixed(0x0F1A_2B3C),
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..Config::default()
    }
}

/// A case: the generator's seed, the site's zone, the title pieces and the date form (these
/// two drawn by proptest, so that a failure shrinks to a short title and the first form).
fn case(known_bugs: bool) -> impl Strategy<Value = (u64, usize, Vec<usize>, usize)> {
    (
        any::<u64>(),
        0..ZONES.len(),
        prop::collection::vec(0..title_pool(known_bugs).len(), 1..5),
        0..DATE_FORMS.len(),
    )
}

fn spec_of(
    (seed, zone, title, form): (u64, usize, Vec<usize>, usize),
    known_bugs: bool,
) -> (Spec, Option<Tz>) {
    let tz = self::zone(ZONES[zone]);
    let opts = GenOptions {
        site: tz,
        known_bugs,
        title: Some(title),
        form: Some(DATE_FORMS[form]),
    };
    (Spec::random(&mut Rng::new(seed), &opts), tz)
}

// -------------------------------------------------------------------------------------------
// What the fix should have changed, predicted from the spec

/// Whether a plain scalar reads as something other than a string (or null) in YAML 1.1: the
/// FM103 fix quotes it, on purpose changing its type.
fn plain_is_misread(text: &str) -> bool {
    !matches!(resolve_plain(text), Scalar::Str(_) | Scalar::Null)
}

/// How a term reads, as fmlint's `display` prints it.
fn term_display(t: &Term, words_form: bool) -> String {
    if t.quote == Quote::Plain && !words_form && plain_ok_flow(&t.text) {
        match resolve_plain(&t.text) {
            Scalar::Null => String::new(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Str(s) | Scalar::Time(s) | Scalar::Date(s) => s.into_owned(),
        }
    } else {
        t.text.clone()
    }
}

/// Whether the words form is what the generator wrote for these terms.
fn words_form(t: &Terms) -> bool {
    t.style == ListStyle::Words && {
        let joined = t
            .items
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        t.items.iter().all(|i| {
            !i.text.is_empty() && !i.text.contains(char::is_whitespace) && plain_ok_block(&i.text)
        }) && plain_ok_block(&joined)
    }
}

/// The keys whose meaning a safe fix may change on purpose.
fn expected_changes(spec: &Spec) -> Vec<String> {
    let mut out = Vec::new();
    if spec.title_quote == Quote::Plain
        && plain_ok_block(&spec.title)
        && plain_is_misread(&spec.title)
    {
        out.push("title".to_string());
    }
    for (key, terms) in [("tags", &spec.tags), ("categories", &spec.categories)] {
        let words = words_form(terms);
        let displays: Vec<String> = terms.items.iter().map(|t| term_display(t, words)).collect();
        let mut seen = std::collections::HashSet::new();
        let dup_or_blank = displays
            .iter()
            .any(|d| d.trim().is_empty() || !seen.insert(d.clone()));
        let words_misread = words && {
            let joined = displays.join(" ");
            plain_is_misread(&joined)
        };
        if dup_or_blank || words_misread {
            out.push(key.to_string());
        }
    }
    out
}

/// The top-level value of `key` in a text, as fmlint reads it.
fn value_of(text: &str, key: &str) -> Option<fmlint::yaml::Node<'static>> {
    let post = Post::new(path(), text);
    post.get(key).map(|e| e.value.clone().into_owned())
}

/// The non-blank terms of a value, as Jekyll reads them.
fn term_words(node: &fmlint::yaml::Node) -> Vec<String> {
    match &node.kind {
        NodeKind::Seq { items, .. } => items.iter().map(|n| n.display()).collect(),
        NodeKind::Scalar { .. } => node
            .display()
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        _ => vec![],
    }
}

/// The date value text of a post.
fn date_text(text: &str) -> Option<String> {
    let post = Post::new(path(), text);
    let e = post.get("date")?;
    Some(post.slice(&e.value.span).to_string())
}

// -------------------------------------------------------------------------------------------
// The invariants, one function each so that the property tests and the regression tests share
// them

fn show(text: &str) -> String {
    format!("{text:?}\n----- as text -----\n{text}")
}

/// 1. Meaning kept.
fn meaning_kept(spec: &Spec, tz: Option<Tz>) -> Result<(), TestCaseError> {
    let input = spec.render();
    let fixed = fix(&input, tz);
    let fm99 = codes(&fixed.remaining)
        .into_iter()
        .filter(|c| matches!(*c, "FM990" | "FM991"))
        .collect::<Vec<_>>();
    prop_assert!(
        fm99.is_empty(),
        "the fix loop reported {:?}: {}\non {}",
        fm99,
        fixed.remaining[0].message,
        show(&input)
    );
    if fixed.text == input {
        return Ok(());
    }
    let changes = expected_changes(spec);
    let settings = Settings::default();
    let verdict = fix::check_meaning(path(), &input, &fixed.text, &changes, &settings, &site(tz));
    prop_assert_eq!(
        verdict,
        Ok(()),
        "allowed to change {:?}\ninput {}\noutput {}",
        changes,
        show(&input),
        show(&fixed.text)
    );
    // The fields meant to change changed as intended.
    if changes.iter().any(|c| c == "title") {
        let title = value_of(&fixed.text, "title").and_then(|n| n.as_str().map(str::to_string));
        prop_assert_eq!(
            title.as_deref(),
            Some(spec.title.as_str()),
            "{}",
            show(&fixed.text)
        );
    }
    for key in ["tags", "categories"] {
        if !changes.iter().any(|c| c == key) {
            continue;
        }
        let terms = if key == "tags" {
            &spec.tags
        } else {
            &spec.categories
        };
        let words = words_form(terms);
        let after = term_words(&value_of(&fixed.text, key).unwrap());
        let mut want: Vec<String> = Vec::new();
        for w in terms.items.iter().map(|t| term_display(t, words)) {
            if !w.trim().is_empty() && !want.contains(&w) {
                want.push(w);
            }
        }
        prop_assert_eq!(
            after,
            want,
            "`{}`\ninput {}\noutput {}",
            key,
            show(&input),
            show(&fixed.text)
        );
    }
    // The date: the same instant, by chrono alone; and exactly the canonical text when the
    // rewrite is safe.
    let (Some(old), Some(new)) = (date_text(&input), date_text(&fixed.text)) else {
        return Ok(());
    };
    if old != new {
        prop_assert!(
            spec.date.fix_is_safe(tz),
            "an unsafe date rewrite was applied: {old} -> {new}"
        );
        let parsed = DateTime::parse_from_rfc3339(new.trim_matches('"'))
            .map(|d| d.with_timezone(&Utc))
            .map_err(|e| TestCaseError::fail(format!("`{new}` is not RFC 3339: {e}")))?;
        if let Some(want) = spec.date.instant(tz) {
            prop_assert_eq!(parsed, want, "date `{}` became `{}`", old, new);
        }
        if let Some(want) = spec.date.canonical(tz) {
            prop_assert_eq!(new, want, "date `{}`", old);
        }
    }
    Ok(())
}

/// 2. Idempotent.
fn idempotent(spec: &Spec, tz: Option<Tz>) -> Result<(), TestCaseError> {
    let once = fix(&spec.render(), tz);
    let twice = fix(&once.text, tz);
    prop_assert_eq!(
        &twice.text,
        &once.text,
        "fixing the fixed post changed it\nonce {}",
        show(&once.text)
    );
    prop_assert_eq!(twice.applied, 0);
    Ok(())
}

/// 3. Clean.
fn clean(spec: &Spec, tz: Option<Tz>) -> Result<(), TestCaseError> {
    let input = spec.render();
    let fixed = fix(&input, tz);
    let left = safe_fixable(&fixed.remaining);
    prop_assert!(
        left.is_empty(),
        "safe fixes left after --fix: {:?}\ninput {}\noutput {}",
        left,
        show(&input),
        show(&fixed.text)
    );
    let relint = lint_text(path(), &fixed.text, &Settings::default(), &site(tz));
    let left = safe_fixable(&relint);
    prop_assert!(
        left.is_empty(),
        "linting the fixed post finds safe fixes: {:?}\n{}",
        left,
        show(&fixed.text)
    );
    Ok(())
}

/// 4. Untouched: the body, the line endings, the BOM, comments and unknown keys.
fn untouched(spec: &Spec, tz: Option<Tz>) -> Result<(), TestCaseError> {
    let input = spec.render();
    let fixed = fix(&input, tz);
    let out = &fixed.text;
    let (_, body_in) = split_body(&input).expect("generated posts have a front matter");
    let Some((head_out, body_out)) = split_body(out) else {
        return Err(TestCaseError::fail(format!(
            "the fixed post lost its front matter: {}",
            show(out)
        )));
    };
    prop_assert!(
        body_in.as_bytes() == body_out.as_bytes(),
        "the body changed\ninput {}\noutput {}",
        show(&input),
        show(out)
    );
    prop_assert_eq!(
        input.starts_with('\u{feff}'),
        out.starts_with('\u{feff}'),
        "BOM"
    );
    // The line ending: the front matter's own (its first line's), in everything fmlint wrote.
    if out != &input {
        let first_line = input.split_inclusive('\n').next().unwrap_or("");
        let crlf = first_line.ends_with("\r\n");
        prop_assert!(
            endings_are(head_out, crlf),
            "the fixed head does not use {} throughout\ninput {}\noutput {}",
            if crlf { "CRLF" } else { "LF" },
            show(&input),
            show(out)
        );
    }
    // Comments and unknown keys, with their text; trailing comments on their key's line.
    let fm = front_matter(out).unwrap_or("");
    let count = |lines: &[&str], want: &str, exact: bool| {
        lines
            .iter()
            .filter(|l| {
                if exact {
                    **l == want
                } else {
                    l.trim_end_matches([' ', '\t']) == want
                }
            })
            .count()
    };
    let out_lines: Vec<&str> = fm.lines().map(|l| l.trim_end_matches('\r')).collect();
    let in_fm = front_matter(&input).unwrap();
    let in_lines: Vec<&str> = in_fm.lines().map(|l| l.trim_end_matches('\r')).collect();
    for (line, exact) in spec.kept_lines() {
        if line.trim().is_empty() {
            continue;
        }
        prop_assert_eq!(
            count(&out_lines, &line, exact),
            count(&in_lines, &line, exact),
            "`{}` is not kept\ninput {}\noutput {}",
            line,
            show(&input),
            show(out)
        );
    }
    for (key, comment) in spec.trailing_comments() {
        let prefix = format!("{key}:");
        prop_assert!(
            out_lines.iter().any(|l| l.starts_with(&prefix)
                && l.trim_end_matches([' ', '\t'])
                    .ends_with(&format!(" {comment}"))),
            "`{}`'s comment `{}` is not on its line\ninput {}\noutput {}",
            key,
            comment,
            show(&input),
            show(out)
        );
    }
    Ok(())
}

// -------------------------------------------------------------------------------------------
// Property tests

proptest! {
    #![proptest_config(config())]

    #[test]
    fn prop_meaning_kept(c in case(false)) {
        let (spec, tz) = spec_of(c, false);
        meaning_kept(&spec, tz)?;
    }

    #[test]
    fn prop_idempotent(c in case(false)) {
        let (spec, tz) = spec_of(c, false);
        idempotent(&spec, tz)?;
    }

    #[test]
    fn prop_clean(c in case(false)) {
        let (spec, tz) = spec_of(c, false);
        clean(&spec, tz)?;
    }

    #[test]
    fn prop_untouched(c in case(false)) {
        let (spec, tz) = spec_of(c, false);
        untouched(&spec, tz)?;
    }
}

proptest! {
    #![proptest_config(config())]

    /// The same four invariants with the bug triggers on: HTML entities and tabs in titles, a
    /// plain scalar with a tab, stray CRLF in an LF body, mixed endings in CRLF front matter.
    #[test]
    fn prop_all_invariants_with_known_bug_triggers(c in case(true)) {
        let (spec, tz) = spec_of(c, true);
        meaning_kept(&spec, tz)?;
        idempotent(&spec, tz)?;
        clean(&spec, tz)?;
        untouched(&spec, tz)?;
    }
}

// -------------------------------------------------------------------------------------------
// Deterministic checks of the generator and of the canonical shape

fn run(f: impl Fn(&Spec, Option<Tz>) -> Result<(), TestCaseError>, spec: &Spec, tz: Option<Tz>) {
    if let Err(e) = f(spec, tz) {
        panic!("{e}");
    }
}

/// The generator is what the tests think it is: canonical posts lint clean, and the seed post
/// from the README is one of its shapes.
#[test]
fn canonical_posts_lint_clean() {
    let mut rng = Rng::new(1);
    for _ in 0..300 {
        let spec = Spec::canonical(&mut rng);
        let text = spec.render();
        let p = format!("_posts/{}", spec.file_name(0));
        let diags = lint_text(Path::new(&p), &text, &Settings::default(), &site(None));
        assert!(diags.is_empty(), "{:?}\n{}", codes(&diags), show(&text));
        let fixed = fix::fix_text(
            Path::new(&p),
            &text,
            &Settings::default(),
            &site(None),
            true,
        );
        assert_eq!(fixed.text, text);
        assert_eq!(fixed.applied, 0);
    }
}

/// Every defect the generator injects is found, and every post with defects differs from its
/// canonical version: the corpus tests rely on this.
#[test]
fn generated_defects_are_seen() {
    let mut rng = Rng::new(2);
    for _ in 0..300 {
        let base = Spec::canonical(&mut rng);
        let bad = base.with_safe_defects(&mut rng, 2);
        if bad.render() == base.render() {
            continue;
        }
        let diags = lint_text(path(), &bad.render(), &Settings::default(), &site(None));
        assert!(
            !safe_fixable(&diags).is_empty(),
            "{:?}\n{}",
            codes(&diags),
            show(&bad.render())
        );
    }
}

/// The formatter brings a post with any mix of safe defects (unquoted title, `+0800` dates,
/// block/words/tight term lists, trailing spaces and tabs, blank lines, shuffled keys, no
/// timestamp, no header, repeated terms; CRLF and BOM kept) to exactly the canonical post it
/// came from.
#[test]
fn safe_defects_are_fixed_to_exactly_the_canonical_post() {
    let mut rng = Rng::new(3);
    let mut changed = 0;
    for i in 0..400 {
        let base = Spec::canonical(&mut rng);
        let bad = base.with_safe_defects(&mut rng, 1 + i % 4);
        let input = bad.render();
        let fixed = fix(&input, None);
        assert_eq!(
            fixed.text,
            base.render(),
            "not the canonical post; remaining {:?}\ninput {}",
            codes(&fixed.remaining),
            show(&input)
        );
        assert!(fixed.remaining.is_empty(), "{:?}", codes(&fixed.remaining));
        changed += usize::from(input != base.render());
    }
    assert!(changed > 350, "only {changed} posts had defects");
}

/// Every date form, in every zone: no FM202, and the fix (where safe) writes the instant the
/// form means, in RFC 3339, with the written offset and fraction.
#[test]
fn every_date_form_is_read_and_rewritten_to_its_instant() {
    let mut rng = Rng::new(4);
    for &form in DATE_FORMS {
        for tz in ZONES.map(zone) {
            for _ in 0..40 {
                let mut spec = Spec::canonical(&mut rng);
                spec.date = DateSpec::random(&mut rng, form);
                spec.timestamp = None;
                let input = spec.render();
                let diags = lint_text(path(), &input, &Settings::default(), &site(tz));
                assert!(
                    !codes(&diags).contains(&"FM202"),
                    "{form:?} `{}` is not read",
                    spec.date.render()
                );
                let fixed = fix(&input, tz);
                let got = date_text(&fixed.text).unwrap();
                if spec.date.fix_is_safe(tz) {
                    if let Some(want) = spec.date.canonical(tz) {
                        assert_eq!(got, want, "{form:?} `{}` in {tz:?}", spec.date.render());
                    }
                } else {
                    assert_eq!(got, spec.date.render(), "an unsafe rewrite was applied");
                }
                run(meaning_kept, &spec, tz);
                run(idempotent, &spec, tz);
            }
        }
    }
}

/// Wall-clock times that a DST change skips or repeats, in a site on New York time: the fix
/// writes one RFC 3339 instant that reads back as the same, and the invariants hold.
#[test]
fn dst_gaps_and_overlaps_keep_their_instant() {
    let ny = zone(Some("America/New_York"));
    let mut rng = Rng::new(8);
    for (wall, form) in [
        ("2021-03-14 02:30:00", DateForm::QuotedZoneless),
        ("2021-11-07 01:30:00", DateForm::QuotedZoneless),
        ("2021-11-07 01:30:00", DateForm::SingleQuotedZoneless),
        ("2021-03-14 02:00:00", DateForm::UnquotedZoneless),
    ] {
        let mut spec = Spec::canonical(&mut rng);
        spec.date = DateSpec {
            form,
            wall: chrono::NaiveDateTime::parse_from_str(wall, "%Y-%m-%d %H:%M:%S").unwrap(),
            offset_secs: 0,
            fraction: None,
        };
        spec.timestamp = None;
        for f in [meaning_kept, idempotent, clean, untouched] {
            run(f, &spec, ny);
        }
        let fixed = fix(&spec.render(), ny);
        let got = date_text(&fixed.text).unwrap();
        let instant = DateTime::parse_from_rfc3339(&got)
            .unwrap_or_else(|e| panic!("`{got}`: {e}"))
            .with_timezone(&Utc);
        let as_est = chrono::NaiveDateTime::parse_from_str(wall, "%Y-%m-%d %H:%M:%S").unwrap()
            + chrono::Duration::hours(5);
        let drift = (instant.naive_utc() - as_est).num_minutes().abs();
        if form == DateForm::UnquotedZoneless {
            assert_eq!(
                instant.naive_utc() + chrono::Duration::hours(5),
                as_est,
                "`{got}`"
            );
        } else {
            assert!(drift <= 60, "`{wall}` in New York became `{got}`");
        }
    }
}

/// A title in each style for each tricky piece: quoting writes text that reads back as the
/// same string (or, for `yes`-like words, the words themselves).
#[test]
fn every_title_piece_survives_quoting() {
    let mut rng = Rng::new(5);
    for piece in SAFE_TITLE_PIECES {
        for quote in [Quote::Plain, Quote::Single, Quote::Double] {
            let mut spec = Spec::canonical(&mut rng);
            spec.title = piece.to_string();
            spec.title_quote = quote;
            spec.header = false;
            for f in [meaning_kept, idempotent, clean, untouched] {
                run(f, &spec, None);
            }
            let fixed = fix(&spec.render(), None);
            if !matches!(resolve_plain(piece), Scalar::Null) || quote != Quote::Plain {
                let title = value_of(&fixed.text, "title").unwrap();
                assert_eq!(title.as_str(), Some(*piece), "{}", show(&fixed.text));
                assert_eq!(
                    title.style(),
                    Some(fmlint::yaml::Style::DoubleQuoted),
                    "{}",
                    show(&fixed.text)
                );
            }
        }
    }
}

/// Comments above keys and unknown keys travel with their key when the keys are reordered.
#[test]
fn comments_travel_with_their_key() {
    let text = "---\n# about the title\ntitle: \"t\"\nlayout: post\n# when\ndate: 2021-07-20T10:40:01Z # UTC\nsummary: |\n  keep  \n\n  this\nauthor: a\nfrom: https://a.example/1\ntags: [ x ]\ncategories: [ x ]\n# the end\n---\n<!--1626777601000-->\n[t](https://a.example/1)\n------\n\nbody\n";
    let fixed = fix(text, None);
    assert_eq!(
        fixed.text,
        "---\nlayout: post\n# about the title\ntitle: \"t\"\n# when\ndate: 2021-07-20T10:40:01Z # UTC\nauthor: a\nfrom: https://a.example/1\ntags: [ x ]\ncategories: [ x ]\nsummary: |\n  keep  \n\n  this\n# the end\n---\n<!--1626777601000-->\n[t](https://a.example/1)\n------\n\nbody\n"
    );
}

/// A CRLF front matter with one LF line (any line, the closing fence included): the fix
/// writes CRLF everywhere, including the header it inserts.
#[test]
fn mixed_line_endings_in_crlf_front_matter_are_unified() {
    let mut rng = Rng::new(6);
    for i in 0..200 {
        let mut spec = Spec::canonical(&mut rng);
        spec.crlf = true;
        spec.mixed_line = Some(i);
        spec.header = i % 3 != 0;
        for f in [meaning_kept, idempotent, clean, untouched] {
            run(f, &spec, None);
        }
    }
}

// -------------------------------------------------------------------------------------------
// Bugs found by these tests: each a minimal reproduction, ignored until fmlint is fixed

/// FM604 replaces a tab inside a plain scalar with a space, which changes the value; the
/// safety net then refuses the whole file (FM991, "a bug in fmlint") and the safe FM604 fix
/// stays forever, so `--fix` never gets the file clean and fixes nothing else in it either.
#[test]
fn a_tab_inside_a_plain_scalar_is_not_a_whitespace_fix() {
    let text = "---\nlayout: post\ntitle: \"a\"\ndate: 2021-07-20T10:40:01Z\nauthor: x\nfrom: https://a.example/1\ntags: [ t ]\ncategories: [ t ]\nextra: a\tb\n---\n<!--1626777601000-->\n[a](https://a.example/1)\n------\n\nbody\n";
    let fixed = fix(text, None);
    assert!(
        !codes(&fixed.remaining).contains(&"FM991"),
        "{:?}",
        codes(&fixed.remaining)
    );
    assert!(
        safe_fixable(&fixed.remaining).is_empty(),
        "{:?}",
        safe_fixable(&fixed.remaining)
    );
}

/// One tab inside a plain `author` blocks every other fix of the file (here the date's).
#[test]
fn a_tab_in_a_plain_author_does_not_block_the_other_fixes() {
    let text = "---\nlayout: post\ntitle: \"a\"\ndate: 2021-07-20 10:40:01 +0000\nauthor: 联合\t早报\nfrom: https://a.example/1\ntags: [ t ]\ncategories: [ t ]\n---\n<!--1626777601000-->\n[a](https://a.example/1)\n------\n\nbody\n";
    let fixed = fix(text, None);
    assert!(
        !codes(&fixed.remaining).contains(&"FM991"),
        "{:?}",
        codes(&fixed.remaining)
    );
    assert!(
        fixed.text.contains("date: 2021-07-20T10:40:01Z"),
        "{}",
        fixed.text
    );
}

/// A title with an HTML entity (`&amp;`, common in crawled titles): FM304 compares the header
/// text with entities decoded, but its fix writes the title raw, so the "fix" rewrites the
/// header to what it already is. The diagnostic stays, marked safe-fixable, after every --fix.
#[test]
fn a_title_with_an_html_entity_gets_clean() {
    let text = "---\nlayout: post\ntitle: \"a &amp; b\"\ndate: 2021-07-20T10:40:01Z\nauthor: x\nfrom: https://a.example/1\ntags: [ t ]\ncategories: [ t ]\n---\n<!--1626777601000-->\n[a &amp; b](https://a.example/1)\n------\n\nbody\n";
    let fixed = fix(text, None);
    assert!(
        safe_fixable(&fixed.remaining).is_empty(),
        "{:?}",
        safe_fixable(&fixed.remaining)
    );
}

/// FM302 picks the header's line ending from the whole file (`contains("\r\n")`): an LF post
/// whose body has one stray CRLF (pasted HTML) gets a CRLF header, unlike its front matter.
#[test]
fn the_inserted_header_uses_the_front_matter_line_ending() {
    let text = "---\nlayout: post\ntitle: \"a\"\ndate: 2021-07-20T10:40:01Z\nauthor: x\nfrom: https://a.example/1\ntags: [ t ]\ncategories: [ t ]\n---\n<!--1626777601000-->\n\nbody\r\nmore\n";
    let fixed = fix(text, None);
    assert_eq!(
        fixed.text,
        "---\nlayout: post\ntitle: \"a\"\ndate: 2021-07-20T10:40:01Z\nauthor: x\nfrom: https://a.example/1\ntags: [ t ]\ncategories: [ t ]\n---\n<!--1626777601000-->\n[a](https://a.example/1)\n------\n\nbody\r\nmore\n"
    );
}

/// The same root cause from the front matter: an LF post with one CRLF line in its front matter
/// gets the CRLF line fixed to LF by FM604, and in the same pass a CRLF header from FM302.
#[test]
fn the_inserted_header_uses_the_front_matter_line_ending_when_it_is_mixed() {
    let mut rng = Rng::new(7);
    for i in 0..50 {
        let mut spec = Spec::canonical(&mut rng);
        spec.crlf = false;
        spec.mixed_line = Some(i);
        spec.header = false;
        run(untouched, &spec, None);
    }
}

/// The span of a flow list runs to the end of its line, over a trailing comment, so the fixes
/// that rewrite the list (FM502, FM503, and FM501 under --unsafe-fixes) delete the comment, and
/// FM603 offers no fix for such a list (it thinks the comment is inside).
#[test]
fn a_comment_after_a_term_list_survives_removing_a_repeat() {
    let text = "---\nlayout: post\ntitle: \"a\"\ndate: 2021-07-20T10:40:01Z\nauthor: x\nfrom: https://a.example/1\ntags: [ t ]\ncategories: [ t, t ] # note\n---\n<!--1626777601000-->\n[a](https://a.example/1)\n------\n\nbody\n";
    let fixed = fix(text, None);
    assert!(
        fixed.text.contains("categories: [ t ] # note\n"),
        "{}",
        fixed.text
    );
}

#[test]
fn a_tight_flow_list_followed_by_a_comment_is_respaced() {
    let text = "---\nlayout: post\ntitle: \"a\"\ndate: 2021-07-20T10:40:01Z\nauthor: x\nfrom: https://a.example/1\ntags: [ t ]\ncategories: [t] # note\n---\n<!--1626777601000-->\n[a](https://a.example/1)\n------\n\nbody\n";
    let fixed = fix(text, None);
    assert!(
        fixed.text.contains("categories: [ t ] # note\n"),
        "{}",
        fixed.text
    );
}

/// FM401 takes the line ending of the closing fence line: a CRLF post whose closing `---` ends
/// in LF gets FM604's fix for that line and, in the same pass, an LF timestamp line that nothing
/// fixes afterwards (it is outside the front matter).
#[test]
fn the_inserted_timestamp_uses_the_front_matter_line_ending() {
    let text = "---\r\nlayout: post\r\ntitle: \"a\"\r\ndate: 2021-07-20T10:40:01Z\r\nauthor: x\r\nfrom: https://a.example/1\r\ntags: [ t ]\r\ncategories: [ t ]\r\n---\n[a](https://a.example/1)\r\n------\r\n\r\nbody\r\n";
    let fixed = fix(text, None);
    assert_eq!(
        fixed.text,
        "---\r\nlayout: post\r\ntitle: \"a\"\r\ndate: 2021-07-20T10:40:01Z\r\nauthor: x\r\nfrom: https://a.example/1\r\ntags: [ t ]\r\ncategories: [ t ]\r\n---\r\n<!--1626777601000-->\r\n[a](https://a.example/1)\r\n------\r\n\r\nbody\r\n"
    );
}
