//! Reading a configuration file (`.fmlint.yml`, or the `fmlint:` key of `_config.yml`) into a
//! layer of settings. Every unknown key, wrong type, unknown rule, bad duration, bad glob or bad
//! pattern is an error that points into the file; nothing is silently ignored.

use std::sync::Arc;

use chrono_tz::Tz;
use globset::{Glob, GlobSet, GlobSetBuilder};

use super::error::ConfigError;
use super::fields::{FieldSpec, FieldType, PathPattern, Pattern};
use super::{Selection, Settings};
use crate::diagnostic::Severity;
use crate::registry::{self, Rule};
use crate::rules::options::OptionError;
use crate::yaml::{self, Document, Entry, Loader, Node, NodeKind, Scalar};

/// One rule's configuration: `FM403: { severity: warning, max-skew: 24h }` or `FM104: off`.
#[derive(Debug, Clone, Default)]
pub struct RuleSetting {
    pub off: bool,
    pub severity: Option<Severity>,
    /// The rule's own options as written, each already checked by the rule.
    pub options: Vec<(String, Node)>,
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

/// Which overrides match a post is kept as 64 bits (settings are cached per combination).
pub const MAX_OVERRIDES: usize = 64;

pub const KEYS: [&str; 9] = [
    "yaml-loader",
    "required",
    "layouts",
    "timezone",
    "select",
    "ignore",
    "rules",
    "fields",
    "overrides",
];
const OVERRIDE_KEYS: [&str; 8] = [
    "paths", "required", "layouts", "timezone", "select", "ignore", "rules", "fields",
];
const FIELD_KEYS: [&str; 8] = [
    "type",
    "enum",
    "pattern",
    "non-empty",
    "nullable",
    "present",
    "path",
    "offset",
];

struct Reader<'a> {
    path: &'a str,
    text: &'a Arc<str>,
    errors: Vec<ConfigError>,
}

impl Reader<'_> {
    fn error(
        &mut self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) {
        self.errors.push(ConfigError {
            path: self.path.to_string(),
            text: self.text.clone(),
            span,
            message: message.into(),
            label: label.into(),
            help,
        });
    }

    fn option_error(&mut self, value: &Node, err: OptionError) {
        let span = err.span.unwrap_or_else(|| value.span.clone());
        self.error(span, err.message, err.label, err.help);
    }

    fn line(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())]
            .matches('\n')
            .count()
            + 1
    }

    fn string(&mut self, key: &str, node: &Node) -> Option<String> {
        match node.scalar() {
            Some(Scalar::Str(s)) => Some(s.clone()),
            _ => {
                self.error(
                    node.span.clone(),
                    format!("`{key}` must be a string, found {}", node.type_name()),
                    "expected a string",
                    Some("quote it if YAML reads it as another type".into()),
                );
                None
            }
        }
    }

    fn bool(&mut self, key: &str, node: &Node) -> Option<bool> {
        match node.scalar() {
            Some(Scalar::Bool(b)) => Some(*b),
            _ => {
                self.error(
                    node.span.clone(),
                    format!("`{key}` must be true or false, found {}", node.type_name()),
                    "expected true or false",
                    None,
                );
                None
            }
        }
    }

    fn strings(&mut self, key: &str, node: &Node) -> Option<Vec<String>> {
        match &node.kind {
            NodeKind::Seq { items, .. } => {
                let mut out = Vec::new();
                for i in items {
                    match i.scalar() {
                        Some(Scalar::Str(s)) => out.push(s.clone()),
                        _ => {
                            self.error(
                                i.span.clone(),
                                format!(
                                    "`{key}` must be a list of strings; this item is {}",
                                    i.type_name()
                                ),
                                "expected a string",
                                Some("quote it".into()),
                            );
                            return None;
                        }
                    }
                }
                Some(out)
            }
            _ => {
                self.error(
                    node.span.clone(),
                    format!("`{key}` must be a list, found {}", node.type_name()),
                    "expected a list like `[a, b]`",
                    None,
                );
                None
            }
        }
    }

    fn entries(&mut self, key: &str, node: &Node) -> Option<Vec<Entry>> {
        match &node.kind {
            NodeKind::Map { entries, .. } => Some(
                entries
                    .iter()
                    .map(|(k, v)| Entry {
                        key: k.display(),
                        key_span: k.span.clone(),
                        value: v.clone(),
                    })
                    .collect(),
            ),
            _ => {
                self.error(
                    node.span.clone(),
                    format!("`{key}` must be a mapping, found {}", node.type_name()),
                    "expected `key: value` lines",
                    None,
                );
                None
            }
        }
    }

    fn unknown_key(&mut self, e: &Entry, known: &[&str], within: &str) {
        let suggestion = known
            .iter()
            .min_by_key(|k| strsim_distance(k, &e.key))
            .filter(|k| strsim_distance(k, &e.key) <= 3);
        let help = match suggestion {
            Some(s) => format!(
                "did you mean `{s}`? Known keys{within}: {}",
                known.join(", ")
            ),
            None => format!("known keys{within}: {}", known.join(", ")),
        };
        self.error(
            e.key_span.clone(),
            format!("unknown key `{}`{within}", e.key),
            "not a configuration key",
            Some(help),
        );
    }

    fn selectors(&mut self, key: &str, node: &Node) -> Option<Vec<String>> {
        let list = self.strings(key, node)?;
        let NodeKind::Seq { items, .. } = &node.kind else {
            return None;
        };
        let mut ok = true;
        for (s, item) in list.iter().zip(items) {
            if let Err(e) = Selection::rules_matching(s) {
                self.error(
                    item.span.clone(),
                    format!("unknown rule `{s}`"),
                    "matches no rule",
                    Some(e),
                );
                ok = false;
            }
        }
        ok.then_some(list)
    }

    fn layer(&mut self, origin: &str, entries: &[Entry], in_override: bool) -> Layer {
        let mut layer = Layer {
            origin: origin.to_string(),
            ..Default::default()
        };
        let mut seen = std::collections::HashSet::new();
        for e in entries {
            if !seen.insert(e.key.clone()) {
                self.error(
                    e.key_span.clone(),
                    format!("`{}` is set twice", e.key),
                    "set again here",
                    None,
                );
                continue;
            }
            let line = self.line(e.key_span.start);
            let v = &e.value;
            match e.key.as_str() {
                "yaml-loader" if !in_override => {
                    if let Some(name) = self.string("yaml-loader", v) {
                        match name.as_str() {
                            "psych" => layer.yaml_loader = Some(At { value: Loader::Psych, line }),
                            "safe_yaml" => {
                                layer.yaml_loader = Some(At {
                                    value: Loader::SafeYaml,
                                    line,
                                })
                            }
                            other => self.error(
                                v.span.clone(),
                                format!("unknown yaml-loader `{other}`"),
                                "expected `psych` or `safe_yaml`",
                                Some("`psych`: Jekyll's main branch and Debian's Jekyll; `safe_yaml`: the released Jekyll gems and GitHub Pages".into()),
                            ),
                        }
                    }
                }
                "required" => {
                    layer.required = self.strings("required", v).map(|value| At { value, line })
                }
                "layouts" => {
                    layer.layouts = self.strings("layouts", v).map(|value| At { value, line })
                }
                "timezone" => {
                    if let Some(name) = self.string("timezone", v) {
                        match name.parse::<Tz>() {
                            Ok(tz) => layer.timezone = Some(At { value: tz, line }),
                            Err(_) => self.error(
                                v.span.clone(),
                                format!("`{name}` is not an IANA time zone"),
                                "unknown time zone",
                                Some("e.g. `UTC`, `Asia/Singapore`, `Europe/Berlin`".into()),
                            ),
                        }
                    }
                }
                "select" => {
                    layer.select = self.selectors("select", v).map(|value| At { value, line })
                }
                "ignore" => {
                    layer.ignore = self.selectors("ignore", v).map(|value| At { value, line })
                }
                "rules" => {
                    if let Some(rs) = self.entries("rules", v) {
                        for r in &rs {
                            if let Some(setting) = self.rule_setting(r) {
                                layer.rules.push(setting);
                            }
                        }
                    }
                }
                "fields" => {
                    if let Some(fs) = self.entries("fields", v) {
                        for f in &fs {
                            if let Some(spec) = self.field_spec(f) {
                                layer.fields.push((
                                    f.key.clone(),
                                    At {
                                        value: spec,
                                        line: self.line(f.key_span.start),
                                    },
                                ));
                            }
                        }
                    }
                }
                "overrides" if !in_override => {
                    if let NodeKind::Seq { items, .. } = &v.kind {
                        for (n, item) in items.iter().enumerate() {
                            if n == MAX_OVERRIDES {
                                self.error(
                                    item.span.clone(),
                                    format!("at most {MAX_OVERRIDES} overrides are allowed"),
                                    "one too many",
                                    Some("merge overrides: one entry takes many `paths`".into()),
                                );
                                break;
                            }
                            if let Some(o) = self.override_entry(origin, n, item) {
                                layer.overrides.push(At {
                                    value: o,
                                    line: self.line(item.span.start),
                                });
                            }
                        }
                    } else {
                        self.error(
                            v.span.clone(),
                            format!("`overrides` must be a list, found {}", v.type_name()),
                            "expected a list of `- paths: […]` entries",
                            None,
                        );
                    }
                }
                "paths" if in_override => {}
                _ => self.unknown_key(
                    e,
                    if in_override {
                        &OVERRIDE_KEYS[..]
                    } else {
                        &KEYS[..]
                    },
                    if in_override { " in an override" } else { "" },
                ),
            }
        }
        layer
    }

    fn override_entry(&mut self, origin: &str, n: usize, item: &Node) -> Option<Override> {
        let entries = self.entries("an override", item)?;
        let Some(paths) = entries.iter().find(|e| e.key == "paths") else {
            self.error(
                item.span.clone(),
                "an override needs `paths`",
                "no `paths` here",
                Some("e.g. `paths: [\"_drafts/**\"]`".into()),
            );
            return None;
        };
        let patterns = self.strings("paths", &paths.value)?;
        let mut builder = GlobSetBuilder::new();
        let mut ok = true;
        if let NodeKind::Seq { items, .. } = &paths.value.kind {
            for (p, node) in patterns.iter().zip(items) {
                match Glob::new(p) {
                    Ok(g) => {
                        builder.add(g);
                    }
                    Err(e) => {
                        self.error(
                            node.span.clone(),
                            format!("`{p}` is not a valid glob: {}", e.kind()),
                            "bad glob",
                            None,
                        );
                        ok = false;
                    }
                }
            }
        }
        let globs = builder.build().ok()?;
        let layer = self.layer(&format!("{origin} override #{}", n + 1), &entries, true);
        ok.then_some(Override {
            patterns,
            globs,
            layer,
        })
    }

    fn rule_setting(&mut self, e: &Entry) -> Option<(&'static Rule, At<RuleSetting>)> {
        let line = self.line(e.key_span.start);
        let Some(rule) = registry::find(&e.key) else {
            self.error(
                e.key_span.clone(),
                format!("unknown rule `{}`", e.key),
                "no such rule",
                Some("`fmlint rules` lists every code and name".into()),
            );
            return None;
        };
        let mut s = RuleSetting::default();
        match &e.value.kind {
            NodeKind::Scalar { .. } => {
                // `FM104: off`, `FM203: error`; YAML 1.1 reads a bare `off` as false.
                match e.value.scalar() {
                    Some(Scalar::Bool(false)) => s.off = true,
                    Some(Scalar::Str(v)) if v == "off" => s.off = true,
                    Some(Scalar::Str(v)) if v == "error" => s.severity = Some(Severity::Error),
                    Some(Scalar::Str(v)) if v == "warning" => s.severity = Some(Severity::Warning),
                    _ => {
                        self.error(
                            e.value.span.clone(),
                            format!(
                                "`{}` takes `off`, `error`, `warning` or a mapping of options",
                                e.key
                            ),
                            "expected off, error, warning or { … }",
                            None,
                        );
                        return None;
                    }
                }
            }
            NodeKind::Map { .. } => {
                let opts = self.entries(&e.key, &e.value)?;
                let spec = crate::rules::options_spec(rule.id);
                let allowed: Vec<&str> = std::iter::once("severity")
                    .chain(spec.iter().flat_map(|s| s.keys.iter().copied()))
                    .collect();
                for o in &opts {
                    if !allowed.contains(&o.key.as_str()) {
                        self.unknown_key(o, &allowed, &format!(" for {} {}", rule.code, rule.name));
                        continue;
                    }
                    let v = &o.value;
                    match (o.key.as_str(), spec) {
                        ("severity", _) => match v.scalar() {
                            Some(Scalar::Str(x)) if x == "error" => {
                                s.severity = Some(Severity::Error)
                            }
                            Some(Scalar::Str(x)) if x == "warning" => {
                                s.severity = Some(Severity::Warning)
                            }
                            Some(Scalar::Str(x)) if x == "off" => s.off = true,
                            Some(Scalar::Bool(false)) => s.off = true,
                            _ => self.error(
                                v.span.clone(),
                                "`severity` is `error`, `warning` or `off`",
                                "unknown severity",
                                None,
                            ),
                        },
                        (key, Some(spec)) => {
                            // The rule judges its own option; a good value is kept as written
                            // and set again on each post's settings, layer over layer.
                            match (spec.default)().set(key, v) {
                                Ok(()) => s.options.push((key.to_string(), v.clone())),
                                Err(err) => self.option_error(v, err),
                            }
                        }
                        (_, None) => {}
                    }
                }
            }
            _ => {
                self.error(
                    e.value.span.clone(),
                    format!(
                        "`{}` takes `off`, `error`, `warning` or a mapping of options",
                        e.key
                    ),
                    "expected a mapping",
                    None,
                );
                return None;
            }
        }
        Some((rule, At { value: s, line }))
    }

    fn field_spec(&mut self, e: &Entry) -> Option<FieldSpec> {
        let opts = self.entries(&format!("fields.{}", e.key), &e.value)?;
        let mut spec = FieldSpec::default();
        for o in &opts {
            let v = &o.value;
            match o.key.as_str() {
                "type" => {
                    let t = v.display();
                    match FieldType::parse(&t) {
                        Some(ty) => spec.ty = Some(ty),
                        None => self.error(
                            v.span.clone(),
                            format!("unknown type `{t}`"),
                            "unknown type",
                            Some(format!("one of: {}", FieldType::NAMES.join(", "))),
                        ),
                    }
                }
                "enum" => {
                    if let NodeKind::Seq { items, .. } = &v.kind {
                        spec.enum_values = Some(items.iter().map(Node::display).collect());
                    } else {
                        self.error(
                            v.span.clone(),
                            "`enum` must be a list of allowed values",
                            "expected a list",
                            None,
                        );
                    }
                }
                "pattern" => {
                    if let Some(p) = self.string("pattern", v) {
                        match regex::Regex::new(&p) {
                            Ok(regex) => spec.pattern = Some(Pattern { source: p, regex }),
                            Err(err) => self.error(
                                v.span.clone(),
                                format!("`{p}` is not a valid regular expression"),
                                "bad pattern",
                                Some(
                                    err.to_string()
                                        .lines()
                                        .last()
                                        .unwrap_or("")
                                        .trim()
                                        .to_string(),
                                ),
                            ),
                        }
                    }
                }
                "non-empty" => spec.non_empty = self.bool("non-empty", v).unwrap_or(false),
                "nullable" => spec.nullable = self.bool("nullable", v).unwrap_or(false),
                "present" => spec.present = self.bool("present", v).unwrap_or(false),
                "path" => {
                    if let Some(p) = self.string("path", v) {
                        match PathPattern::new(&p) {
                            Ok(pp) => spec.path = Some(pp),
                            Err(why) => self.error(
                                v.span.clone(),
                                format!("`{p}` is not a path pattern: {why}"),
                                "bad path pattern",
                                None,
                            ),
                        }
                    }
                }
                "offset" => {
                    let texts: Vec<(String, std::ops::Range<usize>)> = match &v.kind {
                        NodeKind::Seq { items, .. } => items
                            .iter()
                            .map(|i| (i.display(), i.span.clone()))
                            .collect(),
                        _ => vec![(v.display(), v.span.clone())],
                    };
                    let mut offsets = Vec::new();
                    for (t, span) in texts {
                        match parse_offset(&t) {
                            Some(o) => offsets.push(o),
                            None => self.error(
                                span,
                                format!("`{t}` is not a UTC offset"),
                                "bad offset",
                                Some("write `+00:00`, `+08:00`, `-05:00` or `Z`".into()),
                            ),
                        }
                    }
                    spec.offsets = Some(offsets);
                }
                _ => self.unknown_key(o, &FIELD_KEYS, &format!(" for field `{}`", e.key)),
            }
        }
        Some(spec)
    }
}

/// `+08:00`, `+0800`, `Z` in seconds east of UTC.
pub fn parse_offset(text: &str) -> Option<i32> {
    let t = text.trim();
    if t == "Z" || t == "z" {
        return Some(0);
    }
    let re = regex::Regex::new(r"^([+-])([0-9]{2}):?([0-9]{2})$").ok()?;
    let c = re.captures(t)?;
    let secs = c[2].parse::<i32>().ok()? * 3600 + c[3].parse::<i32>().ok()? * 60;
    Some(if &c[1] == "-" { -secs } else { secs })
}

fn strsim_distance(a: &str, b: &str) -> usize {
    // Levenshtein, small strings only.
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Reads a configuration file's text. `key` names the key holding fmlint's settings inside a
/// larger file (`fmlint` in `_config.yml`); None reads the whole file. `Ok(None)` when the key
/// is absent.
pub fn parse(
    path_shown: &str,
    text: Arc<str>,
    key: Option<&str>,
) -> Result<Option<Layer>, Vec<ConfigError>> {
    let body = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    let doc = yaml::parse(&text, body..text.len()).map_err(|e| {
        vec![ConfigError {
            path: path_shown.to_string(),
            text: text.clone(),
            span: e.offset..e.offset,
            message: format!("not valid YAML: {}", e.message),
            label: e.message.clone(),
            help: None,
        }]
    })?;
    let mut r = Reader {
        path: path_shown,
        text: &text,
        errors: Vec::new(),
    };
    let entries: Vec<Entry> = match (doc, key) {
        (Document::Empty, None) => Vec::new(),
        (Document::Mapping(es), None) => es,
        (Document::Mapping(es), Some(k)) => match es.into_iter().rev().find(|e| e.key == k) {
            None => return Ok(None),
            Some(e) if e.value.is_null() => Vec::new(),
            Some(e) => match r.entries(k, &e.value) {
                Some(es) => es,
                None => return Err(r.errors),
            },
        },
        (Document::Empty, Some(_)) => return Ok(None),
        (Document::Other(n), _) => {
            r.error(
                n.span.clone(),
                "a configuration must be a mapping of `key: value` lines",
                "expected a mapping",
                None,
            );
            return Err(r.errors);
        }
    };
    let origin = match key {
        Some(k) => format!("{path_shown} ({k}:)"),
        None => path_shown.to_string(),
    };
    let layer = r.layer(&origin, &entries, false);
    if r.errors.is_empty() {
        Ok(Some(layer))
    } else {
        Err(r.errors)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        match parse(".fmlint.yml", Arc::from(text), None) {
            Ok(_) => vec![],
            Err(es) => es.iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn reads_the_documented_example() {
        let text = "required: [layout, title, date, author, from, tags, categories]\nlayouts: [post]\ntimezone: Asia/Singapore\nselect: [FM]\nignore: [FM604]\nrules:\n  FM403: { severity: warning, max-skew: 24h }\n  FM501: { policy: equal }\n  FM601: { order: [layout, title, date, author, from, tags, categories] }\n  FM104: off\noverrides:\n  - paths: [\"_drafts/**\"]\n    required: [title]\n    ignore: [FM203]\nfields:\n  lang: { type: string, non-empty: true, path: \"{lang}/news/_posts/**\" }\n  translator: { present: true, nullable: true, type: string }\n  date: { type: date, offset: \"+00:00\" }\n  version: { type: string, pattern: \"^\\\\d+\\\\.\\\\d+\\\\.\\\\d+$\" }\n  layout: { enum: [news_post] }\n";
        let layer = parse(".fmlint.yml", Arc::from(text), None)
            .unwrap()
            .unwrap();
        let mut s = Settings::default();
        layer.apply(&mut s, None);
        assert_eq!(s.timezone, Some(chrono_tz::Asia::Singapore));
        assert!(!s.selection.contains(&crate::rules::style::WHITESPACE));
        assert!(
            !s.selection
                .contains(crate::registry::RuleId::UnknownLayout.rule())
        );
        assert_eq!(
            s.options
                .get::<crate::rules::timestamp::TimestampSkewOptions>(
                    crate::registry::RuleId::TimestampSkew
                )
                .max_skew_ms,
            24 * 3_600_000
        );
        assert_eq!(s.fields.len(), 5);
        assert_eq!(layer.overrides.len(), 1);
    }

    #[test]
    fn every_mistake_points_at_its_place() {
        assert_eq!(
            errors("requird: [title]\n"),
            [".fmlint.yml:1:1: unknown key `requird`"]
        );
        assert_eq!(
            errors("required: title\n"),
            [".fmlint.yml:1:11: `required` must be a list, found a string"]
        );
        assert_eq!(
            errors("select: [FM9x]\n"),
            [".fmlint.yml:1:10: unknown rule `FM9x`"]
        );
        assert_eq!(
            errors("rules:\n  FM403: { max-skew: 24 hours }\n"),
            [".fmlint.yml:2:22: `24 hours` is not a duration"]
        );
        assert_eq!(
            errors("rules:\n  FM777: off\n"),
            [".fmlint.yml:2:3: unknown rule `FM777`"]
        );
        assert_eq!(
            errors("overrides:\n  - paths: [\"a/[\"]\n"),
            [".fmlint.yml:2:13: `a/[` is not a valid glob: unclosed character class; missing ']'"]
        );
        assert_eq!(
            errors("timezone: Mars/Base\n"),
            [".fmlint.yml:1:11: `Mars/Base` is not an IANA time zone"]
        );
        assert_eq!(
            errors("fields:\n  v: { pattern: \"(\" }\n"),
            [".fmlint.yml:2:17: `(` is not a valid regular expression"]
        );
        assert_eq!(
            errors("rules:\n  FM201: { max-skew: 1h }\n"),
            [".fmlint.yml:2:12: unknown key `max-skew` for FM201 date-format"]
        );
        assert_eq!(errors("a: 1\nb: 2\n").len(), 2);
    }

    #[test]
    fn date_form_option() {
        let layer = parse(
            ".fmlint.yml",
            Arc::from("rules:\n  FM201: { form: ruby }\n"),
            None,
        )
        .unwrap()
        .unwrap();
        let mut s = Settings::default();
        layer.apply(&mut s, None);
        assert_eq!(
            s.options
                .get::<crate::rules::dates::DateFormatOptions>(crate::registry::RuleId::DateFormat)
                .form,
            crate::config::DateForm::Ruby
        );
        assert_eq!(
            errors("rules:\n  FM201: { form: iso }\n"),
            [".fmlint.yml:2:18: unknown date form `iso`"]
        );
        assert_eq!(
            errors("rules:\n  FM202: { form: ruby }\n"),
            [".fmlint.yml:2:12: unknown key `form` for FM202 invalid-date"]
        );
    }

    #[test]
    fn durations_and_offsets() {
        assert_eq!(parse_offset("+08:00"), Some(28800));
        assert_eq!(parse_offset("-0530"), Some(-19800));
        assert_eq!(parse_offset("8"), None);
    }
}
