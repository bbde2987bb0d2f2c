//! The keys of a configuration file and of one `overrides:` entry.

use globset::{Glob, GlobSetBuilder};

use super::layer::{At, Layer, Override};
use super::reader::Reader;
use super::{KEYS, MAX_OVERRIDES, OVERRIDE_KEYS};
use crate::yaml::{Entry, Loader, Node, NodeKind};
use crate::zone::Tz;

impl Reader<'_> {
    pub(super) fn layer(&mut self, origin: &str, entries: &[Entry], in_override: bool) -> Layer {
        let mut layer = Layer {
            origin: origin.to_string(),
            ..Default::default()
        };
        let mut seen = std::collections::HashSet::new();
        for e in entries {
            if !seen.insert(e.key.clone()) {
                self.error(
                    e.key_span.clone(),
                    format!("`{}` is set twice", e.key),
                    "set again here",
                    None,
                );
                continue;
            }
            let line = self.line(e.key_span.start);
            let v = &e.value;
            match &*e.key {
                "yaml-loader" if !in_override => {
                    if let Some(name) = self.string("yaml-loader", v) {
                        match name.as_str() {
                            "psych" => layer.yaml_loader = Some(At { value: Loader::Psych, line }),
                            "safe_yaml" => {
                                layer.yaml_loader = Some(At {
                                    value: Loader::SafeYaml,
                                    line,
                                })
                            }
                            other => self.error(
                                v.span.clone(),
                                format!("unknown yaml-loader `{other}`"),
                                "expected `psych` or `safe_yaml`",
                                Some("`psych`: Jekyll's main branch and Debian's Jekyll; `safe_yaml`: the released Jekyll gems and GitHub Pages".into()),
                            ),
                        }
                    }
                }
                "required" => {
                    layer.required = self.strings("required", v).map(|value| At { value, line })
                }
                "layouts" => {
                    layer.layouts = self.strings("layouts", v).map(|value| At { value, line })
                }
                "timezone" => {
                    if let Some(name) = self.string("timezone", v) {
                        match name.parse::<Tz>() {
                            Ok(tz) => layer.timezone = Some(At { value: tz, line }),
                            Err(_) => self.error(
                                v.span.clone(),
                                format!("`{name}` is not an IANA time zone"),
                                "unknown time zone",
                                Some("e.g. `UTC`, `Asia/Singapore`, `Europe/Berlin`".into()),
                            ),
                        }
                    }
                }
                "select" => {
                    layer.select = self.selectors("select", v).map(|value| At { value, line })
                }
                "ignore" => {
                    layer.ignore = self.selectors("ignore", v).map(|value| At { value, line })
                }
                "rules" => {
                    if let Some(rs) = self.entries("rules", v) {
                        for r in &rs {
                            if let Some(setting) = self.rule_setting(r) {
                                layer.rules.push(setting);
                            }
                        }
                    }
                }
                "fields" => {
                    if let Some(fs) = self.entries("fields", v) {
                        for f in &fs {
                            if let Some(spec) = self.field_spec(f) {
                                layer.fields.push((
                                    f.key.to_string(),
                                    At {
                                        value: spec,
                                        line: self.line(f.key_span.start),
                                    },
                                ));
                            }
                        }
                    }
                }
                "overrides" if !in_override => {
                    if let NodeKind::Seq { items, .. } = &v.kind {
                        for (n, item) in items.iter().enumerate() {
                            if n == MAX_OVERRIDES {
                                self.error(
                                    item.span.clone(),
                                    format!("at most {MAX_OVERRIDES} overrides are allowed"),
                                    "one too many",
                                    Some("merge overrides: one entry takes many `paths`".into()),
                                );
                                break;
                            }
                            if let Some(o) = self.override_entry(origin, n, item) {
                                layer.overrides.push(At {
                                    value: o,
                                    line: self.line(item.span.start),
                                });
                            }
                        }
                    } else {
                        self.error(
                            v.span.clone(),
                            format!("`overrides` must be a list, found {}", v.type_name()),
                            "expected a list of `- paths: […]` entries",
                            None,
                        );
                    }
                }
                "paths" if in_override => {}
                _ => self.unknown_key(
                    e,
                    if in_override {
                        &OVERRIDE_KEYS[..]
                    } else {
                        &KEYS[..]
                    },
                    if in_override { " in an override" } else { "" },
                ),
            }
        }
        layer
    }

    fn override_entry(&mut self, origin: &str, n: usize, item: &Node) -> Option<Override> {
        let entries = self.entries("an override", item)?;
        let Some(paths) = entries.iter().find(|e| e.key == "paths") else {
            self.error(
                item.span.clone(),
                "an override needs `paths`",
                "no `paths` here",
                Some("e.g. `paths: [\"_drafts/**\"]`".into()),
            );
            return None;
        };
        let patterns = self.strings("paths", &paths.value)?;
        let mut builder = GlobSetBuilder::new();
        let mut ok = true;
        if let NodeKind::Seq { items, .. } = &paths.value.kind {
            for (p, node) in patterns.iter().zip(items) {
                match Glob::new(p) {
                    Ok(g) => {
                        builder.add(g);
                    }
                    Err(e) => {
                        self.error(
                            node.span.clone(),
                            format!("`{p}` is not a valid glob: {}", e.kind()),
                            "bad glob",
                            None,
                        );
                        ok = false;
                    }
                }
            }
        }
        let globs = builder.build().ok()?;
        let layer = self.layer(&format!("{origin} override #{}", n + 1), &entries, true);
        ok.then_some(Override {
            patterns,
            globs,
            layer,
        })
    }
}
