//! Folder groups (languages, collections, drafts) whose fields differ from the whole site's:
//! each gets an override. Once one folder differs, every folder is listed, shallowest first,
//! so that a later, deeper `paths:` glob does not leak one folder's fields into another.

use std::collections::{BTreeMap, BTreeSet};

use super::eras::Eras;
use super::profile::{Counter, FieldRule, OverrideRule, Spec, of, thousands};
use crate::init::observe::Observation;

/// Per folder group, whether its posts must have each field.
type Presence = BTreeMap<String, BTreeMap<String, bool>>;

/// The fields some folder keeps differently from the whole site, and the overrides that say
/// so (none when every folder keeps what the site keeps).
pub(super) fn overrides(
    obs: &[&Observation],
    base: &[FieldRule],
    eras: &Eras,
    c: &Counter,
) -> (BTreeSet<String>, Vec<OverrideRule>) {
    let mut groups: BTreeMap<String, Vec<&Observation>> = BTreeMap::new();
    for o in obs {
        groups.entry(group_of(o)).or_default().push(o);
    }
    let (touched, group_present) = presence(&groups, base, eras, c);
    let mut out = Vec::new();
    if !touched.is_empty() {
        let mut ordered: Vec<(&String, &Vec<&Observation>)> = groups.iter().collect();
        ordered.sort_by_key(|(g, _)| (g.matches('/').count(), g.to_string()));
        for (g, members) in ordered {
            let fields: Vec<(String, Spec)> = base
                .iter()
                .filter(|b| touched.contains(&b.name))
                .map(|b| {
                    let mut s = b.spec.clone();
                    s.present = group_present[g][&b.name];
                    if !s.present {
                        s.non_empty = false;
                    }
                    (b.name.clone(), s)
                })
                .collect();
            let differs: Vec<String> = fields
                .iter()
                .filter(|(name, s)| {
                    base.iter()
                        .any(|b| &b.name == name && b.spec.present != s.present)
                })
                .map(|(name, s)| {
                    format!(
                        "`{name}` {}",
                        if s.present { "required" } else { "optional" }
                    )
                })
                .collect();
            let k = members.len();
            out.push(OverrideRule {
                paths: vec![format!("{g}/*")],
                fields,
                note: if differs.is_empty() {
                    format!(
                        "{}: as the whole site (listed so that the folders above do not leak in)",
                        of(k, k)
                    )
                } else {
                    format!("{} in `{g}/`: {}", thousands(k), differs.join(", "))
                },
            });
        }
    }
    (touched, out)
}

/// Whether each group keeps each field (eras' fields aside: their override says it), and the
/// fields where some group departs from the site. With one group there is nothing to differ
/// from; past 40 groups the folders are not a structure worth an override each.
fn presence(
    groups: &BTreeMap<String, Vec<&Observation>>,
    base: &[FieldRule],
    eras: &Eras,
    c: &Counter,
) -> (BTreeSet<String>, Presence) {
    let mut touched: BTreeSet<String> = BTreeSet::new();
    let mut group_present = Presence::new();
    if groups.len() > 1 && groups.len() <= 40 {
        for (g, members) in groups {
            let mut m = BTreeMap::new();
            for FieldRule { name, spec, .. } in base {
                if eras.values().any(|v| v.contains(name)) {
                    continue;
                }
                let k = members.iter().filter(|o| o.has(name)).count();
                // A folder differs when it keeps a field the site does not, or mostly lacks
                // one the site keeps (a post or two without it are departures, not a
                // convention). Too few posts to say: a small folder keeps what the site keeps.
                let here = if members.len() < 10 {
                    spec.present
                } else if spec.present {
                    k * 2 > members.len()
                } else {
                    c.holds(k, members.len())
                };
                if here != spec.present {
                    touched.insert(name.clone());
                }
                m.insert(name.clone(), here);
            }
            group_present.insert(g.clone(), m);
        }
    }
    (touched, group_present)
}

/// The folder group of a post: its folders, year-like ones as `*`.
fn group_of(o: &Observation) -> String {
    o.dirs
        .iter()
        .map(|d| {
            if !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()) {
                "*".to_string()
            } else {
                d.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}
