//! A real editor as the client: Neovim (Debian's `neovim` package, which `.ci/run` installs),
//! headless, runs tests/support/neovim.lua against `fmlint server`. It opens a post, gets the
//! diagnostics, applies the title's quick fix and the fix-all code action, and writes the
//! buffer; the file it wrote must be the one `fmlint --fix` writes. Ignored with the reason (failed under `CI=true`) where
//! `nvim` is not installed.

mod prereq;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const POST: &str = "_posts/2021-07-20-a.md";

/// A CJK title with an astral character, unquoted; a date not in RFC 3339; keys out of order;
/// a duplicate term after CJK text (its column differs in bytes, UTF-16 and characters, and the
/// line is long enough that a column in the wrong unit would still land inside it); no
/// timestamp and no header link.
const MESSY: &str = "---\ntitle: 联合早报 😀 新闻\nlayout: post\nfrom: https://www.zaobao.com/a\ndate: 2021-07-20 18:40:01 +0800\nauthor: 联合早报\ntags: [ 联合早报, 联合早报 ] # the same one twice, once is enough\ncategories: [ 联合早报 ]\n---\n\nbody\n";

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_fmlint"))
}

fn nvim_version() -> Option<String> {
    let out = Command::new("nvim").arg("--version").output().ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    })
}

fn neovim_shows_the_diagnostics_and_applies_the_fixes() {
    let Some(version) = nvim_version() else {
        prereq::missing("`nvim`", "apt-get install -y neovim; CI has it")
    };
    eprintln!("{version}");
    let dir = tempfile::Builder::new()
        .prefix("fmlint-nvim-")
        .tempdir()
        .unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(root.join("_posts")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    let post = root.join(POST);
    std::fs::write(&post, MESSY).unwrap();

    // What the command line writes, on a copy.
    let cli_root = dir.path().join("cli");
    std::fs::create_dir_all(cli_root.join("_posts")).unwrap();
    std::fs::create_dir_all(cli_root.join(".git")).unwrap();
    std::fs::write(cli_root.join(POST), MESSY).unwrap();
    let status = Command::new(bin())
        .current_dir(&cli_root)
        .args(["--fix", "--quiet", POST])
        .status()
        .unwrap();
    assert!(status.code().is_some());
    let want = std::fs::read_to_string(cli_root.join(POST)).unwrap();
    assert_ne!(want, MESSY);
    let (_, cli) = {
        let out = Command::new(bin())
            .current_dir(&root)
            .args(["--format", "json", POST])
            .output()
            .unwrap();
        (
            out.status,
            serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        )
    };

    let report = dir.path().join("report.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/neovim.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE"])
        .arg("-c")
        .arg(format!("luafile {}", script.display()))
        .current_dir(&root)
        .env("FMLINT_BIN", bin())
        .env("FMLINT_POST", &post)
        .env("FMLINT_OUT", &report)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("nvim starts");
    // The script times out its own waits; this is the backstop for a Neovim that hangs.
    let deadline = Instant::now() + Duration::from_secs(240);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nvim did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let got: Value = serde_json::from_str(
        &std::fs::read_to_string(&report).expect("the script wrote its report"),
    )
    .unwrap();
    assert!(
        got.get("error").is_none(),
        "the script failed: {}",
        got["error"]
    );
    assert_eq!(got["encoding"], "utf-16", "Neovim's default, negotiated");

    // The diagnostics Neovim shows are the command line's, at the same places: Neovim turns
    // the UTF-16 positions into byte columns, the command line counts characters.
    let before = got["before"].as_array().unwrap();
    let cli = cli["diagnostics"].as_array().unwrap();
    let key = |code: &str, line: u64, col: u64| (code.to_string(), line, col);
    let mut shown: Vec<_> = before
        .iter()
        .map(|d| {
            key(
                d["code"].as_str().unwrap(),
                d["lnum"].as_u64().unwrap(),
                d["col"].as_u64().unwrap(),
            )
        })
        .collect();
    let lines: Vec<&str> = MESSY.split('\n').collect();
    let mut printed: Vec<_> = cli
        .iter()
        .map(|d| {
            let line = d["line"].as_u64().unwrap() - 1;
            let chars = d["column"].as_u64().unwrap() as usize - 1;
            let bytes: usize = lines[line as usize]
                .chars()
                .take(chars)
                .map(char::len_utf8)
                .sum();
            key(d["code"].as_str().unwrap(), line, bytes as u64)
        })
        .collect();
    shown.sort();
    printed.sort();
    assert_eq!(shown, printed);
    let title = before.iter().find(|d| d["code"] == "FM602").unwrap();
    assert_eq!(
        (title["lnum"].as_u64(), title["col"].as_u64()),
        (Some(1), Some(7))
    );
    assert_eq!(
        title["end_col"].as_u64(),
        Some(7 + "联合早报 😀 新闻".len() as u64)
    );
    let term = before.iter().find(|d| d["code"] == "FM502").unwrap();
    let second = "tags: [ 联合早报, ".len() as u64;
    assert_eq!(
        (term["lnum"].as_u64(), term["col"].as_u64()),
        (Some(6), Some(second))
    );
    assert_eq!(
        term["end_col"].as_u64(),
        Some(second + "联合早报".len() as u64)
    );

    // The quick fix quoted the title, and only that.
    assert!(
        got["quickfix_title"]
            .as_str()
            .unwrap()
            .ends_with("(safe fix)")
    );
    assert_eq!(
        got["after_quickfix"].as_str().unwrap(),
        MESSY.replace("title: 联合早报 😀 新闻", "title: \"联合早报 😀 新闻\"")
    );
    // Fix-all: the buffer, and the file Neovim wrote, are what `fmlint --fix` writes.
    assert_eq!(got["fix_all_kind"], "source.fixAll.fmlint");
    assert_eq!(got["text"].as_str().unwrap(), want);
    assert_eq!(std::fs::read_to_string(&post).unwrap(), want);
    assert_eq!(
        got["after"].as_array().unwrap().len(),
        0,
        "{}",
        got["after"]
    );
    // `shutdown` then `exit`: the server ends as the protocol asks.
    assert_eq!(got["server_exit"], 0);
}

prereq::tests!(neovim_shows_the_diagnostics_and_applies_the_fixes,);
