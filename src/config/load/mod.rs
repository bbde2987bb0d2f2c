//! Reading a configuration file (`.fmlint.yml`, or the `fmlint:` key of `_config.yml`) into a
//! layer of settings. Every unknown key, wrong type, unknown rule, bad duration, bad glob or bad
//! pattern is an error that points into the file; nothing is silently ignored.
//!
//! `reader` holds the typed YAML reading and its error messages, `layer_keys` the keys of a
//! file and of an `overrides:` entry, `rule_setting` a `rules:` entry (the rule judges its own
//! options), `field_spec` a `fields:` entry, `layer` what a file sets and how it folds into
//! the settings.

use std::sync::Arc;

use super::error::ConfigError;
use crate::yaml::{self, Document, Entry};

mod field_spec;
mod layer;
mod layer_keys;
mod reader;
mod rule_setting;

pub use field_spec::parse_offset;
pub use layer::{At, Layer, Override, Provenance, RuleSetting};
use reader::Reader;

/// Which overrides match a post is kept as 64 bits (settings are cached per combination).
pub const MAX_OVERRIDES: usize = 64;

pub const KEYS: [&str; 9] = [
    "yaml-loader",
    "required",
    "layouts",
    "timezone",
    "select",
    "ignore",
    "rules",
    "fields",
    "overrides",
];
const OVERRIDE_KEYS: [&str; 8] = [
    "paths", "required", "layouts", "timezone", "select", "ignore", "rules", "fields",
];
const FIELD_KEYS: [&str; 8] = [
    "type",
    "enum",
    "pattern",
    "non-empty",
    "nullable",
    "present",
    "path",
    "offset",
];

/// Reads a configuration file's text. `key` names the key holding fmlint's settings inside a
/// larger file (`fmlint` in `_config.yml`); None reads the whole file. `Ok(None)` when the key
/// is absent.
pub fn parse(
    path_shown: &str,
    text: Arc<str>,
    key: Option<&str>,
) -> Result<Option<Layer>, Vec<ConfigError>> {
    let body = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    let doc = yaml::parse(&text, body..text.len()).map_err(|e| {
        vec![ConfigError {
            path: path_shown.to_string(),
            text: text.clone(),
            span: e.offset..e.offset,
            message: format!("not valid YAML: {}", e.message),
            label: e.message.clone(),
            help: None,
        }]
    })?;
    let mut r = Reader {
        path: path_shown,
        text: &text,
        errors: Vec::new(),
    };
    let entries: Vec<Entry> = match (doc, key) {
        (Document::Empty, None) => Vec::new(),
        (Document::Mapping(es), None) => es,
        (Document::Mapping(es), Some(k)) => match es.into_iter().rev().find(|e| e.key == k) {
            None => return Ok(None),
            Some(e) if e.value.is_null() => Vec::new(),
            Some(e) => match r.entries(k, &e.value) {
                Some(es) => es,
                None => return Err(r.errors),
            },
        },
        (Document::Empty, Some(_)) => return Ok(None),
        (Document::Other(n), _) => {
            r.error(
                n.span.clone(),
                "a configuration must be a mapping of `key: value` lines",
                "expected a mapping",
                None,
            );
            return Err(r.errors);
        }
    };
    let origin = match key {
        Some(k) => format!("{path_shown} ({k}:)"),
        None => path_shown.to_string(),
    };
    let layer = r.layer(&origin, &entries, false);
    if r.errors.is_empty() {
        Ok(Some(layer))
    } else {
        Err(r.errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn errors(text: &str) -> Vec<String> {
        match parse(".fmlint.yml", Arc::from(text), None) {
            Ok(_) => vec![],
            Err(es) => es.iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn reads_the_documented_example() {
        let text = "required: [layout, title, date, author, from, tags, categories]\nlayouts: [post]\ntimezone: Asia/Singapore\nselect: [FM]\nignore: [FM604]\nrules:\n  FM403: { severity: warning, max-skew: 24h }\n  FM501: { policy: equal }\n  FM601: { order: [layout, title, date, author, from, tags, categories] }\n  FM104: off\noverrides:\n  - paths: [\"_drafts/**\"]\n    required: [title]\n    ignore: [FM203]\nfields:\n  lang: { type: string, non-empty: true, path: \"{lang}/news/_posts/**\" }\n  translator: { present: true, nullable: true, type: string }\n  date: { type: date, offset: \"+00:00\" }\n  version: { type: string, pattern: \"^\\\\d+\\\\.\\\\d+\\\\.\\\\d+$\" }\n  layout: { enum: [news_post] }\n";
        let layer = parse(".fmlint.yml", Arc::from(text), None)
            .unwrap()
            .unwrap();
        let mut s = Settings::default();
        layer.apply(&mut s, None);
        assert_eq!(s.timezone, Some("Asia/Singapore".parse().unwrap()));
        assert!(
            !s.selection
                .contains(crate::registry::RuleId::Whitespace.rule())
        );
        assert!(
            !s.selection
                .contains(crate::registry::RuleId::UnknownLayout.rule())
        );
        assert_eq!(
            s.options
                .get::<crate::rules::timestamp::TimestampSkewOptions>(
                    crate::registry::RuleId::TimestampSkew
                )
                .max_skew_ms,
            24 * 3_600_000
        );
        assert_eq!(s.fields.len(), 5);
        assert_eq!(layer.overrides.len(), 1);
    }

    #[test]
    fn every_mistake_points_at_its_place() {
        assert_eq!(
            errors("requird: [title]\n"),
            [".fmlint.yml:1:1: unknown key `requird`"]
        );
        assert_eq!(
            errors("required: title\n"),
            [".fmlint.yml:1:11: `required` must be a list, found a string"]
        );
        assert_eq!(
            errors("select: [FM9x]\n"),
            [".fmlint.yml:1:10: unknown rule `FM9x`"]
        );
        assert_eq!(
            errors("rules:\n  FM403: { max-skew: 24 hours }\n"),
            [".fmlint.yml:2:22: `24 hours` is not a duration"]
        );
        assert_eq!(
            errors("rules:\n  FM777: off\n"),
            [".fmlint.yml:2:3: unknown rule `FM777`"]
        );
        assert_eq!(
            errors("overrides:\n  - paths: [\"a/[\"]\n"),
            [".fmlint.yml:2:13: `a/[` is not a valid glob: unclosed character class; missing ']'"]
        );
        assert_eq!(
            errors("timezone: Mars/Base\n"),
            [".fmlint.yml:1:11: `Mars/Base` is not an IANA time zone"]
        );
        assert_eq!(
            errors("fields:\n  v: { pattern: \"(\" }\n"),
            [".fmlint.yml:2:17: `(` is not a valid regular expression"]
        );
        assert_eq!(
            errors("rules:\n  FM201: { max-skew: 1h }\n"),
            [".fmlint.yml:2:12: unknown key `max-skew` for FM201 date-format"]
        );
        assert_eq!(errors("a: 1\nb: 2\n").len(), 2);
    }

    #[test]
    fn date_form_option() {
        let layer = parse(
            ".fmlint.yml",
            Arc::from("rules:\n  FM201: { form: ruby }\n"),
            None,
        )
        .unwrap()
        .unwrap();
        let mut s = Settings::default();
        layer.apply(&mut s, None);
        assert_eq!(
            s.options
                .get::<crate::rules::dates::DateFormatOptions>(crate::registry::RuleId::DateFormat)
                .form,
            crate::config::DateForm::Ruby
        );
        assert_eq!(
            errors("rules:\n  FM201: { form: iso }\n"),
            [".fmlint.yml:2:18: unknown date form `iso`"]
        );
        assert_eq!(
            errors("rules:\n  FM202: { form: ruby }\n"),
            [".fmlint.yml:2:12: unknown key `form` for FM202 invalid-date"]
        );
    }

    #[test]
    fn durations_and_offsets() {
        assert_eq!(parse_offset("+08:00"), Some(28800));
        assert_eq!(parse_offset("-0530"), Some(-19800));
        assert_eq!(parse_offset("8"), None);
    }
}
