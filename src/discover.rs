//! Finding posts: walk the given paths (honouring .gitignore, skipping hidden files) and keep
//! files under `_posts` or `_drafts` with a post's extension ([`is_post_path`]) that their
//! Jekyll site reads (its `exclude:`/`include:`, its rules for special names).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use ignore::WalkBuilder;

use crate::jekyll::date_prefix_len;
use crate::paths::{display_path, lossy, parent_and_name};
use crate::site::{Folder, Site, SiteCache};

/// The extensions of the files that are posts wherever they sit in `_posts` or `_drafts`, any
/// case (`.MD` is Markdown to Jekyll): Jekyll's default `markdown_ext` and HTML. Undated, they
/// are what FM204 reports (Jekyll skips them).
pub const POST_EXTENSIONS: [&str; 8] = [
    "md", "markdown", "mkd", "mkdn", "mdown", "mkdown", "html", "htm",
];

/// Text formats that are drafts in `_drafts` even undated: AsciiDoc, Textile, plain text. (In
/// `_posts` any dated name is a post, these included.)
pub const DATED_POST_EXTENSIONS: [&str; 4] = ["adoc", "asciidoc", "textile", "txt"];

/// Whether Jekyll would read the file as a post or draft. Jekyll publishes every file in
/// `_posts` named `YYYY-MM-DD-slug.EXT` whatever the extension, front matter or not (probed
/// with the oracle: `.rst`, `.json`, `.tar.gz`, a custom `markdown_ext`, even an image, which
/// fails with "invalid byte sequence in UTF-8"), except YAML files, backups (`~`) and names
/// without an extension. In `_drafts` (read under `--drafts`, where Jekyll takes any file with
/// an extension) fmlint keeps to the text formats: assets sit there more often than posts.
pub fn is_post_path(path: &Path) -> bool {
    let (folder, Some(name)) = parent_and_name(path) else {
        return false;
    };
    let folder = folder.map_or(&[][..], |p| p.as_os_str().as_encoded_bytes());
    let bytes = name.as_encoded_bytes();
    let Some(dot) = bytes.iter().rposition(|&b| b == b'.').filter(|&i| i > 0) else {
        return false;
    };
    let Ok(ext) = std::str::from_utf8(&bytes[dot + 1..]) else {
        return false;
    };
    judge(folder, &lossy(name), ext)
}

/// [`is_post_path`] through `Path`'s own methods: the oracle of its reading by hand.
#[cfg(test)]
fn is_post_path_by_components(path: &Path) -> bool {
    // A name that is not UTF-8 is judged on its bytes: what is tested here is ASCII.
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    let folder = path
        .parent()
        .map_or(&[][..], |p| p.as_os_str().as_encoded_bytes());
    judge(folder, &name, ext)
}

/// The verdict on a file named `name` (shown lossily) with extension `ext` in `folder`.
fn judge(folder: &[u8], name: &str, ext: &str) -> bool {
    if ext.is_empty() || name.ends_with('~') {
        return false;
    }
    let in_folder = |names: &[&str]| {
        folder
            .split(|b| std::path::is_separator(char::from(*b)))
            .any(|c| names.iter().any(|n| c == n.as_bytes()))
    };
    let is = |list: &[&str]| list.iter().any(|p| p.eq_ignore_ascii_case(ext));
    if is(&POST_EXTENSIONS) {
        return in_folder(&["_posts", "_drafts"]);
    }
    if is(&["yml", "yaml"]) {
        return false;
    }
    (date_prefix_len(name).is_some() && in_folder(&["_posts"]))
        || (is(&DATED_POST_EXTENSIONS) && in_folder(&["_drafts"]))
}

/// Which walked files Jekyll reads as posts or drafts of their site: the site's `exclude:` and
/// `include:` (with Jekyll's default excludes) and its rules for names starting with `.`, `_`,
/// `#`, `~` (see `Site::placement`). Each folder is judged once; sites come from a shared cache.
pub struct SiteFilter<'a> {
    sites: &'a SiteCache,
    folders: HashMap<PathBuf, Rc<FolderVerdict>>,
    /// The folder of the last file asked about: the walk lists a folder's files together, so
    /// most files need no hash of their folder's path.
    last: Option<(PathBuf, Rc<FolderVerdict>)>,
}

enum FolderVerdict {
    /// The site cannot be read or placed: keep the files, the run reports the site's error.
    Keep,
    /// Jekyll reads posts here, file by file.
    Read(Arc<Result<Site, String>>, Folder),
    /// Jekyll reads no file of this folder.
    Skip,
}

impl<'a> SiteFilter<'a> {
    pub fn new(sites: &'a SiteCache) -> Self {
        SiteFilter {
            sites,
            folders: HashMap::new(),
            last: None,
        }
    }

    fn verdict(&self, file: &Path) -> FolderVerdict {
        let site = self.sites.site_for(file);
        let Ok(s) = site.as_ref() else {
            return FolderVerdict::Keep;
        };
        let Some(rel) = s.source_relative(file) else {
            return FolderVerdict::Keep;
        };
        let dirs: Vec<&str> = rel.split('/').collect();
        match s.folder(&dirs[..dirs.len() - 1]) {
            Ok(folder) => FolderVerdict::Read(site.clone(), folder),
            Err(_) => FolderVerdict::Skip,
        }
    }

    /// Whether Jekyll reads the file at `path` as a post or a draft (drafts count whatever
    /// `show_drafts` says, and undated names too: they are what FM204 reports).
    pub fn keeps(&mut self, path: &Path) -> bool {
        let (dir, name) = parent_and_name(path);
        let dir = dir.unwrap_or(Path::new(""));
        // A name that is not UTF-8 is judged as Jekyll would see it, lossily shown.
        let name = name.map(lossy).unwrap_or_default();
        let verdict = match &self.last {
            // Compared as bytes, not components (a few hundred instructions): a false "not the
            // same" costs a lookup, never a wrong verdict.
            Some((last, v)) if last.as_os_str() == dir.as_os_str() => v.clone(),
            _ => {
                let v = match self.folders.get(dir) {
                    Some(v) => v.clone(),
                    None => {
                        let v = Rc::new(self.verdict(path));
                        self.folders.insert(dir.to_path_buf(), v.clone());
                        v
                    }
                };
                self.last = Some((dir.to_path_buf(), v.clone()));
                v
            }
        };
        match verdict.as_ref() {
            FolderVerdict::Keep => true,
            FolderVerdict::Skip => false,
            FolderVerdict::Read(site, folder) => match site.as_ref() {
                Ok(s) => s.reads(folder, &name),
                Err(_) => true,
            },
        }
    }
}

/// Calls `visit` for every post under `roots` on `threads` worker threads (0: one a processor),
/// skipping the files their Jekyll site does not read (`exclude:`, `_`-prefixed folders…: see
/// [`SiteFilter`]).
/// Files named explicitly are always visited. Returns the errors of the walk itself (a path
/// that does not exist), sorted.
///
/// One thread walks and hands paths to the workers through a bounded queue: memory stays flat
/// however many files a folder holds (a parallel walker queues a whole folder's entries at once).
pub fn walk<F>(roots: &[PathBuf], threads: usize, visit: F) -> Vec<String>
where
    F: Fn(PathBuf) + Sync,
{
    walk_with(roots, threads, || |p| visit(p))
}

/// [`walk`] with a visitor of each worker's own, made by `make` once a worker: what a worker
/// keeps from one post to the next (the facts of the folder it is in) needs no lock.
pub fn walk_with<M, V>(roots: &[PathBuf], threads: usize, make: M) -> Vec<String>
where
    M: Fn() -> V + Sync,
    V: FnMut(PathBuf),
{
    let sites = SiteCache::default();
    walk_filtered(roots, threads, Some(SiteFilter::new(&sites)), make)
}

/// [`walk`] without the site's filter: every file under `_posts`/`_drafts` (what `fmlint
/// inspect` shows, excluded ones included).
pub fn walk_all<F>(roots: &[PathBuf], threads: usize, visit: F) -> Vec<String>
where
    F: Fn(PathBuf) + Sync,
{
    walk_filtered(roots, threads, None, || |p| visit(p))
}

fn walk_filtered<M, V>(
    roots: &[PathBuf],
    threads: usize,
    mut filter: Option<SiteFilter<'_>>,
    make: M,
) -> Vec<String>
where
    M: Fn() -> V + Sync,
    V: FnMut(PathBuf),
{
    // A few files named on the command line (a pre-commit hook's batch) are checked on this
    // thread: starting workers costs more than they would save.
    if roots.len() <= INLINE_FILES && roots.iter().all(|r| r.is_file()) {
        let mut visit = make();
        for root in roots {
            visit(root.clone());
        }
        return Vec::new();
    }
    let mut errors = Vec::new();
    // Paths go to the workers in batches: one hand-over a path kept the threads waking one
    // another (a futex or a `sched_yield` a post on two cores), and a folder's files stay
    // together for the worker's memo of the folder.
    let (tx, rx) = crossbeam_channel::bounded::<Vec<PathBuf>>(8);
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
        n => n,
    };
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let rx = rx.clone();
            let make = &make;
            scope.spawn(move || {
                let mut visit = make();
                for batch in rx {
                    for path in batch {
                        visit(path);
                    }
                }
            });
        }
        let mut batch = Batch {
            paths: Vec::with_capacity(BATCH),
            tx: &tx,
        };
        for root in roots {
            match std::fs::metadata(root) {
                Err(e) => errors.push(format!("{}: {e}", display_path(root))),
                Ok(m) if !m.is_dir() => batch.push(root.clone()),
                Ok(_) => {
                    for entry in WalkBuilder::new(root).build() {
                        match entry {
                            // A symlinked post counts too; fixes go to its target (write.rs).
                            Ok(e)
                                if is_post_path(e.path())
                                    && e.file_type().is_some_and(|t| {
                                        t.is_file() || (t.is_symlink() && e.path().is_file())
                                    })
                                    && filter.as_mut().is_none_or(|f| f.keeps(e.path())) =>
                            {
                                batch.push(e.into_path())
                            }
                            Ok(_) => {}
                            Err(err) => errors.push(err.to_string()),
                        }
                    }
                }
            }
        }
        batch.flush();
        drop(tx);
    });
    errors.sort();
    errors
}

/// Up to how many files named on the command line are checked without worker threads.
const INLINE_FILES: usize = 4;

/// How many paths go to a worker at once. Memory stays flat: the queue holds 8 batches.
const BATCH: usize = 64;

struct Batch<'a> {
    paths: Vec<PathBuf>,
    tx: &'a crossbeam_channel::Sender<Vec<PathBuf>>,
}

impl Batch<'_> {
    fn push(&mut self, path: PathBuf) {
        self.paths.push(path);
        if self.paths.len() == BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if !self.paths.is_empty() {
            let _ = self.tx.send(std::mem::replace(
                &mut self.paths,
                Vec::with_capacity(BATCH),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The split by hand reads a path as `Path` does.
        #[test]
        fn the_name_split_by_hand_agrees_with_the_components(
            parts in proptest::collection::vec(
                "(_posts|_drafts|a|\\.|\\.\\.|2021-07-20-x\\.md|x\\.yml|b\\.md~|\\.md|a\\.|a\\.\\.md|\\.\\.md|2021-7-2-y\\.txt|n\\.adoc|)",
                1..5,
            ),
            trailing: bool,
        ) {
            let mut p = parts.join("/");
            if trailing {
                p.push('/');
            }
            let path = Path::new(&p);
            proptest::prop_assert_eq!(is_post_path(path), is_post_path_by_components(path), "{}", p);
        }
    }

    #[test]
    fn what_counts_as_a_post() {
        assert!(is_post_path(Path::new("_posts/2021-07-20-a.md")));
        assert!(is_post_path(Path::new("site/news/_posts/2021/a.markdown")));
        assert!(is_post_path(Path::new("_drafts/a.html")));
        // Nim's AsciiDoc posts, Textile, plain text, any default `markdown_ext`, any case.
        for p in [
            "_posts/2021-07-20-a.adoc",
            "_posts/2021-07-20-a.textile",
            "_posts/2021-07-20-a.txt",
            "_posts/2021-07-20-a.mkdn",
            "_posts/2021-07-20-a.MD",
            "_drafts/a.htm",
        ] {
            assert!(is_post_path(Path::new(p)), "{p}");
        }
        assert!(!is_post_path(Path::new("_posts/notes.txt")));
        assert!(!is_post_path(Path::new("_posts/2021-07-a.adoc")));
        assert!(is_post_path(Path::new("_drafts/notes.txt")));
        assert!(!is_post_path(Path::new("_posts/2021-07-20-a.yml")));
        assert!(!is_post_path(Path::new("_posts/2021-07-20-a.md~")));
        assert!(!is_post_path(Path::new("_posts/img/photo.png")));
        // Any other extension, when dated in `_posts`: Jekyll publishes them all.
        for p in [
            "_posts/2021-07-20-a.rst",
            "_posts/2021-07-20-a.mdx",
            "_posts/2021-07-20-a.tar.gz",
            "_posts/sub/2021-07-20-photo.png",
        ] {
            assert!(is_post_path(Path::new(p)), "{p}");
        }
        for p in [
            "_posts/2021-07-20-a.YAML",
            "_posts/2021-07-20-a",
            "_posts/2021-07-20-a.",
            "_posts/2021-07-20-a.rst~",
            "_drafts/a.rst",
        ] {
            assert!(!is_post_path(Path::new(p)), "{p}");
        }
        assert!(!is_post_path(Path::new("about.md")));
        assert!(!is_post_path(Path::new("_layouts/post.html")));
        assert!(!is_post_path(Path::new("my_posts/a.md")));
    }

    #[test]
    fn walks_what_the_site_reads() {
        let dir = tempfile::Builder::new()
            .prefix("fmlint-walk-")
            .tempdir()
            .unwrap();
        let site = dir.path().join("site");
        let files = [
            "_posts/2021-07-20-a.md",
            "_posts/undated.md",
            "_posts/_partial.md",
            "_drafts/d.md",
            "en/news/_posts/2021-07-20-b.md",
            "old/_posts/2021-07-20-c.md",
            "_archive/_posts/2021-07-20-d.md",
            "vendor/bundle/_posts/2021-07-20-e.md",
            "kept/_posts/2021-07-20-f.md",
        ];
        for f in files {
            let p = site.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "---\n---\n").unwrap();
        }
        std::fs::write(
            site.join("_config.yml"),
            "exclude: [old, kept]\ninclude: [kept]\n",
        )
        .unwrap();
        let seen = std::sync::Mutex::new(Vec::new());
        let errors = walk(std::slice::from_ref(&site), 1, |p| {
            let rel = p
                .strip_prefix(&site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            seen.lock().unwrap().push(rel);
        });
        assert!(errors.is_empty());
        let mut seen = seen.into_inner().unwrap();
        seen.sort();
        assert_eq!(
            seen,
            [
                "_drafts/d.md",
                "_posts/2021-07-20-a.md",
                "_posts/undated.md",
                "en/news/_posts/2021-07-20-b.md",
                "kept/_posts/2021-07-20-f.md",
            ]
        );
        // Named on the command line, an excluded file is visited; `walk_all` visits everything.
        let named = std::sync::Mutex::new(0);
        walk(&[site.join("old/_posts/2021-07-20-c.md")], 1, |_| {
            *named.lock().unwrap() += 1
        });
        assert_eq!(named.into_inner().unwrap(), 1);
        let all = std::sync::Mutex::new(0);
        walk_all(std::slice::from_ref(&site), 1, |_| {
            *all.lock().unwrap() += 1
        });
        assert_eq!(all.into_inner().unwrap(), files.len());
    }
}
