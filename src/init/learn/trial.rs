//! The trial: the configuration being written is run over every post, exactly as `fmlint` will
//! run it, and a rule (or an option) that more posts depart from than `min_share` allows is
//! relaxed one step, until nothing changes. Then the canonical archive's case, each rule's
//! note, and the posts left with diagnostics.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::fields::Schema;
use super::profile::{Counter, Departure, Learned, Profile, of, thousands};
use crate::config::CANONICAL_ORDER;
use crate::config::load;
use crate::config::resolve::Resolver;
use crate::diagnostic::Diagnostic;
use crate::init::observe::Sample;
use crate::init::render;
use crate::lint;
use crate::site::Site;

/// Each post's diagnostics, in the samples' order.
type Diagnostics = Vec<Vec<Diagnostic>>;

/// Posts with diagnostics per rule code.
type Flagged = BTreeMap<&'static str, usize>;

/// Settles the rules' options by trial, then writes the configuration with its notes.
pub(super) fn settle(
    samples: &[Sample],
    site: &Site,
    root: &Path,
    mut profile: Profile,
    schema: &Schema,
    c: &Counter,
) -> Result<Learned, String> {
    let (mut diags, mut flagged) = relax(samples, site, root, &mut profile, schema, c)?;
    if is_canonical(&profile) {
        make_canonical(&mut profile);
        diags = trial(samples, site, root, &render::config(&profile))?;
        flagged = flagged_by_code(&diags);
    }
    note_rules(&mut profile, &flagged, c.n);
    // Notes are in the text: render once more with them.
    let config = render::config(&profile);
    let departures = samples
        .iter()
        .zip(diags)
        .filter(|(_, d)| !d.is_empty())
        .map(|(s, d)| {
            let text = String::from_utf8_lossy(&s.bytes).into_owned();
            Departure {
                path: crate::paths::display_path(&s.path),
                text,
                diagnostics: d,
            }
        })
        .collect();
    Ok(Learned {
        profile,
        config,
        departures,
        flagged,
    })
}

/// Try, relax what too many posts depart from, try again; the last trial's diagnostics.
fn relax(
    samples: &[Sample],
    site: &Site,
    root: &Path,
    profile: &mut Profile,
    schema: &Schema,
    c: &Counter,
) -> Result<(Diagnostics, Flagged), String> {
    let allowed = c.allowed(c.n);
    let mut rounds = 0;
    let mut schema_has_builtin_types = false;
    loop {
        let diags = trial(samples, site, root, &render::config(profile))?;
        let flagged = flagged_by_code(&diags);
        let mut changed = false;
        for r in &mut profile.rules {
            let k = flagged.get(r.code).copied().unwrap_or(0);
            if r.options().is_some() && k > allowed {
                r.step += 1;
                r.departed = k;
                changed = true;
            }
        }
        rounds += 1;
        // Without FM103 the schema checks the built-in fields' types where the site keeps one.
        let fm103_off = profile
            .rules
            .iter()
            .any(|r| r.code == "FM103" && r.options().is_none());
        if fm103_off && !schema_has_builtin_types {
            schema_has_builtin_types = true;
            profile.fields = schema.split(false).1;
            changed = true;
        }
        if !changed || rounds > 8 {
            return Ok((diags, flagged));
        }
    }
}

/// The canonical archive: every built-in rule holds as it is (FM604 may be relaxed: the
/// defaults do not ask for it).
fn is_canonical(profile: &Profile) -> bool {
    profile
        .required
        .iter()
        .map(|r| r.0.as_str())
        .collect::<BTreeSet<_>>()
        == CANONICAL_ORDER.into_iter().collect::<BTreeSet<_>>()
        && profile.layouts.as_ref().is_some_and(|l| l.0 == ["post"])
        && profile
            .rules
            .iter()
            .all(|r| r.options().is_some() && (r.step == 0 || r.code == "FM604"))
}

/// Says the canonical archive's conventions in the defaults' own terms, nothing stricter (the
/// defaults are exactly right for such a site).
fn make_canonical(profile: &mut Profile) {
    for r in &mut profile.rules {
        if r.code == "FM604" {
            r.step = r.ladder.len() - 1;
        }
    }
    profile.fields.clear();
    profile.overrides.clear();
    profile
        .notes
        .push("every post has the canonical shape: this is fmlint's canonical profile, its built-in defaults".into());
}

/// Each rule's note in the configuration: why it is off, or how many posts keep it.
fn note_rules(profile: &mut Profile, flagged: &Flagged, n: usize) {
    for r in &mut profile.rules {
        let k = flagged.get(r.code).copied().unwrap_or(0);
        r.note = match (&r.absent, r.options()) {
            (Some(why), _) => format!("off: {why}"),
            (None, None) => format!("off: {} depart from it", of(r.departed, n)),
            (None, Some(_)) if k == 0 => format!("{} keep it", of(n, n)),
            (None, Some(_)) if k == 1 => {
                format!("{} keep it; `fmlint` lists the other", of(n - k, n))
            }
            (None, Some(_)) => format!(
                "{} keep it; `fmlint` lists the {} others",
                of(n - k, n),
                thousands(k)
            ),
        };
    }
}

fn flagged_by_code(diags: &Diagnostics) -> Flagged {
    let mut flagged = Flagged::new();
    for d in diags {
        let codes: BTreeSet<&'static str> = d.iter().map(|d| d.code()).collect();
        for code in codes {
            *flagged.entry(code).or_default() += 1;
        }
    }
    flagged
}

/// Runs the configuration over every post, as `fmlint` will.
fn trial(
    samples: &[Sample],
    site: &Site,
    root: &Path,
    config: &str,
) -> Result<Diagnostics, String> {
    let layer = load::parse(".fmlint.yml", Arc::from(config), None)
        .map_err(|e| {
            e.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        })?
        .unwrap_or_default();
    let resolver = Resolver::with_layer(root.join(".fmlint.yml"), layer);
    samples
        .par_iter()
        .map(|s| {
            let settings = resolver
                .settings_for(&s.path, site, None)
                .map_err(|e| format!("{e:?}"))?;
            Ok(lint::lint_bytes(&s.path, s.bytes.clone(), &settings, site).1)
        })
        .collect()
}
