//! What `fmlint init` notes about one post: its keys in order, each value's type as Jekyll's
//! YAML loader reads it, the keys `_config.yml` defaults give it, its date's text and offset,
//! and whether it has the canonical shape (a `from` URL, a timestamp comment, a header link).
//! Pure: the post is read by the same model the rules use ([`crate::post::Post`]).

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::datetime::{self, DateInput, Zone};
use crate::jekyll;
use crate::post::Post;
use crate::site::Site;
use crate::yaml::{Node, NodeKind, Scalar};

/// One post as read from disk.
#[derive(Debug, Clone)]
pub struct Sample {
    /// The path as walked (what the rules and messages see).
    pub path: PathBuf,
    /// The path from the site's root, `/`-separated (what `paths:` globs match).
    pub rel: String,
    pub bytes: Vec<u8>,
}

/// A value's type as Jekyll reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Null,
    String,
    Number,
    Bool,
    Date,
    List,
    Map,
}

impl Kind {
    pub fn of(node: &Node) -> Kind {
        match &node.kind {
            NodeKind::Scalar { value, .. } => match value {
                Scalar::Null => Kind::Null,
                Scalar::Bool(_) => Kind::Bool,
                Scalar::Int(_) | Scalar::Float(_) => Kind::Number,
                Scalar::Str(_) => Kind::String,
                Scalar::Time(_) | Scalar::Date(_) => Kind::Date,
            },
            NodeKind::Seq { .. } => Kind::List,
            NodeKind::Map { .. } => Kind::Map,
        }
    }

    /// The schema's name for the type (`fields.X.type`), when it has one.
    pub fn schema_name(self) -> Option<&'static str> {
        Some(match self {
            Kind::String => "string",
            Kind::Number => "number",
            Kind::Bool => "bool",
            Kind::Date => "date",
            Kind::List => "list",
            Kind::Map => "map",
            Kind::Null => return None,
        })
    }
}

/// One front-matter value.
#[derive(Debug, Clone)]
pub struct Value {
    pub kind: Kind,
    /// Null, blank, `[]` or `{}`.
    pub empty: bool,
    /// A string's text (for closed sets and path captures).
    pub text: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Observation {
    pub rel: String,
    /// The front matter is a mapping fmlint and Jekyll can read.
    pub readable: bool,
    /// Top-level keys in order, each once.
    pub keys: Vec<String>,
    /// The value Jekyll keeps for each key (the last one).
    pub values: BTreeMap<String, Value>,
    /// Keys whose value `_config.yml` defaults give (present for Jekyll, not in the file).
    pub defaulted: Vec<String>,
    /// The layout Jekyll uses (front matter, else defaults).
    pub layout: Option<String>,
    /// `date` as written, quotes aside.
    pub date_text: Option<String>,
    /// The UTC offset the date's text gives, in seconds.
    pub date_offset: Option<i32>,
    /// The day in the file name.
    pub file_day: Option<NaiveDate>,
    /// The folders of `rel`.
    pub dirs: Vec<String>,
    pub has_from: bool,
    pub has_timestamp: bool,
    pub has_header: bool,
    /// Written `category:` or `tag:` (the singular keys Jekyll merges into the plural ones).
    pub singular_terms: bool,
}

impl Observation {
    /// Whether Jekyll has a value for `key` (written, or from defaults).
    pub fn has(&self, key: &str) -> bool {
        self.values.contains_key(key) || self.defaulted.iter().any(|k| k == key)
    }
}

fn value_of(node: &Node) -> Value {
    Value {
        kind: Kind::of(node),
        empty: crate::rules::fields::is_empty(node),
        text: node.as_str().map(str::to_string),
    }
}

pub fn observe(sample: &Sample, site: &Site) -> Observation {
    let mut dirs: Vec<String> = sample.rel.split('/').map(str::to_string).collect();
    let name = dirs.pop().unwrap_or_default();
    let mut obs = Observation {
        rel: sample.rel.clone(),
        file_day: jekyll::filename_day(&name).and_then(Result::ok),
        dirs,
        ..Default::default()
    };
    let Ok(text) = std::str::from_utf8(&sample.bytes) else {
        return obs;
    };
    let post = Post::new(&sample.path, text);
    let defaults = jekyll::defaults_of(site, &sample.path);
    obs.defaulted = defaults.iter().map(|d| d.key.clone()).collect();
    obs.layout = jekyll::effective(&post, &defaults, "layout").map(|e| e.value.display());
    let Some(entries) = post.entries() else {
        return obs;
    };
    obs.readable = true;
    for e in entries {
        if !obs.values.contains_key(&*e.key) {
            obs.keys.push(e.key.to_string());
        }
        obs.values.insert(e.key.to_string(), value_of(&e.value));
    }
    if let Some(e) = post.get("date") {
        let (input, text) = match e.value.scalar() {
            Some(Scalar::Time(t)) => (Some(DateInput::Timestamp(t)), Some(t.to_string())),
            Some(Scalar::Date(t)) => (Some(DateInput::Day(t)), Some(t.to_string())),
            Some(Scalar::Str(t)) => (Some(DateInput::Text(t)), Some(t.to_string())),
            _ => (None, None),
        };
        obs.date_text = text;
        let tz = site.timezone;
        if let Some(Ok(d)) = input.map(|i| datetime::read(i, tz))
            && d.zone == Zone::Explicit
        {
            obs.date_offset = Some(d.offset.local_minus_utc());
        }
    }
    obs.has_from = post.get("from").is_some_and(|e| !e.value.is_null());
    obs.singular_terms = post.get("category").is_some() || post.get("tag").is_some();
    if let Some(p) = &post.preamble {
        obs.has_timestamp = p.timestamp.is_some();
        obs.has_header = p.header.is_some();
    }
    obs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_what_jekyll_reads() {
        let text = "---\nlayout: post\ntitle: \"a\"\ndate: 2021-07-20 18:40:01 +0800\ntags: [ x ]\ncategory: y\nn: 3\nt:\n---\n<!--1-->\nbody\n";
        let s = Sample {
            path: PathBuf::from("_posts/2021-07-20-a.md"),
            rel: "_posts/2021-07-20-a.md".into(),
            bytes: text.as_bytes().to_vec(),
        };
        let o = observe(&s, &Site::default());
        assert!(o.readable && o.has_timestamp && !o.has_header && o.singular_terms);
        assert_eq!(
            o.keys,
            ["layout", "title", "date", "tags", "category", "n", "t"]
        );
        assert_eq!(o.values["n"].kind, Kind::Number);
        assert_eq!(o.values["date"].kind, Kind::Date);
        assert!(o.values["t"].empty);
        assert_eq!(o.date_offset, Some(8 * 3600));
        assert_eq!(o.layout.as_deref(), Some("post"));
        assert_eq!(o.dirs, ["_posts"]);
        assert_eq!(o.file_day, NaiveDate::from_ymd_opt(2021, 7, 20));
    }
}
