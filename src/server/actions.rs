//! Code actions and formatting. Every edit is made by the fix engine of `--fix` and passes its
//! meaning check before it is offered: the server never offers an edit the command line would
//! refuse. Each action is computed as the new text, then sent as the one edit between the old
//! text and the new.

use std::path::Path;

use lsp_types::TextEdit;

use super::encoding::{Encoding, LineMap};
use crate::config::Settings;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::fix;
use crate::lint;
use crate::post::{Post, line_at};
use crate::rules::RuleId;
use crate::site::Site;

/// One post's text with what it is checked against.
pub struct Subject<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub settings: &'a Settings,
    pub site: &'a Site,
}

impl Subject<'_> {
    fn lint(&self, text: &str) -> Vec<Diagnostic> {
        lint::lint_text(self.path, text, self.settings, self.site)
    }
}

/// The text after applying this diagnostic's own fix, if it has one the user allows and the
/// meaning check accepts.
pub fn quick_fix(s: &Subject<'_>, d: &Diagnostic, unsafe_fixes: bool) -> Option<String> {
    let f = d.fix.as_ref()?;
    if f.applicability == Applicability::Unsafe && !unsafe_fixes {
        return None;
    }
    let (new, done) = fix::apply_once(s.text, std::slice::from_ref(d), unsafe_fixes);
    if done.is_empty() || new == s.text {
        return None;
    }
    fix::check_meaning(s.path, s.text, &new, &f.changes, s.settings, s.site).ok()?;
    Some(new)
}

/// What `fmlint --fix` would write (safe fixes only unless `unsafe_fixes`), or why nothing:
/// `Ok(None)` when there is nothing to fix, `Err` when the fix engine refused (FM990, FM991).
pub fn fix_all(s: &Subject<'_>, unsafe_fixes: bool) -> Result<Option<String>, String> {
    let fixed = fix::fix_text(s.path, s.text, s.settings, s.site, unsafe_fixes);
    if let Some(refusal) = fixed.remaining.iter().find(|d| {
        std::ptr::eq(d.rule, RuleId::FixChangedMeaning.rule())
            || std::ptr::eq(d.rule, RuleId::FixDidNotConverge.rule())
    }) {
        return Err(refusal.message.clone());
    }
    Ok((fixed.text != s.text).then_some(fixed.text))
}

/// Where a suppression comment goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `# fmlint-disable-next-line CODE` above the diagnostic's line (or its key's line).
    Line,
    /// `# fmlint-disable CODE` at the top of the front matter, for what lies outside it.
    File,
}

/// The text with fmlint's own suppression comment for this diagnostic, and its scope: the
/// line form where it covers the diagnostic, else the file form. Kept only when the comment
/// silences the diagnostic, adds no FM900, and changes nothing the meaning check sees.
pub fn disable(s: &Subject<'_>, d: &Diagnostic) -> Option<(String, Scope)> {
    // Read as the lint it is checked against reads it (`yaml-loader`).
    let post = Post::with_loader(s.path, s.text, s.settings.yaml_loader);
    let fence = post.fence()?;
    let newline = post.newline();
    let code = d.rule.code;
    let mut candidates: Vec<(usize, Scope)> = Vec::new();
    let in_yaml = |at: usize| at >= fence.yaml.start && at < fence.yaml.end;
    if in_yaml(d.span.start) {
        candidates.push((line_start(s.text, d.span.start), Scope::Line));
        if let Some(e) = post.entries().and_then(|es| {
            es.iter()
                .find(|e| e.key_span.start <= d.span.start && d.span.start <= e.value.span.end)
        }) {
            candidates.push((line_start(s.text, e.key_span.start), Scope::Line));
        }
    }
    candidates.push((fence.yaml.start, Scope::File));
    let now = s.lint(s.text);
    let before = count(&now, d);
    let unused_before = count_rule(&now, RuleId::UnusedSuppression.rule());
    for (at, scope) in candidates {
        let indent: String = s.text[at..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let comment = match scope {
            Scope::Line => format!("{indent}# fmlint-disable-next-line {code}{newline}"),
            Scope::File => format!("# fmlint-disable {code}{newline}"),
        };
        let mut new = s.text.to_string();
        new.insert_str(at, &comment);
        if fix::check_meaning(s.path, s.text, &new, &[], s.settings, s.site).is_err() {
            continue;
        }
        let after = s.lint(&new);
        if count(&after, d) < before
            && count_rule(&after, RuleId::UnusedSuppression.rule()) <= unused_before
        {
            return Some((new, scope));
        }
    }
    None
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn count(diags: &[Diagnostic], like: &Diagnostic) -> usize {
    count_rule(diags, like.rule)
}

fn count_rule(diags: &[Diagnostic], rule: &crate::rules::Rule) -> usize {
    diags.iter().filter(|d| std::ptr::eq(d.rule, rule)).count()
}

/// The one edit that turns `old` into `new`: what lies between their common start and their
/// common end, never splitting a character or a CRLF (positions cannot point inside either).
pub fn edits(old: &str, new: &str, lines: &LineMap, enc: Encoding) -> Vec<TextEdit> {
    if old == new {
        return Vec::new();
    }
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !old.is_char_boundary(pre) || !new.is_char_boundary(pre) {
        pre -= 1;
    }
    if pre > 0 && a[pre - 1] == b'\r' && a.get(pre) == Some(&b'\n') {
        pre -= 1;
    }
    let room = a.len().min(b.len()) - pre;
    let mut suf = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    while !old.is_char_boundary(a.len() - suf) || !new.is_char_boundary(b.len() - suf) {
        suf -= 1;
    }
    let end = a.len() - suf;
    if suf > 0 && end > 0 && a[end - 1] == b'\r' && a[end] == b'\n' {
        suf -= 1;
    }
    let end = a.len() - suf;
    vec![TextEdit {
        range: lines.range(old, enc, &(pre..end)),
        new_text: new[pre..b.len() - suf].to_string(),
    }]
}

/// Whether the line at `at` is one of the front matter's fences (where hover tells how Jekyll
/// reads the post).
pub fn on_fence(text: &str, at: usize) -> bool {
    let post = Post::new(Path::new(""), text);
    let Some(f) = post.fence() else { return false };
    let line = line_at(text, line_start(text, at.min(text.len())));
    line.is_some_and(|l| l.content == f.open || l.content == f.close)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(old: &str, e: &[TextEdit], lines: &LineMap, enc: Encoding) -> String {
        let mut out = old.to_string();
        for e in e.iter().rev() {
            out.replace_range(lines.span(old, enc, e.range), &e.new_text);
        }
        out
    }

    #[test]
    fn one_edit_between_texts() {
        let cases = [
            ("a\r\nb\r\n", "a\r\nx\r\nb\r\n"),
            ("title: 联合\r\n", "title: \"联合\"\r\n"),
            ("x😀y", "x😁y"),
            ("abc", "abc\n"),
            ("a\r\n", "a\n"),
            ("a\n", "a\r\n"),
            ("same", "same"),
            ("", "new"),
        ];
        for (old, new) in cases {
            let lines = LineMap::new(old);
            for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                let e = edits(old, new, &lines, enc);
                assert_eq!(apply(old, &e, &lines, enc), new, "{old:?} → {new:?}");
            }
        }
    }

    #[test]
    fn a_fix_the_meaning_check_refuses_is_not_offered() {
        use crate::diagnostic::Fix;
        use crate::diagnostic::{Applicability, Edit};
        let path = Path::new("_posts/2021-07-20-x.md");
        let text = crate::rules::testing::CANON;
        let (settings, site) = (Settings::default(), Site::default());
        let s = Subject {
            path,
            text,
            settings: &settings,
            site: &site,
        };
        let title = text.find("\"中国外交部批美国\"").unwrap();
        let fix = |changes: Vec<String>, applicability| Fix {
            applicability,
            message: "retype the title".into(),
            edits: vec![Edit {
                range: title..title + "\"中国外交部批美国\"".len(),
                replacement: "2021".into(),
            }],
            changes,
        };
        let d = |f| Diagnostic::new(RuleId::TitleQuoting, title..title + 1, "test").fix(f);
        // `title` becomes a number: refused unless the fix says it means to change it.
        assert_eq!(
            quick_fix(&s, &d(fix(vec![], Applicability::Safe)), false),
            None
        );
        let meant = d(fix(vec!["title".into()], Applicability::Safe));
        assert!(
            quick_fix(&s, &meant, false)
                .unwrap()
                .contains("title: 2021\n")
        );
        // An unsafe fix waits for the user's permission.
        let risky = d(fix(vec!["title".into()], Applicability::Unsafe));
        assert_eq!(quick_fix(&s, &risky, false), None);
        assert!(quick_fix(&s, &risky, true).is_some());
    }

    #[test]
    fn suppression_comments_that_work() {
        let path = Path::new("_posts/2021-07-20-x.md");
        let text =
            crate::rules::testing::with("2021-07-20T10:40:01.779Z", "2021-07-20 18:40:01 +0800");
        let (settings, site) = (Settings::default(), Site::default());
        let s = Subject {
            path,
            text: &text,
            settings: &settings,
            site: &site,
        };
        let diags = s.lint(&text);
        let d = diags.iter().find(|d| d.code() == "FM201").unwrap();
        let (new, scope) = disable(&s, d).unwrap();
        assert_eq!(scope, Scope::Line);
        assert!(
            new.contains("# fmlint-disable-next-line FM201\ndate: 2021-07-20 18:40:01 +0800\n")
        );
        assert!(s.lint(&new).is_empty(), "{:?}", s.lint(&new));
    }
}
