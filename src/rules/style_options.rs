//! The options of FM601 key-order and FM604 whitespace.

use serde_json::{Value, json};

use crate::rules::options::{OptionError, Options, enum_schema, strings};
use crate::rules::settings::CANONICAL_ORDER;
use crate::yaml::Node;

/// FM601's options: the order keys should be in.
#[derive(Debug, Clone)]
pub struct KeyOrderOptions {
    pub order: Vec<String>,
}

impl Default for KeyOrderOptions {
    fn default() -> Self {
        KeyOrderOptions {
            order: CANONICAL_ORDER.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl Options for KeyOrderOptions {
    const KEYS: &'static [&'static str] = &["order"];

    fn set(&mut self, key: &str, v: &Node) -> Result<(), OptionError> {
        self.order = strings(key, v)?;
        Ok(())
    }

    fn describe(&self) -> Vec<(&'static str, String)> {
        vec![("order", format!("[{}]", self.order.join(", ")))]
    }

    fn schema() -> Vec<(&'static str, Value)> {
        vec![(
            "order",
            json!({"$ref": "#/$defs/stringList", "description": "The keys in the order they should appear; others follow in their own order."}),
        )]
    }
}

/// What FM604 looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WhitespaceScope {
    #[default]
    FrontMatter,
    /// The whole file: trailing whitespace in the body too (reported, never fixed there).
    File,
}

/// Which line endings FM604 accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineEndings {
    /// Either, as long as they are not mixed.
    #[default]
    Any,
    Lf,
    Crlf,
}

const SCOPES: [(&str, WhitespaceScope); 2] = [
    ("front-matter", WhitespaceScope::FrontMatter),
    ("file", WhitespaceScope::File),
];
const ENDINGS: [(&str, LineEndings); 3] = [
    ("any", LineEndings::Any),
    ("lf", LineEndings::Lf),
    ("crlf", LineEndings::Crlf),
];

/// FM604's options.
#[derive(Debug, Clone, Default)]
pub struct WhitespaceOptions {
    pub scope: WhitespaceScope,
    pub line_endings: LineEndings,
}

fn name_of<T: PartialEq + Copy>(table: &[(&'static str, T)], v: T) -> &'static str {
    table.iter().find(|(_, x)| *x == v).map_or("", |(n, _)| n)
}

fn names<T>(table: &[(&'static str, T)]) -> Vec<&'static str> {
    table.iter().map(|(n, _)| *n).collect()
}

impl Options for WhitespaceOptions {
    const KEYS: &'static [&'static str] = &["scope", "line-endings"];

    fn set(&mut self, key: &str, v: &Node) -> Result<(), OptionError> {
        let got = v.display();
        if key == "scope" {
            self.scope = SCOPES
                .iter()
                .find(|(n, _)| *n == got)
                .map(|(_, s)| *s)
                .ok_or_else(|| {
                    OptionError::new(format!("unknown scope `{got}`"), "unknown scope")
                        .help(format!("one of: {}", names(&SCOPES).join(", ")))
                })?;
        } else {
            self.line_endings = ENDINGS
                .iter()
                .find(|(n, _)| *n == got)
                .map(|(_, e)| *e)
                .ok_or_else(|| {
                    OptionError::new(
                        format!("unknown line-endings `{got}`"),
                        "unknown line ending",
                    )
                    .help(format!("one of: {}", names(&ENDINGS).join(", ")))
                })?;
        }
        Ok(())
    }

    fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("scope", name_of(&SCOPES, self.scope).to_string()),
            (
                "line-endings",
                name_of(&ENDINGS, self.line_endings).to_string(),
            ),
        ]
    }

    fn schema() -> Vec<(&'static str, Value)> {
        vec![
            (
                "scope",
                enum_schema(
                    &names(&SCOPES),
                    Some("What is checked: the front matter, or the whole file."),
                ),
            ),
            (
                "line-endings",
                enum_schema(&names(&ENDINGS), Some("The line endings accepted.")),
            ),
        ]
    }
}
