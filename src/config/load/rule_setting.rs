//! One `rules:` entry: `FM104: off`, `FM203: error`, or a mapping of `severity` and the rule's
//! own options, which the rule itself judges (`rules::options`).

use super::layer::{At, RuleSetting};
use super::reader::Reader;
use crate::diagnostic::Severity;
use crate::registry::{self, Rule};
use crate::yaml::{Entry, NodeKind, Scalar};

impl Reader<'_> {
    pub(super) fn rule_setting(&mut self, e: &Entry) -> Option<(&'static Rule, At<RuleSetting>)> {
        let line = self.line(e.key_span.start);
        let Some(rule) = registry::find(&e.key) else {
            self.error(
                e.key_span.clone(),
                format!("unknown rule `{}`", e.key),
                "no such rule",
                Some("`fmlint rules` lists every code and name".into()),
            );
            return None;
        };
        let mut s = RuleSetting::default();
        match &e.value.kind {
            NodeKind::Scalar { .. } => {
                // `FM104: off`, `FM203: error`; YAML 1.1 reads a bare `off` as false.
                match e.value.scalar() {
                    Some(Scalar::Bool(false)) => s.off = true,
                    Some(Scalar::Str(v)) if v == "off" => s.off = true,
                    Some(Scalar::Str(v)) if v == "error" => s.severity = Some(Severity::Error),
                    Some(Scalar::Str(v)) if v == "warning" => s.severity = Some(Severity::Warning),
                    _ => {
                        self.error(
                            e.value.span.clone(),
                            format!(
                                "`{}` takes `off`, `error`, `warning` or a mapping of options",
                                e.key
                            ),
                            "expected off, error, warning or { … }",
                            None,
                        );
                        return None;
                    }
                }
            }
            NodeKind::Map { .. } => {
                let opts = self.entries(&e.key, &e.value)?;
                let spec = crate::rules::options_spec(rule.id);
                let allowed: Vec<&str> = std::iter::once("severity")
                    .chain(spec.iter().flat_map(|s| s.keys.iter().copied()))
                    .collect();
                for o in &opts {
                    if !allowed.contains(&&*o.key) {
                        self.unknown_key(o, &allowed, &format!(" for {} {}", rule.code, rule.name));
                        continue;
                    }
                    let v = &o.value;
                    match (&*o.key, spec) {
                        ("severity", _) => match v.scalar() {
                            Some(Scalar::Str(x)) if x == "error" => {
                                s.severity = Some(Severity::Error)
                            }
                            Some(Scalar::Str(x)) if x == "warning" => {
                                s.severity = Some(Severity::Warning)
                            }
                            Some(Scalar::Str(x)) if x == "off" => s.off = true,
                            Some(Scalar::Bool(false)) => s.off = true,
                            _ => self.error(
                                v.span.clone(),
                                "`severity` is `error`, `warning` or `off`",
                                "unknown severity",
                                None,
                            ),
                        },
                        (key, Some(spec)) => {
                            // The rule judges its own option; a good value is kept as written
                            // and set again on each post's settings, layer over layer.
                            match (spec.default)().set(key, v) {
                                Ok(()) => s.options.push((key.to_string(), v.clone().into_owned())),
                                Err(err) => self.option_error(v, err),
                            }
                        }
                        (_, None) => {}
                    }
                }
            }
            _ => {
                self.error(
                    e.value.span.clone(),
                    format!(
                        "`{}` takes `off`, `error`, `warning` or a mapping of options",
                        e.key
                    ),
                    "expected a mapping",
                    None,
                );
                return None;
            }
        }
        Some((rule, At { value: s, line }))
    }
}
