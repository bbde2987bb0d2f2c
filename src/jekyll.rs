//! How Jekyll 4.3 reads one post: its effective data (`defaults:` under the front matter), its
//! date, title, tags, categories and URL, and whether it is published. A port of
//! `Jekyll::Document` (`read`, `merge_data!`, `populate_*`), `Publisher`, `Drops::UrlDrop`,
//! `URL` and the `Utils` helpers they use. `fmlint inspect` prints it; the rules use
//! [`effective`] and [`dated_name`].
//!
//! Every behaviour here was checked with `../shared/tools/jekyll-oracle`; `tests/inspect.rs`
//! compares the whole reading with Jekyll's on real sites.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, Utc};
use chrono_tz::Tz;
use regex::Regex;
use serde_json::Value;

use crate::datetime::{self, DateInput, DateProblem};
use crate::post::Post;
use crate::site::{DefaultValue, Magic, NotRead, Placement, Site};
use crate::yaml::{Entry, Node, NodeKind, Scalar};

// ---------------------------------------------------------------------------------------------
// Effective data: defaults under the front matter

/// Where a post's value for a key comes from.
#[derive(Debug, Clone, Copy)]
pub enum Origin<'a> {
    /// Written in the post's front matter.
    FrontMatter(&'a Entry),
    /// Given by a `defaults:` set of `_config.yml` (the post has no value, or a null one).
    Defaults(&'a DefaultValue),
}

/// The value Jekyll uses for a key of a post, and where it comes from.
#[derive(Debug, Clone)]
pub struct Effective<'a> {
    pub value: Cow<'a, Node>,
    pub origin: Origin<'a>,
}

impl<'a> Effective<'a> {
    /// The front-matter entry, when the value is written in the post.
    pub fn entry(&self) -> Option<&'a Entry> {
        match self.origin {
            Origin::FrontMatter(e) => Some(e),
            Origin::Defaults(_) => None,
        }
    }

    pub fn is_from_defaults(&self) -> bool {
        matches!(self.origin, Origin::Defaults(_))
    }

    /// Where a diagnostic about the value points: the value in the file (its key when the value
    /// is an empty null), or the front matter's opening line for a value from `_config.yml`,
    /// which has no place in the post.
    pub fn span(&self, post: &Post<'_>) -> Range<usize> {
        match self.origin {
            Origin::FrontMatter(e) if e.value.span.is_empty() => e.key_span.clone(),
            Origin::FrontMatter(e) => e.value.span.clone(),
            Origin::Defaults(_) => post.fence().map_or(0..0, |f| f.open.clone()),
        }
    }

    /// `from `_config.yml` defaults (line 34)`, for messages; `None` for front-matter values.
    pub fn origin_note(&self, site: &Site) -> Option<String> {
        match self.origin {
            Origin::FrontMatter(_) => None,
            Origin::Defaults(d) => Some(format!(
                "from `{}` defaults (line {})",
                site.config_name(),
                d.line
            )),
        }
    }
}

/// The value Jekyll uses for `key`: the front matter's, laid over the `defaults:` values with
/// `Utils.deep_merge_hashes` (mappings merge key by key; a null in the front matter keeps the
/// default). `None`: neither has the key.
pub fn effective<'a>(
    post: &'a Post<'a>,
    defaults: &'a [DefaultValue],
    key: &str,
) -> Option<Effective<'a>> {
    let written = post.get(key);
    let default = defaults.iter().find(|d| d.key == key);
    match (written, default) {
        (Some(e), Some(d)) if e.value.is_null() => Some(Effective {
            value: Cow::Borrowed(&d.value),
            origin: Origin::Defaults(d),
        }),
        (Some(e), Some(d))
            if matches!(e.value.kind, NodeKind::Map { .. })
                && matches!(d.value.kind, NodeKind::Map { .. }) =>
        {
            Some(Effective {
                value: Cow::Owned(crate::site::defaults::merge_node(&d.value, &e.value)),
                origin: Origin::FrontMatter(e),
            })
        }
        (Some(e), _) => Some(Effective {
            value: Cow::Borrowed(&e.value),
            origin: Origin::FrontMatter(e),
        }),
        (None, Some(d)) => Some(Effective {
            value: Cow::Borrowed(&d.value),
            origin: Origin::Defaults(d),
        }),
        (None, None) => None,
    }
}

/// The defaults that apply to the post at `path` in `site` (none when it is not in a site's
/// `_posts`/`_drafts`, as far as fmlint can tell).
pub fn defaults_of(site: &Site, path: &Path) -> Vec<DefaultValue> {
    if site.defaults.is_empty() {
        return Vec::new();
    }
    let Some(source_relative) = site.source_relative(path) else {
        return Vec::new();
    };
    site.defaults_for(
        &site.collection_relative(&source_relative),
        &source_relative,
    )
}

// ---------------------------------------------------------------------------------------------
// File names

/// `Document::DATE_FILENAME_MATCHER` on a file name: the date, the slug, the extension.
static DATE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{2,4}-[0-9]{1,2}-[0-9]{1,2})-([^/\n]*)(\.[^./\n]+)$").unwrap()
});
/// `Document::DATELESS_FILENAME_MATCHER` on a file name.
static DATELESS_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([^/\n]*)(\.[^./\n]+)$").unwrap());

/// A file name Jekyll reads a date from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedName {
    /// As written: `2021-7-20`.
    pub date: String,
    pub slug: String,
    pub ext: String,
}

/// The date, slug and extension of a file name that starts with `YYYY-MM-DD-` (Jekyll skips a
/// `_posts` file whose name does not).
pub fn dated_name(file_name: &str) -> Option<DatedName> {
    let c = DATE_NAME.captures(file_name)?;
    Some(DatedName {
        date: c[1].to_string(),
        slug: c[2].to_string(),
        ext: c[3].to_string(),
    })
}

/// The day in a `YYYY-MM-DD-` file name, `Err` when it names no real day.
pub fn filename_day(file_name: &str) -> Option<Result<NaiveDate, ()>> {
    let d = dated_name(file_name)?;
    let mut it = d.date.split('-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(day))) = (it.next(), it.next(), it.next()) else {
        return Some(Err(()));
    };
    Some(NaiveDate::from_ymd_opt(y as i32, m, day).ok_or(()))
}

// ---------------------------------------------------------------------------------------------
// Ruby's string helpers, as Jekyll calls them

/// Ruby's `String#split` with no argument: on runs of ASCII whitespace, ends trimmed. Not
/// `str::split_whitespace`, which also splits on U+3000, the ideographic space of CJK titles:
/// Jekyll reads `tags: 联合早报　国际` as one tag.
pub fn ruby_words(s: &str) -> impl Iterator<Item = &str> {
    s.split([' ', '\t', '\n', '\x0b', '\x0c', '\r'])
        .filter(|p| !p.is_empty())
}

/// `ruby_words`, owned.
pub fn ruby_split(s: &str) -> Vec<String> {
    ruby_words(s).map(str::to_string).collect()
}

/// Ruby's `String#capitalize`: the first character in title case, the rest in lower case.
fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let head: String = match first {
        'ß' => "Ss".into(),
        'Ǆ' | 'ǅ' | 'ǆ' => "ǅ".into(),
        'Ǉ' | 'ǈ' | 'ǉ' => "ǈ".into(),
        'Ǌ' | 'ǋ' | 'ǌ' => "ǋ".into(),
        'Ǳ' | 'ǲ' | 'ǳ' => "ǲ".into(),
        c => c.to_uppercase().collect(),
    };
    head + &chars.as_str().to_lowercase()
}

/// `Utils.titleize_slug`: `slug.split("-").map(&:capitalize).join(" ")`. Ruby's `split("-")`
/// drops trailing empty strings.
pub fn titleize_slug(slug: &str) -> String {
    let mut parts: Vec<&str> = slug.split('-').collect();
    while parts.last() == Some(&"") {
        parts.pop();
    }
    parts
        .iter()
        .map(|p| capitalize(p))
        .collect::<Vec<_>>()
        .join(" ")
}

static SLUG_DEFAULT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^\p{M}\p{L}\p{Nd}]+").unwrap());
static SLUG_PRETTY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+").unwrap());
static SLUG_ENDS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?m)^-|-$").unwrap());

/// `Utils.slugify` in its `default` (`pretty: false`) and `pretty` modes.
pub fn slugify(s: &str, pretty: bool, cased: bool) -> String {
    let re = if pretty { &SLUG_PRETTY } else { &SLUG_DEFAULT };
    let slug = re.replace_all(s, "-");
    let slug = SLUG_ENDS.replace_all(&slug, "");
    if cased {
        slug.into_owned()
    } else {
        slug.to_lowercase()
    }
}

/// Addressable's character classes (`Addressable::URI::CharacterClasses`).
fn in_class(b: u8, extra: &[u8]) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) || extra.contains(&b)
}

fn encode_component(s: &str, extra: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if in_class(b, extra) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

static URI_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(([^:/?#\n]+):)?(//([^/?#\n]*))?([^?#\n]*)(\?([^#\n]*))?(#(.*))?$").unwrap()
});
static SCHEME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^[a-z][a-z0-9.+-]*$").unwrap());

/// `URL.escape_path`: `Addressable::URI.encode(path)` (which parses the value as a URI and
/// encodes each part: `?` starts a query and stays, `#` a fragment), then the first `#` as
/// `%23`. `None` where Addressable raises (Jekyll's build then fails).
pub fn escape_path(path: &str) -> Option<String> {
    if path.is_empty()
        || path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'/' || b == b'-')
    {
        return Some(path.to_string());
    }
    let c = URI_PARTS.captures(path)?;
    let scheme = c.get(2).map(|m| m.as_str());
    if c.get(3).is_some() {
        // An authority (`//host`): Addressable validates hosts in ways not worth copying.
        return None;
    }
    let part = c.get(5).map_or("", |m| m.as_str());
    let query = c.get(7).map(|m| m.as_str());
    let fragment = c.get(9).map(|m| m.as_str());
    let mut out = String::new();
    if let Some(s) = scheme {
        let s = encode_component(s, b"");
        if !SCHEME.is_match(&s)
            || s.contains([
                '!', '$', '&', '\'', '(', ')', '*', ',', ';', '=', ':', '@', '_', '~',
            ])
        {
            return None;
        }
        out.push_str(&s);
        out.push(':');
    } else if part.starts_with(':') {
        // "Cannot assemble URI string with ambiguous path".
        return None;
    }
    out.push_str(&encode_component(part, b"/"));
    if let Some(q) = query {
        out.push('?');
        out.push_str(&encode_component(q, b"/?"));
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(&encode_component(f, b"/?"));
    }
    Some(out.replacen('#', "%23", 1))
}

// ---------------------------------------------------------------------------------------------
// Values as Ruby sees them

/// Ruby's `Float#to_s`.
fn ruby_float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let abs = f.abs();
    if abs == 0.0 || (1e-4..1e16).contains(&abs) {
        let s = format!("{f}");
        if s.contains('.') { s } else { format!("{s}.0") }
    } else {
        let s = format!("{f:e}");
        let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let mant = if mant.contains('.') {
            mant.to_string()
        } else {
            format!("{mant}.0")
        };
        let exp: i32 = exp.parse().unwrap_or(0);
        format!("{mant}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
    }
}

/// A Psych timestamp as Ruby's `Time#to_s` prints it: UTC for `Z`, the written offset, or the
/// site's zone for a zone-less one.
fn time_to_s(text: &str, tz: Option<Tz>) -> String {
    match datetime::read(DateInput::Timestamp(text), tz) {
        Ok(d) => {
            let z = text.trim_end();
            if z.ends_with('Z') || z.ends_with('z') {
                d.instant.format("%Y-%m-%d %H:%M:%S UTC").to_string()
            } else {
                d.instant
                    .with_timezone(&d.offset)
                    .format("%Y-%m-%d %H:%M:%S %z")
                    .to_string()
            }
        }
        Err(_) => text.to_string(),
    }
}

/// `value.to_s` (what `categories` become, and what URL placeholders print).
pub fn ruby_to_s(node: &Node, tz: Option<Tz>) -> String {
    match &node.kind {
        NodeKind::Scalar { value, .. } => match value {
            Scalar::Null => String::new(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => ruby_float(*f),
            Scalar::Str(s) | Scalar::Date(s) => s.clone(),
            Scalar::Time(t) => time_to_s(t, tz),
        },
        _ => ruby_inspect(node, tz),
    }
}

/// `value.inspect`, for lists and mappings turned into strings.
fn ruby_inspect(node: &Node, tz: Option<Tz>) -> String {
    match &node.kind {
        NodeKind::Scalar {
            value: Scalar::Str(s),
            ..
        } => format!("{s:?}"),
        NodeKind::Scalar {
            value: Scalar::Null,
            ..
        } => "nil".into(),
        NodeKind::Scalar { .. } => ruby_to_s(node, tz),
        NodeKind::Seq { items, .. } => format!(
            "[{}]",
            items
                .iter()
                .map(|i| ruby_inspect(i, tz))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        NodeKind::Map { entries, .. } => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{}=>{}", ruby_inspect(k, tz), ruby_inspect(v, tz)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// What Liquid's `jsonify` prints for a value.
pub fn jsonify(node: &Node, tz: Option<Tz>) -> Value {
    match &node.kind {
        NodeKind::Scalar { value, .. } => match value {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => Value::Bool(*b),
            Scalar::Int(i) => i64::try_from(*i)
                .map(Value::from)
                .unwrap_or_else(|_| Value::from(*i as f64)),
            Scalar::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Scalar::Str(s) | Scalar::Date(s) => Value::String(s.clone()),
            Scalar::Time(t) => Value::String(time_to_s(t, tz)),
        },
        NodeKind::Seq { items, .. } => Value::Array(items.iter().map(|i| jsonify(i, tz)).collect()),
        NodeKind::Map { entries, .. } => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (ruby_to_s(k, tz), jsonify(v, tz)))
                .collect(),
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Tags and categories

/// Ruby's `Array#|`: the union, in order, without repeats (`2021` and `"2021"` differ).
fn union(a: &[Value], b: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::with_capacity(a.len() + b.len());
    for v in a.iter().chain(b) {
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

fn flatten(values: Vec<Value>) -> Vec<Value> {
    let mut out = Vec::new();
    for v in values {
        match v {
            Value::Array(items) => out.extend(flatten(items)),
            other => out.push(other),
        }
    }
    out
}

/// `merge_categories!`'s view of a `categories` value: a string is split, a list is kept;
/// anything else cannot be united with a list (Ruby raises a TypeError and Jekyll drops the
/// front matter).
fn categories_value(node: &Node, tz: Option<Tz>) -> Result<Option<Vec<Value>>, String> {
    match &node.kind {
        NodeKind::Scalar {
            value: Scalar::Null,
            ..
        } => Ok(None),
        NodeKind::Scalar {
            value: Scalar::Str(s),
            ..
        } => Ok(Some(ruby_split(s).into_iter().map(Value::String).collect())),
        NodeKind::Seq { items, .. } => Ok(Some(items.iter().map(|i| jsonify(i, tz)).collect())),
        _ => Err(format!(
            "`categories` is {}: Ruby cannot unite it with a list (\"no implicit conversion into Array\")",
            node.type_name()
        )),
    }
}

/// `Utils.pluralized_array_from_hash(data, singular, plural)`: the singular key's value as
/// is, else the plural's (a string split, a list without nils), flattened, nils dropped.
fn pluralized(singular: Option<&Node>, plural: Option<&Node>, tz: Option<Tz>) -> Vec<Value> {
    let value = singular.filter(|n| n.is_truthy()).map(|n| jsonify(n, tz));
    let value = value.or_else(|| {
        plural.and_then(|n| match &n.kind {
            NodeKind::Scalar {
                value: Scalar::Str(s),
                ..
            } => Some(Value::Array(
                ruby_split(s).into_iter().map(Value::String).collect(),
            )),
            NodeKind::Seq { items, .. } => Some(Value::Array(
                items
                    .iter()
                    .filter(|i| !i.is_null())
                    .map(|i| jsonify(i, tz))
                    .collect(),
            )),
            _ => None,
        })
    });
    flatten(value.into_iter().collect())
        .into_iter()
        .filter(|v| !v.is_null())
        .collect()
}

/// `value.to_s` of a JSON value standing for a Ruby one.
fn value_to_s(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => ruby_float(f),
            _ => n.to_string(),
        },
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| match i {
                    Value::String(s) => format!("{s:?}"),
                    Value::Null => "nil".into(),
                    other => value_to_s(other),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(_) => v.to_string(),
    }
}

/// Categories from the folders above `_posts` (`categories_from_path`): `en/news/_posts/…`
/// gives `[en, news]`; `_posts/en/…` gives nothing.
fn path_categories(relative_path: &str, special: &str) -> Vec<Value> {
    if relative_path.starts_with(special) {
        return Vec::new();
    }
    let basename = relative_path.rsplit('/').next().unwrap_or("");
    let above = match relative_path.find(special) {
        Some(i) => &relative_path[..i],
        None => relative_path,
    };
    above
        .split('/')
        .filter(|c| !c.is_empty() && *c != special && *c != basename)
        .map(|c| Value::String(c.to_string()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The URL

/// The values of `Drops::UrlDrop` a template may use.
struct UrlParts<'a> {
    date: DateTime<FixedOffset>,
    categories: &'a [Value],
    slug: &'a str,
    basename: &'a str,
    cleaned_relative_path: &'a str,
    output_ext: &'a str,
}

impl UrlParts<'_> {
    fn placeholder(&self, key: &str) -> Option<String> {
        let d = &self.date;
        let f = |fmt: &str| d.format(fmt).to_string();
        Some(match key {
            "collection" => "posts".into(),
            "path" => self.cleaned_relative_path.into(),
            "output_ext" => self.output_ext.into(),
            "name" => slugify(self.basename, false, false),
            "title" => slugify(self.slug, true, true),
            "slug" => slugify(self.slug, false, false),
            "categories" => {
                let mut seen: Vec<String> = Vec::new();
                for c in self.categories {
                    let c = value_to_s(c).to_lowercase();
                    if !seen.contains(&c) {
                        seen.push(c);
                    }
                }
                seen.join("/")
            }
            "slugified_categories" => {
                let mut seen: Vec<String> = Vec::new();
                for c in self.categories {
                    let c = slugify(&value_to_s(c), false, false);
                    if !seen.contains(&c) {
                        seen.push(c);
                    }
                }
                seen.join("/")
            }
            "year" => f("%Y"),
            "month" => f("%m"),
            "day" => f("%d"),
            "hour" => f("%H"),
            "minute" => f("%M"),
            "second" => f("%S"),
            "i_day" => f("%-d"),
            "i_month" => f("%-m"),
            "short_month" => f("%b"),
            "long_month" => f("%B"),
            "short_year" => f("%y"),
            "w_year" => f("%G"),
            "week" => f("%V"),
            "w_day" => f("%u"),
            "short_day" => f("%a"),
            "long_day" => f("%A"),
            "y_day" => f("%j"),
            _ => return None,
        })
    }
}

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r":([a-z_]+)").unwrap());

/// `URL#generate_url_from_drop` then `sanitize_url`. `None` where Jekyll's build would fail
/// (a placeholder the drop does not have, a value Addressable rejects).
fn generate_url(template: &str, parts: &UrlParts<'_>) -> Option<String> {
    let mut out = String::new();
    let mut last = 0;
    for c in PLACEHOLDER.captures_iter(template) {
        let m = c.get(0)?;
        out.push_str(&template[last..m.start()]);
        let name = &c[1];
        // `name.chomp!("_")`: `:month_` is `:month` followed by `_`.
        let key = name.strip_suffix('_').unwrap_or(name);
        let value = parts.placeholder(key)?;
        out.push_str(&escape_path(&value)?);
        out.push_str(&name[key.len()..]);
        last = m.end();
    }
    out.push_str(&template[last..]);
    // sanitize_url
    let s = format!("/{out}").replace("..", "/").replace("./", "");
    let mut squeezed = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch == '/' && squeezed.ends_with('/') {
            continue;
        }
        squeezed.push(ch);
    }
    Some(squeezed)
}

/// Ruby's `File.extname`.
fn extname(path: &str) -> &str {
    let base = path.rsplit('/').next().unwrap_or(path);
    let trimmed = base.trim_start_matches('.');
    match trimmed.rfind('.') {
        Some(i) if i + 1 < trimmed.len() => &trimmed[i..],
        Some(_) => ".",
        None => "",
    }
}

// ---------------------------------------------------------------------------------------------
// The reading

/// Why Jekyll will not publish a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unpublished {
    /// Not under a `_posts` or `_drafts` folder.
    NotAPost,
    /// Jekyll never reads it: `exclude:`, a special name. `what` is the path that decides.
    Excluded { what: String, why: String },
    /// A draft, and the site does not set `show_drafts: true`.
    Draft,
    /// A `_posts` file whose name does not start with `YYYY-MM-DD-`: skipped without a word.
    UndatedFilename,
    /// Not UTF-8: Jekyll skips it with an error.
    NotUtf8,
    /// The post stops the whole site's build.
    BuildFails { why: String },
    /// `published: false` (or null).
    PublishedFalse { from_defaults: bool },
    /// Dated after the build, and the site does not set `future: true`.
    Future,
    /// Its real path is outside the site, through a link: fmlint does not read it.
    /// `safe_skips`: a safe build (GitHub Pages) skips it too (the post itself is the link).
    OutsideSite {
        real: String,
        is_link: bool,
        safe_skips: bool,
    },
}

impl Unpublished {
    /// A short code for JSON: `excluded`, `draft`, `undated-filename`, …
    pub fn code(&self) -> &'static str {
        match self {
            Unpublished::NotAPost => "not-a-post",
            Unpublished::Excluded { .. } => "excluded",
            Unpublished::Draft => "draft",
            Unpublished::UndatedFilename => "undated-filename",
            Unpublished::NotUtf8 => "not-utf8",
            Unpublished::BuildFails { .. } => "build-fails",
            Unpublished::PublishedFalse { .. } => "published-false",
            Unpublished::Future => "future-date",
            Unpublished::OutsideSite { .. } => "outside-site",
        }
    }

    /// One sentence for people.
    pub fn explain(&self) -> String {
        match self {
            Unpublished::NotAPost => "not under a `_posts` or `_drafts` folder".into(),
            Unpublished::Excluded { what, why } => {
                format!("Jekyll does not read `{what}`: {why}")
            }
            Unpublished::Draft => {
                "a draft: published only with `show_drafts: true` (or `jekyll build --drafts`)"
                    .into()
            }
            Unpublished::UndatedFilename => {
                "the file name does not start with `YYYY-MM-DD-`: Jekyll skips it without a word"
                    .into()
            }
            Unpublished::NotUtf8 => {
                "not UTF-8: Jekyll skips it (\"invalid byte sequence in UTF-8\")".into()
            }
            Unpublished::OutsideSite {
                real,
                safe_skips: true,
                ..
            } => format!(
                "a link to `{real}`, outside the site: a safe build (GitHub Pages, `jekyll build \
                 --safe`) does not read it, a plain `jekyll build` does; fmlint neither reads \
                 nor writes it"
            ),
            Unpublished::OutsideSite {
                real,
                is_link: true,
                safe_skips: false,
            } => format!(
                "a link to `{real}`, outside the site: Jekyll reads it in a safe build and a \
                 plain one alike (its safe mode compares paths as text, and this one starts with \
                 the site's); fmlint neither reads nor writes it"
            ),
            Unpublished::OutsideSite {
                real,
                is_link: false,
                ..
            } => format!(
                "its real path `{real}` is outside the site, through a linked folder: Jekyll \
                 reads it in a safe build and a plain one alike (its safe mode checks only a post \
                 that is itself a link); fmlint neither reads nor writes it"
            ),
            Unpublished::BuildFails { why } => {
                format!("{why}: Jekyll stops the whole site's build, no post is published")
            }
            Unpublished::PublishedFalse { from_defaults } => format!(
                "`published: false`{}",
                if *from_defaults {
                    " (from `_config.yml` defaults)"
                } else {
                    ""
                }
            ),
            Unpublished::Future => {
                "dated after the build: Jekyll skips it (\"has a future date\") unless `future: true`"
                    .into()
            }
        }
    }
}

/// Where the date Jekyll uses comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    FrontMatter,
    Defaults,
    FileName,
    /// A draft without a date: the file's modification time.
    ModificationTime,
    /// A front matter Jekyll could not read: the time of the build.
    BuildTime,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::FrontMatter => "front matter",
            DateSource::Defaults => "_config.yml defaults",
            DateSource::FileName => "file name",
            DateSource::ModificationTime => "file modification time",
            DateSource::BuildTime => "build time",
        }
    }
}

/// A post's date as Jekyll holds it: a time in the site's zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadDate {
    pub local: DateTime<FixedOffset>,
    pub source: DateSource,
}

impl ReadDate {
    /// ISO 8601 with milliseconds and the site's offset, as the oracle prints it.
    pub fn iso(&self) -> String {
        self.local.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
    }

    pub fn epoch(&self) -> i64 {
        self.local.timestamp()
    }

    pub fn day(&self) -> NaiveDate {
        self.local.date_naive()
    }
}

/// How Jekyll reads one post.
#[derive(Debug, Clone)]
pub struct Reading {
    /// Jekyll's `relative_path`, when the file is in a `_posts` or `_drafts` folder.
    pub path: Option<String>,
    pub draft: bool,
    /// `Ok` when Jekyll publishes it.
    pub published: Result<(), Unpublished>,
    pub date: Option<ReadDate>,
    pub title: Value,
    pub author: Value,
    pub layout: Value,
    pub from: Value,
    pub tags: Value,
    pub categories: Value,
    pub url: Option<String>,
    /// What the reader should know: values from defaults, a front matter Jekyll could not read.
    pub notes: Vec<String>,
}

/// What `read` needs besides the post.
pub struct ReadOptions {
    /// The zone dates are read in: the site's `timezone:`, else the build machine's.
    pub tz: Option<Tz>,
    /// The time of the build, for `future` and for undated drafts' fallbacks.
    pub now: DateTime<Utc>,
    /// The file's modification time (drafts without a date are dated with it).
    pub mtime: Option<DateTime<Utc>>,
    /// The YAML loader of the Jekyll that builds the site (`yaml-loader`).
    pub loader: crate::yaml::Loader,
}

fn local(instant: DateTime<Utc>, tz: Option<Tz>) -> DateTime<FixedOffset> {
    match tz {
        Some(tz) => {
            let l = instant.with_timezone(&tz);
            l.with_timezone(&l.offset().fix())
        }
        None => instant.fixed_offset(),
    }
}

/// A date value (front matter or defaults) as `parse_date(value.to_s)` reads it: the instant,
/// truncated to the second as `Time#to_s` prints it; `None` when Ruby completes it from the
/// build's clock (`July 20` has no year).
fn read_date_value(node: &Node, tz: Option<Tz>) -> Result<Option<DateTime<Utc>>, String> {
    let as_text;
    let input = match node.scalar() {
        Some(Scalar::Time(t)) => DateInput::Timestamp(t),
        Some(Scalar::Date(t)) => DateInput::Day(t),
        Some(Scalar::Str(s)) => DateInput::Text(s),
        Some(Scalar::Null) => DateInput::Text(""),
        // `to_s` of a number or a boolean: `date: 20210720` is 2021-07-20.
        Some(_) => {
            as_text = ruby_to_s(node, tz);
            DateInput::Text(&as_text)
        }
        None => {
            return Err(format!(
                "`date` is {}, not a date Jekyll can read",
                node.type_name()
            ));
        }
    };
    let read = match datetime::read(input, tz) {
        Ok(d) => d,
        Err(DateProblem::Impossible { read, .. }) => *read,
        Err(DateProblem::FromBuildTime { .. }) => return Ok(None),
        Err(DateProblem::Invalid { reason }) => {
            return Err(format!(
                "`date: {}` is not a date Jekyll can read ({reason})",
                node.display()
            ));
        }
    };
    Ok(Some(
        DateTime::from_timestamp(read.instant.timestamp(), 0).unwrap_or(read.instant),
    ))
}

/// A post's data as `Document#read` leaves it: `defaults:` merged under the front matter, or
/// the defaults alone when Jekyll could not use the front matter.
struct Data<'a> {
    entries: &'a [Entry],
    defaults: &'a [DefaultValue],
    /// Why Jekyll could not use the front matter (it logs an error and goes on without it).
    read_error: Option<String>,
    tz: Option<Tz>,
}

impl<'a> Data<'a> {
    fn new(post: &'a Post<'a>, defaults: &'a [DefaultValue], tz: Option<Tz>) -> Self {
        let mut data = Data {
            entries: post.entries().unwrap_or(&[]),
            defaults,
            read_error: match post.yaml.as_ref() {
                Some(Err(e)) if e.kind == crate::yaml::ErrorKind::Syntax => Some(format!(
                    "its front matter is not valid YAML ({})",
                    e.message
                )),
                // `could not read file …: Tried to load unspecified class: Symbol`.
                Some(Err(e)) => Some(format!(
                    "its YAML loader refuses a value of the front matter ({})",
                    e.message
                )),
                Some(Ok(crate::yaml::Document::Other(n))) => Some(format!(
                    "its front matter is {}, not a mapping",
                    n.type_name()
                )),
                _ => None,
            },
            tz,
        };
        // `merge_categories!` raises on categories it cannot unite with a list.
        if data.read_error.is_none()
            && let Some(e) = data.written("categories")
            && let Err(err) = categories_value(&e.value, tz)
        {
            data.read_error = Some(err);
        }
        if data.read_error.is_some() {
            data.entries = &[];
        }
        data
    }

    fn written(&self, key: &str) -> Option<&'a Entry> {
        self.entries.iter().rev().find(|e| e.key == key)
    }

    fn default(&self, key: &str) -> Option<&'a DefaultValue> {
        self.defaults.iter().find(|d| d.key == key)
    }

    /// `data[key]` (see [`effective`]).
    fn get(&self, key: &str) -> Option<Cow<'a, Node>> {
        match (self.written(key), self.default(key)) {
            (Some(e), Some(d)) if e.value.is_null() => Some(Cow::Borrowed(&d.value)),
            (Some(e), Some(d)) => Some(Cow::Owned(crate::site::defaults::merge_node(
                &d.value, &e.value,
            ))),
            (Some(e), None) => Some(Cow::Borrowed(&e.value)),
            (None, Some(d)) => Some(Cow::Borrowed(&d.value)),
            (None, None) => None,
        }
    }

    fn json(&self, key: &str) -> Value {
        self.get(key).map_or(Value::Null, |n| jsonify(&n, self.tz))
    }

    /// Whether the value of `key` is the default's.
    fn defaulted(&self, key: &str) -> bool {
        self.default(key).is_some() && self.written(key).is_none_or(|e| e.value.is_null())
    }

    /// Categories: the folders above `_posts`, then the defaults', then the front matter's
    /// (`merge_categories!` unites each with what is there), then `populate_categories`.
    fn categories(&self, path_categories: Vec<Value>) -> Vec<Value> {
        let mut cats = path_categories;
        for node in [
            self.default("categories").map(|d| &d.value),
            self.written("categories").map(|e| &e.value),
        ]
        .into_iter()
        .flatten()
        {
            if let Ok(Some(v)) = categories_value(node, self.tz) {
                cats = union(&cats, &v);
            }
        }
        if self.read_error.is_some() {
            return cats;
        }
        // `Array(categories) + pluralized_array_from_hash(data, "category", "categories")`,
        // each `to_s`, without repeats, united with what is there.
        let mut all = cats.clone();
        match self.get("category") {
            Some(n) if n.is_truthy() => all.extend(
                flatten(vec![jsonify(&n, self.tz)])
                    .into_iter()
                    .filter(|v| !v.is_null()),
            ),
            _ => all.extend(flatten(cats.clone()).into_iter().filter(|v| !v.is_null())),
        }
        let mut strings: Vec<Value> = Vec::new();
        for v in all.iter().map(|v| Value::String(value_to_s(v))) {
            if !strings.contains(&v) {
                strings.push(v);
            }
        }
        union(&cats, &strings)
    }

    /// `populate_tags`; not run when the front matter could not be read.
    fn tags(&self) -> Value {
        if self.read_error.is_some() {
            return self.json("tags");
        }
        Value::Array(pluralized(
            self.get("tag").as_deref(),
            self.get("tags").as_deref(),
            self.tz,
        ))
    }

    /// The date: the front matter's, else the defaults', else the file name's, else (drafts)
    /// the file's modification time or (front matter Jekyll could not read) the build's time.
    /// `Err`: a date that stops the build.
    fn date(
        &self,
        dated: Option<&DatedName>,
        draft: bool,
        opts: &ReadOptions,
    ) -> Result<Option<ReadDate>, String> {
        let tz = opts.tz;
        let at = |instant, source| {
            Some(ReadDate {
                local: local(instant, tz),
                source,
            })
        };
        if let Some(v) = self.get("date") {
            let source = if self.defaulted("date") {
                DateSource::Defaults
            } else {
                DateSource::FrontMatter
            };
            return Ok(match read_date_value(&v, tz)? {
                Some(instant) => at(instant, source),
                None => at(opts.now, DateSource::BuildTime),
            });
        }
        if self.read_error.is_none()
            && let Some(d) = dated
        {
            return match datetime::read(DateInput::Text(&d.date), tz) {
                Ok(j) => Ok(at(j.instant, DateSource::FileName)),
                Err(DateProblem::Impossible { read, .. }) => {
                    Ok(at(read.instant, DateSource::FileName))
                }
                Err(DateProblem::Invalid { .. } | DateProblem::FromBuildTime { .. }) => {
                    Err(format!(
                        "the file name's date `{}` is not a date Jekyll can read",
                        d.date
                    ))
                }
            };
        }
        Ok(if self.read_error.is_none() && draft {
            opts.mtime.and_then(|m| at(m, DateSource::ModificationTime))
        } else {
            at(opts.now, DateSource::BuildTime)
        })
    }
}

/// Whether Jekyll reads the file at all: `Some` says why not (a draft, an undated name).
fn unread(placement: &Placement, site: &Site) -> Option<Unpublished> {
    let name = placement.entry.rsplit('/').next().unwrap_or("");
    match placement.magic {
        Magic::Drafts if !site.show_drafts => Some(Unpublished::Draft),
        Magic::Drafts if !DATELESS_NAME.is_match(name) => Some(Unpublished::UndatedFilename),
        Magic::Posts if dated_name(name).is_none() => Some(Unpublished::UndatedFilename),
        _ => None,
    }
}

/// The URL `Document#url` gives: the front matter's (or defaults') `permalink` as a template,
/// else the site's, with the placeholders of `Drops::UrlDrop`.
fn url_of(
    data: &Data<'_>,
    site: &Site,
    relative_path: &str,
    slug: &str,
    categories: &[Value],
    date: &ReadDate,
) -> Option<String> {
    let file_name = relative_path.rsplit('/').next().unwrap_or("");
    let permalink = data.get("permalink").filter(|n| n.is_truthy());
    let template = match permalink.as_deref() {
        Some(n) => n.as_str()?.to_string(),
        None => site.permalink.clone()?,
    };
    let ext = extname(file_name);
    // `Renderer#output_ext`: the permalink's extension, else the converter's.
    let output_ext = match permalink.as_deref().and_then(Node::as_str) {
        Some(p) if !p.ends_with('/') && !extname(p).is_empty() => extname(p).to_string(),
        _ => {
            let bare = ext.trim_start_matches('.').to_lowercase();
            if site.markdown_ext.iter().any(|m| m.to_lowercase() == bare) {
                ".html".to_string()
            } else {
                ext.to_string()
            }
        }
    };
    let basename = match file_name.rfind('.') {
        Some(i) if i > 0 => &file_name[..i],
        _ => file_name,
    };
    let cleaned = relative_path[..relative_path.len() - ext.len()]
        .replacen("_posts", "", 1)
        .trim_end_matches('.')
        .to_string();
    let parts = UrlParts {
        date: date.local,
        categories,
        slug,
        basename,
        cleaned_relative_path: &cleaned,
        output_ext: &output_ext,
    };
    generate_url(&template, &parts)
}

/// Reads a post as Jekyll 4.3 does. `text` is `None` when the file is not UTF-8.
pub fn read(path: &Path, text: Option<&str>, site: &Site, opts: &ReadOptions) -> Reading {
    let tz = opts.tz;
    let mut reading = Reading {
        path: None,
        draft: false,
        published: Ok(()),
        date: None,
        title: Value::Null,
        author: Value::Null,
        layout: Value::Null,
        from: Value::Null,
        tags: Value::Array(vec![]),
        categories: Value::Array(vec![]),
        url: None,
        notes: Vec::new(),
    };
    // Where the file sits: a post or draft of its site, or not read at all.
    let source_relative = site.source_relative(path);
    let placement = match source_relative
        .as_deref()
        .ok_or(NotRead::NotAPost)
        .and_then(|r| site.placement(r))
    {
        Ok(p) => p,
        Err(NotRead::NotAPost) => {
            reading.published = Err(Unpublished::NotAPost);
            return reading;
        }
        Err(NotRead::Excluded { what, why }) => {
            reading.path = source_relative;
            reading.published = Err(Unpublished::Excluded { what, why });
            return reading;
        }
    };
    let relative_path = placement.relative_path.clone();
    reading.path = Some(relative_path.clone());
    // `draft?`: in the posts collection but not under `_posts`.
    reading.draft = !relative_path.contains("_posts");
    let skip = unread(&placement, site);
    let Some(text) = text else {
        reading.published = Err(skip.unwrap_or(Unpublished::NotUtf8));
        return reading;
    };

    // Its data: defaults under the front matter.
    let post = Post::with_loader(path, text, opts.loader);
    let defaults = site.defaults_for(
        &placement.relative_path,
        source_relative.as_deref().unwrap_or(""),
    );
    let data = Data::new(&post, &defaults, tz);
    if let Some(e) = &data.read_error {
        reading.notes.push(format!(
            "Jekyll cannot use the front matter: {e}; it logs an error and publishes the post \
             with `_config.yml` defaults only, no title, dated with the time of the build"
        ));
    }
    for key in [
        "layout",
        "author",
        "title",
        "date",
        "published",
        "permalink",
    ] {
        if data.defaulted(key)
            && let Some(d) = data.default(key)
        {
            reading.notes.push(format!(
                "`{key}` from `{}` defaults (line {})",
                site.config_name(),
                d.line
            ));
        }
    }

    let file_name = relative_path.rsplit('/').next().unwrap_or("");
    let dated = dated_name(file_name);
    let mut build_fails = None;
    if let (Some(e), true) = (&data.read_error, site.strict_front_matter) {
        build_fails = Some(format!("{e} and the site sets `strict_front_matter: true`"));
    }
    let date = match data.date(dated.as_ref(), reading.draft, opts) {
        Ok(d) => d,
        Err(why) => {
            build_fails.get_or_insert(why);
            None
        }
    };

    // `populate_title`: the slug from the file name; the title from it when there is none.
    let slug_from_name = match &dated {
        Some(d) => d.slug.clone(),
        None => DATELESS_NAME
            .captures(file_name)
            .map_or_else(|| file_name.to_string(), |c| c[1].to_string()),
    };
    let slug_from_name = slug_from_name.trim_end_matches('.');
    let slug = match data.get("slug") {
        Some(n) if n.is_truthy() => ruby_to_s(&n, tz),
        // `populate_title` did not run: the URL falls back to the file's base name.
        _ if data.read_error.is_some() => match file_name.rfind('.') {
            Some(i) if i > 0 => file_name[..i].to_string(),
            _ => file_name.to_string(),
        },
        _ => slug_from_name.to_string(),
    };
    reading.title = match data.get("title") {
        Some(n) if n.is_truthy() || data.read_error.is_some() => jsonify(&n, tz),
        _ if data.read_error.is_some() => Value::Null,
        _ => Value::String(titleize_slug(slug_from_name)),
    };
    reading.author = data.json("author");
    reading.layout = data.json("layout");
    reading.from = data.json("from");
    let special = if reading.draft { "_drafts" } else { "_posts" };
    let categories = data.categories(path_categories(&relative_path, special));
    reading.tags = data.tags();
    reading.categories = Value::Array(categories.clone());

    // Never read, an undated name has no date and no URL.
    if skip != Some(Unpublished::UndatedFilename)
        && let Some(d) = date
    {
        reading.url = url_of(&data, site, &relative_path, &slug, &categories, &d);
        reading.date = Some(d);
    }

    // Publication, in Jekyll's order: read at all, build failures, `published`, future.
    reading.published = if let Some(s) = skip {
        Err(s)
    } else if let Some(why) = build_fails {
        Err(Unpublished::BuildFails { why })
    } else {
        match data.get("published") {
            Some(n) if !n.is_truthy() && !site.unpublished => Err(Unpublished::PublishedFalse {
                from_defaults: data.defaulted("published"),
            }),
            _ => match &reading.date {
                Some(d) if !site.future && d.epoch() > opts.now.timestamp() => {
                    Err(Unpublished::Future)
                }
                _ => Ok(()),
            },
        }
    };
    reading
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every expectation below is what Jekyll 4.3.1's own helpers return
    // (`ruby -rjekyll -e 'p Jekyll::Utils.slugify(…)'` and so on).

    #[test]
    fn slugify_like_jekyll() {
        for (s, default, pretty_cased) in [
            (
                "Hello World: a?b#c[d]%e",
                "hello-world-a-b-c-d-e",
                "Hello-World-a-b-c-d-e",
            ),
            ("ümlaut ß", "ümlaut-ß", "ümlaut-ß"),
            ("My Fancy.Slug!", "my-fancy-slug", "My-Fancy.Slug!"),
            ("--a--b--", "a-b", "a-b"),
            ("联合早报 国际", "联合早报-国际", "联合早报-国际"),
            ("C++ & Co", "c-co", "C++-&-Co"),
            ("a_b.c~d", "a-b-c-d", "a_b.c~d"),
        ] {
            assert_eq!(slugify(s, false, false), default, "{s}");
            assert_eq!(slugify(s, true, true), pretty_cased, "{s}");
        }
    }

    #[test]
    fn escape_path_like_jekyll() {
        for (s, want) in [
            ("a b", Some("a%20b")),
            ("ü", Some("%C3%BC")),
            ("x/y", Some("x/y")),
            ("q?r", Some("q?r")),
            ("h#i#j", Some("h%23i%23j")),
            ("c++", Some("c++")),
            ("100%", Some("100%25")),
            ("a:b", Some("a:b")),
            (":a", None),
            ("a[1]", Some("a%5B1%5D")),
            ("", Some("")),
            ("émile/été", Some("%C3%A9mile/%C3%A9t%C3%A9")),
            ("sp ace?q uery#fr ag", Some("sp%20ace?q%20uery%23fr%20ag")),
        ] {
            assert_eq!(escape_path(s).as_deref(), want, "{s}");
        }
    }

    #[test]
    fn titleize_and_split_like_ruby() {
        for (s, want) in [
            ("hello-world", "Hello World"),
            ("a--b", "A  B"),
            ("a-", "A"),
            ("-a", " A"),
            ("ßtraße-éCOLE", "Sstraße École"),
            ("", ""),
            ("ǆemal-ÉLAN", "ǅemal Élan"),
        ] {
            assert_eq!(titleize_slug(s), want, "{s}");
        }
        // Ruby splits on ASCII whitespace only: U+3000 stays inside a term.
        assert_eq!(
            ruby_split("a\u{3000}b  c\td\x0be"),
            ["a\u{3000}b", "c", "d", "e"]
        );
    }

    #[test]
    fn dated_names() {
        let d = dated_name("2021-07-20-a.b..md").unwrap();
        assert_eq!(
            (d.date.as_str(), d.slug.as_str(), d.ext.as_str()),
            ("2021-07-20", "a.b.", ".md")
        );
        assert!(dated_name("2021-7-2-x.html").is_some());
        assert!(dated_name("x-2021-07-20-a.md").is_none());
        assert!(dated_name("2021-07-20-a").is_none());
        assert_eq!(filename_day("2021-02-30-x.md"), Some(Err(())));
    }

    #[test]
    fn urls_from_templates() {
        let date = DateTime::parse_from_rfc3339("2021-07-21T04:40:01+08:00").unwrap();
        let cats = [
            Value::String("A b".into()),
            Value::from(2021),
            Value::String("a b".into()),
        ];
        let parts = UrlParts {
            date,
            categories: &cats,
            slug: "Zulu Time",
            basename: "2021-07-20-Zulu Time",
            cleaned_relative_path: "news//2021-07-20-Zulu Time",
            output_ext: ".html",
        };
        for (template, want) in [
            (
                "/:categories/:year/:month/:day/:title:output_ext",
                "/a%20b/2021/2021/07/21/Zulu-Time.html",
            ),
            (
                "/:categories/:year/:month/:day/:title/",
                "/a%20b/2021/2021/07/21/Zulu-Time/",
            ),
            (
                "/:categories/:year/:y_day/:title:output_ext",
                "/a%20b/2021/2021/202/Zulu-Time.html",
            ),
            ("/:year_:month/:slug", "/2021_07/zulu-time"),
            (
                "/:path/:name",
                "/news/2021-07-20-Zulu%20Time/2021-07-20-zulu-time",
            ),
            ("/../x/./:i_day", "/x/21"),
        ] {
            assert_eq!(
                generate_url(template, &parts).as_deref(),
                Some(want),
                "{template}"
            );
        }
        assert_eq!(generate_url("/:nope/", &parts), None);
    }
}
