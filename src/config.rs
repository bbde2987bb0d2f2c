//! The settings rules read. Defaults are the canonical profile: the seed post lints clean.

use chrono_tz::Tz;

use crate::rules::{self, Rule};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermPolicy {
    Equal,
    CategoriesInTags,
    TagsInCategories,
    Off,
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
        }
    }
}

/// Which rules are on: one bit per registry entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection(u64);

impl Selection {
    pub fn all() -> Self {
        Selection(if rules::REGISTRY.len() >= 64 {
            u64::MAX
        } else {
            (1u64 << rules::REGISTRY.len()) - 1
        })
    }

    pub fn none() -> Self {
        Selection(0)
    }

    pub fn contains(&self, rule: &Rule) -> bool {
        rules::index_of(rule).is_some_and(|i| self.0 & (1 << i) != 0)
    }

    /// Starts from `select` (all rules when empty) and removes `ignore`. Each selector is a code
    /// (`FM201`), a name (`date-format`) or a code prefix (`FM2`, `FM`).
    pub fn from_selectors(select: &[String], ignore: &[String]) -> Result<Self, String> {
        let mut sel = if select.is_empty() {
            Selection::all()
        } else {
            let mut s = Selection::none();
            for sel in select {
                s.0 |= Self::matching(sel)?;
            }
            s
        };
        for ign in ignore {
            sel.0 &= !Self::matching(ign)?;
        }
        Ok(sel)
    }

    fn matching(selector: &str) -> Result<u64, String> {
        let upper = selector.to_ascii_uppercase();
        let mut bits = 0u64;
        for (i, r) in rules::REGISTRY.iter().enumerate() {
            if r.name == selector || (upper.starts_with("FM") && r.code.starts_with(&upper)) {
                bits |= 1 << i;
            }
        }
        if bits == 0 {
            Err(format!(
                "`{selector}` matches no rule: expected a code (FM201), a name (date-format) or a code prefix (FM2); `fmlint --help` lists where to find them"
            ))
        } else {
            Ok(bits)
        }
    }
}
