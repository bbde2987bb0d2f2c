//! The typed reading of configuration YAML: each reader reports a wrong type at the value, in
//! the same words everywhere, and suggests the nearest known key for an unknown one.

use std::sync::Arc;

use crate::config::Selection;
use crate::config::error::ConfigError;
use crate::rules::options::OptionError;
use crate::yaml::{Entry, Node, NodeKind, Scalar};

pub(super) struct Reader<'a> {
    pub(super) path: &'a str,
    pub(super) text: &'a Arc<str>,
    pub(super) errors: Vec<ConfigError>,
}

impl Reader<'_> {
    pub(super) fn error(
        &mut self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) {
        self.errors.push(ConfigError {
            path: self.path.to_string(),
            text: self.text.clone(),
            span,
            message: message.into(),
            label: label.into(),
            help,
        });
    }

    pub(super) fn option_error(&mut self, value: &Node, err: OptionError) {
        let span = err.span.unwrap_or_else(|| value.span.clone());
        self.error(span, err.message, err.label, err.help);
    }

    pub(super) fn line(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())]
            .matches('\n')
            .count()
            + 1
    }

    pub(super) fn string(&mut self, key: &str, node: &Node) -> Option<String> {
        match node.scalar() {
            Some(Scalar::Str(s)) => Some(s.to_string()),
            _ => {
                self.error(
                    node.span.clone(),
                    format!("`{key}` must be a string, found {}", node.type_name()),
                    "expected a string",
                    Some("quote it if YAML reads it as another type".into()),
                );
                None
            }
        }
    }

    pub(super) fn bool(&mut self, key: &str, node: &Node) -> Option<bool> {
        match node.scalar() {
            Some(Scalar::Bool(b)) => Some(*b),
            _ => {
                self.error(
                    node.span.clone(),
                    format!("`{key}` must be true or false, found {}", node.type_name()),
                    "expected true or false",
                    None,
                );
                None
            }
        }
    }

    pub(super) fn strings(&mut self, key: &str, node: &Node) -> Option<Vec<String>> {
        match &node.kind {
            NodeKind::Seq { items, .. } => {
                let mut out = Vec::new();
                for i in items {
                    match i.scalar() {
                        Some(Scalar::Str(s)) => out.push(s.to_string()),
                        _ => {
                            self.error(
                                i.span.clone(),
                                format!(
                                    "`{key}` must be a list of strings; this item is {}",
                                    i.type_name()
                                ),
                                "expected a string",
                                Some("quote it".into()),
                            );
                            return None;
                        }
                    }
                }
                Some(out)
            }
            _ => {
                self.error(
                    node.span.clone(),
                    format!("`{key}` must be a list, found {}", node.type_name()),
                    "expected a list like `[a, b]`",
                    None,
                );
                None
            }
        }
    }

    pub(super) fn entries<'n>(&mut self, key: &str, node: &Node<'n>) -> Option<Vec<Entry<'n>>> {
        match &node.kind {
            NodeKind::Map { entries, .. } => Some(
                entries
                    .iter()
                    .map(|(k, v)| Entry {
                        key: k.display().into(),
                        key_span: k.span.clone(),
                        value: v.clone(),
                        decor: Default::default(),
                    })
                    .collect(),
            ),
            _ => {
                self.error(
                    node.span.clone(),
                    format!("`{key}` must be a mapping, found {}", node.type_name()),
                    "expected `key: value` lines",
                    None,
                );
                None
            }
        }
    }

    pub(super) fn unknown_key(&mut self, e: &Entry, known: &[&str], within: &str) {
        let suggestion = known
            .iter()
            .min_by_key(|k| strsim::levenshtein(k, &e.key))
            .filter(|k| strsim::levenshtein(k, &e.key) <= 3);
        let help = match suggestion {
            Some(s) => format!(
                "did you mean `{s}`? Known keys{within}: {}",
                known.join(", ")
            ),
            None => format!("known keys{within}: {}", known.join(", ")),
        };
        self.error(
            e.key_span.clone(),
            format!("unknown key `{}`{within}", e.key),
            "not a configuration key",
            Some(help),
        );
    }

    pub(super) fn selectors(&mut self, key: &str, node: &Node) -> Option<Vec<String>> {
        let list = self.strings(key, node)?;
        let NodeKind::Seq { items, .. } = &node.kind else {
            return None;
        };
        let mut ok = true;
        for (s, item) in list.iter().zip(items) {
            if let Err(e) = Selection::rules_matching(s) {
                self.error(
                    item.span.clone(),
                    format!("unknown rule `{s}`"),
                    "matches no rule",
                    Some(e),
                );
                ok = false;
            }
        }
        ok.then_some(list)
    }
}
