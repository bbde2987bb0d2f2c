//! The declarative field schema (`fields:`) that the FM7xx rules check.

use regex::Regex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    String,
    Number,
    Bool,
    Date,
    List,
    Map,
}

impl FieldType {
    pub const NAMES: [&'static str; 6] = ["string", "number", "bool", "date", "list", "map"];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "string" => FieldType::String,
            "number" => FieldType::Number,
            "bool" => FieldType::Bool,
            "date" => FieldType::Date,
            "list" => FieldType::List,
            "map" => FieldType::Map,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Number => "number",
            FieldType::Bool => "bool",
            FieldType::Date => "date",
            FieldType::List => "list",
            FieldType::Map => "map",
        }
    }
}

/// A regex with the text it came from (for messages and `fmlint config`).
#[derive(Debug, Clone)]
pub struct Pattern {
    pub source: String,
    pub regex: Regex,
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

/// A path glob with one `{name}` capture: `{lang}/news/_posts/**`.
#[derive(Debug, Clone)]
pub struct PathPattern {
    pub source: String,
    pub capture: String,
    regex: Regex,
}

impl PartialEq for PathPattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl PathPattern {
    /// `*` matches within a folder name, `**` across folders, `?` one character; `{name}` is
    /// one folder name (or part of one) that the field's value must equal.
    pub fn new(source: &str) -> Result<Self, String> {
        let open = source
            .find('{')
            .ok_or("expected one `{name}` capture, e.g. `{lang}/news/_posts/**`")?;
        let close = source[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or("`{` without a closing `}`")?;
        let capture = source[open + 1..close].to_string();
        if capture.is_empty()
            || !capture
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(format!(
                "`{{{capture}}}` is not a capture name (letters, digits, `_`, `-`)"
            ));
        }
        if source[close + 1..].contains('{') {
            return Err("only one `{name}` capture is allowed".into());
        }
        let mut re = String::from("^");
        let mut chars = source.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '{' if i == open => {
                    re.push_str("(?P<cap>[^/]+)");
                    for (j, _) in chars.by_ref() {
                        if j == close {
                            break;
                        }
                    }
                }
                '*' if chars.peek().is_some_and(|(_, n)| *n == '*') => {
                    chars.next();
                    if chars.peek().is_some_and(|(_, n)| *n == '/') {
                        chars.next();
                        re.push_str("(?:.*/)?");
                    } else {
                        re.push_str(".*");
                    }
                }
                '*' => re.push_str("[^/]*"),
                '?' => re.push_str("[^/]"),
                c => re.push_str(&regex::escape(&c.to_string())),
            }
        }
        re.push('$');
        let regex = Regex::new(&re).map_err(|e| e.to_string())?;
        Ok(PathPattern {
            source: source.to_string(),
            capture,
            regex,
        })
    }

    /// The captured segment of a `/`-separated path relative to the site, or None when the
    /// path does not match.
    pub fn capture_in(&self, rel_path: &str) -> Option<String> {
        self.regex.captures(rel_path).map(|c| c["cap"].to_string())
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldSpec {
    pub ty: Option<FieldType>,
    pub enum_values: Option<Vec<String>>,
    pub pattern: Option<Pattern>,
    pub non_empty: bool,
    pub nullable: bool,
    pub present: bool,
    pub path: Option<PathPattern>,
    /// Allowed UTC offsets of a date, in seconds.
    pub offsets: Option<Vec<i32>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_patterns_capture_one_segment() {
        let p = PathPattern::new("{lang}/news/_posts/**").unwrap();
        assert_eq!(
            p.capture_in("en/news/_posts/2021-01-01-a.md").as_deref(),
            Some("en")
        );
        assert_eq!(
            p.capture_in("zh_cn/news/_posts/x/2021-01-01-a.md")
                .as_deref(),
            Some("zh_cn")
        );
        assert_eq!(p.capture_in("en/blog/_posts/a.md"), None);
        let p = PathPattern::new("**/posts-{year}/*.md").unwrap();
        assert_eq!(p.capture_in("a/b/posts-2021/x.md").as_deref(), Some("2021"));
        assert!(PathPattern::new("no/capture/**").is_err());
        assert!(PathPattern::new("{a}/{b}").is_err());
    }
}
