//! Front matters sized to hurt, as a stranger's pull request may bring them: collections nested
//! 100,000 deep, lists of 20,000 repeated or distinct terms. Each is checked and fixed through
//! the binary with the answer a small one gets, and no part of fmlint does work that grows as
//! the square of the list. A fuzz run found each of these taking from 20 seconds to hours (and,
//! for the repeats, a copy of the list a repeat); the bound below fails only a run that hangs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[path = "support/process.rs"]
mod process;

/// Minutes, where each run takes about a second in a debug build: only a hang reaches it.
const HANG: u64 = 300;

const POST: &str = "---
layout: post
title: \"新加坡推出夜间公交线路\"
date: 2021-07-20T10:40:01.779Z
author: 联合早报
from: https://www.zaobao.com/realtime/singapore/story20210720-1171602
tags: [ 联合早报 ]
categories: [ 联合早报 ]
---
<!--1626799380000-->
[新加坡推出夜间公交线路](https://www.zaobao.com/realtime/singapore/story20210720-1171602)
------

<p>body</p>
";

fn site(posts: &[(&str, String)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("_posts")).unwrap();
    std::fs::write(site.join("_config.yml"), "title: hostile\n").unwrap();
    for (name, text) in posts {
        std::fs::write(site.join("_posts").join(name), text).unwrap();
    }
    (dir, site)
}

/// Exit code, standard output and error of `fmlint ARGS` in `site`.
fn run(site: &Path, args: &[&str]) -> (i32, String, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_fmlint"))
        .current_dir(site)
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = process::finish_within(child, HANG);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap_or(-1), stdout, stderr)
}

fn with_tags(tags: &str, categories: &str) -> String {
    POST.replace("tags: [ 联合早报 ]", tags)
        .replace("categories: [ 联合早报 ]", categories)
}

#[test]
fn a_nest_100000_deep_is_refused_where_it_passes_512() {
    let deep = 100_000;
    let nest = format!("title: {}a{}", "[".repeat(deep), "]".repeat(deep));
    let map = format!("title: {}b{}", "{a: ".repeat(deep), "}".repeat(deep));
    let (_dir, site) = site(&[
        (
            "2021-07-20-nest.md",
            POST.replace("title: \"新加坡推出夜间公交线路\"", &nest),
        ),
        (
            "2021-07-20-map.md",
            POST.replace("title: \"新加坡推出夜间公交线路\"", &map),
        ),
    ]);
    let (code, out, _) = run(&site, &["--format", "concise", "."]);
    assert_eq!(code, 1, "{out}");
    for name in ["nest", "map"] {
        let line = out
            .lines()
            .find(|l| l.contains(&format!("2021-07-20-{name}.md")))
            .unwrap_or_else(|| panic!("{out}"));
        assert!(
            line.contains("FM006") && line.contains("nest more than 512 deep"),
            "{line}"
        );
    }
}

/// A million lines that start like a closing `...` and close nothing: each is looked at once,
/// and the search for the `---` after them is not made again from each (that took seconds on
/// a megabyte, and hours on this).
#[test]
fn a_million_lines_like_a_closing_fence_are_read_once() {
    let lines = "...x\n".repeat(1_000_000);
    let (_dir, site) = site(&[(
        "2021-07-20-dots.md",
        format!("---\n{lines}---\n<p>body</p>\n"),
    )]);
    let (code, out, _) = run(&site, &["--format", "concise", "."]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("2021-07-20-dots.md:2:1: FM005 [not-a-mapping]"),
        "{out}"
    );
}

#[test]
fn twenty_thousand_repeats_are_reported_and_removed_in_one_run() {
    let n = 20_000;
    let repeats = vec!["联合早报"; n].join(", ");
    let block: String = (0..n).map(|_| "\n  - 联合早报").collect();
    let (_dir, site) = site(&[
        (
            "2021-07-20-flow.md",
            with_tags(&format!("tags: [ {repeats} ]"), "categories: [ 联合早报 ]"),
        ),
        (
            "2021-07-20-block.md",
            with_tags(&format!("tags:{block}"), "categories: [ 联合早报 ]"),
        ),
    ]);
    let (code, out, _) = run(&site, &["--format", "concise", "."]);
    assert_eq!(code, 1);
    assert_eq!(out.matches("FM502").count(), 2 * (n - 1), "{}", &out[..500]);
    let (_, _, err) = run(&site, &["--fix", "--format", "concise", "."]);
    for name in ["flow", "block"] {
        let fixed = std::fs::read_to_string(site.join(format!("_posts/2021-07-20-{name}.md")));
        assert_eq!(fixed.unwrap(), POST, "{name}: {err}");
    }
    let (code, out, _) = run(&site, &["--fix", "."]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn lists_of_twenty_thousand_distinct_terms_are_compared_and_told_in_short() {
    let n = 20_000;
    let list = |prefix: &str| {
        let terms: Vec<String> = (0..n).map(|i| format!("{prefix}{i}")).collect();
        format!("[ {} ]", terms.join(", "))
    };
    let (_dir, site) = site(&[
        (
            "2021-07-20-distinct.md",
            with_tags(
                &format!("tags: {}", list("t")),
                &format!("categories: {}", list("c")),
            ),
        ),
        (
            "2021-07-20-hash.md",
            with_tags(
                &format!("tags: {}", list("C#")).replace("[ ", "["),
                "categories: [ 联合早报 ]",
            ),
        ),
    ]);
    let (code, out, _) = run(&site, &["--format", "concise", "."]);
    assert_eq!(code, 1);
    let fm501 = out
        .lines()
        .find(|l| l.contains("distinct.md") && l.contains("FM501"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        fm501.contains(&format!("`t19`, and {} more; only in categories", n - 20)),
        "{fm501}"
    );
    assert!(fm501.len() < 2_000, "{}", fm501.len());
    // `C#` is a term, no comment: the list is still rewritten in the canonical style.
    let (_, _, err) = run(&site, &["--fix", "."]);
    let fixed = std::fs::read_to_string(site.join("_posts/2021-07-20-hash.md")).unwrap();
    assert!(fixed.contains("tags: [ C#0, C#1, "), "{err}");
}

/// `fmlint init` learns a site with a post of 5,000 keys among ordinary ones, and a site whose
/// one post has them: the key order and the schema it writes are bounded (the order and the
/// schema of every key were checked against every key of every post, in every round).
#[test]
fn init_learns_a_site_with_a_post_of_five_thousand_keys() {
    let keys: String = (0..5_000).map(|i| format!("k{i}: v\n")).collect();
    let many = POST.replace("layout: post\n", &format!("layout: post\n{keys}"));
    let ordinary: Vec<(String, String)> = (1..=9)
        .map(|d| {
            (
                format!("2021-07-0{d}-post.md"),
                POST.replace("2021-07-20", &format!("2021-07-0{d}")),
            )
        })
        .collect();
    let mut posts: Vec<(&str, String)> = ordinary
        .iter()
        .map(|(n, t)| (n.as_str(), t.clone()))
        .collect();
    posts.push(("2021-07-20-many.md", many.clone()));
    let (_dir, mixed) = site(&posts);
    let (code, config, err) = run(&mixed, &["init", "--stdout", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(!config.contains("k4999"), "{config}");
    let (_dir, alone) = site(&[("2021-07-20-many.md", many)]);
    let (code, config, err) = run(&alone, &["init", "--stdout", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(
        config.contains("the posts share 5,007 fields: the schema holds the 100 most common"),
        "{}",
        &config[..config.len().min(3000)]
    );
}

/// A `_config.yml` sized to hurt: two `defaults:` sets of 20,000 values each (mappings, to be
/// merged key by key), and `exclude:`/`include:` lists of 20,000 patterns. Each value's line,
/// each merge and each file's `exclude - include` were a search of the whole: 45 seconds for
/// one post. The posts read as they do under a small config, with the defaults applied.
#[test]
fn a_config_of_twenty_thousand_defaults_and_patterns_is_read_in_linear_time() {
    let n = 20_000;
    let posts: Vec<(String, String)> = (1..=9)
        .map(|d| {
            (
                format!("2021-07-0{d}-post.md"),
                POST.replace("2021-07-20", &format!("2021-07-0{d}"))
                    .replace("layout: post\n", ""),
            )
        })
        .collect();
    let posts: Vec<(&str, String)> = posts.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let (_dir, site) = site(&posts);
    let (code, small, err) = run(&site, &["--format", "concise", "."]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(small.matches("FM101").count(), 9, "{small}");
    let mut config = String::from("defaults:\n");
    for (path, v) in [("\"\"", "a"), ("_posts", "b")] {
        config.push_str(&format!(
            "  - scope:\n      path: {path}\n    values:\n      layout: post\n"
        ));
        config.extend((0..n).map(|i| format!("      k{i}: {{ {v}: {i} }}\n")));
    }
    config.push_str("exclude:\n");
    config.extend((0..n).map(|i| format!("  - \"x{i}*/y\"\n")));
    config.push_str("include:\n");
    config.extend((0..n).map(|i| format!("  - \"x{i}*/z\"\n")));
    std::fs::write(site.join("_config.yml"), config).unwrap();
    let (_, out, err) = run(&site, &["--format", "concise", "."]);
    let lines = |s: &str, rule: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.contains(rule))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(lines(&out, "FM101"), Vec::<String>::new(), "{err}");
    assert_eq!(lines(&out, "FM403"), lines(&small, "FM403"), "{out}");
    let (code, out, err) = run(&site, &["inspect", "_posts/2021-07-01-post.md"]);
    assert_eq!(code, 0, "{err}");
    let layout = out.lines().find(|l| l.trim_start().starts_with("layout"));
    assert!(layout.is_some_and(|l| l.ends_with("\"post\"")), "{out}");
}
