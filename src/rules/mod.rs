//! The rule registry: every rule's data in one table, and the families that check them.
//!
//! `--select`, `fmlint rules`, the docs test and every output format read `REGISTRY`; a rule
//! that is not listed here does not exist.

use chrono_tz::Tz;

use crate::config::Settings;
use crate::datetime::{DateProblem, JekyllDate};
use crate::diagnostic::{Diagnostic, Severity};
use crate::jekyll::PostView;
pub use crate::jekyll::{Effective, Origin};
use crate::post::Post;
use crate::site::Site;

pub mod dates;
pub mod fields;
pub mod fixer;
pub mod loader;
pub mod schema;
pub mod source;
pub mod structure;
pub mod style;
pub mod suppression;
pub mod taxonomy;
pub mod timestamp;

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
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub fix: Fixability,
    /// One line for tables and SARIF's short description.
    pub summary: &'static str,
    /// The rule's page in `rules/`, built into the binary: a rule without a page does not compile.
    pub doc: &'static str,
}

macro_rules! rule {
    ($ident:ident, $code:literal, $name:literal, $sev:ident, $fix:ident, $summary:literal) => {
        pub static $ident: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            severity: $crate::diagnostic::Severity::$sev,
            fix: $crate::rules::Fixability::$fix,
            summary: $summary,
            doc: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/rules/",
                $code,
                "-",
                $name,
                ".md"
            )),
        };
    };
}
pub(crate) use rule;

pub static REGISTRY: &[&Rule] = &[
    &structure::IO_ERROR,
    &structure::MISSING_FRONT_MATTER,
    &structure::UNTERMINATED_FRONT_MATTER,
    &structure::INVALID_YAML,
    &structure::DUPLICATE_KEY,
    &structure::NOT_A_MAPPING,
    &structure::REFUSED_VALUE,
    &loader::LOADER_DIFFERENCE,
    &fields::MISSING_FIELD,
    &fields::EMPTY_FIELD,
    &fields::WRONG_TYPE,
    &fields::UNKNOWN_LAYOUT,
    &dates::DATE_FORMAT,
    &dates::INVALID_DATE,
    &dates::FILENAME_DATE_MISMATCH,
    &dates::UNDATED_FILENAME,
    &source::INVALID_URL,
    &source::MISSING_HEADER_LINK,
    &source::HEADER_URL_MISMATCH,
    &source::HEADER_TITLE_MISMATCH,
    &timestamp::MISSING_TIMESTAMP,
    &timestamp::INVALID_TIMESTAMP,
    &timestamp::TIMESTAMP_SKEW,
    &taxonomy::TAGS_CATEGORIES_MISMATCH,
    &taxonomy::DUPLICATE_TERM,
    &taxonomy::EMPTY_TERM,
    &style::KEY_ORDER,
    &style::TITLE_QUOTING,
    &style::TERM_LIST_STYLE,
    &style::WHITESPACE,
    &schema::FIELD_MISSING,
    &schema::FIELD_TYPE,
    &schema::FIELD_EMPTY,
    &schema::FIELD_ENUM,
    &schema::FIELD_PATTERN,
    &schema::FIELD_PATH_MISMATCH,
    &schema::DATE_OFFSET,
    &suppression::UNUSED_SUPPRESSION,
    &fixer::FIX_DID_NOT_CONVERGE,
    &fixer::FIX_CHANGED_MEANING,
    &fixer::WRITE_FAILED,
    &fixer::TEMP_FILE_LEFTOVER,
];

pub fn index_of(rule: &Rule) -> Option<usize> {
    REGISTRY.iter().position(|r| std::ptr::eq(*r, rule))
}

/// Looks a rule up by code (any case) or name.
pub fn find(key: &str) -> Option<&'static Rule> {
    REGISTRY
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// What every family reads: the post, the settings, the site, and Jekyll's reading of the post.
pub struct Context<'a> {
    pub post: &'a Post<'a>,
    pub settings: &'a Settings,
    pub site: &'a Site,
    /// The `defaults:` that apply, the date, the terms: built once, shared with `inspect`.
    pub view: PostView<'a>,
}

impl<'a> Context<'a> {
    pub fn new(post: &'a Post<'a>, settings: &'a Settings, site: &'a Site) -> Self {
        let tz = settings.timezone.or(site.timezone);
        Context {
            post,
            settings,
            site,
            view: PostView::new(post, site, tz),
        }
    }

    /// The value Jekyll uses for `key` once `_config.yml`'s `defaults:` are applied, and where
    /// it comes from. Rules that ask "does the post have a layout?" ask this, not the front
    /// matter: a layout from defaults is a layout.
    pub fn effective(&self, key: &str) -> Option<Effective<'_>> {
        self.view.effective(key)
    }

    pub fn timezone(&self) -> Option<Tz> {
        self.view.tz()
    }

    /// The front matter's `date`, read; `None` when it is absent or not a scalar Jekyll would
    /// read as a date.
    pub fn date(&self) -> Option<&Result<JekyllDate, DateProblem>> {
        self.view.front_matter_date()
    }

    pub fn valid_date(&self) -> Option<&JekyllDate> {
        self.date()?.as_ref().ok()
    }
}

/// Runs every family after the structure checks passed. Selection is applied by the caller.
pub fn check_all(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    fields::check(ctx, out);
    dates::check(ctx, out);
    source::check(ctx, out);
    timestamp::check(ctx, out);
    taxonomy::check(ctx, out);
    style::check(ctx, out);
    schema::check(ctx, out);
    loader::check(ctx, out);
}

#[cfg(test)]
pub(crate) mod testing {
    use std::path::Path;

    use crate::config::Settings;
    use crate::lint::lint_text;

    /// The canonical post (the seed's shape) with a few lines replaced, for rule unit tests.
    pub const CANON: &str = "---\nlayout: post\ntitle: \"中国外交部批美国\"\ndate: 2021-07-20T10:40:01.779Z\nauthor: 联合早报\nfrom: https://www.zaobao.com/realtime/china/story20210720-1171540\ntags: [ 联合早报 ]\ncategories: [ 联合早报 ]\n---\n<!--1626799380000-->\n[中国外交部批美国](https://www.zaobao.com/realtime/china/story20210720-1171540)\n------\n\n<div>body</div>\n";

    pub fn codes_at(path: &str, text: &str) -> Vec<&'static str> {
        let mut c: Vec<_> = lint_text(
            Path::new(path),
            text,
            &Settings::default(),
            &Default::default(),
        )
        .iter()
        .map(|d| d.code())
        .collect();
        c.sort();
        c
    }

    pub fn codes(text: &str) -> Vec<&'static str> {
        codes_at("_posts/2021-07-20-x.md", text)
    }

    /// The diagnostics of a post under the default settings, with their fixes.
    pub fn diagnostics(text: &str) -> Vec<crate::diagnostic::Diagnostic> {
        lint_text(
            Path::new("_posts/2021-07-20-x.md"),
            text,
            &Settings::default(),
            &Default::default(),
        )
    }

    pub fn with(from: &str, to: &str) -> String {
        assert!(CANON.contains(from), "{from}");
        CANON.replacen(from, to, 1)
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
    fn canonical_post_is_clean() {
        assert_eq!(testing::codes(testing::CANON), Vec::<&str>::new());
    }
}

/// The rule table as Markdown, as README shows it (a test keeps the two equal).
pub fn markdown_table() -> String {
    let mut out =
        String::from("| code | name | severity | fix | what it reports |\n|---|---|---|---|---|\n");
    for r in REGISTRY {
        out.push_str(&format!(
            "| [{code}](rules/{code}-{name}.md) | {name} | {sev} | {fix} | {summary} |\n",
            code = r.code,
            name = r.name,
            sev = r.severity.as_str(),
            fix = r.fix.as_str(),
            summary = r.summary.replace('|', "\\|"),
        ));
    }
    out
}
