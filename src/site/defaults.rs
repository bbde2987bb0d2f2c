//! `defaults:` in `_config.yml`: a port of Jekyll 4.3's `FrontmatterDefaults#all` and of the
//! way `Document#merge_data!` lays the front matter over the result.
//!
//! Facts (each checked with jekyll-oracle):
//! - a set applies when its scope's `path` is empty or absent, or is a prefix of the post's
//!   path *as a string* (`_po` applies to `_posts/…`; a leading `/` never matches), or, with a
//!   `*`, when `Dir.glob` of it lists a path that the post's path starts with, as a string too;
//! - a scope's `type` must be `posts` (`post` is read as `posts`); drafts are documents of the
//!   posts collection, so `type: drafts` applies to nothing;
//! - of two sets, the longer `path` wins, then the one with a `type`, then the later one;
//!   mappings are merged key by key;
//! - the front matter wins over defaults, except that a null in the front matter (`layout:`)
//!   keeps the default (`Utils.deep_merge_hashes`).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use crate::yaml::{Node, NodeKind};

use super::glob::DirGlob;

/// One `- scope: … values: …` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultSet {
    /// Whether the entry has a `scope:` at all.
    pub has_scope: bool,
    /// `scope.path` as written when it is a string.
    pub path: Option<String>,
    /// The path compiled as a `Dir.glob` pattern, when it has a `*`.
    pub glob: Option<DirGlob>,
    /// `scope.type`, with Jekyll's renames (`post` → `posts`), when present.
    pub kind: Option<String>,
    pub values: Vec<DefaultValue>,
}

/// A value a default set gives, and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultValue {
    pub key: String,
    pub value: Node<'static>,
    /// 1-based line of the value in `_config.yml`.
    pub line: usize,
}

/// `sanitize_path`: a leading `/` goes.
fn sanitize(path: &str) -> &str {
    path.strip_prefix('/').unwrap_or(path)
}

/// The path without `collections_dir/` in front. Asked of every set for every post: it borrows.
fn strip_collections_dir<'p>(p: &'p str, collections_dir: &str) -> &'p str {
    if collections_dir.is_empty() {
        return p;
    }
    p.strip_prefix(collections_dir)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(p)
}

impl DefaultSet {
    fn applies(
        &self,
        relative_path: &str,
        source_relative: &str,
        collections_dir: &str,
        exists: &dyn Fn(&str) -> bool,
    ) -> bool {
        if !self.has_scope {
            return true;
        }
        // Every post and draft is a document of the `posts` collection.
        if self.kind.as_deref().is_some_and(|k| k != "posts") {
            return false;
        }
        let scope = match self.path.as_deref() {
            None | Some("") => return true,
            Some(p) => p,
        };
        let strip = |p| strip_collections_dir(p, collections_dir);
        if let Some(glob) = &self.glob {
            // `Dir.glob` lists existing paths, and Jekyll asks whether the post's path starts
            // with one of them, as a string: the post and the folders above it, but also a
            // sibling whose name is a prefix of one of them (`en/new` for `en/news/…`).
            let depths = glob.depths();
            let mut depth = 1;
            source_relative.char_indices().any(|(i, c)| {
                if c == '/' {
                    depth += 1;
                    return false;
                }
                if depths.as_ref().is_some_and(|d| !d.contains(&depth)) || !glob.may_end_with(c) {
                    return false;
                }
                let end = i + c.len_utf8();
                let prefix = &source_relative[..end];
                let whole = end == source_relative.len() || source_relative[end..].starts_with('/');
                glob.matches(prefix)
                    && relative_path.starts_with(strip(prefix))
                    && (whole || exists(prefix))
            })
        } else {
            relative_path.starts_with(strip(scope))
        }
    }

    /// `has_precedence?(old, self)`.
    fn wins_over(&self, old: Option<&DefaultSet>) -> bool {
        let Some(old) = old else { return true };
        let new_len = sanitize(self.path.as_deref().unwrap_or("")).chars().count();
        let old_len = sanitize(old.path.as_deref().unwrap_or("")).chars().count();
        if new_len != old_len {
            new_len >= old_len
        } else if self.kind.is_some() {
            true
        } else {
            old.kind.is_none()
        }
    }
}

/// Reads the `defaults:` value of a `_config.yml`. Entries that are not a mapping with a
/// `values:` mapping are skipped, as Jekyll skips them (with a warning).
pub fn read_sets(node: &Node, line_of: &dyn Fn(usize) -> usize) -> Vec<DefaultSet> {
    let NodeKind::Seq { items, .. } = &node.kind else {
        return Vec::new();
    };
    let mut sets = Vec::new();
    for item in items {
        let NodeKind::Map { entries, .. } = &item.kind else {
            continue;
        };
        let get = |key: &str| {
            entries
                .iter()
                .rev()
                .find(|(k, _)| k.display() == key)
                .map(|(_, v)| v)
        };
        let Some(Node {
            kind: NodeKind::Map {
                entries: values, ..
            },
            ..
        }) = get("values")
        else {
            continue;
        };
        let scope = get("scope");
        let (path, kind) = match scope.map(|s| &s.kind) {
            Some(NodeKind::Map { entries, .. }) => {
                let field = |key: &str| {
                    entries
                        .iter()
                        .rev()
                        .find(|(k, _)| k.display() == key)
                        .map(|(_, v)| v)
                };
                let path = field("path").and_then(|v| v.as_str().map(str::to_string));
                let kind = field("type").map(|v| match v.display().as_str() {
                    "post" => "posts".to_string(),
                    "draft" => "drafts".to_string(),
                    "page" => "pages".to_string(),
                    other => other.to_string(),
                });
                (path, kind)
            }
            _ => (None, None),
        };
        let mut vals: Vec<DefaultValue> = Vec::new();
        // Indexed: a stranger's `_config.yml` may give a set 100,000 values.
        let mut at: HashMap<String, usize> = HashMap::new();
        for (k, v) in values {
            let key = k.display();
            let dv = DefaultValue {
                key: key.clone(),
                value: v.clone().into_owned(),
                line: line_of(v.span.start),
            };
            // A repeated key: Psych keeps the last.
            match at.get(&key) {
                Some(&i) => vals[i] = dv,
                None => {
                    at.insert(key, vals.len());
                    vals.push(dv);
                }
            }
        }
        sets.push(DefaultSet {
            has_scope: scope.is_some(),
            glob: path
                .as_deref()
                .filter(|p| p.contains('*'))
                .map(DirGlob::new),
            path,
            kind,
            values: vals,
        });
    }
    sets
}

/// `deep_merge_hashes(target, overwrite)` on two values: mappings merge key by key, a null
/// keeps what was there, anything else replaces it.
pub fn merge_node<'a>(target: &Node<'a>, over: &Node<'a>) -> Node<'a> {
    match (&target.kind, &over.kind) {
        (NodeKind::Map { entries: old, .. }, NodeKind::Map { entries: new, flow }) => {
            let mut out = old.clone();
            // The first of each key, indexed: two mappings of 100,000 keys are merged in
            // linear time.
            let mut at: HashMap<String, usize> = HashMap::new();
            for (i, (k, _)) in out.iter().enumerate() {
                at.entry(k.display()).or_insert(i);
            }
            for (k, v) in new {
                let key = k.display();
                match at.get(&key) {
                    Some(&i) => {
                        if !v.is_null() {
                            out[i].1 = merge_node(&out[i].1, v);
                        }
                    }
                    None => {
                        at.insert(key, out.len());
                        out.push((k.clone(), v.clone()));
                    }
                }
            }
            Node {
                kind: NodeKind::Map {
                    entries: out,
                    flow: *flow,
                },
                span: over.span.clone(),
                tagged: over.tagged,
                link: over.link,
            }
        }
        _ => over.clone(),
    }
}

/// `FrontmatterDefaults#all(relative_path, :posts)`: the values every matching set gives, merged
/// by precedence. `relative_path` is Jekyll's (relative to `collections_dir` when set),
/// `source_relative` the same file relative to the site's source; `exists` says whether a path
/// relative to the source exists (what `Dir.glob` would list).
pub fn all(
    sets: &[DefaultSet],
    relative_path: &str,
    source_relative: &str,
    collections_dir: &str,
    exists: &dyn Fn(&str) -> bool,
    cache: &AppliedCache,
) -> Applied {
    let applying: Box<[u32]> = (0u32..)
        .zip(sets)
        .filter(|(_, s)| s.applies(relative_path, source_relative, collections_dir, exists))
        .map(|(i, _)| i)
        .collect();
    if applying.is_empty() {
        return Applied::default();
    }
    cache.get_or_merge(applying, |applying| {
        merge(applying.iter().map(|&i| &sets[i as usize]))
    })
}

/// The values of `sets`, in order, merged by precedence: a set that wins over the last winner
/// is laid over what is merged; one that does not lies under it.
fn merge<'s>(sets: impl Iterator<Item = &'s DefaultSet>) -> Applied {
    use std::collections::btree_map::Entry;
    let mut merged: BTreeMap<&str, DefaultValue> = BTreeMap::new();
    let mut old: Option<&DefaultSet> = None;
    for set in sets {
        let wins = set.wins_over(old);
        if wins {
            old = Some(set);
        }
        for v in &set.values {
            match merged.entry(&*v.key) {
                Entry::Vacant(e) => {
                    e.insert(v.clone());
                }
                // `deep_merge_hashes(merged, values)`: a null keeps what was merged.
                Entry::Occupied(mut e) if wins => {
                    if !v.value.is_null() {
                        let t = e.get_mut();
                        t.value = merge_node(&t.value, &v.value);
                        t.line = v.line;
                    }
                }
                // `deep_merge_hashes(values, merged)`: what is merged wins, but a null there
                // keeps this set's value.
                Entry::Occupied(mut e) => {
                    let t = e.get_mut();
                    if t.value.is_null() {
                        *t = v.clone();
                    } else {
                        t.value = merge_node(&v.value, &t.value);
                    }
                }
            }
        }
    }
    Applied(merged.into_values().collect())
}

/// The default values that apply to one post, merged, sorted by key (Jekyll's data is a hash:
/// only the key finds a value).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied(Arc<[DefaultValue]>);

impl Applied {
    pub fn get(&self, key: &str) -> Option<&DefaultValue> {
        self.0
            .binary_search_by(|d| d.key.as_str().cmp(key))
            .ok()
            .map(|i| &self.0[i])
    }

    pub fn iter(&self) -> std::slice::Iter<'_, DefaultValue> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The merged values of each combination of sets seen, shared by every post of the site that
/// the same sets apply to (in a site, nearly all of them): merging copies every value, and a
/// stranger's `_config.yml` may give 100,000 of them. Bounded, so that a site where each post
/// has sets of its own keeps its memory flat.
#[derive(Clone, Default)]
pub struct AppliedCache(Arc<Mutex<HashMap<Box<[u32]>, Applied>>>);

const CACHED: usize = 64;

impl AppliedCache {
    fn get_or_merge(&self, applying: Box<[u32]>, merge: impl FnOnce(&[u32]) -> Applied) -> Applied {
        let lock = || self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = lock().get(&applying) {
            return hit.clone();
        }
        let merged = merge(&applying);
        let mut cached = lock();
        if cached.len() < CACHED {
            cached.insert(applying, merged.clone());
        }
        merged
    }
}

/// A cache holds no meaning of the site's: two sites equal in all else are equal.
impl PartialEq for AppliedCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for AppliedCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AppliedCache")
    }
}
