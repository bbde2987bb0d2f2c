//! FM604 whitespace: trailing spaces, tabs, blank lines or mixed line endings in the front matter.

use std::ops::Range;

use serde_json::Value;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::post::Post;
use crate::post::{line_at, lines_from};
use crate::registry::RuleId;
use crate::rules::options::{OptionError, Options, enum_schema};
use crate::rules::{Context, RuleImpl};
use crate::yaml::{Node, NodeKind};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::Whitespace,
    check: Some(check),
    options: Some(crate::rules::options::OptionsSpec::of::<WhitespaceOptions>()),
};

/// What FM604 looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WhitespaceScope {
    #[default]
    FrontMatter,
    /// The whole file: trailing whitespace in the body too (reported, never fixed there).
    File,
}

/// Which line endings FM604 accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineEndings {
    /// Either, as long as they are not mixed.
    #[default]
    Any,
    Lf,
    Crlf,
}

const SCOPES: [(&str, WhitespaceScope); 2] = [
    ("front-matter", WhitespaceScope::FrontMatter),
    ("file", WhitespaceScope::File),
];
const ENDINGS: [(&str, LineEndings); 3] = [
    ("any", LineEndings::Any),
    ("lf", LineEndings::Lf),
    ("crlf", LineEndings::Crlf),
];

/// FM604's options.
#[derive(Debug, Clone, Default)]
pub struct WhitespaceOptions {
    pub scope: WhitespaceScope,
    pub line_endings: LineEndings,
}

fn name_of<T: PartialEq + Copy>(table: &[(&'static str, T)], v: T) -> &'static str {
    table.iter().find(|(_, x)| *x == v).map_or("", |(n, _)| n)
}

fn names<T>(table: &[(&'static str, T)]) -> Vec<&'static str> {
    table.iter().map(|(n, _)| *n).collect()
}

impl Options for WhitespaceOptions {
    const KEYS: &'static [&'static str] = &["scope", "line-endings"];

    fn set(&mut self, key: &str, v: &Node) -> Result<(), OptionError> {
        let got = v.display();
        if key == "scope" {
            self.scope = SCOPES
                .iter()
                .find(|(n, _)| *n == got)
                .map(|(_, s)| *s)
                .ok_or_else(|| {
                    OptionError::new(format!("unknown scope `{got}`"), "unknown scope")
                        .help(format!("one of: {}", names(&SCOPES).join(", ")))
                })?;
        } else {
            self.line_endings = ENDINGS
                .iter()
                .find(|(n, _)| *n == got)
                .map(|(_, e)| *e)
                .ok_or_else(|| {
                    OptionError::new(
                        format!("unknown line-endings `{got}`"),
                        "unknown line ending",
                    )
                    .help(format!("one of: {}", names(&ENDINGS).join(", ")))
                })?;
        }
        Ok(())
    }

    fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("scope", name_of(&SCOPES, self.scope).to_string()),
            (
                "line-endings",
                name_of(&ENDINGS, self.line_endings).to_string(),
            ),
        ]
    }

    fn schema() -> Vec<(&'static str, Value)> {
        vec![
            (
                "scope",
                enum_schema(
                    &names(&SCOPES),
                    Some("What is checked: the front matter, or the whole file."),
                ),
            ),
            (
                "line-endings",
                enum_schema(&names(&ENDINGS), Some("The line endings accepted.")),
            ),
        ]
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    whitespace(ctx, out);
    site_whitespace(ctx, out);
}

/// Byte ranges whose line breaks and spaces are part of a value (block scalars, multi-line
/// quoted strings): whitespace rules must not touch them.
fn protected_ranges(node: &Node, text: &str, out: &mut Vec<Range<usize>>) {
    match &node.kind {
        NodeKind::Scalar { .. } => {
            if text[node.span.clone()].contains('\n') {
                out.push(node.span.clone());
            }
        }
        NodeKind::Seq { items, .. } => items.iter().for_each(|n| protected_ranges(n, text, out)),
        NodeKind::Map { entries, .. } => entries.iter().for_each(|(k, v)| {
            protected_ranges(k, text, out);
            protected_ranges(v, text, out);
        }),
    }
}

/// Whether no line from `start` to `end` (the opening fence's start to the closing fence's
/// end) can have anything for [`whitespace`] to report: no tab, no CR (so one line ending,
/// the closing fence's own included, which lies past `end`), no line ending in a blank, and
/// every line starting with a printable ASCII byte (so none is blank). Most front matters are
/// such; a few searches tell, instead of a walk line by line.
fn plainly_tidy(b: &[u8], start: usize, end: usize) -> bool {
    let r = &b[start..end];
    let with_ending = &b[start..(end + 1).min(b.len())];
    if memchr::memchr2(b'\t', b'\r', with_ending).is_some() || r.last() == Some(&b' ') {
        return false;
    }
    memchr::memchr_iter(b'\n', r).all(|i| {
        (i == 0 || r[i - 1] != b' ') && r.get(i + 1).is_none_or(|c| c.is_ascii_graphic())
    })
}

fn whitespace(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let Some(fence) = post.fence() else { return };
    if plainly_tidy(post.text.as_bytes(), fence.open.start, fence.close.end) {
        return;
    }
    let any_ending = ctx
        .settings
        .options::<WhitespaceOptions>(RuleId::Whitespace)
        .line_endings
        == LineEndings::Any;
    // Built for the first line with something to report: most front matters have none.
    let protected = std::cell::OnceCell::new();
    let inside = |at: usize| {
        protected
            .get_or_init(|| {
                let mut ranges = Vec::new();
                for e in post.entries().unwrap_or_default() {
                    protected_ranges(&e.value, post.text, &mut ranges);
                }
                ranges
            })
            .iter()
            .any(|r: &Range<usize>| r.start < at && at < r.end)
    };
    let start = fence.open.start;
    let end = fence.close.end;
    let first_crlf = line_at(post.text, start).is_some_and(|l| l.crlf);
    let nl = if first_crlf { "\r\n" } else { "\n" };
    // One search tells whether any line has a tab to look for.
    let any_tab = memchr::memchr(b'\t', &post.text.as_bytes()[start..end]).is_some();
    for line in lines_from(post.text, start) {
        if line.content.start > end {
            break;
        }
        let content = post.slice(&line.content);
        let is_fence =
            line.content.start == fence.open.start || line.content.start == fence.close.start;
        let trimmed = content.trim_end_matches([' ', '\t']);
        // `trim().is_empty()`: a first byte that is ASCII and not white space settles it.
        let blank = !content
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii() && !matches!(b, b' ' | b'\t'..=b'\r'))
            && content.trim().is_empty();
        let tab = if any_tab {
            memchr::memchr(b'\t', trimmed.as_bytes())
        } else {
            None
        };
        if (blank || trimmed.len() < content.len() || tab.is_some())
            && !inside(line.content.start)
        {
            if blank && !is_fence {
                out.push(
                    Diagnostic::new(
                        RuleId::Whitespace,
                        line.content.start..line.content.end,
                        "blank line inside the front matter",
                    )
                    .label("blank line")
                    .fix(Fix {
                        applicability: Applicability::Safe,
                        message: "remove the blank line".into(),
                        edits: vec![Edit {
                            range: line.content.start..line.next,
                            replacement: String::new(),
                        }],
                        changes: Vec::new(),
                    }),
                );
            } else if trimmed.len() < content.len() {
                let at = line.content.start + trimmed.len();
                if !inside(at) {
                    out.push(
                        Diagnostic::new(RuleId::Whitespace, at..line.content.end, "trailing whitespace")
                            .label("trailing whitespace")
                            .fix(Fix {
                                applicability: Applicability::Safe,
                                message: "remove trailing whitespace".into(),
                                edits: vec![Edit {
                                    range: at..line.content.end,
                                    replacement: String::new(),
                                }],
                                changes: Vec::new(),
                            }),
                    );
                }
            }
            if let Some(i) = tab {
                let at = line.content.start + i;
                if !inside(at) && !in_scalar(post, at) {
                    out.push(
                        Diagnostic::new(RuleId::Whitespace, at..at + 1, "tab inside the front matter")
                            .label("tab")
                            .help("YAML forbids tabs for indentation; use spaces")
                            .fix(Fix {
                                applicability: Applicability::Safe,
                                message: "replace the tab with a space".into(),
                                edits: vec![Edit {
                                    range: at..at + 1,
                                    replacement: " ".into(),
                                }],
                                changes: Vec::new(),
                            }),
                    );
                }
            }
        }
        if any_ending
            && line.crlf != first_crlf
            && line.next > line.content.end
        {
            out.push(
                Diagnostic::new(
                    RuleId::Whitespace,
                    line.content.end..line.next,
                    "mixed line endings in the front matter",
                )
                .label(if line.crlf {
                    "CRLF where the front matter uses LF"
                } else {
                    "LF where the front matter uses CRLF"
                })
                .fix(Fix {
                    applicability: Applicability::Safe,
                    message: "use the front matter's line ending".into(),
                    edits: vec![Edit {
                        range: line.content.end..line.next,
                        replacement: nl.into(),
                    }],
                    changes: Vec::new(),
                }),
            );
        }
        if line.content.start == fence.close.start {
            break;
        }
    }
}

/// What a configured site asks beyond the front matter's own tidiness: one line ending
/// throughout, and (with `scope: file`) no trailing whitespace in the body either. Reported
/// once per kind with a count; never fixed, since the body is not fmlint's to change and a
/// front matter with other line endings than its body would be worse than either.
fn site_whitespace(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let Some(fence) = post.fence() else { return };
    let options = ctx
        .settings
        .options::<WhitespaceOptions>(RuleId::Whitespace);
    let whole_file = options.scope == WhitespaceScope::File;
    let want_crlf = match options.line_endings {
        LineEndings::Any => None,
        LineEndings::Lf => Some(false),
        LineEndings::Crlf => Some(true),
    };
    if want_crlf.is_none() && !whole_file {
        return;
    }
    let end = if whole_file {
        post.text.len()
    } else {
        fence.close.end
    };
    let mut wrong_endings: Vec<std::ops::Range<usize>> = Vec::new();
    let mut trailing: Vec<std::ops::Range<usize>> = Vec::new();
    let mut pos = fence.open.start;
    while let Some(line) = line_at(post.text, pos) {
        if line.content.start > end {
            break;
        }
        if want_crlf.is_some_and(|crlf| crlf != line.crlf) && line.next > line.content.end {
            wrong_endings.push(line.content.end..line.next);
        }
        if whole_file && line.content.start >= fence.after {
            let content = post.slice(&line.content);
            let trimmed = content.trim_end_matches([' ', '\t']);
            if trimmed.len() < content.len() {
                trailing.push(line.content.start + trimmed.len()..line.content.end);
            }
        }
        pos = line.next;
    }
    let more = |n: usize| {
        if n > 1 {
            format!(" (and {} more)", n - 1)
        } else {
            String::new()
        }
    };
    if let Some(first) = wrong_endings.first() {
        let (found, want) = if want_crlf == Some(false) {
            ("CRLF", "LF")
        } else {
            ("LF", "CRLF")
        };
        out.push(
            Diagnostic::new(
                RuleId::Whitespace,
                first.clone(),
                format!(
                    "{} line(s) end in {found}; this site uses {want}",
                    wrong_endings.len()
                ),
            )
            .label(format!("{found} here{}", more(wrong_endings.len())))
            .help(format!("convert the file's line endings to {want}")),
        );
    }
    if let Some(first) = trailing.first() {
        out.push(
            Diagnostic::new(
                RuleId::Whitespace,
                first.clone(),
                format!("{} body line(s) end in whitespace", trailing.len()),
            )
            .label(format!("trailing whitespace{}", more(trailing.len())))
            .help("this site asks for no trailing whitespace anywhere in a post"),
        );
    }
}

/// Whether `at` lies inside a key or a scalar value: a tab there is content, not layout.
fn in_scalar(post: &Post<'_>, at: usize) -> bool {
    fn walk(n: &Node, at: usize) -> bool {
        match &n.kind {
            NodeKind::Scalar { .. } => n.span.contains(&at),
            NodeKind::Seq { items, .. } => items.iter().any(|i| walk(i, at)),
            NodeKind::Map { entries, .. } => {
                entries.iter().any(|(k, v)| walk(k, at) || walk(v, at))
            }
        }
    }
    post.entries().is_some_and(|es| {
        es.iter()
            .any(|e| e.key_span.contains(&at) || walk(&e.value, at))
    })
}

#[cfg(test)]
mod tests;
