//! Fixing: apply the fixes of a lint pass as edits of the original text, re-lint, repeat until
//! nothing changes; check that the result means what the original meant; write atomically.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use crate::config::Settings;
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::lint;
use crate::post::{Post, Preamble};
use crate::rules::{self, Context};
use crate::site::Site;
use crate::yaml::{Node, NodeKind};

pub const MAX_PASSES: usize = 10;

pub use crate::diagnostic::WHOLE_FRONT_MATTER;

/// What fixing one post's text produced.
#[derive(Debug)]
pub struct Fixed {
    /// The new text (the original when nothing applied or a check failed).
    pub text: String,
    /// Diagnostics whose fix was applied.
    pub applied: usize,
    /// Diagnostics of the final text, plus any FM99x about the fix itself.
    pub remaining: Vec<Diagnostic>,
}

/// Applies non-overlapping fixes in one go. Returns the new text and the indices of the
/// diagnostics whose fix went in; the rest wait for the next pass. A fix is checked against
/// its neighbours among the edits chosen so far (they are kept in order), and the text is
/// written once, front to back: a hostile list of 200,000 repeats, each removed by its own
/// edit, compared every edit with every other and moved the text once an edit.
pub fn apply_once(text: &str, diags: &[Diagnostic], unsafe_fixes: bool) -> (String, Vec<usize>) {
    // The chosen edits' ranges by start: no two chosen edits conflict, so two never share one.
    let mut chosen: BTreeMap<usize, usize> = BTreeMap::new();
    let mut edits: Vec<&Edit> = Vec::new();
    let mut applied = Vec::new();
    for (i, d) in diags.iter().enumerate() {
        let Some(fix) = &d.fix else { continue };
        if fix.applicability == Applicability::Unsafe && !unsafe_fixes {
            continue;
        }
        if fix
            .edits
            .iter()
            .any(|e| conflicts_with_chosen(&chosen, &e.range))
        {
            continue;
        }
        for e in &fix.edits {
            chosen.insert(e.range.start, e.range.end);
        }
        edits.extend(fix.edits.iter());
        applied.push(i);
    }
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.range.start.max(at)]);
        out.push_str(&e.replacement);
        at = at.max(e.range.end);
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Whether `r` conflicts with an edit in `chosen`, whose edits do not conflict with each
/// other: only the last one starting at or before `r` and the first one after it can.
fn conflicts_with_chosen(chosen: &BTreeMap<usize, usize>, r: &Range<usize>) -> bool {
    let before = chosen.range(..=r.start).next_back();
    let after = chosen.range(r.start + 1..).next();
    [before, after]
        .into_iter()
        .flatten()
        .any(|(&start, &end)| conflicts(r, &(start..end)))
}

/// Two edits conflict when their ranges overlap, or both insert at one point (their order
/// would be a guess).
fn conflicts(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start == b.start || (a.start < b.end && b.start < a.end)
}

/// Lints and fixes a post until it settles. Pure: the caller reads and writes.
pub fn fix_text(
    path: &Path,
    original: &str,
    settings: &Settings,
    site: &Site,
    unsafe_fixes: bool,
) -> Fixed {
    fix_with(
        original,
        unsafe_fixes,
        |text| lint::lint_text(path, text, settings, site),
        |old, new, changes| check_meaning(path, old, new, changes, settings, site),
    )
}

/// The fix loop over any linter and safety check, so that tests can drive its failure paths.
pub fn fix_with(
    original: &str,
    unsafe_fixes: bool,
    lint: impl Fn(&str) -> Vec<Diagnostic>,
    check: impl Fn(&str, &str, &[String]) -> Result<(), String>,
) -> Fixed {
    // Borrowed until a fix applies: most posts need none, and were copied and compared whole.
    let mut current = Cow::Borrowed(original);
    let mut applied = 0;
    let mut changes: Vec<String> = Vec::new();
    for _ in 0..MAX_PASSES {
        let diags = lint(&current);
        let applicable = diags.iter().any(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| unsafe_fixes || f.applicability != Applicability::Unsafe)
        });
        if !applicable && matches!(current, Cow::Borrowed(_)) {
            return Fixed {
                text: original.to_string(),
                applied: 0,
                remaining: diags,
            };
        }
        let (next, done) = apply_once(&current, &diags, unsafe_fixes);
        if done.is_empty() || next == *current {
            let current = current.into_owned();
            if current == original {
                return Fixed {
                    text: current,
                    applied: 0,
                    remaining: diags,
                };
            }
            return match check(original, &current, &changes) {
                Ok(()) => Fixed {
                    text: current,
                    applied,
                    remaining: diags,
                },
                Err(why) => left_as_it_was(
                    original,
                    &lint,
                    Diagnostic::new(
                        rules::RuleId::FixChangedMeaning,
                        0..0,
                        format!(
                            "the fixed post would not mean what the original means ({why}); nothing was written"
                        ),
                    ),
                ),
            };
        }
        for &i in &done {
            if let Some(f) = &diags[i].fix {
                changes.extend(f.changes.iter().cloned());
            }
        }
        applied += done.len();
        current = Cow::Owned(next);
    }
    // Still changing after the last pass: the fixes fight each other.
    left_as_it_was(
        original,
        &lint,
        Diagnostic::new(
            rules::RuleId::FixDidNotConverge,
            0..0,
            format!(
                "the fixes did not settle after {MAX_PASSES} passes; the file was left as it was"
            ),
        ),
    )
}

fn left_as_it_was(
    original: &str,
    lint: &impl Fn(&str) -> Vec<Diagnostic>,
    why: Diagnostic,
) -> Fixed {
    let mut remaining = lint(original);
    remaining.insert(
        0,
        why.help("please report this with the file: it is a bug in fmlint"),
    );
    Fixed {
        text: original.to_string(),
        applied: 0,
        remaining,
    }
}

/// Each top-level key's value as Jekyll would see it, in a form that compares: the date as an
/// instant, scalars with their resolved type, lists and maps recursively. Keys in last-wins
/// order, as Jekyll keeps the last duplicate.
pub fn meaning(
    post: &Post<'_>,
    settings: &Settings,
    site: &Site,
    form: Form,
) -> Option<BTreeMap<String, String>> {
    let entries = post.entries()?;
    let ctx = Context::new(post, settings, site);
    let mut out = BTreeMap::new();
    for e in entries {
        let v = match (&*e.key, e.value.as_str()) {
            ("date", _) => match ctx.valid_date() {
                Some(d) => format!("instant {}", d.instant.to_rfc3339()),
                None => repr(&e.value, form),
            },
            // Jekyll splits a string of terms on ASCII whitespace: `a b` means `[a, b]`.
            ("tags" | "categories", Some(s)) => {
                let words: Vec<String> = crate::jekyll::ruby_words(s)
                    .map(|w| scalar_repr(&crate::yaml::Scalar::Str(w.into()), form))
                    .collect();
                format!("[{}]", words.join(", "))
            }
            _ => repr(&e.value, form),
        };
        out.insert(e.key.to_string(), v);
    }
    Some(out)
}

/// How [`meaning`] writes a value: to compare, or to show in a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Strings as their length and bytes: as exact as `Debug` (two values are equal in one
    /// form when they are in the other), without `Debug`'s escaping, which asks Unicode's
    /// tables of every character and cost some 10,000 instructions a value of a CJK post.
    Compared,
    /// `Debug`, as a person reads it.
    Shown,
}

fn scalar_repr(value: &crate::yaml::Scalar, form: Form) -> String {
    match (value, form) {
        (crate::yaml::Scalar::Str(s), Form::Compared) => format!("Str{}:{s}", s.len()),
        _ => format!("{value:?}"),
    }
}

fn repr(node: &Node, form: Form) -> String {
    match &node.kind {
        NodeKind::Scalar { value, .. } => scalar_repr(value, form),
        NodeKind::Seq { items, .. } => format!(
            "[{}]",
            items
                .iter()
                .map(|n| repr(n, form))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        NodeKind::Map { entries, .. } => {
            let mut kv: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", repr(k, form), repr(v, form)))
                .collect();
            kv.sort();
            format!("{{{}}}", kv.join(", "))
        }
    }
}

/// Where the body starts: after the header link's underline (else where the header should
/// be) and the blank lines that separate it.
fn body_start(text: &str, pre: &Preamble) -> usize {
    let mut at = match &pre.header {
        Some(h) => crate::post::line_at(text, h.underline.start).map_or(text.len(), |l| l.next),
        None => pre.header_at,
    };
    while let Some(l) = crate::post::line_at(text, at) {
        if !text[l.content.clone()].trim().is_empty() {
            break;
        }
        at = l.next;
    }
    at
}

/// The safety net under every write: the new front matter must parse, hold the same keys with
/// the same meaning except the keys the applied fixes set out to change, and the body must be
/// the same bytes.
pub fn check_meaning(
    path: &Path,
    original: &str,
    fixed: &str,
    changes: &[String],
    settings: &Settings,
    site: &Site,
) -> Result<(), String> {
    let old = Post::with_loader(path, original, settings.yaml_loader);
    let new = Post::with_loader(path, fixed, settings.yaml_loader);
    let meanings = |form| {
        let new_m = meaning(&new, settings, site, form);
        let old_m = match meaning(&old, settings, site, form) {
            // Psych refused a symbol; safe_yaml reads it as the text it shows, which is what the
            // quoting fix means it to be: the rest must still mean what it meant.
            None if changes.iter().any(|c| c == WHOLE_FRONT_MATTER) => {
                let as_text = Post::with_loader(path, original, crate::yaml::Loader::SafeYaml);
                meaning(&as_text, settings, site, form)
            }
            m => m,
        };
        (old_m, new_m)
    };
    let (Some(old_m), Some(new_m)) = meanings(Form::Compared) else {
        return Err("the new front matter does not parse".into());
    };
    let differs = |old_m: &BTreeMap<String, String>, new_m: &BTreeMap<String, String>| {
        old_m
            .keys()
            .chain(new_m.keys())
            .find(|key| !changes.contains(key) && old_m.get(*key) != new_m.get(*key))
            .cloned()
    };
    if differs(&old_m, &new_m).is_some() {
        // Rare (a bug in a fix): the values again, as a person reads them.
        let (Some(old_m), Some(new_m)) = meanings(Form::Shown) else {
            return Err("the new front matter does not parse".into());
        };
        let key = differs(&old_m, &new_m).unwrap_or_default();
        return Err(format!(
            "{} changed from {} to {}",
            crate::diagnostic::quote(&key),
            crate::diagnostic::cut(&format!("{:?}", old_m.get(&key)), 200),
            crate::diagnostic::cut(&format!("{:?}", new_m.get(&key)), 200)
        ));
    }
    let (Some(old_pre), Some(new_pre)) = (&old.preamble, &new.preamble) else {
        return Err("the front matter block is gone".into());
    };
    if original[body_start(original, old_pre)..] != fixed[body_start(fixed, new_pre)..] {
        return Err("the body changed".into());
    }
    if crate::post::bom_len(original) != crate::post::bom_len(fixed) {
        return Err("the byte-order mark changed".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;
    use crate::registry::RuleId;

    proptest::proptest! {
        /// Two front matters mean the same in the compared form exactly when they do in the
        /// shown one (`Debug`), whatever the strings hold: quotes, separators, the compared
        /// form's own length prefix.
        #[test]
        fn the_compared_form_agrees_with_the_shown_one(
            a in proptest::collection::vec((0..3usize, 0..10usize), 1..4),
            b in proptest::collection::vec((0..3usize, 0..10usize), 1..4),
        ) {
            const KEYS: [&str; 3] = ["title", "tags", "extra"];
            const VALUES: [&str; 10] = [
                "a", "\"a, b\"", "[a, b]", "[\"a, b\"]", "\"Str1:a\"", "{k: v, j: w}",
                "{j: w, k: v}", "联合 早报", "[联合, 早报]", "'x: \"y\"'",
            ];
            let doc = |kv: &[(usize, usize)]| {
                let body: String = kv
                    .iter()
                    .map(|&(k, v)| format!("{}: {}\n", KEYS[k], VALUES[v]))
                    .collect();
                format!("---\n{body}---\n")
            };
            let (da, db) = (doc(&a), doc(&b));
            let p = Path::new("_posts/2021-07-20-x.md");
            let (s, site) = (Settings::default(), Site::default());
            let pa = Post::with_loader(p, &da, s.yaml_loader);
            let pb = Post::with_loader(p, &db, s.yaml_loader);
            let same = |form| meaning(&pa, &s, &site, form) == meaning(&pb, &s, &site, form);
            proptest::prop_assert_eq!(same(Form::Compared), same(Form::Shown), "{}\n{}", da, db);
        }
    }

    fn edit_fix(range: Range<usize>, to: &str) -> Fix {
        Fix {
            applicability: Applicability::Safe,
            message: "test".into(),
            edits: vec![Edit {
                range,
                replacement: to.into(),
            }],
            changes: vec![],
        }
    }

    fn diag(range: Range<usize>, to: &str) -> Diagnostic {
        Diagnostic::new(RuleId::Whitespace, range.clone(), "test").fix(edit_fix(range, to))
    }

    /// The fixes applied one pass as they were before the edits were kept in order: each
    /// compared with every edit chosen, the text rewritten from the end backwards.
    fn apply_once_by_hand(text: &str, diags: &[Diagnostic]) -> (String, Vec<usize>) {
        let mut chosen: Vec<&Edit> = Vec::new();
        let mut applied = Vec::new();
        for (i, d) in diags.iter().enumerate() {
            let Some(fix) = &d.fix else { continue };
            let fights = |e: &Edit| chosen.iter().any(|c| conflicts(&e.range, &c.range));
            if fix.edits.iter().any(fights) {
                continue;
            }
            chosen.extend(fix.edits.iter());
            applied.push(i);
        }
        chosen.sort_by_key(|e| (e.range.start, e.range.end));
        let mut out = text.to_string();
        for e in chosen.iter().rev() {
            out.replace_range(e.range.clone(), &e.replacement);
        }
        (out, applied)
    }

    proptest::proptest! {
        #[test]
        fn one_pass_applies_what_comparing_every_edit_applied(
            fixes in proptest::collection::vec(
                proptest::collection::vec((0..26usize, 0..4usize, "[A-Z]{0,2}"), 1..3),
                0..30,
            ),
        ) {
            let text = "abcdefghijklmnopqrstuvwxyz";
            // A fix's own edits are apart, as every rule's are: in order, each after the last.
            let diags: Vec<Diagnostic> = fixes
                .iter()
                .map(|edits| {
                    let mut at = 0;
                    let edits: Vec<Edit> = edits
                        .iter()
                        .map(|(start, len, to)| {
                            let start = (*start).max(at).min(text.len());
                            at = (start + len).min(text.len());
                            Edit { range: start..at, replacement: to.clone() }
                        })
                        .collect();
                    let mut d = diag(0..0, "");
                    d.fix.as_mut().unwrap().edits = edits;
                    d
                })
                .collect();
            proptest::prop_assert_eq!(
                apply_once(text, &diags, false),
                apply_once_by_hand(text, &diags)
            );
        }
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let diags = [
            diag(0..2, "X"),
            diag(1..3, "Y"),
            diag(3..3, "+"),
            diag(3..3, "-"),
            diag(4..5, "Z"),
        ];
        let (out, done) = apply_once("abcde", &diags, false);
        assert_eq!(done, [0, 2, 4]);
        assert_eq!(out, "Xc+dZ");
    }

    #[test]
    fn fixes_that_fight_are_reported_and_the_file_kept() {
        // Each pass flips the first byte: it never settles.
        let lint = |t: &str| vec![diag(0..1, if t.starts_with('a') { "b" } else { "a" })];
        let fixed = fix_with("a rest", false, lint, |_, _, _| Ok(()));
        assert_eq!(fixed.text, "a rest");
        assert_eq!(fixed.remaining[0].code(), "FM990");
    }

    #[test]
    fn a_fix_that_changes_meaning_is_not_kept() {
        let lint = |t: &str| {
            if t.starts_with('a') {
                vec![diag(0..1, "b")]
            } else {
                vec![]
            }
        };
        let fixed = fix_with("a rest", false, lint, |_, _, _| {
            Err("`title` changed".into())
        });
        assert_eq!(fixed.text, "a rest");
        assert_eq!(fixed.remaining[0].code(), "FM991");
        assert!(fixed.remaining[0].message.contains("`title` changed"));
    }

    #[test]
    fn meaning_check_catches_a_changed_value_and_body() {
        let p = Path::new("_posts/2021-07-20-x.md");
        let (s, site) = (Settings::default(), Site::default());
        let old = "---\ntitle: \"a\"\ndate: 2021-07-20 18:40:01 +0800\n---\nbody\n";
        let same = "---\ntitle: a\ndate: 2021-07-20T18:40:01+08:00\n---\nbody\n";
        assert_eq!(check_meaning(p, old, same, &[], &s, &site), Ok(()));
        let other_date = "---\ntitle: a\ndate: 2021-07-20T18:40:01Z\n---\nbody\n";
        assert!(check_meaning(p, old, other_date, &[], &s, &site).is_err());
        let typed = "---\ntitle: yes\ndate: 2021-07-20T18:40:01+08:00\n---\nbody\n";
        assert!(check_meaning(p, old, typed, &[], &s, &site).is_err());
        assert_eq!(
            check_meaning(p, old, typed, &["title".into()], &s, &site),
            Ok(())
        );
        let body = "---\ntitle: a\ndate: 2021-07-20T18:40:01+08:00\n---\nbody!\n";
        assert!(check_meaning(p, old, body, &[], &s, &site).is_err());
    }

    #[test]
    fn canonical_shape_from_a_messy_post() {
        let messy = "---\ntitle: 联合早报 新闻\nlayout: post   \n# where it came from\nfrom: https://www.zaobao.com/a\ndate: 2021-07-20 18:40:01 +0800\nauthor: 联合早报\ntags:\n  - 联合早报\n  - 联合早报\ncategories: 联合早报\nextra: kept # note\n---\n\nbody\n";
        let p = Path::new("_posts/2021-07-20-x.md");
        let fixed = fix_text(p, messy, &Settings::default(), &Site::default(), false);
        let want = "---\nlayout: post\ntitle: \"联合早报 新闻\"\ndate: 2021-07-20T18:40:01+08:00\nauthor: 联合早报\n# where it came from\nfrom: https://www.zaobao.com/a\ntags: [ 联合早报 ]\ncategories: [ 联合早报 ]\nextra: kept # note\n---\n<!--1626777601000-->\n[联合早报 新闻](https://www.zaobao.com/a)\n------\n\nbody\n";
        assert_eq!(fixed.text, want);
        assert!(fixed.remaining.is_empty(), "{:?}", fixed.remaining);
        let again = fix_text(
            p,
            &fixed.text,
            &Settings::default(),
            &Site::default(),
            false,
        );
        assert_eq!(again.text, fixed.text);
    }
}
