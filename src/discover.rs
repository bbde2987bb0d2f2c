//! Finding posts: walk the given paths (honouring .gitignore, skipping hidden files) and keep
//! files under `_posts` or `_drafts` that end in .md, .markdown or .html.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

pub const POST_EXTENSIONS: [&str; 3] = ["md", "markdown", "html"];

/// Whether Jekyll would read the file as a post or draft.
pub fn is_post_path(path: &Path) -> bool {
    let ext_ok = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| POST_EXTENSIONS.contains(&e));
    ext_ok
        && path.parent().is_some_and(|p| {
            p.components()
                .any(|c| c.as_os_str() == "_posts" || c.as_os_str() == "_drafts")
        })
}

/// How a path is shown: as given, `./` dropped, `/` as separator.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.to_string()
    }
}

/// Calls `visit` for every post under `roots` on `threads` worker threads. Files named
/// explicitly are always visited. Returns the errors of the walk itself (a path that does not
/// exist), sorted.
///
/// One thread walks and hands paths to the workers through a bounded queue: memory stays flat
/// however many files a folder holds (a parallel walker queues a whole folder's entries at once).
pub fn walk<F>(roots: &[PathBuf], threads: usize, visit: F) -> Vec<String>
where
    F: Fn(PathBuf) + Sync,
{
    let mut errors = Vec::new();
    let (tx, rx) = crossbeam_channel::bounded::<PathBuf>(256);
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let rx = rx.clone();
            let visit = &visit;
            scope.spawn(move || {
                for path in rx {
                    visit(path);
                }
            });
        }
        for root in roots {
            match std::fs::metadata(root) {
                Err(e) => errors.push(format!("{}: {e}", display_path(root))),
                Ok(m) if !m.is_dir() => {
                    let _ = tx.send(root.clone());
                }
                Ok(_) => {
                    for entry in WalkBuilder::new(root).build() {
                        match entry {
                            Ok(e)
                                if e.file_type().is_some_and(|t| t.is_file())
                                    && is_post_path(e.path()) =>
                            {
                                let _ = tx.send(e.into_path());
                            }
                            Ok(_) => {}
                            Err(err) => errors.push(err.to_string()),
                        }
                    }
                }
            }
        }
        drop(tx);
    });
    errors.sort();
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_counts_as_a_post() {
        assert!(is_post_path(Path::new("_posts/2021-07-20-a.md")));
        assert!(is_post_path(Path::new("site/news/_posts/2021/a.markdown")));
        assert!(is_post_path(Path::new("_drafts/a.html")));
        assert!(!is_post_path(Path::new("_posts/a.txt")));
        assert!(!is_post_path(Path::new("about.md")));
        assert!(!is_post_path(Path::new("_layouts/post.html")));
        assert!(!is_post_path(Path::new("my_posts/a.md")));
    }
}
