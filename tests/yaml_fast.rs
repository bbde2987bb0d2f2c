//! The fast front-matter reader (`src/yaml/fast.rs`) against the general one (libyaml and the
//! builder), its oracle: wherever the fast reader reads a text, it must give exactly the
//! general reading (nodes, spans, types, loader sensitivity, the `---` marker's end), under
//! both loaders, and it must decline whatever the general reader refuses. On:
//! - `psych_verdicts_agree`: the documents of `tests/psych/verdicts.json`, the constructs where
//!   YAML readers part ways;
//! - `generated_posts_agree`: the generators' posts (`support/generator.rs`, `varied.rs`), of
//!   which the fast reader must take the canonical ones and most of the others;
//! - `real_sites_agree`: every post of the real sites in `../shared/corpus` (ignored with the
//!   reason when absent, failed under `CI=true`), with how many the fast reader takes.
//!
//! `src/yaml/fast/tests.rs` does the same on a grammar of traps, and tests where it declines.

#[path = "support/dates.rs"]
mod dates;
// This test only renders the generators' posts: their other helpers are for the fix tests.
#[allow(dead_code)]
#[path = "support/generator.rs"]
mod generator;
mod prereq;
#[path = "support/rng.rs"]
mod rng;
#[path = "support/scalars.rs"]
mod scalars;
#[path = "support/terms.rs"]
mod terms;
#[allow(dead_code)]
#[path = "support/varied.rs"]
mod varied;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use fmlint::post::{Split, split};
use fmlint::yaml::{Loader, fast_path_check};
use generator::Spec;
use rng::Rng;
use varied::GenOptions;

/// Both readers on `file[range]` under both loaders; panics where they differ. Whether the
/// fast reader took it (under Psych), or why not.
fn check(what: &str, file: &str, range: Range<usize>) -> Option<&'static str> {
    let mut verdict = None;
    for loader in [Loader::Psych, Loader::SafeYaml] {
        match fast_path_check(file, range.clone(), loader) {
            Ok(v) if loader == Loader::Psych => verdict = v,
            Ok(_) => {}
            Err(diff) => panic!("{what}, {loader:?}, {:?}:\n{diff}", &file[range.clone()]),
        }
    }
    verdict
}

/// What `Post` hands the YAML reader: from the opening `---` line to the closing one.
fn post_range(text: &str) -> Option<Range<usize>> {
    match split(text) {
        Split::Found(f) => Some(f.open.start..f.yaml.end),
        _ => None,
    }
}

fn psych_verdicts_agree() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/psych/verdicts.json");
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).expect("verdicts.json");
    let docs: Vec<&str> = data
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v["yaml"].as_str())
        .collect();
    assert!(docs.len() > 100, "{} documents", docs.len());
    let mut took = 0;
    for (i, text) in docs.iter().enumerate() {
        took += usize::from(check(&format!("verdict {i}"), text, 0..text.len()).is_none());
        // And as the front matter of a post, read up to its closing line.
        let post = format!("{text}---\nbody\n");
        if let Some(r) = post_range(&post) {
            check(&format!("verdict {i} as a post"), &post, r);
        }
    }
    eprintln!(
        "fast reader took {took} of {} recorded documents",
        docs.len()
    );
    assert!(took > 0);
}

fn generated_posts_agree() {
    let mut rng = Rng::new(12);
    let (mut canonical, mut canonical_took) = (0, 0);
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    let mut varied = 0;
    for n in 0..1500 {
        let spec = Spec::canonical(&mut rng);
        let posts = [
            (true, spec.render()),
            (false, spec.with_safe_defects(&mut rng, 1 + n % 3).render()),
            (
                false,
                Spec::random(&mut rng, &GenOptions::default()).render(),
            ),
        ];
        for (is_canonical, text) in posts {
            let Some(r) = post_range(&text) else { continue };
            let verdict = check(&format!("generated post {n}"), &text, r);
            if is_canonical {
                canonical += 1;
                canonical_took += usize::from(verdict.is_none());
            } else {
                varied += 1;
                *reasons.entry(verdict.unwrap_or("taken")).or_default() += 1;
            }
        }
    }
    eprintln!("canonical posts: fast reader took {canonical_took} of {canonical}");
    eprintln!("posts with defects and varied posts ({varied}): {reasons:#?}");
    // Canonical titles hold a tab now and then, which the fast reader leaves to libyaml.
    assert!(
        canonical_took * 100 >= canonical * 95,
        "{canonical_took} of {canonical}"
    );
    let taken = reasons.get("taken").copied().unwrap_or(0);
    assert!(taken * 2 > varied, "{taken} of {varied}");
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("md" | "markdown" | "html" | "textile")
        ) {
            out.push(p);
        }
    }
}

/// Every `_posts` folder under `dir`.
fn posts_dirs(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "_posts") {
                out.push(p);
            } else {
                posts_dirs(&p, out);
            }
        }
    }
}

fn real_sites_agree() {
    let corpus = prereq::shared("corpus");
    let mut sites: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    sites.sort();
    let (mut all, mut all_took) = (0, 0);
    for site in sites {
        let mut dirs = Vec::new();
        posts_dirs(&site, &mut dirs);
        let mut paths = Vec::new();
        for d in dirs {
            files(&d, &mut paths);
        }
        let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
        let mut n = 0;
        for p in &paths {
            let Ok(text) = std::fs::read_to_string(p) else {
                continue;
            };
            let Some(r) = post_range(&text) else { continue };
            n += 1;
            let verdict = check(&p.display().to_string(), &text, r);
            *reasons.entry(verdict.unwrap_or("taken")).or_default() += 1;
        }
        let took = reasons.get("taken").copied().unwrap_or(0);
        eprintln!(
            "{}: fast reader took {took} of {n} posts; {reasons:?}",
            site.file_name().unwrap().to_string_lossy()
        );
        all += n;
        all_took += took;
    }
    eprintln!("real sites: fast reader took {all_took} of {all} posts");
    assert!(all > 1000, "{all} posts");
    // Real posts are the shapes the fast reader exists for (99% of them when it was written).
    assert!(all_took * 100 >= all * 95, "{all_took} of {all}");
}

prereq::tests!(
    psych_verdicts_agree,
    generated_posts_agree,
    real_sites_agree
);
