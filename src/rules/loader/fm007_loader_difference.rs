//! FM007 loader-difference: Psych (current Jekyll) and safe_yaml (GitHub Pages) read the front
//! matter differently.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::emit;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};
use crate::yaml::{Document, Entry, Link, Loader, Node, NodeKind, Scalar, Style};

/// Only run when selected (as every check): the other loader's reading is a second parse.
pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::LoaderDifference,
    check: Some(check),
    options: None,
};

fn who(loader: Loader) -> &'static str {
    match loader {
        Loader::Psych => "Psych (current Jekyll)",
        Loader::SafeYaml => "safe_yaml (GitHub Pages, the released Jekyll gems)",
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let Some(entries) = post.entries() else {
        return;
    };
    let Some(other) = post.other_reading() else {
        return;
    };
    let (this, that) = (post.loader, post.loader.other());
    let other_entries: &[Entry] = match &other {
        Ok(Document::Mapping(e)) => e,
        Ok(Document::Empty) => &[],
        Ok(Document::Other(n)) => {
            let span = post.fence().map_or(0..0, |f| f.open.clone());
            out.push(Diagnostic::new(
                RuleId::LoaderDifference,
                span,
                format!(
                    "{} reads the front matter as {}, not a mapping",
                    who(that),
                    n.type_name()
                ),
            ));
            return;
        }
        Err(e) => {
            let span = e.span.clone().unwrap_or(e.offset..e.offset);
            out.push(
                Diagnostic::new(
                    RuleId::LoaderDifference,
                    span.clone(),
                    format!("{} cannot load this front matter: {}", who(that), e.message),
                )
                .label(format!("{} reads it; {} fails here", who(this), who(that)))
                .help("there Jekyll publishes the post with no title, dated at build time")
                .with_fix(quote_fix(post.text, entries, &span)),
            );
            return;
        }
    };
    let mine = last_values(entries);
    let theirs = last_values(other_entries);
    // Looked up, not searched: a hostile post has 100,000 keys.
    let their_value: HashMap<&str, &Entry> = theirs.iter().map(|(k, e)| (k.as_str(), *e)).collect();
    let my_keys: HashSet<&str> = mine.iter().map(|(k, _)| k.as_str()).collect();
    for (key, e) in &mine {
        let their = their_value.get(key.as_str()).copied();
        let differs = match their {
            None => true,
            Some(t) => value(&t.value) != value(&e.value),
        };
        if !differs {
            continue;
        }
        let shown = |n: Option<&Entry>| match n {
            None => "absent".to_string(),
            Some(t) => format!("{} `{}`", t.value.type_name(), t.value.display()),
        };
        let span = if e.value.link == Link::Merged {
            e.key_span.clone()
        } else {
            e.value.span.clone()
        };
        out.push(
            Diagnostic::new(
                RuleId::LoaderDifference,
                span,
                format!(
                    "`{key}` reads as {} under {} but {} under {}",
                    shown(Some(e)),
                    who(this),
                    shown(their),
                    who(that)
                ),
            )
            .label("the two YAML loaders of Jekyll disagree here")
            .help("the post builds differently on GitHub Pages and on a current Jekyll; write the value so that both read it alike (quote text)")
            .with_fix(string_fix(post.text, e)),
        );
    }
    for (key, t) in &theirs {
        if !my_keys.contains(key.as_str()) {
            let span = t.key_span.clone();
            out.push(Diagnostic::new(
                RuleId::LoaderDifference,
                span,
                format!(
                    "`{key}` is absent under {} but reads as {} `{}` under {}",
                    who(this),
                    t.value.type_name(),
                    t.value.display(),
                    who(that)
                ),
            ));
        }
    }
}

/// Ruby's hash: one value per key (the last), in the order keys first appear.
fn last_values<'a>(entries: &'a [Entry<'a>]) -> Vec<(String, &'a Entry<'a>)> {
    last_by_key(entries.iter().map(|e| (e.key.to_string(), e)))
}

/// One value per key, the last, in the order keys first appear (Ruby's `Hash#[]=`).
fn last_by_key<V>(pairs: impl Iterator<Item = (String, V)>) -> Vec<(String, V)> {
    let mut out: Vec<(String, V)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for (k, v) in pairs {
        match at.get(&k) {
            Some(&i) => out[i].1 = v,
            None => {
                at.insert(k.clone(), out.len());
                out.push((k, v));
            }
        }
    }
    out
}

/// A value's Ruby reading, to compare: type and content, not its text or place.
fn value(n: &Node) -> String {
    match &n.kind {
        NodeKind::Scalar { value, .. } => match value {
            Scalar::Float(f) => format!("Float({f:?})"),
            v => format!("{v:?}"),
        },
        NodeKind::Seq { items, .. } => {
            format!(
                "[{}]",
                items.iter().map(value).collect::<Vec<_>>().join(", ")
            )
        }
        NodeKind::Map { entries, .. } => {
            let slots = last_by_key(entries.iter().map(|(k, v)| (value(k), value(v))));
            let inner: Vec<String> = slots.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            format!("{{{}}}", inner.join(", "))
        }
    }
}

/// Where a top-level value's text starts, its tag included (`!!str 12`), when nothing but a
/// tag stands between the key's colon and the value.
fn with_tag(text: &str, e: &Entry) -> Option<Range<usize>> {
    let between = text.get(e.key_span.end..e.value.span.start)?;
    let after_colon = between.strip_prefix(':')?;
    let trimmed = after_colon.trim_start_matches([' ', '\t']);
    let start = e.value.span.start - trimmed.len();
    let props = trimmed.trim_end_matches([' ', '\t']);
    let ok =
        props.is_empty() || (props.starts_with('!') && !props.contains([' ', '\t', '\n', '&']));
    ok.then_some(start..e.value.span.end)
}

/// A value the configured loader reads as text, written so that both read that text: double
/// quotes, no tag. Safe: the configured reading is unchanged, the other now agrees.
fn string_fix(text: &str, e: &Entry) -> Option<Fix> {
    if !e.value.is_own() {
        return None;
    }
    let s = e.value.as_str()?;
    if !matches!(
        e.value.style(),
        Some(Style::Plain | Style::SingleQuoted | Style::DoubleQuoted)
    ) {
        return None;
    }
    let range = with_tag(text, e)?;
    if text[range.clone()].contains('\n') {
        return None;
    }
    Some(Fix {
        applicability: Applicability::Safe,
        message: format!("write `{}` so that both loaders read the text", e.key),
        edits: vec![Edit {
            range,
            replacement: emit::double_quoted(s),
        }],
        changes: Vec::new(),
    })
}

/// The other loader fails on a value this one reads as text (a symbol under safe_yaml): quote
/// it.
fn quote_fix(text: &str, entries: &[Entry], span: &Range<usize>) -> Option<Fix> {
    let e = entries.iter().find(|e| e.value.span == *span)?;
    string_fix(text, e)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::Settings;
    use crate::rules::testing::*;
    use crate::yaml::Loader;

    /// Ruby's hash: a repeated key keeps its first place and takes its last value.
    #[test]
    fn one_value_per_key_the_last_in_first_order() {
        let pairs = ["a", "b", "a", "c", "b"].iter().enumerate();
        let got = super::last_by_key(pairs.map(|(i, k)| (k.to_string(), i)));
        let want = [("a", 2), ("b", 4), ("c", 3)].map(|(k, i)| (k.to_string(), i));
        assert_eq!(got, want);
    }

    fn safe_yaml() -> Settings {
        Settings {
            yaml_loader: Loader::SafeYaml,
            ..Default::default()
        }
    }

    fn lint_with(text: &str, s: &Settings) -> Vec<crate::diagnostic::Diagnostic> {
        crate::lint::lint_text(
            Path::new("_posts/2021-07-20-x.md"),
            text,
            s,
            &Default::default(),
        )
    }

    #[test]
    fn a_sexagesimal_number_reads_differently() {
        let text = with(
            "categories: [ 联合早报 ]\n",
            "categories: [ 联合早报 ]\nduration: 1:20\n",
        );
        let d = lint_with(&text, &Settings::default());
        assert_eq!(d.iter().map(|d| d.code()).collect::<Vec<_>>(), ["FM007"]);
        assert!(
            d[0].message.contains("`4800`") && d[0].message.contains("`80`"),
            "{}",
            d[0].message
        );
        assert!(d[0].fix.is_none());
        // Read once, and alike, without any tag, merge, symbol or `a:b`.
        assert_eq!(codes(CANON), Vec::<&str>::new());
    }

    #[test]
    fn a_str_tag_is_quoted_for_both_loaders() {
        let text = with(
            "categories: [ 联合早报 ]\n",
            "categories: [ 联合早报 ]\nref: !!str 12\n",
        );
        assert_eq!(codes(&text), ["FM007"]);
        let f = crate::fix::fix_text(
            Path::new("_posts/2021-07-20-x.md"),
            &text,
            &Default::default(),
            &Default::default(),
            false,
        );
        assert!(f.text.contains("ref: \"12\"\n"), "{}", f.text);
        assert!(f.remaining.is_empty(), "{:?}", f.remaining);
    }

    #[test]
    fn under_safe_yaml_a_symbol_is_text_and_psych_is_warned_of() {
        let text = with("title: \"中国外交部批美国\"", "title: :rocket")
            .replace("[中国外交部批美国]", "[:rocket]");
        let s = safe_yaml();
        let d = lint_with(&text, &s);
        let codes: Vec<&str> = d.iter().map(|d| d.code()).collect();
        assert!(codes.contains(&"FM007"), "{codes:?}");
        let d7 = d.iter().find(|d| d.code() == "FM007").unwrap();
        assert!(d7.message.contains("Psych"), "{}", d7.message);
        let f = crate::fix::fix_text(
            Path::new("_posts/2021-07-20-x.md"),
            &text,
            &s,
            &Default::default(),
            false,
        );
        assert!(f.text.contains("title: \":rocket\"\n"), "{}", f.text);
        assert!(f.remaining.is_empty(), "{:?}", f.remaining);
    }

    #[test]
    fn an_inline_merge_is_lost_under_safe_yaml() {
        let text = with("layout: post\n", "<<: {layout: post}\n");
        assert_eq!(codes(&text), ["FM007"]);
        let d = lint_with(&text, &safe_yaml());
        // safe_yaml has no layout: FM101 there, and FM007 names what Psych reads.
        let codes: Vec<&str> = d.iter().map(|d| d.code()).collect();
        assert!(
            codes.contains(&"FM101") && codes.contains(&"FM007"),
            "{codes:?}"
        );
    }
}
