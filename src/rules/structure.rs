//! FM0xx: whether the file has a front matter Jekyll can read at all. These rules gate the
//! others: without a mapping there is nothing to judge.

use std::collections::BTreeMap;

use crate::diagnostic::{Applicability, Diagnostic, Fix, quote};
use crate::post::{Post, Split};
use crate::yaml::{Document, ErrorKind, Link, YamlError, plain_is_symbol};

pub use crate::registry::FM000 as IO_ERROR;
pub use crate::registry::FM001 as MISSING_FRONT_MATTER;
pub use crate::registry::FM002 as UNTERMINATED_FRONT_MATTER;
pub use crate::registry::FM003 as INVALID_YAML;
pub use crate::registry::FM004 as DUPLICATE_KEY;
pub use crate::registry::FM005 as NOT_A_MAPPING;
pub use crate::registry::FM006 as REFUSED_VALUE;

/// Checks the block itself. Returns false when the other rules cannot run.
pub fn check(post: &Post<'_>, out: &mut Vec<Diagnostic>) -> bool {
    match &post.split {
        Split::NoFrontMatter => {
            let start = crate::post::bom_len(post.text);
            let end = crate::post::line_at(post.text, start).map_or(start, |l| l.content.end);
            out.push(
                Diagnostic::new(
                    &MISSING_FRONT_MATTER,
                    start..end,
                    "the post does not open with a front-matter line `---`",
                )
                .label("expected `---` here, on the first line")
                .help("Jekyll then publishes the post titled from its file name and dated from it; start the file with `---`, the fields, and a closing `---`"),
            );
            return false;
        }
        Split::Unterminated { open } => {
            out.push(
                Diagnostic::new(
                    &UNTERMINATED_FRONT_MATTER,
                    open.clone(),
                    "the front matter opened here is never closed",
                )
                .label("opened here, no closing `---` line follows")
                .help("add a line `---` after the last field; until then Jekyll reads the fields as body text"),
            );
            return false;
        }
        Split::Found(_) => {}
    }
    match post.yaml.as_ref() {
        Some(Err(e)) if e.kind != ErrorKind::Syntax => {
            out.push(refused_value(post, e));
            false
        }
        Some(Err(e)) => {
            let end = post.text[e.offset..]
                .chars()
                .next()
                .map_or(e.offset, |c| e.offset + c.len_utf8());
            out.push(
                Diagnostic::new(
                    &INVALID_YAML,
                    e.offset..end,
                    format!("the front matter is not valid YAML: {}", e.message),
                )
                .label(e.message.clone())
                .help("Jekyll logs `YAML Exception reading …` and still publishes the post, but with no title and dated at build time"),
            );
            false
        }
        Some(Ok(Document::Other(node))) => {
            out.push(
                Diagnostic::new(
                    &NOT_A_MAPPING,
                    node.span.clone(),
                    format!(
                        "the front matter is {}, not a mapping of `key: value` lines",
                        node.type_name()
                    ),
                )
                .label("expected `key: value` lines")
                .help("write each field as `key: value` on its own line"),
            );
            false
        }
        Some(Ok(Document::Mapping(entries))) => {
            let mut first: BTreeMap<&str, usize> = BTreeMap::new();
            // A key brought in by a merge (`<<`) and set again by hand is how merges are meant
            // to be used: only keys written twice count.
            for (i, e) in entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.value.link != Link::Merged)
            {
                if let Some(&j) = first.get(e.key.as_str()) {
                    let earlier = &entries[j];
                    out.push(
                        Diagnostic::new(
                            &DUPLICATE_KEY,
                            e.key_span.clone(),
                            format!("{} is set twice", quote(&e.key)),
                        )
                        .label("set again here; Jekyll keeps this one")
                        .related(
                            earlier.key_span.clone(),
                            "first set here; Jekyll silently drops it",
                        )
                        .help("keep one of the two"),
                    );
                } else {
                    first.insert(&e.key, i);
                }
            }
            true
        }
        Some(Ok(Document::Empty)) | None => true,
    }
}

/// FM006: Psych read the text but `safe_load` refused a value. Jekyll logs `could not read
/// file …: <message>` and publishes the post with no title, dated at build time. A plain
/// scalar read as a Symbol (`:rocket`) is quoted by the fix: the text is what the author wrote
/// and what GitHub Pages' loader (safe_yaml) reads; a tag is the author's intent and is left
/// to them.
fn refused_value(post: &Post<'_>, e: &YamlError) -> Diagnostic {
    let span = e.span.clone().unwrap_or(e.offset..e.offset);
    let raw = post.slice(&span);
    let mut d = Diagnostic::new(
        &REFUSED_VALUE,
        span.clone(),
        format!("Jekyll cannot load the front matter: {}", e.message),
    )
    .label(if e.kind == ErrorKind::DisallowedClass {
        "Jekyll's safe YAML loader refuses this value"
    } else {
        "Jekyll's YAML loader fails on this value"
    })
    .help(
        "Jekyll logs `could not read file …` and publishes the post with no title, dated at build time",
    );
    if e.message.ends_with("class: Symbol") && plain_is_symbol(raw) && !raw.contains(['\n', '\r']) {
        d = d.fix(Fix {
            applicability: Applicability::Safe,
            message: format!("quote `{raw}` so that it is text"),
            edits: vec![crate::diagnostic::Edit {
                range: span,
                replacement: crate::emit::double_quoted(raw),
            }],
            changes: vec![crate::fix::WHOLE_FRONT_MATTER.into()],
        });
    }
    d
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn each_structure_problem_stops_the_rest() {
        assert_eq!(codes("no front matter\n"), ["FM001"]);
        assert_eq!(codes("---\ntitle: \"x\"\nbody\n"), ["FM002"]);
        assert_eq!(
            codes(&with(
                "title: \"中国外交部批美国\"",
                "title: \"中国外交部批美国"
            )),
            ["FM003"]
        );
        assert_eq!(codes("---\n- a\n- b\n---\nbody\n"), ["FM005"]);
    }

    #[test]
    fn duplicate_key_is_one_error() {
        let text = with("author: 联合早报\n", "author: 联合早报\nauthor: 联合早报\n");
        assert_eq!(codes(&text), ["FM004"]);
    }

    #[test]
    fn dashes_inside_the_body_do_not_matter() {
        let text = format!("{}\n---\nmore\n---\n", CANON);
        assert_eq!(codes(&text), Vec::<&str>::new());
    }

    /// Collections nested past any real post's depth are refused, like an alias bomb (FM006:
    /// Jekyll's loader cannot build them either), not walked until the stack overflows, which
    /// would abort the whole run.
    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        for (open, close) in [("[", "]"), ("{a: ", "}")] {
            let deep = format!("x: {}1{}\n", open.repeat(2_000), close.repeat(2_000));
            let text = with(
                "categories: [ 联合早报 ]\n",
                &format!("categories: [ 联合早报 ]\n{deep}"),
            );
            assert_eq!(codes(&text), ["FM006"]);
        }
        let fine = with(
            "categories: [ 联合早报 ]\n",
            "categories: [ 联合早报 ]\nx: [[[[1]]]]\n",
        );
        assert_eq!(codes(&fine), Vec::<&str>::new());
    }

    #[test]
    fn tab_indentation_is_invalid_yaml_in_psychs_words() {
        let text = with(
            "categories: [ 联合早报 ]\n",
            "categories: [ 联合早报 ]\nx:\n\t- a\n",
        );
        assert_eq!(codes(&text), ["FM003"]);
        let d = &lint(&text)[0];
        assert!(
            d.message
                .contains("found character that cannot start any token"),
            "{}",
            d.message
        );
        assert_eq!(&text[d.span.clone()], "\t");
        // `--fix` leaves it alone: a space there would make Jekyll read a value it now ignores.
        let fixed = crate::fix::fix_text(
            std::path::Path::new("_posts/2021-07-20-x.md"),
            &text,
            &Default::default(),
            &Default::default(),
            false,
        );
        assert_eq!(fixed.text, text);
    }

    #[test]
    fn a_symbol_is_refused_and_quoted_by_the_fix() {
        let text = with("title: \"中国外交部批美国\"", "title: :rocket");
        assert_eq!(codes(&text), ["FM006"]);
        let d = &lint(&text)[0];
        assert!(
            d.message
                .contains("Tried to load unspecified class: Symbol"),
            "{}",
            d.message
        );
        let fixed = crate::fix::fix_text(
            std::path::Path::new("_posts/2021-07-20-x.md"),
            &text,
            &Default::default(),
            &Default::default(),
            false,
        );
        assert!(
            fixed.text.contains("title: \":rocket\"\n"),
            "{}",
            fixed.text
        );
        assert!(
            fixed
                .remaining
                .iter()
                .all(|d| !d.code().starts_with("FM99")),
            "{:?}",
            fixed.remaining
        );
        // A class tag: reported, not fixed.
        let tagged = with(
            "categories: [ 联合早报 ]\n",
            "categories: [ 联合早报 ]\nobj: !ruby/object:Gem::Installer\n  i: x\n",
        );
        let d = lint(&tagged);
        assert_eq!(d.iter().map(|d| d.code()).collect::<Vec<_>>(), ["FM006"]);
        assert!(d[0].fix.is_none());
    }

    #[test]
    fn a_key_merged_then_set_is_no_duplicate() {
        let text = with("layout: post\n", "<<: {layout: page}\nlayout: post\n");
        assert_eq!(codes(&text), Vec::<&str>::new());
    }

    fn lint(text: &str) -> Vec<crate::diagnostic::Diagnostic> {
        crate::lint::lint_text(
            std::path::Path::new("_posts/2021-07-20-x.md"),
            text,
            &Default::default(),
            &Default::default(),
        )
    }
}
