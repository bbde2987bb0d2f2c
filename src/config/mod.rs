//! The settings rules read, and where they come from. Defaults are the canonical profile: the
//! seed post lints clean under them. `load` reads a configuration file into a layer, `resolve`
//! finds the layers that apply to a post and folds them into its `Settings`.

use std::path::PathBuf;

use chrono_tz::Tz;

use crate::diagnostic::Severity;
use crate::registry::{REGISTRY, Rule, RuleId, RuleSet};

pub mod date_form;
pub mod error;
pub mod fields;
pub mod load;
pub mod resolve;

pub use date_form::DateForm;
pub use fields::{FieldSpec, FieldType};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermPolicy {
    Equal,
    CategoriesInTags,
    TagsInCategories,
    Off,
}

/// What FM604 looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhitespaceScope {
    FrontMatter,
    /// The whole file: trailing whitespace in the body too (reported, never fixed there).
    File,
}

/// Which line endings FM604 accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEndings {
    /// Either, as long as they are not mixed.
    Any,
    Lf,
    Crlf,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub required: Vec<String>,
    pub layouts: Vec<String>,
    /// Overrides the site's `timezone:` when set.
    pub timezone: Option<Tz>,
    pub max_skew_ms: i64,
    pub term_policy: TermPolicy,
    pub key_order: Vec<String>,
    pub selection: Selection,
    /// Severity per rule (indexed like `REGISTRY`) where configuration changed it.
    pub severity: Vec<Option<Severity>>,
    /// The field schema (FM7xx), in the order the configuration gives it.
    pub fields: Vec<(String, FieldSpec)>,
    pub whitespace_scope: WhitespaceScope,
    pub line_endings: LineEndings,
    /// The written form FM201 asks `date` to have.
    pub date_form: DateForm,
    /// The YAML loader whose reading fmlint reports (and `inspect` shows).
    pub yaml_loader: crate::yaml::Loader,
    /// The folder that `path` patterns of the field schema are relative to (the site's root).
    pub root: Option<PathBuf>,
}

impl Settings {
    pub fn severity_of(&self, rule: &Rule) -> Severity {
        self.severity
            .get(rule.index())
            .copied()
            .flatten()
            .unwrap_or(rule.severity)
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
            max_skew_ms: 24 * 3600 * 1000,
            term_policy: TermPolicy::Equal,
            key_order: CANONICAL_ORDER.iter().map(|s| s.to_string()).collect(),
            selection: Selection::all(),
            severity: vec![None; REGISTRY.len()],
            fields: Vec::new(),
            whitespace_scope: WhitespaceScope::FrontMatter,
            line_endings: LineEndings::Any,
            date_form: DateForm::Rfc3339,
            yaml_loader: crate::yaml::Loader::Psych,
            root: None,
        }
    }
}

/// Which rules are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection(RuleSet);

impl Selection {
    pub fn all() -> Self {
        Selection(RuleSet::all())
    }

    pub fn none() -> Self {
        Selection(RuleSet::empty())
    }

    pub fn insert(&mut self, rule: &Rule) {
        self.0.insert(rule.id);
    }

    pub fn remove(&mut self, rule: &Rule) {
        self.0.remove(rule.id);
    }

    pub fn rules(&self) -> RuleSet {
        self.0
    }

    /// The rules a selector names, or why it names none.
    pub fn rules_matching(selector: &str) -> Result<Vec<&'static Rule>, String> {
        Ok(Self::matching(selector)?.iter().map(RuleId::rule).collect())
    }

    pub fn contains(&self, rule: &Rule) -> bool {
        self.0.contains(rule.id)
    }

    /// Starts from `select` (all rules when empty) and removes `ignore`. Each selector is a code
    /// (`FM201`), a name (`date-format`) or a code prefix (`FM2`, `FM`).
    pub fn from_selectors(select: &[String], ignore: &[String]) -> Result<Self, String> {
        let mut sel = if select.is_empty() {
            RuleSet::all()
        } else {
            let mut s = RuleSet::empty();
            for sel in select {
                s |= Self::matching(sel)?;
            }
            s
        };
        for ign in ignore {
            sel -= Self::matching(ign)?;
        }
        Ok(Selection(sel))
    }

    fn matching(selector: &str) -> Result<RuleSet, String> {
        let upper = selector.to_ascii_uppercase();
        let set: RuleSet = REGISTRY
            .iter()
            .filter(|r| r.name == selector || (upper.starts_with("FM") && r.code.starts_with(&upper)))
            .map(|r| r.id)
            .collect();
        if set.is_empty() {
            Err(format!(
                "`{selector}` matches no rule: expected a code (FM201), a name (date-format) or a code prefix (FM2); `fmlint --help` lists where to find them"
            ))
        } else {
            Ok(set)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_selection_bit() {
        let all = Selection::all();
        assert!(REGISTRY.iter().all(|r| all.contains(r)));
        let mut none = Selection::none();
        let last = REGISTRY[REGISTRY.len() - 1];
        none.insert(last);
        assert!(none.contains(last) && !none.contains(REGISTRY[0]));
    }
}
