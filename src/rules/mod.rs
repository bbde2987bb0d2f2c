//! The rules' checks, by family, and what every check reads (`Context`). Their data is in
//! [`crate::registry`].

use crate::datetime::{DateProblem, JekyllDate};
use crate::diagnostic::Diagnostic;
use crate::jekyll::PostView;
pub use crate::jekyll::{Effective, Origin};
use crate::post::Post;
use crate::site::Site;
use crate::zone::Tz;
pub use settings::Settings;

pub mod dates;
pub use dates::date_form;
pub mod fields;
pub mod fixer;
pub mod loader;
pub mod options;
pub mod schema;
pub mod settings;
pub mod source;
pub mod structure;
pub mod style;
pub mod suppression;
pub mod taxonomy;
pub mod timestamp;

/// The field-schema types moved into the FM7xx family; the old path keeps working.
pub use schema::field_spec as schema_fields;

pub use crate::registry::{Fixability, REGISTRY, Rule, RuleId, find};

/// The options a rule takes, if any.
pub fn options_spec(rule: RuleId) -> Option<&'static options::OptionsSpec> {
    implementation(rule).and_then(|r| r.options.as_ref())
}

pub fn index_of(rule: &Rule) -> Option<usize> {
    Some(rule.index())
}

/// What every family reads: the post, the settings, the site, and Jekyll's reading of the post.
pub struct Context<'a> {
    pub post: &'a Post<'a>,
    pub settings: &'a Settings,
    pub site: &'a Site,
    /// The `defaults:` that apply, the date, the terms: built once, shared with `inspect`.
    pub view: PostView<'a>,
    /// The day in the file name, read once for FM203 and FM204 (Jekyll's matcher is a regex).
    filename_day: std::cell::OnceCell<Option<Result<chrono::NaiveDate, ()>>>,
    /// `from` parsed as a URL, once for FM301 and FM303 (`None`: no non-blank string).
    source_url: std::cell::OnceCell<Option<Result<url::Url, String>>>,
    /// [`Context::valid_source`], once for FM301, FM302 and FM303.
    valid_source: std::cell::OnceCell<Option<&'a str>>,
    /// The terms of each key Jekyll reads terms from, once for FM501, FM502 and FM503.
    terms: std::cell::OnceCell<Vec<WrittenTerms<'a>>>,
    /// How each required field is given, once for FM101 and FM102.
    required: std::cell::OnceCell<Vec<fields::Given>>,
}

/// A key Jekyll reads terms from, its value and its terms ([`taxonomy::written_terms`]).
pub type WrittenTerms<'a> = (
    &'static str,
    &'a crate::yaml::Node<'a>,
    Vec<taxonomy::Term<'a>>,
);

impl<'a> Context<'a> {
    pub fn new(post: &'a Post<'a>, settings: &'a Settings, site: &'a Site) -> Self {
        let tz = settings.timezone.or(site.timezone);
        Context {
            post,
            settings,
            site,
            view: PostView::new(post, site, tz),
            filename_day: std::cell::OnceCell::new(),
            source_url: std::cell::OnceCell::new(),
            valid_source: std::cell::OnceCell::new(),
            terms: std::cell::OnceCell::new(),
            required: std::cell::OnceCell::new(),
        }
    }

    /// `from` as written, when it is a string that is not blank.
    fn source_text(&self) -> Option<&'a str> {
        let text = self.post.get("from")?.value.as_str()?;
        (!text.trim().is_empty()).then_some(text)
    }

    /// `from` as written and parsed as a URL, when it is a string that is not blank.
    pub fn source_url(&self) -> Option<(&'a str, &Result<url::Url, String>)> {
        let text = self.source_text()?;
        let parsed = self
            .source_url
            .get_or_init(|| Some(source::parse_source_url(text)));
        parsed.as_ref().map(|p| (text, p))
    }

    /// `from` as written, when it is a URL a reader can follow (FM301 reports the rest). Most
    /// are plainly so and are never parsed.
    pub fn valid_source(&self) -> Option<&'a str> {
        *self.valid_source.get_or_init(|| {
            let text = self.source_text()?;
            if source::plainly_valid(text) {
                return Some(text);
            }
            self.source_url()?.1.is_ok().then_some(text)
        })
    }

    /// Each front-matter key Jekyll reads terms from, with its value and terms.
    pub fn written_terms(&self) -> &[WrittenTerms<'a>] {
        self.terms
            .get_or_init(|| taxonomy::written_terms(self.post).collect())
    }

    /// How each of the settings' required fields is given, in their order.
    pub fn required_fields(&self) -> &[fields::Given] {
        self.required.get_or_init(|| fields::required_fields(self))
    }

    /// The terms of `key` as [`Context::written_terms`] has them.
    pub fn terms_of(&self, key: &str) -> Option<&[taxonomy::Term<'a>]> {
        self.written_terms()
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, ts)| ts.as_slice())
    }

    /// The date in the post's file name, when it has one (`Err`: it names no real day).
    pub fn filename_date(&self) -> Option<Result<chrono::NaiveDate, ()>> {
        *self
            .filename_day
            .get_or_init(|| dates::filename_date(self.post.path))
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

/// A rule's code: how it checks a post and which options it takes. Its data (code, name,
/// severity, whom it yields to) is its line in [`crate::registry`]; each rule file holds one
/// `pub static RULE: RuleImpl` and its family lists it with [`family!`].
pub struct RuleImpl {
    pub id: RuleId,
    /// `None` for the rules reported outside the per-post checks (an unreadable file, a fix
    /// that failed, a structure problem found before any rule runs, a suppression).
    pub check: Option<fn(&Context<'_>, &mut Vec<Diagnostic>)>,
    pub options: Option<options::OptionsSpec>,
}

/// Declares a family's rule files and the list of their `RULE`s:
/// `family! { fm401_missing_timestamp, fm402_invalid_timestamp }`.
macro_rules! family {
    ($($file:ident),* $(,)?) => {
        $(pub mod $file;)*
        pub static RULES: &[&$crate::rules::RuleImpl] = &[$(&$file::RULE),*];
    };
}
pub(crate) use family;

/// Every rule's code, in no particular order (`registry` fixes the order; a test checks that
/// each rule has exactly one entry).
fn families() -> impl Iterator<Item = &'static RuleImpl> {
    [
        structure::RULES,
        loader::RULES,
        fields::RULES,
        dates::RULES,
        timestamp::RULES,
        style::RULES,
        schema::RULES,
        source::RULES,
        taxonomy::RULES,
        suppression::RULES,
        fixer::RULES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

fn implementation(rule: RuleId) -> Option<&'static RuleImpl> {
    static BY_ID: std::sync::LazyLock<Vec<Option<&'static RuleImpl>>> =
        std::sync::LazyLock::new(|| {
            let mut v = vec![None; REGISTRY.len()];
            for r in families() {
                v[r.id as usize] = Some(r);
            }
            v
        });
    BY_ID[rule as usize]
}

/// Runs every selected rule's check after the structure checks passed; unselected rules are
/// not run at all (what they would report is dropped anyway, and no rule reads another's).
pub fn check_all(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for r in families() {
        if let Some(check) = r.check
            && ctx.settings.selection.rules().contains(r.id)
        {
            check(ctx, out);
        }
    }
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
    fn every_rule_has_exactly_one_implementation() {
        let mut seen = vec![0; REGISTRY.len()];
        for r in families() {
            seen[r.id as usize] += 1;
        }
        for (r, n) in REGISTRY.iter().zip(seen) {
            assert_eq!(n, 1, "{} is implemented {n} times", r.code);
        }
        // A rule's own options are documented on its page, each key by name.
        for r in REGISTRY {
            for key in options_spec(r.id).map_or(&[][..], |s| s.keys) {
                let options = r.doc.split("## Options").nth(1).unwrap_or("");
                assert!(
                    options.contains(&format!("`{key}`")),
                    "{}'s page does not document `{key}`",
                    r.code
                );
            }
        }
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
