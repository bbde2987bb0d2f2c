//! Jekyll's own news posts (`../shared/corpus/jekyll-docs/docs`, 102 posts), linted with their
//! configuration `tests/sites/jekyll-docs.fmlint.yml`: every diagnostic left is a real defect of
//! its post, listed below with the reason, and there is nothing else. The site gives every post
//! its layout through `_config.yml` `defaults:`, so this also checks that fmlint reads defaults
//! as Jekyll does (no post is missing a layout). Skipped, saying why, where `../shared` is
//! absent.

mod prereq;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const CONFIG: &str = "tests/sites/jekyll-docs.fmlint.yml";

/// (post, code): each a real defect.
const EXPECTED: &[(&str, &str)] = &[
    // `date: "2013-05-06 02:12:52 +0200"` is 17:12 on May 5 in the site's
    // `timezone: America/Los_Angeles`: Jekyll publishes it at /news/2013/05/05/, not on the
    // file name's day.
    ("2013-05-06-jekyll-1-0-0-released.markdown", "FM203"),
    // `date: 2014-11-05 10:48:22 -0800`: written a day before the file name's 2014-11-06.
    (
        "2014-11-06-jekylls-midlife-crisis-jekyll-turns-2-5-0.markdown",
        "FM203",
    ),
    // `date: 2014-11-09 09:47:52 -0800`: a day after the file name's 2014-11-08.
    ("2014-11-08-jekyll-2-5-1-released.markdown", "FM203"),
    // `date: 2017-06-15 17:32:32 -0400`: a day after the file name's 2017-06-14.
    ("2017-06-14-jekyll-3-5-0-released.markdown", "FM203"),
    // `date: 2018-02-25 13:02:08 +0530` is 23:32 on Feb 24 in Los Angeles: published at
    // /news/2018/02/24/.
    ("2018-02-25-jekyll-3-7-3-released.markdown", "FM203"),
    // `date: "2018-04-19 16:07:00 +0100"`: five weeks after the file name's 2018-03-14.
    ("2018-03-14-development-update.md", "FM203"),
    // `date: 2018-04-19 19:45:15 +0530`: five weeks after the file name's 2018-03-15.
    ("2018-03-15-jekyll-3-8-0-released.markdown", "FM203"),
    // `date: 2018-05-19 10:30:00 -0500`: a day after the file name's 2018-05-18.
    ("2018-05-18-jekyll-3-8-2-released.markdown", "FM203"),
    // `date: 2018-06-05 09:00:00 -0500`: a day after the file name's 2018-06-04.
    ("2018-06-04-jekyll-3-8-3-released.markdown", "FM203"),
    // `date: 2019-08-20 10:00:00 -0500`: a day after the file name's 2019-08-19.
    ("2019-08-19-jekyll-4-0-0-released.markdown", "FM203"),
    // A blank line inside the front matter, before `filters_linked_to:` (no other post of the
    // site has one).
    ("2020-05-27-jekyll-4-1-0-released.markdown", "FM604"),
];

fn jekyll_docs_lints_to_its_real_defects() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = prereq::shared("corpus/jekyll-docs/docs/_config.yml")
        .parent()
        .unwrap()
        .to_path_buf();
    let out = Command::new(env!("CARGO_BIN_EXE_fmlint"))
        .current_dir(root)
        .args(["--config", CONFIG, "--format", "json"])
        .arg(&site)
        .output()
        .expect("fmlint runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings only: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["summary"]["files"], 102, "every post is linted");
    let mut found: Vec<(String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap().to_string();
            (name, d["code"].as_str().unwrap().to_string())
        })
        .collect();
    found.sort();
    let mut expected: Vec<(String, String)> = EXPECTED
        .iter()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect();
    expected.sort();
    assert_eq!(found, expected);

    // The layout comes from `defaults:`: without the site's `_config.yml` every post but one
    // would be missing it.
    let out = Command::new(env!("CARGO_BIN_EXE_fmlint"))
        .current_dir(root)
        .args(["--config", CONFIG, "--select", "FM101", "--format", "json"])
        .arg(site.join("_posts/2025-01-29-jekyll-4-4-1-released.markdown"))
        .output()
        .expect("fmlint runs");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["problems"], 0, "{doc}");
}

prereq::tests!(jekyll_docs_lints_to_its_real_defects,);
