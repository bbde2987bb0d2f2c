//! From a site's posts to the conventions it keeps. Pure: the posts are given, read once.
//!
//! Two kinds of convention. The schema (which fields a post has, their types, closed sets, path
//! captures, date offsets, and how that differs by folder or by era) is counted from what the
//! posts hold. The rules' own conventions (date form, file-name day, the canonical shape, terms
//! policy, key order, quoting, list style, whitespace) are tried: the configuration being
//! written is run over every post, exactly as `fmlint` will run it, and a rule (or an option)
//! that more posts depart from than `min_share` allows is relaxed or switched off. What is left
//! are the site's own outliers, and the summary lists them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::observe::{Kind, Observation, Sample, observe};
use super::render;
use crate::config::load;
use crate::config::resolve::Resolver;
use crate::config::{CANONICAL_ORDER, DateForm};
use crate::lint;
use crate::report::FileReport;
use crate::rules;
use crate::site::Site;

/// A field's schema as learned (`fields.NAME` in the configuration).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Spec {
    pub present: bool,
    pub ty: Option<&'static str>,
    pub nullable: bool,
    pub non_empty: bool,
    pub enum_values: Option<Vec<String>>,
    pub path: Option<String>,
    /// Offsets of `date`, in seconds.
    pub offsets: Option<Vec<i32>>,
}

impl Spec {
    pub fn is_empty(&self) -> bool {
        *self == Spec::default()
    }
}

#[derive(Debug, Clone)]
pub struct FieldRule {
    pub name: String,
    pub spec: Spec,
    pub note: String,
}

/// A rule the trial decides: its options (as YAML), or off.
#[derive(Debug, Clone)]
pub struct RuleChoice {
    pub code: &'static str,
    /// The candidates, strictest first; each a list of `key: value` options. Exhausted: off.
    pub ladder: Vec<Vec<(&'static str, String)>>,
    pub step: usize,
    /// Why the rule is off before any trial (the site does not use the shape).
    pub absent: Option<String>,
    /// How many posts departed from the last option tried before it was relaxed.
    pub departed: usize,
    pub note: String,
}

impl RuleChoice {
    fn new(code: &'static str, ladder: Vec<Vec<(&'static str, String)>>) -> Self {
        RuleChoice {
            code,
            ladder,
            step: 0,
            absent: None,
            departed: 0,
            note: String::new(),
        }
    }

    fn off_because(code: &'static str, why: String) -> Self {
        RuleChoice {
            absent: Some(why),
            ..RuleChoice::new(code, vec![])
        }
    }

    pub fn options(&self) -> Option<&[(&'static str, String)]> {
        if self.absent.is_some() {
            return None;
        }
        self.ladder.get(self.step).map(Vec::as_slice)
    }
}

#[derive(Debug, Clone)]
pub struct OverrideRule {
    pub paths: Vec<String>,
    pub fields: Vec<(String, Spec)>,
    pub note: String,
}

/// What `fmlint init` found.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub posts: usize,
    pub min_share: f64,
    /// Fields every post has, never empty (FM101, FM102), with how many posts have them.
    pub required: Vec<(String, usize)>,
    /// The layouts seen (FM104), and how many posts have a layout; None: FM104 off.
    pub layouts: Option<(Vec<String>, usize)>,
    pub fields: Vec<FieldRule>,
    pub rules: Vec<RuleChoice>,
    pub overrides: Vec<OverrideRule>,
    /// Observations for the file's header.
    pub notes: Vec<String>,
}

/// The conventions, the configuration text that says them, and the posts that depart.
pub struct Learned {
    pub profile: Profile,
    pub config: String,
    /// Posts with diagnostics under the learned configuration, sorted by path.
    pub departures: Vec<FileReport>,
    /// Posts with diagnostics per rule code.
    pub flagged: BTreeMap<&'static str, usize>,
}

/// `4,719`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `4,719 of 4,723 posts`.
pub fn of(k: usize, n: usize) -> String {
    format!("{} of {} posts", thousands(k), thousands(n))
}

struct Counter {
    n: usize,
    min_share: f64,
}

impl Counter {
    /// Whether `k` of `n` is "nearly every".
    fn holds(&self, k: usize, n: usize) -> bool {
        n > 0 && k as f64 >= self.min_share * n as f64
    }

    /// How many of `n` may depart.
    fn allowed(&self, n: usize) -> usize {
        ((1.0 - self.min_share) * n as f64).floor() as usize
    }
}

/// Fields whose values are people's words, never a closed set.
const FREE_TEXT: [&str; 9] = [
    "title",
    "date",
    "author",
    "from",
    "tags",
    "categories",
    "excerpt",
    "description",
    "permalink",
];

/// The type FM103 already checks a built-in field for.
fn builtin_type(name: &str) -> Option<&'static str> {
    match rules::fields::expected_type(name)? {
        rules::fields::Expected::Text => Some("string"),
        rules::fields::Expected::Terms => Some("list"),
        rules::fields::Expected::Date => Some("date"),
    }
}

/// A field's schema over a set of posts.
fn field_spec(obs: &[&Observation], name: &str, c: &Counter) -> (Spec, String) {
    let n = obs.len();
    let present = obs.iter().filter(|o| o.has(name)).count();
    let values: Vec<_> = obs.iter().filter_map(|o| o.values.get(name)).collect();
    let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
    for v in &values {
        if v.kind != Kind::Null {
            *kinds.entry(v.kind).or_default() += 1;
        }
    }
    let non_null: usize = kinds.values().sum();
    let mut spec = Spec {
        present: c.holds(present, n),
        ..Spec::default()
    };
    let mut note = of(present, n);
    if name != "date"
        && let Some((kind, k)) = kinds.iter().max_by_key(|(_, k)| **k)
        && c.holds(*k, non_null)
    {
        spec.ty = kind.schema_name();
        if let Some(t) = spec.ty {
            note.push_str(&format!("; {t} in {}", thousands(*k)));
        }
    }
    let empties = values.iter().filter(|v| v.empty).count();
    let nulls = values.iter().filter(|v| v.kind == Kind::Null).count();
    if spec.present {
        if empties <= c.allowed(values.len()) {
            spec.non_empty = true;
        } else if nulls > 0 {
            spec.nullable = true;
            note.push_str(&format!(", empty in {}", thousands(nulls)));
        }
    }
    if spec.ty == Some("string") && !FREE_TEXT.contains(&name) {
        let mut distinct: BTreeMap<&str, usize> = BTreeMap::new();
        for v in &values {
            if let Some(t) = &v.text {
                *distinct.entry(t.as_str()).or_default() += 1;
            }
        }
        let closed = (2..=20).contains(&distinct.len())
            && distinct.len() * 10 <= values.len()
            && distinct
                .keys()
                .all(|t| !t.is_empty() && t.len() <= 32 && !t.contains(char::is_whitespace));
        if closed {
            spec.enum_values = Some(distinct.keys().map(|t| t.to_string()).collect());
            note.push_str(&format!(
                "; {} value{}",
                distinct.len(),
                if distinct.len() == 1 { "" } else { "s" }
            ));
        }
        if let Some(p) = path_capture(obs, name, c) {
            note.push_str(&format!("; equal to the folder `{p}` captures"));
            spec.path = Some(p);
        }
    }
    if name == "date" {
        let dated = values.len();
        let mut offsets: HashMap<i32, usize> = HashMap::new();
        for o in obs {
            if let Some(off) = o.date_offset {
                *offsets.entry(off).or_default() += 1;
            }
        }
        let mut by_count: Vec<(i32, usize)> = offsets.into_iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut covered = 0;
        let mut chosen = Vec::new();
        for (off, k) in by_count {
            if c.holds(covered, dated) || chosen.len() == 3 {
                break;
            }
            covered += k;
            chosen.push(off);
        }
        if !chosen.is_empty() && c.holds(covered, dated) {
            chosen.sort();
            note.push_str(&format!(
                "; offset {} in {}",
                chosen
                    .iter()
                    .map(|o| render::offset(*o))
                    .collect::<Vec<_>>()
                    .join(", "),
                thousands(covered)
            ));
            spec.offsets = Some(chosen);
        }
    }
    (spec, note)
}

/// `{lang}/news/_posts/**` when the field equals one folder of the post's path in nearly every
/// post that has it.
fn path_capture(obs: &[&Observation], name: &str, c: &Counter) -> Option<String> {
    let with: Vec<(&Observation, &str)> = obs
        .iter()
        .filter_map(|o| Some((*o, o.values.get(name)?.text.as_deref()?)))
        .collect();
    let mut at: BTreeMap<usize, usize> = BTreeMap::new();
    for (o, v) in &with {
        if let Some(i) = o.dirs.iter().position(|d| d == v) {
            *at.entry(i).or_default() += 1;
        }
    }
    let (&i, &k) = at.iter().max_by_key(|(_, k)| **k)?;
    if !c.holds(k, with.len()) || with.len() < 2 {
        return None;
    }
    let depth = with.iter().map(|(o, _)| o.dirs.len()).min()?;
    if depth <= i {
        return None;
    }
    // The folders up to the capture, and up to the `_posts`/`_drafts` folder if it is deeper.
    let first = &with[0].0.dirs;
    let magic = first
        .iter()
        .position(|d| d == "_posts" || d == "_drafts")
        .unwrap_or(i);
    let end = i.max(magic).min(depth - 1);
    let mut parts = Vec::new();
    for (j, segment) in first.iter().enumerate().take(end + 1) {
        if j == i {
            parts.push(format!("{{{name}}}"));
        } else if with.iter().all(|(o, _)| &o.dirs[j] == segment) {
            parts.push(segment.clone());
        } else {
            parts.push("*".into());
        }
    }
    // `a/*/**` says no more than `a/**`.
    while parts.len() > 1 && parts.last().is_some_and(|p| p == "*") {
        parts.pop();
    }
    parts.push("**".into());
    let pattern = parts.join("/");
    let pp = crate::config::fields::PathPattern::new(&pattern).ok()?;
    let matching = with
        .iter()
        .filter(|(o, v)| pp.capture_in(&o.rel).as_deref() == Some(*v))
        .count();
    c.holds(matching, with.len()).then_some(pattern)
}

/// The folder group of a post: its folders, year-like ones as `*`.
fn group_of(o: &Observation) -> String {
    o.dirs
        .iter()
        .map(|d| {
            if !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()) {
                "*".to_string()
            } else {
                d.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The globs for posts whose file name is dated before `cut` (the first of a month).
fn globs_before(cut: chrono::NaiveDate, first_year: i32) -> Vec<String> {
    use chrono::Datelike;
    let mut out = Vec::new();
    let mut y = first_year;
    while y < cut.year() {
        // A whole decade at once where it all comes before the cut.
        if y % 10 == 0 && y + 10 <= cut.year() {
            out.push(format!("**/_posts/**/{}*-*", y / 10));
            y += 10;
        } else {
            out.push(format!("**/_posts/**/{y}-*"));
            y += 1;
        }
    }
    for m in 1..cut.month() {
        out.push(format!("**/_posts/**/{}-{m:02}-*", cut.year()));
        if m < 10 {
            out.push(format!("**/_posts/**/{}-{m}-*", cut.year()));
        }
    }
    out
}

/// The first month from which nearly every post has the field, when it is absent from most
/// posts before (a convention adopted at some point, like the Ruby site's `date` in 2013): of
/// the months after which nearly every post has it, the earliest that leaves the fewest posts
/// without it after.
fn era_start(obs: &[&Observation], name: &str, c: &Counter) -> Option<chrono::NaiveDate> {
    use chrono::Datelike;
    let mut dated: Vec<(chrono::NaiveDate, bool)> = obs
        .iter()
        .filter_map(|o| Some((o.file_day?, o.has(name))))
        .collect();
    dated.sort();
    let n = dated.len();
    let total_with = dated.iter().filter(|d| d.1).count();
    let mut with_before = 0;
    let mut best: Option<(usize, chrono::NaiveDate)> = None;
    let mut i = 0;
    while i < n {
        let month = dated[i].0.with_day(1)?;
        let after = n - i;
        let with_after = total_with - with_before;
        let missing_after = after - with_after;
        // At least a fifth of the posts on each side, and most posts before it without.
        if after * 5 >= n
            && i * 5 >= n
            && c.holds(with_after, after)
            && with_before * 2 <= i
            && best.is_none_or(|(m, _)| missing_after < m)
        {
            best = Some((missing_after, month));
        }
        while i < n && dated[i].0.with_day(1) == Some(month) {
            with_before += usize::from(dated[i].1);
            i += 1;
        }
    }
    best.map(|b| b.1)
}

/// The consensus key order: keys by their mean relative position in the posts that have them.
fn key_order(obs: &[&Observation]) -> Vec<String> {
    let mut sum: HashMap<&str, (f64, usize)> = HashMap::new();
    for o in obs {
        let len = o.keys.len();
        for (i, k) in o.keys.iter().enumerate() {
            let pos = if len > 1 {
                i as f64 / (len - 1) as f64
            } else {
                0.0
            };
            let e = sum.entry(k.as_str()).or_default();
            e.0 += pos;
            e.1 += 1;
        }
    }
    let mut keys: Vec<(&str, f64, usize)> = sum
        .into_iter()
        .map(|(k, (s, n))| (k, s / n as f64, n))
        .collect();
    // Canonical keys first among equals, so that the canonical archive gets the canonical order.
    keys.sort_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)).then(a.0.cmp(b.0)));
    keys.into_iter().map(|k| k.0.to_string()).collect()
}

/// The learned fields, split between `required:` and the schema.
struct Schema<'a> {
    base: &'a [(String, Spec, String)],
    touched: &'a BTreeSet<String>,
    eras: &'a BTreeMap<chrono::NaiveDate, Vec<String>>,
    obs: &'a [&'a Observation],
}

impl Schema<'_> {
    /// `required:` holds what every post has, never empty, everywhere and always; the schema
    /// holds the rest. `builtin_types`: FM103 checks the built-in fields' types, so the schema
    /// need not.
    fn split(&self, builtin_types: bool) -> (Vec<(String, usize)>, Vec<FieldRule>) {
        let mut required = Vec::new();
        let mut fields = Vec::new();
        for (name, spec, note) in self.base {
            let everywhere =
                !self.touched.contains(name) && !self.eras.values().any(|v| v.contains(name));
            let mut spec = spec.clone();
            if spec.present && spec.non_empty && everywhere {
                let k = self.obs.iter().filter(|o| o.has(name)).count();
                required.push((name.clone(), k));
                spec.present = false;
                spec.non_empty = false;
            }
            // A string is a one-term list for Jekyll, as FM103 has it.
            if builtin_types && spec.ty.is_some() && spec.ty == builtin_type(name) {
                spec.ty = None;
            }
            if name == "layout" {
                spec.enum_values = None;
            }
            if !spec.is_empty() {
                fields.push(FieldRule {
                    name: name.clone(),
                    spec,
                    note: note.clone(),
                });
            }
        }
        (required, fields)
    }
}

fn opt(key: &'static str, value: impl Into<String>) -> Vec<(&'static str, String)> {
    vec![(key, value.into())]
}

/// Runs the configuration over every post, as `fmlint` will.
fn trial(
    samples: &[Sample],
    site: &Site,
    root: &Path,
    config: &str,
) -> Result<Vec<Vec<crate::diagnostic::Diagnostic>>, String> {
    let layer = load::parse(".fmlint.yml", Arc::from(config), None)
        .map_err(|e| {
            e.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        })?
        .unwrap_or_default();
    let resolver = Resolver::with_layer(root.join(".fmlint.yml"), layer);
    samples
        .par_iter()
        .map(|s| {
            let settings = resolver
                .settings_for(&s.path, site, None)
                .map_err(|e| format!("{e:?}"))?;
            Ok(lint::lint_bytes(&s.path, s.bytes.clone(), &settings, site).1)
        })
        .collect()
}

/// Learns the profile of the site's posts. `root` is where the configuration will be written
/// (globs are relative to the site's root, as `fmlint` reads them). Errs only when the
/// configuration it wrote does not read back, which would be fmlint's bug.
pub fn learn(
    samples: &[Sample],
    site: &Site,
    root: &Path,
    min_share: f64,
) -> Result<Learned, String> {
    let c = Counter {
        n: samples.len(),
        min_share,
    };
    let n = c.n;
    let all: Vec<Observation> = samples.par_iter().map(|s| observe(s, site)).collect();
    // Conventions are learned from the posts Jekyll can read; the others are departures.
    let obs: Vec<&Observation> = all.iter().filter(|o| o.readable).collect();
    let readable = obs.len();
    let mut profile = Profile {
        posts: n,
        min_share,
        ..Profile::default()
    };

    // Fields seen in at least a tenth of the posts, in the site's order.
    let order = key_order(&obs);
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &obs {
        for k in o.keys.iter().chain(&o.defaulted) {
            *seen.entry(k.as_str()).or_default() += 1;
        }
    }
    let mut names: Vec<String> = order
        .iter()
        .filter(|k| seen.get(k.as_str()).is_some_and(|&s| s * 10 >= readable))
        .cloned()
        .collect();
    for (k, s) in &seen {
        if s * 10 >= readable && !names.iter().any(|x| x == k) {
            names.push(k.to_string());
        }
    }

    // Eras: a field nearly every post has since some month.
    let mut eras: BTreeMap<chrono::NaiveDate, Vec<String>> = BTreeMap::new();
    let mut base: Vec<(String, Spec, String)> = Vec::new();
    for name in &names {
        let (mut spec, mut note) = field_spec(&obs, name, &c);
        if !spec.present
            && let Some(cut) = era_start(&obs, name, &c)
        {
            let since: Vec<&Observation> = obs
                .iter()
                .copied()
                .filter(|o| o.file_day.is_some_and(|d| d >= cut))
                .collect();
            let (s, nt) = field_spec(&since, name, &c);
            if s.present {
                spec = s;
                note = format!("{nt} (of the posts dated since {})", cut.format("%Y-%m"));
                eras.entry(cut).or_default().push(name.clone());
            }
        }
        base.push((name.clone(), spec, note));
    }

    // Folder groups (languages, collections, drafts) whose fields differ from the whole.
    let mut groups: BTreeMap<String, Vec<&Observation>> = BTreeMap::new();
    for o in &obs {
        groups.entry(group_of(o)).or_default().push(o);
    }
    let mut touched: BTreeSet<String> = BTreeSet::new();
    let mut group_present: BTreeMap<String, BTreeMap<String, bool>> = BTreeMap::new();
    if groups.len() > 1 && groups.len() <= 40 {
        for (g, members) in &groups {
            let mut m = BTreeMap::new();
            for (name, spec, _) in &base {
                if eras.values().any(|v| v.contains(name)) {
                    continue;
                }
                let k = members.iter().filter(|o| o.has(name)).count();
                // A folder differs when it keeps a field the site does not, or mostly lacks
                // one the site keeps (a post or two without it are departures, not a
                // convention). Too few posts to say: a small folder keeps what the site keeps.
                let here = if members.len() < 10 {
                    spec.present
                } else if spec.present {
                    k * 2 > members.len()
                } else {
                    c.holds(k, members.len())
                };
                if here != spec.present {
                    touched.insert(name.clone());
                }
                m.insert(name.clone(), here);
            }
            group_present.insert(g.clone(), m);
        }
    }
    if !touched.is_empty() {
        let mut ordered: Vec<(&String, &Vec<&Observation>)> = groups.iter().collect();
        ordered.sort_by_key(|(g, _)| (g.matches('/').count(), g.to_string()));
        for (g, members) in ordered {
            let fields: Vec<(String, Spec)> = base
                .iter()
                .filter(|(name, _, _)| touched.contains(name))
                .map(|(name, spec, _)| {
                    let mut s = spec.clone();
                    s.present = group_present[g][name];
                    if !s.present {
                        s.non_empty = false;
                    }
                    (name.clone(), s)
                })
                .collect();
            let differs: Vec<String> = fields
                .iter()
                .filter(|(name, s)| {
                    base.iter()
                        .any(|(b, bs, _)| b == name && bs.present != s.present)
                })
                .map(|(name, s)| {
                    format!(
                        "`{name}` {}",
                        if s.present { "required" } else { "optional" }
                    )
                })
                .collect();
            let k = members.len();
            profile.overrides.push(OverrideRule {
                paths: vec![format!("{g}/*")],
                fields,
                note: if differs.is_empty() {
                    format!(
                        "{}: as the whole site (listed so that the folders above do not leak in)",
                        of(k, k)
                    )
                } else {
                    format!("{} in `{g}/`: {}", thousands(k), differs.join(", "))
                },
            });
        }
    }
    let first_year = obs
        .iter()
        .filter_map(|o| o.file_day)
        .map(|d| chrono::Datelike::year(&d))
        .min()
        .unwrap_or(1970);
    for (cut, fields) in eras.iter().rev() {
        let before = obs
            .iter()
            .filter(|o| o.file_day.is_some_and(|d| d < *cut))
            .count();
        profile.overrides.push(OverrideRule {
            paths: globs_before(*cut, first_year),
            fields: fields
                .iter()
                .filter_map(|f| {
                    let (_, spec, _) = base.iter().find(|(b, _, _)| b == f)?;
                    let mut s = spec.clone();
                    s.present = false;
                    s.non_empty = false;
                    Some((f.clone(), s))
                })
                .collect(),
            note: format!(
                "{} dated before {} do without {}",
                thousands(before),
                cut.format("%Y-%m"),
                fields
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }

    let schema = Schema {
        base: &base,
        touched: &touched,
        eras: &eras,
        obs: &obs,
    };
    let (required, fields) = schema.split(true);
    profile.required = required;
    profile.fields = fields;

    // Layouts: the closed set Jekyll renders posts with.
    let mut layouts: BTreeMap<String, usize> = BTreeMap::new();
    for o in &obs {
        if let Some(l) = &o.layout {
            *layouts.entry(l.clone()).or_default() += 1;
        }
    }
    let with_layout: usize = layouts.values().sum();
    if !layouts.is_empty() && layouts.len() <= 12 {
        let mut by_count: Vec<(String, usize)> = layouts.into_iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        profile.layouts = Some((by_count.into_iter().map(|l| l.0).collect(), with_layout));
    }

    // Notes on the terms as Jekyll reads them.
    let singular = obs.iter().filter(|o| o.singular_terms).count();
    if singular > 0 {
        profile.notes.push(format!(
            "{} write `category:` or `tag:`, which Jekyll adds to `categories`/`tags`",
            of(singular, n)
        ));
    }

    // The rules the trial decides, strictest option first.
    let dated: Vec<&str> = obs.iter().filter_map(|o| o.date_text.as_deref()).collect();
    let form = DateForm::ALL
        .into_iter()
        .find(|f| c.holds(dated.iter().filter(|t| f.accepts(t)).count(), dated.len()));
    let count = |f: &dyn Fn(&Observation) -> bool| obs.iter().filter(|o| f(o)).count();
    let from = count(&|o| o.has_from);
    let header = count(&|o| o.has_header);
    let stamp = count(&|o| o.has_timestamp);
    // `tag:` and `category:` are terms too: Jekyll adds them to `tags` and `categories`.
    let both_terms =
        count(&|o| (o.has("tags") || o.has("tag")) && (o.has("categories") || o.has("category")));
    let on = || vec![vec![]];
    let mut rules_: Vec<RuleChoice> = vec![RuleChoice::new("FM103", on())];
    rules_.push(if profile.layouts.is_some() {
        RuleChoice::new("FM104", on())
    } else {
        RuleChoice::off_because("FM104", "no small set of layouts".to_string())
    });
    rules_.push(match form {
        Some(DateForm::Any) | None => RuleChoice::off_because(
            "FM201",
            format!("no one form of `date` in {} dated posts", dated.len()),
        ),
        Some(f) => RuleChoice::new("FM201", vec![opt("form", f.name())]),
    });
    rules_.push(RuleChoice::new("FM203", on()));
    rules_.push(RuleChoice::new("FM204", on()));
    let shape = |code: &'static str, k: usize, what: &str| {
        if c.holds(k, readable) {
            RuleChoice::new(code, on())
        } else {
            RuleChoice::off_because(code, format!("{what} in {}", of(k, readable)))
        }
    };
    rules_.push(shape("FM301", from, "a `from` URL"));
    for code in ["FM302", "FM303", "FM304"] {
        rules_.push(shape(code, header, "a `[title](from)` header link"));
    }
    for code in ["FM401", "FM402", "FM403"] {
        rules_.push(shape(code, stamp, "a `<!--epoch-ms-->` timestamp comment"));
    }
    rules_.push(if both_terms * 2 >= readable {
        RuleChoice::new(
            "FM501",
            vec![
                opt("policy", "equal"),
                opt("policy", "categories-in-tags"),
                opt("policy", "tags-in-categories"),
            ],
        )
    } else {
        RuleChoice::off_because(
            "FM501",
            format!("both tags and categories in {}", of(both_terms, readable)),
        )
    });
    let yaml_list = |keys: &[String]| render::list(keys);
    let canonical_first = {
        // The canonical archive keeps the canonical order; say so in its words.
        let canon: Vec<String> = CANONICAL_ORDER.iter().map(|s| s.to_string()).collect();
        let present: Vec<&String> = order.iter().filter(|k| canon.contains(k)).collect();
        present.len() == canon.len() && order.len() == canon.len()
    };
    rules_.push(RuleChoice::new(
        "FM601",
        vec![opt(
            "order",
            if canonical_first {
                yaml_list(&CANONICAL_ORDER.map(String::from))
            } else {
                yaml_list(&order)
            },
        )],
    ));
    rules_.push(RuleChoice::new("FM602", on()));
    rules_.push(RuleChoice::new("FM603", on()));
    rules_.push(RuleChoice::new(
        "FM604",
        vec![
            vec![("scope", "file".into()), ("line-endings", "lf".into())],
            vec![("line-endings", "lf".into())],
            vec![],
        ],
    ));
    profile.rules = rules_;

    // Try, relax what too many posts depart from, try again.
    let allowed = c.allowed(n);
    let mut flagged: BTreeMap<&'static str, usize>;
    let mut diags;
    let mut config;
    let mut rounds = 0;
    let mut schema_has_builtin_types = false;
    loop {
        config = render::config(&profile);
        diags = trial(samples, site, root, &config)?;
        flagged = BTreeMap::new();
        for d in &diags {
            let codes: BTreeSet<&'static str> = d.iter().map(|d| d.code()).collect();
            for code in codes {
                *flagged.entry(code).or_default() += 1;
            }
        }
        let mut changed = false;
        for r in &mut profile.rules {
            let k = flagged.get(r.code).copied().unwrap_or(0);
            if r.options().is_some() && k > allowed {
                r.step += 1;
                r.departed = k;
                changed = true;
            }
        }
        rounds += 1;
        // Without FM103 the schema checks the built-in fields' types where the site keeps one.
        let fm103_off = profile
            .rules
            .iter()
            .any(|r| r.code == "FM103" && r.options().is_none());
        if fm103_off && !schema_has_builtin_types {
            schema_has_builtin_types = true;
            profile.fields = schema.split(false).1;
            changed = true;
        }
        if !changed || rounds > 8 {
            break;
        }
    }
    // The canonical archive: every built-in rule holds as it is. Say so in the defaults' own
    // terms, nothing stricter (the defaults are exactly right for such a site).
    let canonical = profile
        .required
        .iter()
        .map(|r| r.0.as_str())
        .collect::<BTreeSet<_>>()
        == CANONICAL_ORDER.into_iter().collect::<BTreeSet<_>>()
        && profile.layouts.as_ref().is_some_and(|l| l.0 == ["post"])
        && profile
            .rules
            .iter()
            .all(|r| r.options().is_some() && (r.step == 0 || r.code == "FM604"));
    if canonical {
        for r in &mut profile.rules {
            if r.code == "FM604" {
                r.step = r.ladder.len() - 1;
            }
        }
        profile.fields.clear();
        profile.overrides.clear();
        profile
            .notes
            .push("every post has the canonical shape: this is fmlint's canonical profile, its built-in defaults".into());
        config = render::config(&profile);
        diags = trial(samples, site, root, &config)?;
        flagged = BTreeMap::new();
        for d in &diags {
            let codes: BTreeSet<&'static str> = d.iter().map(|d| d.code()).collect();
            for code in codes {
                *flagged.entry(code).or_default() += 1;
            }
        }
    }
    for r in &mut profile.rules {
        let k = flagged.get(r.code).copied().unwrap_or(0);
        r.note = match (&r.absent, r.options()) {
            (Some(why), _) => format!("off: {why}"),
            (None, None) => format!("off: {} depart from it", of(r.departed, n)),
            (None, Some(_)) if k == 0 => format!("{} keep it", of(n, n)),
            (None, Some(_)) if k == 1 => {
                format!("{} keep it; `fmlint` lists the other", of(n - k, n))
            }
            (None, Some(_)) => format!(
                "{} keep it; `fmlint` lists the {} others",
                of(n - k, n),
                thousands(k)
            ),
        };
    }
    // Notes are in the text: render once more with them.
    config = render::config(&profile);
    let departures = samples
        .iter()
        .zip(diags)
        .filter(|(_, d)| !d.is_empty())
        .map(|(s, d)| {
            let text = String::from_utf8_lossy(&s.bytes).into_owned();
            FileReport::new(crate::discover::display_path(&s.path), text, d)
        })
        .collect();
    Ok(Learned {
        profile,
        config,
        departures,
        flagged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn sample(rel: &str, text: String) -> Sample {
        Sample {
            path: PathBuf::from(rel),
            rel: rel.to_string(),
            bytes: text.into_bytes(),
        }
    }

    fn post(lang: &str, day: &str, extra: &str, with_date: bool) -> String {
        let date = if with_date {
            format!("date: {day} 10:00:00 +0000\n")
        } else {
            String::new()
        };
        format!(
            "---\nlayout: news_post\ntitle: \"A post\"\nauthor: someone\n{extra}{date}lang: {lang}\n---\nbody\n"
        )
    }

    /// A Ruby-like site: two languages, `translator` adopted in 2012, drafts without a date.
    fn site() -> Vec<Sample> {
        let mut out = Vec::new();
        for lang in ["en", "ja"] {
            for (y, with) in [(2010, false), (2011, false), (2012, true), (2013, true)] {
                for m in 1..=10 {
                    let day = format!("{y}-{m:02}-15");
                    let extra = match (with, m % 2) {
                        (false, _) => "",
                        (true, 0) => "translator:\n",
                        (true, _) => "translator: someone\n",
                    };
                    out.push(sample(
                        &format!("{lang}/news/_posts/{day}-p.md"),
                        post(lang, &day, extra, true),
                    ));
                }
            }
            for i in 0..10 {
                out.push(sample(
                    &format!("{lang}/news/_drafts/draft-{i}.md"),
                    post(lang, "2014-01-01", "translator:\n", false),
                ));
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }

    #[test]
    fn learns_fields_eras_folders_and_forms() {
        let samples = site();
        let l = learn(&samples, &Site::default(), Path::new(""), 0.98).unwrap();
        let c = &l.config;
        assert!(l.departures.is_empty(), "{c}");
        assert_eq!(
            l.profile
                .required
                .iter()
                .map(|r| r.0.as_str())
                .collect::<Vec<_>>(),
            ["layout", "title", "author", "lang"],
            "{c}"
        );
        assert!(c.contains("layouts: [news_post]"), "{c}");
        assert!(c.contains("FM201: { form: ruby }"), "{c}");
        // `lang` is the language folder, one of two values.
        assert!(
            c.contains("lang: { type: string, enum: [en, ja], path: \"{lang}/news/**\" }"),
            "{c}"
        );
        // `translator` since 2012, `date` everywhere but in drafts.
        assert!(
            c.contains("translator: { present: true, type: string, nullable: true }"),
            "{c}"
        );
        assert!(c.contains("\"**/_posts/**/2010-*\""), "{c}");
        assert!(!c.contains("\"**/_posts/**/2012-*\""), "{c}");
        assert!(c.contains("\"en/news/_drafts/*\""), "{c}");
        assert!(c.contains("  - paths:\n      - \"en/news/_posts/*\"\n    fields:\n      date: { present: true, offset: [\"+00:00\"] }"), "{c}");
        // Nothing of the canonical shape.
        assert!(c.contains("FM401: off"), "{c}");
        assert!(c.contains("FM302: off"), "{c}");
    }

    #[test]
    fn a_departure_is_listed_and_a_broken_convention_is_relaxed() {
        let mut samples = site();
        // One post without an author; every title single-quoted but one.
        let i = samples
            .iter()
            .position(|s| s.rel.contains("2013-05"))
            .unwrap();
        let t = String::from_utf8(samples[i].bytes.clone()).unwrap();
        samples[i].bytes = t.replace("\nauthor: someone\n", "\n").into_bytes();
        for s in &mut samples {
            let t = String::from_utf8(s.bytes.clone()).unwrap();
            s.bytes = t.replace("\"A post\"", "'A post'").into_bytes();
        }
        let l = learn(&samples, &Site::default(), Path::new(""), 0.98).unwrap();
        assert_eq!(l.departures.len(), 1, "{}", l.config);
        assert_eq!(l.departures[0].diagnostics[0].code(), "FM101");
        assert!(l.config.contains("FM602: off"), "{}", l.config);
        assert!(
            l.config
                .contains("  - author                         # 99 of 100 posts"),
            "{}",
            l.config
        );
        assert!(thousands(4719) == "4,719" && of(4, 4723) == "4 of 4,723 posts");
    }
}
