//! fmlint: a linter for the YAML front matter of Jekyll posts.
//!
//! Data flows one way: [`discover`] finds posts, [`post`] models each one (front matter,
//! preamble, parsed YAML with spans), [`rules`] check it, [`report`] renders what they found.
//! [`lint::lint_text`] is the whole pipeline for one post held in memory. At the top, [`cli`]
//! turns argv into a [`commands::Request`] and [`commands`] runs it; `tests/layers.rs` keeps
//! the modules free of import cycles.

pub mod cli;
pub mod commands;
pub mod config;
pub mod datetime;
pub mod diagnostic;
pub mod discover;
pub mod emit;
pub mod fix;
pub mod init;
pub mod inspect;
pub mod jekyll;
pub mod lint;
pub mod mode;
#[cfg(test)]
mod near_miss;
pub mod paths;
pub mod post;
pub mod process;
pub mod read;
pub mod registry;
pub mod report;
pub mod ruby_date;
pub mod rules;
pub mod run;
pub mod server;
pub mod site;
pub mod tempfiles;
pub mod visible;
pub mod write;
pub mod yaml;
pub mod zone;
