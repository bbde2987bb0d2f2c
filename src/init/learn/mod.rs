//! From a site's posts to the conventions it keeps. Pure: the posts are given, read once.
//!
//! Two kinds of convention. The schema (which fields a post has, their types, closed sets, path
//! captures, date offsets, and how that differs by folder or by era) is counted from what the
//! posts hold. The rules' own conventions (date form, file-name day, the canonical shape, terms
//! policy, key order, quoting, list style, whitespace) are tried: the configuration being
//! written is run over every post, exactly as `fmlint` will run it, and a rule (or an option)
//! that more posts depart from than `min_share` allows is relaxed or switched off. What is left
//! are the site's own outliers, and the summary lists them.
//!
//! One module per phase: `fields` (a field's schema, the key order, `required:` or schema),
//! `eras` and `groups` (the overrides by date and by folder), `choices` (the rules and options
//! to try), `trial` (running them, relaxing, the notes); `profile` holds what is learned.

use std::path::Path;

use rayon::prelude::*;

use super::observe::{Observation, Sample, observe};
use crate::site::Site;

mod choices;
mod eras;
mod fields;
mod groups;
mod profile;
#[cfg(test)]
mod tests;
mod trial;

pub use profile::{
    Departure, FieldRule, Learned, OverrideRule, Profile, RuleChoice, Spec, of, thousands,
};

use fields::Schema;
use profile::Counter;

/// Learns the profile of the site's posts. `root` is where the configuration will be written
/// (globs are relative to the site's root, as `fmlint` reads them). Errs only when the
/// configuration it wrote does not read back, which would be fmlint's bug.
pub fn learn(
    samples: &[Sample],
    site: &Site,
    root: &Path,
    min_share: f64,
) -> Result<Learned, String> {
    let c = Counter {
        n: samples.len(),
        min_share,
    };
    let all: Vec<Observation> = samples.par_iter().map(|s| observe(s, site)).collect();
    // Conventions are learned from the posts Jekyll can read; the others are departures.
    let obs: Vec<&Observation> = all.iter().filter(|o| o.readable).collect();
    let mut profile = Profile {
        posts: c.n,
        min_share,
        ..Profile::default()
    };

    let order = fields::key_order(&obs);
    let (names, all_names) = fields::common(&obs, &order);
    if all_names > names.len() {
        profile.notes.push(format!(
            "the posts share {} fields: the schema holds the {} most common",
            profile::thousands(all_names),
            names.len()
        ));
    }
    let (base, eras) = eras::field_specs(&obs, &names, &c);
    let (touched, mut overrides) = groups::overrides(&obs, &base, &eras, &c);
    overrides.extend(eras::overrides(&obs, &base, &eras));
    profile.overrides = overrides;
    let schema = Schema {
        base: &base,
        touched: &touched,
        eras: &eras,
        obs: &obs,
    };
    (profile.required, profile.fields) = schema.split(true);
    profile.layouts = choices::layouts(&obs);
    profile.notes.extend(choices::terms_note(&obs, c.n));
    profile.rules = choices::rules(&obs, &order, profile.layouts.is_some(), &c);

    trial::settle(samples, site, root, profile, &schema, &c)
}
