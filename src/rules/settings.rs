//! What the rules read besides the post: the site's profile (required fields, layouts, the
//! field schema, the timezone, the YAML loader) and each rule's selection, severity and
//! options. Defaults are the canonical profile: the seed post lints clean under them.
//! `config` fills it from the configuration files; it knows no rule.

use std::path::PathBuf;

use super::options::{OptionStore, Options};
use super::schema_fields::FieldSpec;
use crate::registry::{REGISTRY, Rule, RuleId, Selection, Severity};
use crate::zone::Tz;

#[derive(Debug, Clone)]
pub struct Settings {
    pub required: Vec<String>,
    pub layouts: Vec<String>,
    /// Overrides the site's `timezone:` when set.
    pub timezone: Option<Tz>,
    pub selection: Selection,
    /// Severity per rule (indexed like `registry::REGISTRY`) where configuration changed it.
    pub severity: Vec<Option<Severity>>,
    /// The field schema (FM7xx), in the order the configuration gives it.
    pub fields: Vec<(String, FieldSpec)>,
    /// The YAML loader whose reading fmlint reports (and `inspect` shows).
    pub yaml_loader: crate::yaml::Loader,
    /// The folder that `path` patterns of the field schema are relative to (the site's root).
    pub root: Option<PathBuf>,
    /// Each rule's own options (`rules: { FM403: { max-skew: 24h } }`).
    pub options: OptionStore,
}

impl Settings {
    pub fn severity_of(&self, rule: &Rule) -> Severity {
        self.severity
            .get(rule.index())
            .copied()
            .flatten()
            .unwrap_or(rule.severity)
    }

    /// The options of `rule`, whose type is `T`.
    pub fn options<T: Options>(&self, rule: RuleId) -> &T {
        self.options.get(rule)
    }
}

pub const CANONICAL_ORDER: [&str; 7] = [
    "layout",
    "title",
    "date",
    "author",
    "from",
    "tags",
    "categories",
];

impl Default for Settings {
    fn default() -> Self {
        Settings {
            required: CANONICAL_ORDER.iter().map(|s| s.to_string()).collect(),
            layouts: vec!["post".into()],
            timezone: None,
            selection: Selection::all(),
            severity: vec![None; REGISTRY.len()],
            fields: Vec::new(),
            yaml_loader: crate::yaml::Loader::Psych,
            root: None,
            options: OptionStore::default(),
        }
    }
}
