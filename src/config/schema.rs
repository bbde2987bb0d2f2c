//! The JSON Schema of the configuration, made from the configuration's own keys and each
//! rule's options, so it cannot drift from what fmlint reads. `schema/fmlint.schema.json` is
//! this, committed for editors; a test keeps the two equal (`FMLINT_BLESS=1` rewrites it).

use serde_json::{Map, Value, json};

use crate::registry::REGISTRY;
use crate::rules::options::schema_of;

fn defs() -> Value {
    let severity = json!({"$ref": "#/$defs/severity"});
    let mut rules = Map::new();
    for r in REGISTRY {
        let one = json!({
            "description": format!("{} {}: {}", r.code, r.name, r.summary),
            "oneOf": [severity.clone(), schema_of(r.id, severity.clone())],
        });
        rules.insert(r.code.into(), one.clone());
        rules.insert(r.name.into(), one);
    }
    json!({
        "stringList": {"type": "array", "items": {"type": "string"}},
        "selector": {
            "type": "string",
            "description": "A rule code (FM201), a rule name (date-format) or a code prefix (FM2, FM).",
            "pattern": "^(FM[0-9]{0,3}|[a-z][a-z0-9-]*)$"
        },
        "severity": {"enum": ["error", "warning", "off", false]},
        "offset": {"type": "string", "pattern": "^(Z|[+-][0-9]{2}:?[0-9]{2})$"},
        "field": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "type": {"enum": ["string", "number", "bool", "date", "list", "map"]},
                "enum": {"type": "array"},
                "pattern": {
                    "type": "string",
                    "description": "A regular expression the value must match (anchors are yours)."
                },
                "non-empty": {"type": "boolean"},
                "nullable": {"type": "boolean"},
                "present": {"type": "boolean", "description": "The key must exist."},
                "path": {
                    "type": "string",
                    "description": "A glob with one {name} capture that the value must equal, relative to the site root."
                },
                "offset": {
                    "oneOf": [
                        {"$ref": "#/$defs/offset"},
                        {"type": "array", "items": {"$ref": "#/$defs/offset"}}
                    ]
                }
            }
        },
        "requiredSetting": {
            "$ref": "#/$defs/stringList",
            "description": "Fields every post must have (FM101)."
        },
        "layoutsSetting": {"$ref": "#/$defs/stringList", "description": "Allowed layouts (FM104)."},
        "timezoneSetting": {
            "type": "string",
            "description": "IANA zone; else _config.yml's timezone, else UTC."
        },
        "selectors": {"type": "array", "items": {"$ref": "#/$defs/selector"}},
        "rulesSetting": {
            "type": "object",
            "additionalProperties": false,
            "properties": rules,
        },
        "fieldsSetting": {"type": "object", "additionalProperties": {"$ref": "#/$defs/field"}}
    })
}

/// The settings an `overrides:` entry and the whole file share.
fn layer_properties() -> Map<String, Value> {
    let mut p = Map::new();
    for (key, def) in [
        ("required", "requiredSetting"),
        ("layouts", "layoutsSetting"),
        ("timezone", "timezoneSetting"),
        ("select", "selectors"),
        ("ignore", "selectors"),
        ("rules", "rulesSetting"),
        ("fields", "fieldsSetting"),
    ] {
        p.insert(key.into(), json!({"$ref": format!("#/$defs/{def}")}));
    }
    p
}

pub fn json_schema() -> Value {
    let mut props = layer_properties();
    props.insert(
        "yaml-loader".into(),
        json!({
            "enum": ["psych", "safe_yaml"],
            "default": "psych",
            "description": "Which YAML loader the site's Jekyll uses: psych (Psych.safe_load: Jekyll's main branch, Debian's Jekyll 4.3.1) or safe_yaml (the safe_yaml gem: the released Jekyll 4.3 gems, GitHub Pages). fmlint reads every post as this loader does; FM007 reports posts the other reads otherwise. Whole-site only."
        }),
    );
    let mut over = layer_properties();
    over.insert(
        "paths".into(),
        json!({
            "$ref": "#/$defs/stringList",
            "description": "Globs on the post's path relative to the site root."
        }),
    );
    props.insert(
        "overrides".into(),
        json!({
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["paths"],
                "properties": over,
            }
        }),
    );
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://fmlint.invalid/schema/fmlint.schema.json",
        "title": "fmlint configuration (.fmlint.yml, or the fmlint: key of _config.yml)",
        "type": "object",
        "additionalProperties": false,
        "$defs": defs(),
        "properties": props,
    })
}

/// The schema as committed: pretty JSON, two-space indents, a final newline.
pub fn json_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&json_schema()).expect("a JSON value prints");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_schema_is_the_generated_one() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/fmlint.schema.json");
        let want = json_schema_text();
        if std::env::var_os("FMLINT_BLESS").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let got = std::fs::read_to_string(path).unwrap();
        assert!(
            got == want,
            "schema/fmlint.schema.json is stale: run FMLINT_BLESS=1 cargo test --lib config::schema"
        );
    }

    #[test]
    fn every_rule_key_and_option_is_in_the_schema() {
        let s = json_schema();
        let rules = &s["$defs"]["rulesSetting"]["properties"];
        for r in REGISTRY {
            let opts = &rules[r.code]["oneOf"][1]["properties"];
            assert!(opts["severity"].is_object(), "{}", r.code);
            for k in crate::rules::options_spec(r.id).map_or(&[][..], |s| s.keys) {
                assert!(opts[*k].is_object(), "{} {k}", r.code);
            }
        }
        let top: Vec<&String> = s["properties"].as_object().unwrap().keys().collect();
        for k in super::super::load::KEYS {
            assert!(top.iter().any(|t| *t == k), "{k}");
        }
    }
}
