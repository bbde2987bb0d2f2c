//! The suppression comments, and FM900 that polices them. In the front matter:
//! `# fmlint-disable FM403 FM501` (the whole file), `# fmlint-disable-next-line FM201` (the next
//! key), `key: value # fmlint-disable-line FM201` (that key). These are the line forms the npm
//! tool yaml-fm-lint uses, so existing comments keep working. Codes or names; none means every
//! rule.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::post::{Post, line_at};
use crate::rules::Settings;
use crate::rules::{self, Rule};

crate::rules::family! {
    fm900_unused_suppression,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    File,
    NextLine,
    Line,
}

/// A rule a directive names (None: the word is no rule), the word, and where it is.
type Named = (Option<&'static Rule>, String, Range<usize>);

#[derive(Debug)]
struct Directive {
    scope: Scope,
    /// The comment, for FM900.
    span: Range<usize>,
    /// Each named rule with the span of its name; empty: every rule.
    rules: Vec<Named>,
    /// Where it applies (for Line and NextLine): a byte range of the file.
    target: Range<usize>,
}

/// Where a `#` comment starts on a YAML line, quotes respected (None: no comment).
fn comment_start(line: &str) -> Option<usize> {
    let (mut single, mut double, mut prev) = (false, false, ' ');
    for (i, c) in line.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single && prev != '\\' => double = !double,
            '#' if !single && !double && (i == 0 || prev.is_whitespace()) => return Some(i),
            _ => {}
        }
        prev = c;
    }
    None
}

fn parse_directive(text: &str, base: usize) -> Option<(Scope, Vec<Named>)> {
    let body = text.trim_start_matches('#');
    let lead = text.len() - body.len();
    let trimmed = body.trim_start();
    let lead = lead + body.len() - trimmed.len();
    let (scope, rest) = if let Some(r) = trimmed.strip_prefix("fmlint-disable-next-line") {
        (Scope::NextLine, r)
    } else if let Some(r) = trimmed.strip_prefix("fmlint-disable-line") {
        (Scope::Line, r)
    } else if let Some(r) = trimmed.strip_prefix("fmlint-disable") {
        (Scope::File, r)
    } else {
        return None;
    };
    if !rest.is_empty() && !rest.starts_with([' ', '\t', ':']) {
        return None;
    }
    let rest_at = base + lead + (trimmed.len() - rest.len());
    let mut rules = Vec::new();
    let mut pos = 0;
    for word in rest.split(|c: char| c.is_whitespace() || c == ',' || c == ':') {
        let at = rest[pos..].find(word).map_or(pos, |i| pos + i);
        pos = at + word.len();
        if word.is_empty() {
            continue;
        }
        rules.push((
            rules::find(word),
            word.to_string(),
            rest_at + at..rest_at + at + word.len(),
        ));
    }
    Some((scope, rules))
}

/// The byte range of the entry whose key starts on the line at `line_start`, or that line.
fn entry_range(post: &Post<'_>, line_start: usize) -> Range<usize> {
    let line_end = line_at(post.text, line_start).map_or(line_start, |l| l.content.end);
    post.entries()
        .and_then(|es| {
            es.iter()
                .find(|e| e.key_span.start >= line_start && e.key_span.start <= line_end)
        })
        .map_or(line_start..line_end, |e| {
            line_start..e.value.span.end.max(line_end)
        })
}

/// Built once: `memmem::find` builds its searcher again at every call, 500 instructions a post.
static DISABLE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"fmlint-disable"));

fn directives(post: &Post<'_>) -> Vec<Directive> {
    let Some(fence) = post.fence() else {
        return Vec::new();
    };
    // Every directive names `fmlint-disable`: a front matter without those words has none,
    // and most have none, so one search spares the line-by-line reading.
    if DISABLE
        .find(post.text[fence.yaml.clone()].as_bytes())
        .is_none()
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut pos = fence.yaml.start;
    while let Some(line) = line_at(post.text, pos) {
        if line.content.start >= fence.yaml.end {
            break;
        }
        let text = post.slice(&line.content);
        if let Some(c) = comment_start(text) {
            let comment = &text[c..];
            let at = line.content.start + c;
            if let Some((scope, rules)) = parse_directive(comment, at) {
                let standalone = text[..c].trim().is_empty();
                let (scope, target) = match scope {
                    Scope::NextLine if standalone => {
                        // The next line that is not a comment or blank.
                        let mut next = line.next;
                        while let Some(l) = line_at(post.text, next) {
                            let t = post.slice(&l.content).trim();
                            if l.content.start >= fence.yaml.end
                                || !(t.is_empty() || t.starts_with('#'))
                            {
                                break;
                            }
                            next = l.next;
                        }
                        (Scope::NextLine, entry_range(post, next))
                    }
                    Scope::Line => (Scope::Line, entry_range(post, line.content.start)),
                    Scope::File => (Scope::File, 0..post.text.len()),
                    // `key: v # fmlint-disable-next-line X` reads as meant for this line's key.
                    Scope::NextLine => (Scope::Line, entry_range(post, line.content.start)),
                };
                out.push(Directive {
                    scope,
                    span: at..line.content.end,
                    rules,
                    target,
                });
            }
        }
        pos = line.next;
    }
    out
}

/// Drops the diagnostics that a suppression covers and reports the suppressions (and the rule
/// names in them) that covered nothing (FM900).
pub fn apply(post: &Post<'_>, settings: &Settings, diags: &mut Vec<Diagnostic>) {
    let ds = directives(post);
    if ds.is_empty() {
        return;
    }
    // used[d][r]: whether rule r of directive d (or the directive, when it names none) covered something.
    let mut used: Vec<Vec<bool>> = ds
        .iter()
        .map(|d| vec![false; d.rules.len().max(1)])
        .collect();
    diags.retain(|diag| {
        let mut keep = true;
        for (di, d) in ds.iter().enumerate() {
            let in_target = d.scope == Scope::File || d.target.contains(&diag.span.start);
            if !in_target {
                continue;
            }
            if d.rules.is_empty() {
                used[di][0] = true;
                keep = false;
            }
            for (ri, (rule, _, _)) in d.rules.iter().enumerate() {
                if rule.is_some_and(|r| std::ptr::eq(r, diag.rule)) {
                    used[di][ri] = true;
                    keep = false;
                }
            }
        }
        keep
    });
    fm900_unused_suppression::report(&ds, &used, settings, diags);
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn the_three_forms() {
        let bad_date = with("2021-07-20T10:40:01.779Z", "2021-07-20 18:40:01 +0800");
        assert_eq!(codes(&bad_date), ["FM201"]);
        let next = bad_date.replace("date: ", "# fmlint-disable-next-line FM201\ndate: ");
        assert_eq!(codes(&next), Vec::<&str>::new());
        let line = bad_date.replace("+0800\n", "+0800 # fmlint-disable-line date-format\n");
        assert_eq!(codes(&line), Vec::<&str>::new());
        let file = bad_date.replace(
            "layout: post\n",
            "# fmlint-disable FM201 FM403\nlayout: post\n",
        );
        assert_eq!(codes(&file), ["FM900"]);
        let all = bad_date.replace("layout: post\n", "# fmlint-disable\nlayout: post\n");
        assert_eq!(codes(&all), Vec::<&str>::new());
    }
}
