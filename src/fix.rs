//! Fixing: apply the fixes of a lint pass as edits of the original text, re-lint, repeat until
//! nothing changes; check that the result means what the original meant; write atomically.

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

/// Applies non-overlapping fixes in one go, from the end of the text backwards. Returns the
/// new text and how many diagnostics' fixes went in; the rest wait for the next pass.
pub fn apply_once(text: &str, diags: &[Diagnostic], unsafe_fixes: bool) -> (String, usize) {
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for d in diags {
        let Some(fix) = &d.fix else { continue };
        if fix.applicability == Applicability::Unsafe && !unsafe_fixes {
            continue;
        }
        if fix
            .edits
            .iter()
            .any(|e| chosen.iter().any(|c| conflicts(&e.range, &c.range)))
        {
            continue;
        }
        chosen.extend(fix.edits.iter());
        applied += 1;
    }
    chosen.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = text.to_string();
    for e in chosen.iter().rev() {
        out.replace_range(e.range.clone(), &e.replacement);
    }
    (out, applied)
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
    let mut current = original.to_string();
    let mut applied = 0;
    let mut changes: Vec<String> = Vec::new();
    for _ in 0..MAX_PASSES {
        let diags = lint::lint_text(path, &current, settings, site);
        let (next, n) = apply_once(&current, &diags, unsafe_fixes);
        if n == 0 || next == current {
            return finish(
                path, original, current, applied, diags, changes, settings, site,
            );
        }
        for d in &diags {
            if let Some(f) = &d.fix {
                changes.extend(f.changes.iter().cloned());
            }
        }
        applied += n;
        current = next;
    }
    // Still changing after the last pass: the fixes fight each other. Keep the file as it was.
    let mut remaining = lint::lint_text(path, original, settings, site);
    remaining.insert(
        0,
        Diagnostic::new(
            &rules::fixer::FIX_DID_NOT_CONVERGE,
            0..0,
            format!(
                "the fixes did not settle after {MAX_PASSES} passes; the file was left as it was"
            ),
        )
        .help("please report this with the file: it is a bug in fmlint"),
    );
    Fixed {
        text: original.to_string(),
        applied: 0,
        remaining,
    }
}

#[allow(clippy::too_many_arguments)]
fn finish(
    path: &Path,
    original: &str,
    current: String,
    applied: usize,
    diags: Vec<Diagnostic>,
    changes: Vec<String>,
    settings: &Settings,
    site: &Site,
) -> Fixed {
    if current == original {
        return Fixed {
            text: current,
            applied: 0,
            remaining: diags,
        };
    }
    match check_meaning(path, original, &current, &changes, settings, site) {
        Ok(()) => Fixed {
            text: current,
            applied,
            remaining: diags,
        },
        Err(why) => {
            let mut remaining = lint::lint_text(path, original, settings, site);
            remaining.insert(
                0,
                Diagnostic::new(&rules::fixer::FIX_CHANGED_MEANING, 0..0, format!("the fixed post would not mean what the original means ({why}); nothing was written"))
                    .help("please report this with the file: it is a bug in fmlint"),
            );
            Fixed {
                text: original.to_string(),
                applied: 0,
                remaining,
            }
        }
    }
}

/// Each top-level key's value as Jekyll would see it, in a form that compares: the date as an
/// instant, scalars with their resolved type, lists and maps recursively. Keys in last-wins
/// order, as Jekyll keeps the last duplicate.
pub fn meaning(
    post: &Post<'_>,
    settings: &Settings,
    site: &Site,
) -> Option<BTreeMap<String, String>> {
    let entries = post.entries()?;
    let ctx = Context::new(post, settings, site);
    let mut out = BTreeMap::new();
    for e in entries {
        let v = if e.key == "date" {
            match ctx.valid_date() {
                Some(d) => format!("instant {}", d.instant.to_rfc3339()),
                None => repr(&e.value),
            }
        } else {
            repr(&e.value)
        };
        out.insert(e.key.clone(), v);
    }
    Some(out)
}

fn repr(node: &Node) -> String {
    match &node.kind {
        NodeKind::Scalar { value, .. } => format!("{value:?}"),
        NodeKind::Seq { items, .. } => format!(
            "[{}]",
            items.iter().map(repr).collect::<Vec<_>>().join(", ")
        ),
        NodeKind::Map { entries, .. } => {
            let mut kv: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", repr(k), repr(v)))
                .collect();
            kv.sort();
            format!("{{{}}}", kv.join(", "))
        }
        NodeKind::Alias => "*".into(),
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
    let old = Post::new(path, original);
    let new = Post::new(path, fixed);
    let (Some(old_m), Some(new_m)) = (meaning(&old, settings, site), meaning(&new, settings, site))
    else {
        return Err("the new front matter does not parse".into());
    };
    for key in old_m.keys().chain(new_m.keys()) {
        if changes.iter().any(|c| c == key) {
            continue;
        }
        if old_m.get(key) != new_m.get(key) {
            return Err(format!(
                "`{key}` changed from {:?} to {:?}",
                old_m.get(key),
                new_m.get(key)
            ));
        }
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
