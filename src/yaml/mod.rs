//! A span-keeping YAML reader for front matter, reading as Jekyll's loader does.
//!
//! libyaml-safer (a port of libyaml, which Psych is built on) gives the events and their
//! positions, so what Psych refuses is refused here in Psych's words. The modules, in the
//! order a reading goes through them:
//!
//! - `builder`: events to nodes as Psych's `ToRuby` builds them, with the nesting and alias
//!   limits; `spans` fits each node's span to its own text.
//! - `links`: aliases and `<<` merge keys; `tags`: explicit tags and the classes
//!   `safe_load` refuses; `resolve`: plain scalars typed as Psych's `ScalarScanner` types
//!   them (YAML 1.1: `yes` is true, `010` is 8, `1:20` is 4800).
//! - `loader`: Psych or safe_yaml, which each of the above asks where the two part.
//! - `decor`: the top-level entries with their comments and blank lines.
//! - `model`: what callers get: `Document`, `Entry` and its `Decor`, `Node`, `Scalar`.
//!
//! There is no Psych leniency to emulate by rewriting text: libyaml accepts and refuses
//! exactly what Psych does.

use std::ops::Range;

mod builder;
mod decor;
mod fast;
mod links;
mod loader;
mod model;
mod resolve;
mod spans;
mod tags;

pub use loader::Loader;
pub use model::*;
pub use resolve::{plain_is_symbol, plain_reads_as_text, resolve_plain};

/// One reading of a front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading<'a> {
    pub document: Result<Document<'a>, YamlError>,
    /// Whether the other loader could read it otherwise: it has a tag, a merge key, a symbol
    /// or a sexagesimal number. False means both loaders read the same.
    pub loader_sensitive: bool,
}

/// Parses `file[range]` as one YAML document the way Psych does. Spans in the result are byte
/// offsets into `file`.
pub fn parse(file: &str, range: Range<usize>) -> Result<Document<'_>, YamlError> {
    read(file, range, Loader::Psych).document
}

/// Parses `file[range]` as one YAML document the way `loader` does. The plain shapes nearly
/// every front matter has are read by `fast`, which declines anything else; `builder`
/// (libyaml) reads the rest, and is the judge `fast` is tested against.
pub fn read(file: &str, range: Range<usize>, loader: Loader) -> Reading<'_> {
    fast::read(file, range.clone(), loader).unwrap_or_else(|_| general(file, range, loader))
}

/// The root node of `file[range]` as `loader` reads it, keys and all (`read` gives the
/// top-level entries with their keys as text), by `builder` alone: the fast reader makes
/// entries, and is held to `builder` (`fast_path_check`) on the texts this is held to Psych on.
pub fn root(
    file: &str,
    range: Range<usize>,
    loader: Loader,
) -> Result<Option<Node<'_>>, YamlError> {
    builder::compose(file, range, loader).map(|c| c.root)
}

/// [`read`] by `builder` alone.
fn general(file: &str, range: Range<usize>, loader: Loader) -> Reading<'_> {
    match builder::compose(file, range.clone(), loader) {
        Err(e) => Reading {
            document: Err(e),
            loader_sensitive: true,
        },
        Ok(c) => Reading {
            document: Ok(decor::document(file, range, c.marker_end, c.root)),
            loader_sensitive: c.loader_sensitive,
        },
    }
}

/// For the tests that hold the fast reader to the general one (`tests/yaml_fast.rs`): `Ok(None)`
/// when the fast reader read `file[range]` and gave exactly the general reading, decoration
/// and all, `Ok(Some(why))` when it declined, `Err` saying how the two differ otherwise.
#[doc(hidden)]
pub fn fast_path_check(
    file: &str,
    range: Range<usize>,
    loader: Loader,
) -> Result<Option<&'static str>, String> {
    let fast = match fast::read(file, range.clone(), loader) {
        Ok(reading) => reading,
        Err(why) => return Ok(Some(why)),
    };
    let general = general(file, range, loader);
    if let Err(e) = &general.document {
        return Err(format!(
            "fast read it, the general reader refused it: {e:?}"
        ));
    }
    // Debug rather than ==: a NaN is equal to itself there.
    let show = |r: &Reading| format!("{:#?}\nloader_sensitive {}", r.document, r.loader_sensitive);
    let (f, g) = (show(&fast), show(&general));
    if f == g {
        Ok(None)
    } else {
        Err(format!("fast:\n{f}\ngeneral:\n{g}"))
    }
}

#[cfg(test)]
mod tests;
