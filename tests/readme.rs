//! README's rule table is the registry's, so the two cannot drift. Run with
//! `FMLINT_BLESS=1 cargo test --test readme` to rewrite the table after changing a rule.

use std::path::Path;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

#[test]
fn readme_rule_table_is_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find(START)
        .expect("README has the rules:start marker")
        + START.len();
    let end = readme.find(END).expect("README has the rules:end marker");
    let table = fmlint::rules::markdown_table();
    if std::env::var_os("FMLINT_BLESS").is_some() {
        let new = format!("{}{}{}", &readme[..start], table, &readme[end..]);
        std::fs::write(&path, new).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        table,
        "README's rule table differs from the registry; see this file's header"
    );
}

#[test]
fn readme_opens_with_the_two_commands() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let head: String = readme.lines().take(20).collect::<Vec<_>>().join("\n");
    assert!(
        head.contains("cargo run --release -- fixtures/site"),
        "{head}"
    );
    assert!(head.contains("cargo test"), "{head}");
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Issue 9, item 9: `rust-version` is a real minimum, at least what every dependency declares
/// (no older toolchain can be tried here; Cargo's metadata has each crate's own `rust-version`).
#[test]
fn rust_version_is_at_least_every_dependency_s() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .current_dir(root())
        .args(["metadata", "--format-version", "1"])
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let version = |v: &str| -> Vec<u64> {
        let mut parts: Vec<u64> = v.split('.').map(|p| p.parse().unwrap()).collect();
        parts.resize(3, 0);
        parts
    };
    let ours = env!("CARGO_PKG_RUST_VERSION");
    assert!(!ours.is_empty(), "Cargo.toml states a rust-version");
    let mut newer = Vec::new();
    for p in meta["packages"].as_array().unwrap() {
        let (name, Some(needs)) = (p["name"].as_str().unwrap(), p["rust_version"].as_str()) else {
            continue;
        };
        if name != "fmlint" && version(needs) > version(ours) {
            newer.push(format!("{name} {} needs {needs}", p["version"]));
        }
    }
    assert!(
        newer.is_empty(),
        "rust-version is {ours}, but: {}",
        newer.join("; ")
    );
    // README says the same.
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("Rust {ours} or newer")),
        "README names Rust {ours}"
    );
}

/// Every place that installs fmlint builds with the crate versions the tests ran with.
#[test]
fn every_cargo_install_is_locked() {
    for file in ["README.md", "docs/github-actions.yml"] {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        let installs: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("cargo install ") && !l.contains("--root ENV"))
            .collect();
        assert!(!installs.is_empty(), "{file} installs fmlint");
        for l in installs {
            assert!(l.contains("--locked"), "{file}: `{l}` lacks --locked");
        }
    }
}

/// What README says the example site shows is what fmlint prints for it: the rules it names
/// as firing do, every other rule is named as not firing, and the exit code is 1.
#[test]
fn readme_says_which_rules_the_example_site_fires() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fmlint"))
        .current_dir(root())
        .args(["--format", "json", "fixtures/site"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "README: it exits 1 on purpose");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fired: std::collections::BTreeSet<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let at = readme
        .find("The example site")
        .expect("README says what the example site shows");
    let para = &readme[at..at + readme[at..].find("\n\n").unwrap()];
    let para = para.replace('\n', " ");
    // Codes named one by one or as ranges `FM701–FM707`.
    let named = |claim: &str| -> Vec<String> {
        let mut codes = Vec::new();
        let words: Vec<&str> = claim
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '–'))
            .filter(|w| w.starts_with("FM"))
            .collect();
        for w in words {
            let mut ends = w
                .split('–')
                .map(|c| c.trim_start_matches("FM").parse::<u32>());
            let (Some(Ok(a)), b) = (ends.next(), ends.next()) else {
                continue;
            };
            let b = b.and_then(Result::ok).unwrap_or(a);
            for r in fmlint::rules::REGISTRY {
                let n: u32 = r.code[2..].parse().unwrap();
                if (a..=b).contains(&n) {
                    codes.push(r.code.to_string());
                }
            }
        }
        codes
    };
    let (fires, rest) = para
        .split_once("The other rules do not fire")
        .expect("README names the rules that do not fire");
    let claimed: std::collections::BTreeSet<String> = named(fires).into_iter().collect();
    assert_eq!(claimed, fired, "README: {fires}");
    for r in fmlint::rules::REGISTRY {
        if !fired.contains(r.code) {
            assert!(
                named(rest).iter().any(|c| c == r.code),
                "{} does not fire on fixtures/site, and README does not say so: {rest}",
                r.code
            );
        }
    }
}
