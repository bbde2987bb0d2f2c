//! What Psych reads through another node's text: an alias (`*a`) as a copy of its anchor's
//! node, a merge key (`<<`) as the merged mapping's entries. Their values are right but their
//! text is elsewhere or shared, so each node says whose text it is (`Link`).

use super::Loader;
use super::model::{Link, Node, NodeKind, Scalar};

/// `key == '<<' && k.tag != "tag:yaml.org,2002:str"`: a `<<` key, quoted or not, unless
/// tagged `!!str`.
pub(super) fn is_merge_key(k: &Node) -> bool {
    matches!(&k.kind, NodeKind::Scalar { value: Scalar::Str(s), .. } if s == "<<") && !k.tagged
}

/// `revive_hash`'s merge: a mapping (or an alias to one) adds its entries; a list of mappings
/// adds each, the first winning; anything else stays an ordinary `<<` key. Entries are kept as
/// assignments in order (the last one for a key is what Ruby's hash holds), so merged entries
/// go where the `<<` is.
pub(super) fn merge<'a>(
    entries: &mut Vec<(Node<'a>, Node<'a>)>,
    key: Node<'a>,
    value: Node<'a>,
    loader: Loader,
) {
    let merged: Option<Vec<(Node, Node)>> = match &value.kind {
        NodeKind::Map { entries: m, .. } => {
            // safe_yaml merges only what is already complete when it meets the key: an
            // alias's mapping, never one written in place.
            if loader == Loader::SafeYaml && value.link != Link::Alias {
                Some(Vec::new())
            } else {
                Some(m.clone())
            }
        }
        NodeKind::Seq { items, .. } if value.link != Link::Alias => {
            if loader == Loader::SafeYaml {
                None
            } else {
                let mut all = Vec::new();
                let mut ok = true;
                for item in items.iter().rev() {
                    match &item.kind {
                        NodeKind::Map { entries: m, .. } => all.extend(m.iter().cloned()),
                        _ => ok = false,
                    }
                }
                ok.then_some(all)
            }
        }
        _ => None,
    };
    match merged {
        Some(list) => {
            for (mut k, mut v) in list {
                relink(&mut k, Link::Merged);
                relink(&mut v, Link::Merged);
                entries.push((k, v));
            }
        }
        None => entries.push((key, value)),
    }
}

/// Marks a node and everything in it as read through `link` (an alias or a merge wins over an
/// anchor, which wins over own text).
pub(super) fn relink(node: &mut Node, link: Link) {
    let rank = |l: Link| match l {
        Link::Own => 0,
        Link::Anchor => 1,
        Link::Alias | Link::Merged => 2,
    };
    if rank(link) >= rank(node.link) {
        node.link = link;
    }
    match &mut node.kind {
        NodeKind::Seq { items, .. } => items.iter_mut().for_each(|n| relink(n, link)),
        NodeKind::Map { entries, .. } => entries.iter_mut().for_each(|(k, v)| {
            relink(k, link);
            relink(v, link);
        }),
        NodeKind::Scalar { .. } => {}
    }
}

/// How many nodes a copy of `node` makes, for the alias budget.
pub(super) fn count(node: &Node) -> usize {
    1 + match &node.kind {
        NodeKind::Seq { items, .. } => items.iter().map(count).sum(),
        NodeKind::Map { entries, .. } => entries.iter().map(|(k, v)| count(k) + count(v)).sum(),
        NodeKind::Scalar { .. } => 0,
    }
}
