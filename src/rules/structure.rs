//! FM0xx: whether the file has a front matter Jekyll can read at all. These rules gate the
//! others: without a mapping there is nothing to judge.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, quote};
use crate::post::{Post, Split};
use crate::rules::rule;
use crate::yaml::Document;

rule!(
    IO_ERROR,
    "FM000",
    "io-error",
    Error,
    None,
    "The file cannot be read, is not a regular file, links out of its site, or is not UTF-8"
);
rule!(
    MISSING_FRONT_MATTER,
    "FM001",
    "missing-front-matter",
    Error,
    None,
    "The post does not open with a front-matter line"
);
rule!(
    UNTERMINATED_FRONT_MATTER,
    "FM002",
    "unterminated-front-matter",
    Error,
    None,
    "The front matter has no closing `---` line"
);
rule!(
    INVALID_YAML,
    "FM003",
    "invalid-yaml",
    Error,
    None,
    "The front matter is not valid YAML"
);
rule!(
    DUPLICATE_KEY,
    "FM004",
    "duplicate-key",
    Error,
    None,
    "A top-level key appears twice"
);
rule!(
    NOT_A_MAPPING,
    "FM005",
    "not-a-mapping",
    Error,
    None,
    "The front matter is not a key/value mapping"
);

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
                .help("Jekyll still publishes the post, but with no title and dated at build time"),
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
            for (i, e) in entries.iter().enumerate() {
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
}
