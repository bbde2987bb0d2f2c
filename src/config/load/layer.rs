//! What one configuration file (or one `overrides:` entry) sets, and how it folds into the
//! settings of a post.

use globset::GlobSet;

use crate::config::fields::FieldSpec;
use crate::config::{Selection, Settings};
use crate::diagnostic::Severity;
use crate::registry::Rule;
use crate::yaml::{Loader, Node};
use crate::zone::Tz;

#[derive(Debug, Clone, Default)]
pub struct RuleSetting {
    pub off: bool,
    pub severity: Option<Severity>,
    /// The rule's own options as written, each already checked by the rule.
    pub options: Vec<(String, Node<'static>)>,
}

#[derive(Debug, Clone)]
pub struct Override {
    pub patterns: Vec<String>,
    pub globs: GlobSet,
    pub layer: Layer,
}

/// A value with the line it was set on, for `fmlint config`.
#[derive(Debug, Clone)]
pub struct At<T> {
    pub value: T,
    pub line: usize,
}

/// The settings one file (or one `overrides:` entry) sets. Unset keys are None.
#[derive(Debug, Clone, Default)]
pub struct Layer {
    /// Where it came from, as shown: `.fmlint.yml`, `_config.yml (fmlint:)`.
    pub origin: String,
    /// Which YAML loader the site's Jekyll uses (whole-site only: not in `overrides:`).
    pub yaml_loader: Option<At<Loader>>,
    pub required: Option<At<Vec<String>>>,
    pub layouts: Option<At<Vec<String>>>,
    pub timezone: Option<At<Tz>>,
    pub select: Option<At<Vec<String>>>,
    pub ignore: Option<At<Vec<String>>>,
    pub rules: Vec<(&'static Rule, At<RuleSetting>)>,
    pub fields: Vec<(String, At<FieldSpec>)>,
    pub overrides: Vec<At<Override>>,
}

/// Where each effective value came from, for `fmlint config`.
pub type Provenance = std::collections::BTreeMap<String, String>;

impl Layer {
    /// Folds this layer into `s`; records the origin of each value set into `prov`.
    pub fn apply(&self, s: &mut Settings, mut prov: Option<&mut Provenance>) {
        let mut note = |key: &str, line: usize| {
            if let Some(p) = prov.as_deref_mut() {
                p.insert(key.to_string(), format!("{}:{line}", self.origin));
            }
        };
        if let Some(a) = &self.yaml_loader {
            s.yaml_loader = a.value;
            note("yaml-loader", a.line);
        }
        if let Some(a) = &self.required {
            s.required = a.value.clone();
            note("required", a.line);
        }
        if let Some(a) = &self.layouts {
            s.layouts = a.value.clone();
            note("layouts", a.line);
        }
        if let Some(a) = &self.timezone {
            s.timezone = Some(a.value);
            note("timezone", a.line);
        }
        if let Some(a) = &self.select {
            s.selection = Selection::from_selectors(&a.value, &[]).unwrap_or(s.selection);
            note("select", a.line);
        }
        if let Some(a) = &self.ignore {
            for sel in &a.value {
                for r in Selection::rules_matching(sel).unwrap_or_default() {
                    s.selection.remove(r);
                }
            }
            note("ignore", a.line);
        }
        for (rule, a) in &self.rules {
            let r = &a.value;
            let key = format!("rules.{}", rule.code);
            if r.off {
                s.selection.remove(rule);
            }
            if let Some(sev) = r.severity {
                s.severity[rule.index()] = Some(sev);
            }
            for (k, v) in &r.options {
                // Checked when the layer was read: setting it again cannot fail.
                let _ = s.options.set(rule.id, k, v);
            }
            note(&key, a.line);
        }
        for (name, a) in &self.fields {
            match s.fields.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = a.value.clone(),
                None => s.fields.push((name.clone(), a.value.clone())),
            }
            note(&format!("fields.{name}"), a.line);
        }
    }
}
