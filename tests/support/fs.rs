//! Sites on disk: generated corpora, a folder's bytes, a copied tree.

use std::path::{Path, PathBuf};

use crate::generator::Spec;
use crate::rng::Rng;

/// A generated site: `dir/_posts/…` with `(path, original bytes, fixed-by-construction bytes)`.
pub struct Corpus {
    pub posts: Vec<(PathBuf, Vec<u8>, Vec<u8>)>,
}

/// Writes `n` posts under `dir/_posts`; the ones whose index is in `defective` get safe-fixable
/// defects (at least `min_defects` each). The third element of each post is its canonical
/// version, what `--fix` must produce.
pub fn write_corpus(
    dir: &Path,
    seed: u64,
    n: usize,
    defective: &dyn Fn(usize) -> bool,
    min_defects: usize,
) -> Corpus {
    let posts_dir = dir.join("_posts");
    std::fs::create_dir_all(&posts_dir).unwrap();
    let mut rng = Rng::new(seed);
    let mut posts = Vec::with_capacity(n);
    for i in 0..n {
        let base = Spec::canonical(&mut rng);
        let canonical = base.render();
        let spec = if defective(i) {
            let mut d = base.with_safe_defects(&mut rng, min_defects);
            // At least one defect for certain, whatever the draw.
            if d.render() == canonical {
                d.trailing_ws = Some(rng.next_u64());
                d.timestamp = None;
            }
            d
        } else {
            base.clone()
        };
        let path = posts_dir.join(base.file_name(i));
        let text = spec.render();
        std::fs::write(&path, &text).unwrap();
        posts.push((path, text.into_bytes(), canonical.into_bytes()));
    }
    Corpus { posts }
}

/// Every file under `dir` (relative path → bytes), hidden ones included.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let ft = e.file_type().unwrap();
            let p = e.path();
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file() {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// Copies a folder tree (files and folders only).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}
