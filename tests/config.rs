//! Configuration as a user meets it: files found where they are, keys that work, mistakes
//! reported at their place, and the `rules` / `explain` / `config` commands.

mod prereq;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const CLEAN: &str = "---\nlayout: post\ntitle: \"新加坡推出夜间公交线路\"\ndate: 2021-07-20T10:40:01.779Z\nauthor: 联合早报\nfrom: https://www.zaobao.com/realtime/singapore/story20210720-1171602\ntags: [ 联合早报 ]\ncategories: [ 联合早报 ]\n---\n<!--1626799380000-->\n[新加坡推出夜间公交线路](https://www.zaobao.com/realtime/singapore/story20210720-1171602)\n------\n\n<p>body</p>\n";

fn fmlint() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("fmlint"));
    c.env("NO_COLOR", "1");
    c
}

/// A site in a temporary folder that is its own repository (so discovery stops there).
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("site/.git")).unwrap();
        std::fs::create_dir_all(dir.path().join("site/_posts")).unwrap();
        std::fs::write(dir.path().join("site/_config.yml"), "title: test\n").unwrap();
        Site { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    /// The codes reported for the site, in order.
    fn codes(&self, extra: &[&str]) -> Vec<String> {
        let out = fmlint()
            .current_dir(self.root())
            .args(["--format", "json"])
            .args(extra)
            .arg(".")
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{e}: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{} {}",
                    d["path"].as_str().unwrap(),
                    d["code"].as_str().unwrap()
                )
            })
            .collect()
    }
}

fn without_author() -> String {
    CLEAN.replace("author: 联合早报\n", "")
}

fn nearest_fmlint_yml_wins_and_discovery_stops_at_the_repository() {
    let s = Site::new();
    s.write("_posts/2021-07-20-a.md", &without_author());
    assert_eq!(s.codes(&[]), ["_posts/2021-07-20-a.md FM101"]);
    // Above the repository root: not this project's configuration.
    std::fs::write(s.dir.path().join(".fmlint.yml"), "required: [title]\n").unwrap();
    assert_eq!(s.codes(&[]), ["_posts/2021-07-20-a.md FM101"]);
    s.write(
        ".fmlint.yml",
        "required: [layout, title, date, from, tags, categories]\n",
    );
    assert_eq!(s.codes(&[]), Vec::<String>::new());
    // A nearer file replaces the farther one for the posts below it.
    s.write("_posts/.fmlint.yaml", "layouts: [article]\n");
    assert_eq!(
        s.codes(&[]),
        [
            "_posts/2021-07-20-a.md FM104",
            "_posts/2021-07-20-a.md FM101"
        ]
    );
}

fn the_site_config_fmlint_key_and_its_timezone() {
    let s = Site::new();
    // 20:40Z is the 21st in Singapore: FM203 under the site's zone, not under UTC.
    s.write(
        "_posts/2021-07-20-a.md",
        &CLEAN
            .replace("2021-07-20T10:40:01.779Z", "2021-07-20T20:40:01.779Z")
            .replace("1626799380000", "1626813601779"),
    );
    assert_eq!(s.codes(&[]), Vec::<String>::new());
    s.write("_config.yml", "title: test\ntimezone: Asia/Singapore\n");
    assert_eq!(s.codes(&[]), ["_posts/2021-07-20-a.md FM203"]);
    s.write(
        "_config.yml",
        "title: test\ntimezone: Asia/Singapore\nfmlint:\n  timezone: UTC\n",
    );
    assert_eq!(s.codes(&[]), Vec::<String>::new());
    s.write(
        "_config.yml",
        "title: test\ntimezone: Asia/Singapore\nfmlint:\n  rules:\n    FM203: off\n",
    );
    assert_eq!(s.codes(&[]), Vec::<String>::new());
}

fn explicit_config_and_isolated() {
    let s = Site::new();
    s.write("_posts/2021-07-20-a.md", &without_author());
    s.write(".fmlint.yml", "required: [title]\n");
    let other = s.write("../strict.yml", "required: [author]\n");
    assert_eq!(s.codes(&[]), Vec::<String>::new());
    assert_eq!(
        s.codes(&["--config", other.to_str().unwrap()]),
        ["_posts/2021-07-20-a.md FM101"]
    );
    assert_eq!(s.codes(&["--isolated"]), ["_posts/2021-07-20-a.md FM101"]);
}

fn overrides_select_ignore_and_rule_options() {
    let s = Site::new();
    s.write(
        "_drafts/idea.md",
        "---\ntitle: \"only a title\"\n---\nbody\n",
    );
    s.write(
        "_posts/2021-07-20-a.md",
        &CLEAN.replace("1626799380000", "1626979380000"),
    );
    assert!(s.codes(&[]).len() > 3);
    s.write(
        ".fmlint.yml",
        "rules:\n  FM403: { max-skew: 3d }\noverrides:\n  - paths: [\"_drafts/**\"]\n    required: [title]\n    ignore: [FM3, FM4]\n",
    );
    assert_eq!(s.codes(&[]), Vec::<String>::new());
    // Severity: a warning made an error changes the exit code.
    s.write(".fmlint.yml", "rules:\n  FM403: error\noverrides:\n  - paths: [\"_drafts/**\"]\n    select: [title-quoting]\n");
    let out = fmlint()
        .current_dir(s.root())
        .args(["--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(
        (d["code"].as_str(), d["severity"].as_str()),
        (Some("FM403"), Some("error"))
    );
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1);
    // The command line comes last: --select replaces the configuration's selection.
    assert_eq!(
        s.codes(&["--select", "FM101"]),
        vec!["_drafts/idea.md FM101".to_string(); 6]
    );
}

fn configuration_mistakes_point_into_the_file() {
    let s = Site::new();
    s.write("_posts/2021-07-20-a.md", CLEAN);
    s.write(
        ".fmlint.yml",
        "requird: [title]\nlayouts: post\nselect: [FM9x]\nrules:\n  FM403: { max-skew: 24 hours }\n  FM777: off\noverrides:\n  - paths: [\"_drafts/[\"]\n",
    );
    let out = fmlint()
        .current_dir(s.root())
        .args(["--color", "never", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty() || !String::from_utf8_lossy(&out.stdout).contains("FM"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    insta::assert_snapshot!("config_errors", stderr);
    // `fmlint config` reports the same errors.
    let out = fmlint()
        .current_dir(s.root())
        .args(["config", "_posts/2021-07-20-a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

fn config_command_shows_values_and_origins() {
    let s = Site::new();
    s.write("_posts/2021-07-20-a.md", CLEAN);
    s.write("_config.yml", "title: test\ntimezone: Asia/Singapore\n");
    s.write(
        ".fmlint.yml",
        "layouts: [post, news]\nignore: [FM604]\nrules:\n  FM403: { severity: error, max-skew: 36h }\nfields:\n  lang: { type: string, non-empty: true }\noverrides:\n  - paths: [\"_posts/2021-*\"]\n    required: [title, date]\n",
    );
    let out = fmlint()
        .current_dir(s.root())
        .args(["config", "_posts/2021-07-20-a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("config_command", text);
    let isolated = fmlint()
        .current_dir(s.root())
        .args(["config", "--isolated", "_posts/2021-07-20-a.md"])
        .output()
        .unwrap();
    let text = String::from_utf8(isolated.stdout).unwrap();
    assert!(
        text.contains("# configuration file: none (built-in defaults)"),
        "{text}"
    );
    assert!(text.contains("layouts: [post]"), "{text}");
}

fn rules_and_explain_commands() {
    let out = fmlint().arg("rules").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for r in fmlint::rules::REGISTRY {
        assert!(
            text.lines()
                .any(|l| l.starts_with(r.code) && l.contains(r.name)),
            "{}",
            r.code
        );
    }
    let out = fmlint()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), fmlint::rules::REGISTRY.len());
    assert_eq!(v[12]["code"], "FM201");
    assert_eq!(v[12]["fix"], "safe or unsafe");
    for key in ["FM201", "fm201", "date-format"] {
        let out = fmlint().args(["explain", key]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let page = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/FM201-date-format.md"),
        )
        .unwrap();
        assert_eq!(String::from_utf8(out.stdout).unwrap(), page);
    }
    let out = fmlint().args(["explain", "FM999"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a rule"));
}

fn suppression_comments_through_the_binary() {
    let s = Site::new();
    let dated = CLEAN.replace("2021-07-20T10:40:01.779Z", "2021-07-20 18:40:01 +0800");
    s.write(
        "_posts/2021-07-20-a.md",
        &dated.replace("date: ", "# fmlint-disable-next-line FM201\ndate: "),
    );
    s.write(
        "_posts/2021-07-20-b.md",
        &CLEAN.replace("date: ", "# fmlint-disable-next-line FM201\ndate: "),
    );
    assert_eq!(s.codes(&[]), ["_posts/2021-07-20-b.md FM900"]);
    // --fix keeps a suppressed problem as it is.
    fmlint()
        .current_dir(s.root())
        .args(["--fix", "."])
        .assert()
        .code(0);
    let a = std::fs::read_to_string(s.root().join("_posts/2021-07-20-a.md")).unwrap();
    assert!(a.contains("date: 2021-07-20 18:40:01 +0800"), "{a}");
}

/// The JSON Schema in schema/ accepts README's example and rejects mistakes. Uses Python's
/// `jsonschema` and `yaml` (installed by .ci/run); says so and skips where they are missing.
fn json_schema_accepts_the_documented_example() {
    let have = std::process::Command::new("python3")
        .args(["-c", "import jsonschema, yaml"])
        .status()
        .is_ok_and(|s| s.success());
    if !have {
        prereq::missing(
            "python3 with jsonschema and pyyaml",
            "pip install jsonschema pyyaml; .ci/run installs them",
        );
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme
        .find("<!-- config-example:start -->")
        .expect("README marks its configuration example");
    let block = &readme[start..];
    let yaml = &block[block.find("```yaml\n").unwrap() + 8..];
    let yaml = &yaml[..yaml.find("```").unwrap()];
    let check = |text: &str| {
        let script = "import json, sys, yaml, jsonschema\nschema = json.load(open(sys.argv[1]))\njsonschema.Draft202012Validator.check_schema(schema)\ndoc = yaml.safe_load(sys.stdin.read())\nerrors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))\nprint(len(errors))\n";
        let out = std::process::Command::new("python3")
            .args([
                "-c",
                script,
                root.join("schema/fmlint.schema.json").to_str().unwrap(),
            ])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin.take().unwrap().write_all(text.as_bytes())?;
                c.wait_with_output()
            })
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout)
            .unwrap()
            .trim()
            .parse::<usize>()
            .unwrap()
    };
    assert_eq!(check(yaml), 0, "README's example is valid");
    // And fmlint itself accepts it.
    assert!(fmlint::config::load::parse(".fmlint.yml", std::sync::Arc::from(yaml), None).is_ok());
    for bad in [
        "requird: [x]\n",
        "rules:\n  FM403: { max-skew: 24 hours }\n",
        "overrides:\n  - required: [x]\n",
        "fields:\n  a: { type: text }\n",
    ] {
        assert!(check(bad) > 0, "{bad}");
        assert!(
            fmlint::config::load::parse(".fmlint.yml", std::sync::Arc::from(bad), None).is_err(),
            "{bad}"
        );
    }
    for f in std::fs::read_dir(root.join("tests/sites"))
        .into_iter()
        .flatten()
        .flatten()
    {
        if f.path().extension().is_some_and(|e| e == "yml") {
            assert_eq!(
                check(&std::fs::read_to_string(f.path()).unwrap()),
                0,
                "{}",
                f.path().display()
            );
        }
    }
}

fn a_field_from_site_defaults_is_present_for_the_schema() {
    let s = Site::new();
    s.write(
        "_posts/2021-07-20-a.md",
        &CLEAN.replace("layout: post\n", ""),
    );
    s.write(
        ".fmlint.yml",
        "required: []\nfields:\n  layout: { present: true }\n",
    );
    assert_eq!(s.codes(&[]), ["_posts/2021-07-20-a.md FM701"]);
    s.write(
        "_config.yml",
        "title: test\ndefaults:\n  - scope: { path: \"\" }\n    values: { layout: post }\n",
    );
    assert_eq!(s.codes(&[]), Vec::<String>::new());
}

fn a_file_that_is_not_utf8_follows_the_configured_severity() {
    let s = Site::new();
    std::fs::write(
        s.root().join("_posts/2021-07-20-a.md"),
        b"---\ntitle: \"\xb5\"\n---\n",
    )
    .unwrap();
    let run = |cfg: &str| {
        s.write(".fmlint.yml", cfg);
        let out = fmlint()
            .current_dir(s.root())
            .args(["--format", "json", "."])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (
            out.status.code(),
            v["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["severity"].as_str().unwrap().to_string())
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        run("layouts: [post]\n"),
        (Some(1), vec!["error".to_string()])
    );
    assert_eq!(
        run("rules:\n  FM000: warning\n"),
        (Some(0), vec!["warning".to_string()])
    );
    assert_eq!(run("ignore: [FM000]\n"), (Some(0), vec![]));
}

/// `yaml-loader` decides whose reading fmlint and `inspect` report: under `safe_yaml` (GitHub
/// Pages) `title: :rocket` is the text; under Psych (the default) Jekyll cannot load it.
fn yaml_loader_chooses_the_reading_inspect_reports() {
    let dir = tempfile::Builder::new()
        .prefix("fmlint-loader")
        .tempdir()
        .unwrap();
    let site = dir.path();
    std::fs::create_dir_all(site.join("_posts")).unwrap();
    // Its own repository, so that configuration discovery stops here.
    std::fs::create_dir_all(site.join(".git")).unwrap();
    std::fs::write(site.join("_config.yml"), "title: s\n").unwrap();
    std::fs::write(
        site.join("_posts/2021-07-20-launch.md"),
        "---\nlayout: post\ntitle: :rocket\n---\nbody\n",
    )
    .unwrap();
    let title = |args: &[&str]| {
        let out = fmlint().args(args).arg(site).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
        v["posts"][0]["title"].clone()
    };
    // Psych: Jekyll cannot load the front matter; the post has no title.
    assert_eq!(
        title(&["inspect", "--format", "json"]),
        serde_json::Value::Null
    );
    std::fs::write(site.join(".fmlint.yml"), "yaml-loader: safe_yaml\n").unwrap();
    assert_eq!(title(&["inspect", "--format", "json"]), ":rocket");
    let out = fmlint().arg(site).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("FM007"), "{text}");
    assert!(!text.contains("FM006"), "{text}");
    std::fs::write(site.join(".fmlint.yml"), "yaml-loader: syck\n").unwrap();
    let out = fmlint().arg(site).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// A `_config.yml` that is not YAML is the run's error, said once, but its posts are still
/// checked, fixed and inspected, against Jekyll's defaults.
fn a_site_whose_config_cannot_be_read_is_checked_against_the_defaults() {
    let s = Site::new();
    s.write(
        "_posts/2021-07-20-a.md",
        &CLEAN.replace("联合早报 ]\n---", "联合早报 ]   \n---"),
    );
    s.write("_posts/2021-07-20-b.md", CLEAN);
    s.write("_config.yml", "title: [unclosed\n");
    let run = |args: &[&str]| {
        let out = fmlint().current_dir(s.root()).args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stdout, stderr) = run(&["--format", "concise", "."]);
    assert_eq!(code, Some(2), "{stdout}{stderr}");
    assert_eq!(stderr.matches("_config.yml").count(), 1, "{stderr}");
    assert!(stdout.contains("2021-07-20-a.md:8:"), "{stdout}");
    assert!(!stdout.contains("2021-07-20-b.md"), "{stdout}");
    let (code, _, stderr) = run(&["--fix", "."]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(s.root().join("_posts/2021-07-20-a.md")).unwrap(),
        CLEAN
    );
    let (_, stdout, stderr) = run(&["inspect", "--format", "json", "_posts/2021-07-20-b.md"]);
    let v: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"));
    assert_eq!(v["posts"][0]["title"], "新加坡推出夜间公交线路", "{stdout}");
}

prereq::tests!(
    nearest_fmlint_yml_wins_and_discovery_stops_at_the_repository,
    the_site_config_fmlint_key_and_its_timezone,
    explicit_config_and_isolated,
    overrides_select_ignore_and_rule_options,
    configuration_mistakes_point_into_the_file,
    config_command_shows_values_and_origins,
    rules_and_explain_commands,
    suppression_comments_through_the_binary,
    json_schema_accepts_the_documented_example,
    a_field_from_site_defaults_is_present_for_the_schema,
    a_file_that_is_not_utf8_follows_the_configured_severity,
    yaml_loader_chooses_the_reading_inspect_reports,
    a_site_whose_config_cannot_be_read_is_checked_against_the_defaults,
);
