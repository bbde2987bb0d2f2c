//! Random byte-level damage to real-looking posts: fmlint must never panic, its fixes must
//! settle, and the meaning check must never have to step in (FM990/FM991 mean a bug) — except
//! for a lone CR, which YAML reads as a line break and fmlint's line model does not (a known
//! limitation: the check refuses the write, so nothing is lost).

#[path = "support/rng.rs"]
mod rng;

use std::path::Path;

use fmlint::config::Settings;
use fmlint::fix::fix_text;
use fmlint::lint::lint_bytes;
use fmlint::site::Site;
use rng::Rng;

const PIECES: &[&[u8]] = &[
    b"-",
    b":",
    b"#",
    b"[",
    b"]",
    b"{",
    b"}",
    b"\"",
    b"'",
    b"\\",
    b"\n",
    b"\r\n",
    b"\t",
    b" ",
    b"&",
    b"*",
    b"!",
    b"|",
    b">",
    b"%",
    b"@",
    b"`",
    b",",
    b"?",
    b"~",
    b"0",
    b"9",
    b"a",
    b"Z",
    "中".as_bytes(),
    b"\xef\xbb\xbf",
    b"---\n",
    b"<!--",
    b"-->",
    b"yes",
    b"2021-02-30",
];

fn samples() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/site/_posts");
    let mut out: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    out.sort();
    out
}

#[test]
fn damaged_posts_never_panic_and_fixes_settle() {
    let samples = samples();
    // Seeded, so that a failure names its case number and reproduces.
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    let (settings, site) = (Settings::default(), Site::default());
    let path = Path::new("_posts/2021-07-20-x.md");
    for case in 0..1500 {
        let mut b = samples[rng.below(samples.len())].clone();
        b.truncate(1200 + rng.below(400));
        for _ in 0..1 + rng.below(6) {
            let at = rng.below(b.len() + 1);
            match rng.below(3) {
                0 => {
                    let piece = PIECES[rng.below(PIECES.len())];
                    b.splice(at..at, piece.iter().copied());
                }
                1 => {
                    let end = (at + 1 + rng.below(4)).min(b.len());
                    b.drain(at..end);
                }
                _ => {
                    if at < b.len() {
                        b[at] = PIECES[rng.below(PIECES.len())][0];
                    }
                }
            }
        }
        let (text, _) = lint_bytes(path, b.clone(), &settings, &site);
        if String::from_utf8(b).is_err() {
            continue;
        }
        for unsafe_fixes in [false, true] {
            let fixed = fix_text(path, &text, &settings, &site, unsafe_fixes);
            let lone_cr = text.replace("\r\n", "").contains('\r');
            let refused: Vec<_> = fixed
                .remaining
                .iter()
                .filter(|d| d.code().starts_with("FM99"))
                .collect();
            assert!(
                refused.is_empty() || lone_cr,
                "case {case}: {:?}\n{text}",
                refused.iter().map(|d| &d.message).collect::<Vec<_>>()
            );
            let again = fix_text(path, &fixed.text, &settings, &site, unsafe_fixes);
            assert_eq!(
                again.text, fixed.text,
                "case {case}: fixing twice differs from fixing once\n{text}"
            );
        }
    }
}
