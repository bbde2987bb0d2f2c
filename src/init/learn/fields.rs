//! A field's schema as the posts hold it: which fields are worth a rule, whether a post must
//! have one, its type, a closed set of values, the folder it repeats, `date`'s offsets; the
//! site's key order; and which of it goes to `required:` rather than the schema.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::eras::Eras;
use super::profile::{Counter, FieldRule, Spec, of, thousands};
use crate::init::observe::{Kind, Observation};
use crate::init::render;
use crate::rules;

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
pub(super) fn field_spec(obs: &[&Observation], name: &str, c: &Counter) -> (Spec, String) {
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

/// The consensus key order: keys by their mean relative position in the posts that have them.
pub(super) fn key_order(obs: &[&Observation]) -> Vec<String> {
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
    let keys = most_common(keys, MAX_ORDER, |k| k.2);
    keys.into_iter().map(|k| k.0.to_string()).collect()
}

/// The most keys the learned key order names, and the most fields the schema holds: a site
/// keeps a few dozen. A post of 100,000 keys (a stranger's, or a crawler's accident) would
/// otherwise become an order and a schema of as many, each checked against every key of every
/// post, in every round of the trial.
pub(super) const MAX_ORDER: usize = 200;
pub(super) const MAX_FIELDS: usize = 100;

/// At most `max` of `items`, those with the highest `count` (the first among equals), in the
/// order they came.
fn most_common<T>(items: Vec<T>, max: usize, count: impl Fn(&T) -> usize) -> Vec<T> {
    if items.len() <= max {
        return items;
    }
    let mut ranked: Vec<(std::cmp::Reverse<usize>, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, t)| (std::cmp::Reverse(count(t)), i))
        .collect();
    ranked.sort_unstable();
    let kept: BTreeSet<usize> = ranked.into_iter().take(max).map(|(_, i)| i).collect();
    items
        .into_iter()
        .enumerate()
        .filter(|(i, _)| kept.contains(i))
        .map(|(_, t)| t)
        .collect()
}

/// The fields seen in at least a tenth of the posts (defaults included), in the site's order,
/// then the ones no post writes (only `_config.yml` gives them) by name; at most
/// [`MAX_FIELDS`], the most common. Also how many there were before that bound.
pub(super) fn common(obs: &[&Observation], order: &[String]) -> (Vec<String>, usize) {
    let readable = obs.len();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for o in obs {
        for k in o.keys.iter().chain(&o.defaulted) {
            *seen.entry(k.as_str()).or_default() += 1;
        }
    }
    let mut names: Vec<String> = order
        .iter()
        .filter(|k| seen.get(k.as_str()).is_some_and(|&s| s * 10 >= readable))
        .cloned()
        .collect();
    let listed: BTreeSet<String> = names.iter().cloned().collect();
    for (k, s) in &seen {
        if s * 10 >= readable && !listed.contains(*k) {
            names.push(k.to_string());
        }
    }
    let all = names.len();
    (
        most_common(names, MAX_FIELDS, |k| {
            seen.get(k.as_str()).copied().unwrap_or(0)
        }),
        all,
    )
}

/// The learned fields, split between `required:` and the schema.
pub(super) struct Schema<'a> {
    /// Every common field's schema over the whole site (over its era where it has one).
    pub(super) base: &'a [FieldRule],
    /// The fields some folder keeps differently (an override says so).
    pub(super) touched: &'a BTreeSet<String>,
    pub(super) eras: &'a Eras,
    pub(super) obs: &'a [&'a Observation],
}

impl Schema<'_> {
    /// `required:` holds what every post has, never empty, everywhere and always; the schema
    /// holds the rest. `builtin_types`: FM103 checks the built-in fields' types, so the schema
    /// need not.
    pub(super) fn split(&self, builtin_types: bool) -> (Vec<(String, usize)>, Vec<FieldRule>) {
        let mut required = Vec::new();
        let mut fields = Vec::new();
        for FieldRule { name, spec, note } in self.base {
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
