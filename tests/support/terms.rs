//! Tag and category lists in each style a post may write them.

use crate::scalars::{Quote, plain_ok_block, render_scalar};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListStyle {
    /// `[ a, b ]`: canonical.
    Flow,
    /// `[a,b]`.
    FlowTight,
    /// `\n  - a\n  - b`.
    Block,
    /// `\n- a\n- b`.
    BlockNoIndent,
    /// `a b`: Jekyll splits it on whitespace.
    Words,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub quote: Quote,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    pub items: Vec<Term>,
    pub style: ListStyle,
}

impl Terms {
    pub fn canonical(words: &[&str]) -> Self {
        Terms {
            items: words
                .iter()
                .map(|w| Term {
                    text: w.to_string(),
                    quote: Quote::Plain,
                })
                .collect(),
            style: ListStyle::Flow,
        }
    }

    /// Whether the words form can hold these items (one whitespace-free plain word each).
    fn words_ok(&self) -> bool {
        !self.items.is_empty()
            && self.items.iter().all(|t| {
                !t.text.is_empty()
                    && !t.text.contains(char::is_whitespace)
                    && plain_ok_block(&t.text)
            })
            && plain_ok_block(&self.words_text())
    }

    fn words_text(&self) -> String {
        self.items
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `(rest of the key's line, following lines)`.
    pub fn render(&self) -> (String, Vec<String>) {
        let style = if self.style == ListStyle::Words && !self.words_ok() {
            ListStyle::Flow
        } else {
            self.style
        };
        let flow_items = || -> Vec<String> {
            self.items
                .iter()
                .map(|t| render_scalar(&t.text, t.quote, true))
                .collect()
        };
        match style {
            ListStyle::Flow => {
                let items = flow_items();
                if items.is_empty() {
                    (" []".into(), vec![])
                } else {
                    (format!(" [ {} ]", items.join(", ")), vec![])
                }
            }
            ListStyle::FlowTight => (format!(" [{}]", flow_items().join(",")), vec![]),
            ListStyle::Block | ListStyle::BlockNoIndent => {
                let indent = if style == ListStyle::Block { "  " } else { "" };
                let lines = self
                    .items
                    .iter()
                    .map(|t| format!("{indent}- {}", render_scalar(&t.text, t.quote, false)))
                    .collect();
                (String::new(), lines)
            }
            ListStyle::Words => (format!(" {}", self.words_text()), vec![]),
        }
    }
}
