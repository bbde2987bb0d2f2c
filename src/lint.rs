//! One file, start to end: bytes → text → post model → rules → sorted diagnostics.

use std::ops::Range;
use std::path::Path;

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::post::Post;
use crate::registry::RuleId;
use crate::rules::{self, Context, structure};
use crate::site::Site;
use crate::yaml::{Link, Node, NodeKind};

/// Lints a post given as text. Pure: no I/O, so a rule can be tested on a string.
pub fn lint_text(path: &Path, text: &str, settings: &Settings, site: &Site) -> Vec<Diagnostic> {
    let post = Post::with_loader(path, text, settings.yaml_loader);
    lint_post(&post, settings, site)
}

pub fn lint_post(post: &Post<'_>, settings: &Settings, site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if structure::check(post, &mut out) {
        let ctx = Context::new(post, settings, site);
        rules::check_all(&ctx, &mut out);
        drop_fixes_on_shared_text(post, &mut out);
    }
    out.retain(|d| settings.selection.contains(d.rule));
    supersede(&mut out);
    rules::suppression::apply(post, settings, &mut out);
    for d in &mut out {
        d.severity = settings.severity_of(d.rule);
    }
    sort(&mut out);
    out
}

/// One root cause, one diagnostic: a rule stays silent on a subject where a rule it yields to
/// (`Rule::superseded_by`) reports. Only selected rules are checked, so only a selected rule
/// takes a diagnostic's place.
fn supersede(out: &mut Vec<Diagnostic>) {
    if out.len() < 2 || out.iter().all(|d| d.rule.superseded_by.is_empty()) {
        return;
    }
    let fired: Vec<(RuleId, Option<Box<str>>)> =
        out.iter().map(|d| (d.rule.id, d.subject.clone())).collect();
    out.retain(|d| {
        !d.rule
            .superseded_by
            .iter()
            .any(|s| fired.iter().any(|(id, subj)| id == s && *subj == d.subject))
    });
}

/// A fix that would rewrite text an alias also reads (an anchored value), an alias, or a
/// mapping merged by `<<` is withdrawn, whichever rule offered it: the value would change in
/// places the fix cannot see. The diagnostic stays; a person decides.
fn drop_fixes_on_shared_text(post: &Post<'_>, out: &mut [Diagnostic]) {
    let Some(entries) = post.entries() else {
        return;
    };
    let shared: Vec<Range<usize>> = entries
        .iter()
        .filter(|e| !all_own(&e.value))
        .map(|e| {
            if e.value.link == Link::Merged {
                e.key_span.start..e.value.span.end
            } else {
                e.key_span.end..e.value.span.end
            }
        })
        .collect();
    if shared.is_empty() {
        return;
    }
    let touches = |r: &Range<usize>| {
        shared
            .iter()
            .any(|s| r.start < s.end && s.start < r.end.max(r.start + 1))
    };
    for d in out.iter_mut() {
        if d.fix
            .as_ref()
            .is_some_and(|f| f.edits.iter().any(|e| touches(&e.range)))
        {
            d.fix = None;
        }
    }
}

fn all_own(n: &Node) -> bool {
    n.is_own()
        && match &n.kind {
            NodeKind::Seq { items, .. } => items.iter().all(all_own),
            NodeKind::Map { entries, .. } => entries.iter().all(|(k, v)| all_own(k) && all_own(v)),
            NodeKind::Scalar { .. } => true,
        }
}

/// A diagnostic raised outside the rules (a file that cannot be read or decoded), under the
/// same selection and severity as the rules' own.
pub fn configured(settings: &Settings, mut d: Diagnostic) -> Vec<Diagnostic> {
    if !settings.selection.contains(d.rule) {
        return Vec::new();
    }
    d.severity = settings.severity_of(d.rule);
    vec![d]
}

pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.span.start, a.rule.code, a.span.end, &a.message).cmp(&(
            b.span.start,
            b.rule.code,
            b.span.end,
            &b.message,
        ))
    });
}

/// Lints a post given as bytes: FM000 when they are not UTF-8. Returns the text the
/// diagnostics point into.
pub fn lint_bytes(
    path: &Path,
    bytes: Vec<u8>,
    settings: &Settings,
    site: &Site,
) -> (String, Vec<Diagnostic>) {
    match decode(bytes) {
        Ok(text) => {
            let d = lint_text(path, &text, settings, site);
            (text, d)
        }
        Err(bad) => {
            let (text, d) = *bad;
            (text, configured(settings, d))
        }
    }
}

/// A file's bytes as text, or FM000 pointing at the first byte that is not UTF-8. The text
/// returned for a bad file is the valid prefix plus a lossy rest, so the span stays right.
pub fn decode(bytes: Vec<u8>) -> Result<String, Box<(String, Diagnostic)>> {
    // Jekyll skips a post with a bad byte anywhere, so every byte is checked: with SIMD when
    // the text is good (the usual case), by the standard library for where it goes wrong.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 just validated these very bytes as UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bad = e.as_bytes()[at];
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            let d = structure::fm000_io_error::not_utf8(at, end, bad);
            Err(Box::new((text, d)))
        }
    }
}
