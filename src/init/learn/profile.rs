//! What `fmlint init` learns, as the renderer and the summary read it, and the counting behind
//! "nearly every post".

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;

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

/// A field of the schema (`fields:`), and the comment that says how many posts keep it.
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
    pub(super) fn new(code: &'static str, ladder: Vec<Vec<(&'static str, String)>>) -> Self {
        RuleChoice {
            code,
            ladder,
            step: 0,
            absent: None,
            departed: 0,
            note: String::new(),
        }
    }

    pub(super) fn off_because(code: &'static str, why: String) -> Self {
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

/// An entry of `overrides:`: the schema of some posts, by folder or by date.
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
    pub departures: Vec<Departure>,
    /// Posts with diagnostics per rule code.
    pub flagged: BTreeMap<&'static str, usize>,
}

/// A post the learned configuration reports on, with the text its diagnostics point into.
pub struct Departure {
    /// The path as shown to people.
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
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

/// The posts' number and the share of them that makes a convention.
pub(super) struct Counter {
    pub(super) n: usize,
    pub(super) min_share: f64,
}

impl Counter {
    /// Whether `k` of `n` is "nearly every".
    pub(super) fn holds(&self, k: usize, n: usize) -> bool {
        n > 0 && k as f64 >= self.min_share * n as f64
    }

    /// How many of `n` may depart.
    pub(super) fn allowed(&self, n: usize) -> usize {
        ((1.0 - self.min_share) * n as f64).floor() as usize
    }
}
