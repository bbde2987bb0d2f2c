//! One `fields:` entry: the schema of a field (FM7xx).

use super::FIELD_KEYS;
use super::reader::Reader;
use crate::config::fields::{FieldSpec, FieldType, PathPattern, Pattern};
use crate::yaml::{Entry, Node, NodeKind};

impl Reader<'_> {
    pub(super) fn field_spec(&mut self, e: &Entry) -> Option<FieldSpec> {
        let opts = self.entries(&format!("fields.{}", e.key), &e.value)?;
        let mut spec = FieldSpec::default();
        for o in &opts {
            let v = &o.value;
            match &*o.key {
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
