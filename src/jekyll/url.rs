//! A post's URL: `Document#url` from its `permalink` template (`URL`, `Drops::UrlDrop`), each
//! placeholder escaped by `URL.escape_path`.
//!
//! `escape_path` is `Addressable::URI.encode`, written out here: the percent-encoding crates
//! encode one component by one character set, where Addressable first splits the value into a
//! URI's parts (`?` starts a query and stays, `#` a fragment) and refuses some values outright,
//! which then fail Jekyll's build; the URL fmlint shows must be the one Jekyll writes.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use regex::Regex;
use serde_json::Value;

use super::ruby_format::value_to_s;
use super::ruby_string::{extname, slugify};
use crate::site::Site;
use crate::yaml::Node;

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

/// The URL `Document#url` gives: the front matter's (or defaults') `permalink` as a template,
/// else the site's, with the placeholders of `Drops::UrlDrop`.
pub(super) fn url_of(
    permalink: Option<&Node>,
    site: &Site,
    relative_path: &str,
    slug: &str,
    categories: &[Value],
    date: DateTime<FixedOffset>,
) -> Option<String> {
    let file_name = relative_path.rsplit('/').next().unwrap_or("");
    let permalink = permalink.filter(|n| n.is_truthy());
    let template = match permalink {
        Some(n) => n.as_str()?.to_string(),
        None => site.permalink.clone()?,
    };
    let ext = extname(file_name);
    // `Renderer#output_ext`: the permalink's extension, else the converter's.
    let output_ext = match permalink.and_then(Node::as_str) {
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
        date,
        categories,
        slug,
        basename,
        cleaned_relative_path: &cleaned,
        output_ext: &output_ext,
    };
    generate_url(&template, &parts)
}

#[cfg(test)]
mod tests {
    use super::*;

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
