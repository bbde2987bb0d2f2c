//! The rule registry: every rule's data, one line a rule, and the types that name rules.
//!
//! A leaf: nothing here imports the rest of the crate, so configuration, rules, reports and
//! the server can all name rules without depending on one another. A rule's line gives its
//! code, its name (the page `rules/CODE-name.md` is built in from them: a rule without a page
//! does not compile), its default severity, the fix it promises, the rules it yields to, and
//! its one-line summary. Its check, options and tests live in `src/rules/<family>/`.

use enumset::{EnumSet, EnumSetType};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether the catalogue promises a fix, and of which kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixability {
    None,
    Safe,
    Unsafe,
    /// Safe or unsafe depending on the input (FM201: whether the instant depends on the machine).
    Sometimes,
}

impl Fixability {
    pub fn as_str(self) -> &'static str {
        match self {
            Fixability::None => "none",
            Fixability::Safe => "safe",
            Fixability::Unsafe => "unsafe",
            Fixability::Sometimes => "safe or unsafe",
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: RuleId,
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub fix: Fixability,
    /// The rules that report the same root cause better: where one of them (when selected)
    /// reports on the same subject (the same top-level key), this rule stays silent. Applied
    /// once, after every check has run (`lint::supersede`).
    pub superseded_by: &'static [RuleId],
    /// One line for tables and SARIF's short description.
    pub summary: &'static str,
    /// The rule's page in `rules/`, built into the binary.
    pub doc: &'static str,
}

/// A set of rules: which are selected, which fired.
pub type RuleSet = EnumSet<RuleId>;

macro_rules! registry {
    ($($code:ident $id:ident $name:literal $sev:ident $fix:ident [$($sup:ident),*] $summary:literal;)*) => {
        /// Every rule, in code order. `RuleId as usize` indexes [`REGISTRY`].
        #[derive(Debug, Hash, PartialOrd, Ord, EnumSetType)]
        pub enum RuleId { $($id),* }

        $(
            pub static $code: Rule = Rule {
                id: RuleId::$id,
                code: stringify!($code),
                name: $name,
                severity: Severity::$sev,
                fix: Fixability::$fix,
                superseded_by: &[$(RuleId::$sup),*],
                summary: $summary,
                doc: include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/rules/",
                    stringify!($code),
                    "-",
                    $name,
                    ".md"
                )),
            };
        )*

        pub static REGISTRY: &[&Rule] = &[$(&$code),*];
    };
}

// code  id  name  severity  fix  [superseded by]  summary
registry! {
    FM000 IoError "io-error" Error None [] "The file cannot be read, is not a regular file, links out of its site, or is not UTF-8";
    FM001 MissingFrontMatter "missing-front-matter" Error None [] "The post does not open with a front-matter line";
    FM002 UnterminatedFrontMatter "unterminated-front-matter" Error None [] "The front matter has no closing `---` line";
    FM003 InvalidYaml "invalid-yaml" Error None [] "The front matter is not valid YAML";
    FM004 DuplicateKey "duplicate-key" Error None [] "A top-level key appears twice";
    FM005 NotAMapping "not-a-mapping" Error None [] "The front matter is not a key/value mapping";
    FM006 RefusedValue "refused-value" Error Sometimes [] "Jekyll's YAML loader refuses a value: a Ruby symbol, a class tag, an unknown alias";
    FM007 LoaderDifference "loader-difference" Warning Sometimes [] "Psych (current Jekyll) and safe_yaml (GitHub Pages) read the front matter differently";
    FM101 MissingField "missing-field" Error None [] "A required field is absent";
    FM102 EmptyField "empty-field" Error None [InvalidDate] "A required field is null, \"\" or []";
    FM103 WrongType "wrong-type" Error Safe [] "A field has a type Jekyll will misread (a number or boolean for a title)";
    FM104 UnknownLayout "unknown-layout" Warning None [] "The layout is not one of the allowed layouts";
    FM201 DateFormat "date-format" Error Sometimes [] "The date is valid but not RFC 3339 with an explicit offset";
    FM202 InvalidDate "invalid-date" Error None [] "The date is not one Jekyll can read, or a day that does not exist";
    FM203 FilenameDateMismatch "filename-date-mismatch" Warning None [] "The file name's date is another day than the date in the site's timezone";
    FM204 UndatedFilename "undated-filename" Error None [] "A file under _posts whose name does not start with YYYY-MM-DD-";
    FM301 InvalidUrl "invalid-url" Error None [] "`from` is not an absolute http or https URL";
    FM302 MissingHeaderLink "missing-header-link" Error Safe [] "No `[title](from)` link underlined by dashes after the front matter";
    FM303 HeaderUrlMismatch "header-url-mismatch" Error Safe [] "The header link's URL is not `from`";
    FM304 HeaderTitleMismatch "header-title-mismatch" Error Safe [] "The header link's text is not the title";
    FM401 MissingTimestamp "missing-timestamp" Error Sometimes [] "No `<!--epoch-ms-->` comment right after the front matter";
    FM402 InvalidTimestamp "invalid-timestamp" Error Unsafe [] "The timestamp comment is not epoch milliseconds between 1990 and 2100";
    FM403 TimestampSkew "timestamp-skew" Warning None [] "The timestamp and the date are further apart than the tolerance";
    FM501 TagsCategoriesMismatch "tags-categories-mismatch" Error Unsafe [] "Tags and categories differ as sets";
    FM502 DuplicateTerm "duplicate-term" Error Safe [] "A tag or category repeats";
    FM503 EmptyTerm "empty-term" Error Safe [] "A blank tag or category";
    FM601 KeyOrder "key-order" Warning Safe [] "Top-level keys are not in the canonical order";
    FM602 TitleQuoting "title-quoting" Warning Safe [] "The title is not double-quoted";
    FM603 TermListStyle "term-list-style" Warning Safe [] "Tags or categories are not a flow list `[ a, b ]`";
    FM604 Whitespace "whitespace" Warning Safe [] "Trailing spaces, tabs, blank lines or mixed line endings in the front matter";
    FM701 FieldMissing "field-missing" Error None [MissingField] "A field the schema marks `present: true` is absent";
    FM702 FieldType "field-type" Error None [WrongType, EmptyField, InvalidDate] "A field's value, as Jekyll's YAML loader reads it, is not the schema's `type` (or is null)";
    FM703 FieldEmpty "field-empty" Error None [FieldType, WrongType, EmptyField, InvalidDate] "A `non-empty` field is null, blank, [] or {}";
    FM704 FieldEnum "field-enum" Error None [FieldType, FieldEmpty, WrongType, EmptyField, InvalidDate] "A field's value is not one of the schema's `enum` values";
    FM705 FieldPattern "field-pattern" Error None [FieldType, FieldEmpty, FieldEnum, WrongType, EmptyField, InvalidDate] "A field's text does not match the schema's `pattern`";
    FM706 FieldPathMismatch "field-path-mismatch" Error None [FieldType, FieldEmpty, FieldEnum, FieldPattern, WrongType, EmptyField, InvalidDate] "A field differs from the path segment its `path` pattern captures";
    FM707 DateOffset "date-offset" Error None [FieldType, FieldEmpty, FieldEnum, FieldPattern, FieldPathMismatch, WrongType, EmptyField, InvalidDate] "A date's UTC offset as written is not one the schema's `offset` allows";
    FM900 UnusedSuppression "unused-suppression" Warning None [] "A suppression comment that suppresses nothing, or names no rule";
    FM990 FixDidNotConverge "fix-did-not-converge" Error None [] "Fixes kept changing the file for 10 passes; it was left as it was";
    FM991 FixChangedMeaning "fix-changed-meaning" Error None [] "A fix would have changed what Jekyll reads; nothing was written";
    FM992 WriteFailed "write-failed" Error None [] "The fixed file could not be written (read-only, changed on disk, I/O error)";
    FM993 TempFileLeftover "temp-file-leftover" Warning Safe [] "A temporary file left by an fmlint run that was killed";
}

impl RuleId {
    pub fn rule(self) -> &'static Rule {
        REGISTRY[self as usize]
    }
}

impl Rule {
    pub fn index(&self) -> usize {
        self.id as usize
    }
}

impl From<RuleId> for &'static Rule {
    fn from(id: RuleId) -> Self {
        id.rule()
    }
}

/// Looks a rule up by code (any case) or name.
pub fn find(key: &str) -> Option<&'static Rule> {
    REGISTRY
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
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
            .filter(|r| {
                r.name == selector || (upper.starts_with("FM") && r.code.starts_with(&upper))
            })
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
    fn codes_and_names_are_unique_and_sorted() {
        for w in REGISTRY.windows(2) {
            assert!(w[0].code < w[1].code, "{} before {}", w[0].code, w[1].code);
        }
        let mut names: Vec<_> = REGISTRY.iter().map(|r| r.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), REGISTRY.len());
    }

    #[test]
    fn ids_index_the_registry() {
        for (i, r) in REGISTRY.iter().enumerate() {
            assert_eq!(r.index(), i);
            assert!(std::ptr::eq(r.id.rule(), *r));
            assert_eq!(find(&r.code.to_lowercase()), Some(*r));
            assert_eq!(find(r.name), Some(*r));
        }
        assert_eq!(RuleSet::all().len(), REGISTRY.len());
    }

    #[test]
    fn a_rule_never_yields_to_itself_or_in_a_circle() {
        fn reaches(from: RuleId, to: RuleId, depth: usize) -> bool {
            depth < REGISTRY.len()
                && from
                    .rule()
                    .superseded_by
                    .iter()
                    .any(|&s| s == to || reaches(s, to, depth + 1))
        }
        for r in REGISTRY {
            assert!(!reaches(r.id, r.id, 0), "{} yields to itself", r.code);
        }
    }

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
