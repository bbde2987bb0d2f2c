//! Finding posts: walk the given paths (honouring .gitignore, skipping hidden files) and keep
//! files under `_posts` or `_drafts` that end in .md, .markdown or .html.

use std::path::{Path, PathBuf};

use ignore::{WalkBuilder, WalkState};

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

/// Calls `visit` for every post under `roots`, in parallel. Files named explicitly are always
/// visited. Returns the errors of the walk itself (a path that does not exist).
pub fn walk<F>(roots: &[PathBuf], threads: usize, visit: F) -> Vec<String>
where
    F: Fn(PathBuf) + Sync,
{
    let mut errors = Vec::new();
    let mut dirs = Vec::new();
    for root in roots {
        match std::fs::metadata(root) {
            Err(e) => errors.push(format!("{}: {e}", display_path(root))),
            Ok(m) if m.is_dir() => dirs.push(root.clone()),
            Ok(_) => visit(root.clone()),
        }
    }
    let Some((first, rest)) = dirs.split_first() else {
        return errors;
    };
    let mut builder = WalkBuilder::new(first);
    for d in rest {
        builder.add(d);
    }
    builder.threads(threads);
    let walk_errors = std::sync::Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            match entry {
                Ok(e) => {
                    if e.file_type().is_some_and(|t| t.is_file()) && is_post_path(e.path()) {
                        visit(e.into_path());
                    }
                }
                Err(err) => walk_errors
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(err.to_string()),
            }
            WalkState::Continue
        })
    });
    let mut walk_errors = walk_errors.into_inner().unwrap_or_else(|p| p.into_inner());
    walk_errors.sort();
    errors.extend(walk_errors);
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
