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
