//! Reading a post as a hostile file system may present it: only a regular file is read (what a
//! folder's listing calls one is asked again only when one read does not settle it), never
//! with a blocking open (a FIFO would wait for a writer forever, a device may act on open), and
//! never through a link that leads out of the post's site, which Jekyll's safe mode (GitHub
//! Pages) does not read either. What is refused is said without any of the target's content.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::paths::display_path;
use crate::site::Site;

/// Why a post was not read.
#[derive(Debug)]
pub enum Refused {
    /// A FIFO, socket, device or folder: `kind` names it.
    NotRegular(&'static str),
    /// Its real path (through a link, or a linked folder) is outside `root`.
    Outside {
        real: PathBuf,
        root: PathBuf,
    },
    Io(io::Error),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::NotRegular(kind) => write!(
                f,
                "not a regular file ({kind}); fmlint reads no post from it, nor does Jekyll"
            ),
            Refused::Outside { real, root } => write!(
                f,
                "through a link, the post's real path is `{}`, outside its site `{}`: fmlint \
                 neither reads nor writes it (a safe build, as on GitHub Pages, does not read a \
                 post that links out of its site; `fmlint inspect` says what Jekyll does here)",
                display_path(real),
                display_path(root)
            ),
            Refused::Io(e) => write!(f, "cannot read the file: {e}"),
        }
    }
}

/// What a file type is, in words; `None` for a regular file.
pub fn irregular_kind(t: fs::FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a file")
}

/// A post checked and read: its bytes, and the real file they came from (where a fix goes).
pub struct Loaded {
    pub bytes: Vec<u8>,
    pub real: PathBuf,
}

/// Reads the post at `path`, which must really be inside `root` (a canonical path).
pub fn read_post(path: &Path, root: &Path) -> Result<Loaded, Refused> {
    // The type first, without opening: opening a device can do something.
    let meta = fs::metadata(path).map_err(Refused::Io)?;
    if let Some(kind) = irregular_kind(meta.file_type()) {
        return Err(Refused::NotRegular(kind));
    }
    read_inside(fs::canonicalize(path).map_err(Refused::Io)?, root)
}

/// [`read_post`] for a file of the folder whose real path is `real_dir` (already resolved for
/// the folder's other posts): a file that is no link is `real_dir` and its name, which saves
/// resolving every component of its path again, a system call each. A link, or anything
/// unusual, takes the general path.
pub fn read_post_in(path: &Path, folder: &SiteFolder) -> Result<Loaded, Refused> {
    let (root, real_dir) = (folder.root.as_path(), folder.real_dir.as_path());
    let Some(name) = crate::paths::parent_and_name(path).1 else {
        return read_post(path, root);
    };
    // Opened before anything is asked of it: the open follows no link, and what is opened is
    // then asked whether it is a regular file, so a post (nearly every file) costs no separate
    // `lstat`. A file the open refuses (a link, a socket, no permission) is looked at again the
    // general way, which says why.
    // `join` copies the folder's path into a buffer of its size, then grows it for the name.
    let mut real = PathBuf::with_capacity(real_dir.as_os_str().len() + 1 + name.len());
    real.push(real_dir);
    real.push(name);
    // `real` is inside `root` because its folder is (`SiteFolder::inside`) and `name` is one
    // plain component.
    // (Elsewhere the open would follow a link.)
    if cfg!(unix)
        && let Ok(file) = folder.open(name, &real)
    {
        let bytes = read_listed(file)?;
        return Ok(Loaded { bytes, real });
    }
    let Ok(meta) = fs::symlink_metadata(path) else {
        return read_post(path, root);
    };
    if meta.file_type().is_symlink() {
        return read_post(path, root);
    }
    if let Some(kind) = irregular_kind(meta.file_type()) {
        return Err(Refused::NotRegular(kind));
    }
    read_inside(real, root)
}

/// A folder whose real path lies inside its site's root, found so once for all of its posts:
/// asked for each post, `Path::starts_with` compared every component of both paths. Made only
/// by [`SiteFolder::inside`], so that [`read_post_in`] never reads by a folder outside.
pub struct SiteFolder {
    root: PathBuf,
    real_dir: PathBuf,
    /// The folder itself, opened once (`O_PATH`): a post is then opened by its name alone,
    /// where its whole path had the kernel look up every folder on the way again, each time
    /// (100,000 posts: 3 to 5% less processor time). `None` where it could not be opened, and its
    /// posts are opened by their paths.
    #[cfg(unix)]
    fd: Option<rustix::fd::OwnedFd>,
}

impl SiteFolder {
    /// `real_dir` (a real path, without links) as a folder of the site at `root`, if it is
    /// inside it.
    pub fn inside(root: &Path, real_dir: PathBuf) -> Option<Self> {
        real_dir.starts_with(root).then(|| SiteFolder {
            root: root.to_path_buf(),
            // Not through a link swapped in for the folder since its path was resolved.
            #[cfg(unix)]
            fd: {
                use rustix::fs::{Mode, OFlags};
                let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
                rustix::fs::open(&real_dir, flags, Mode::empty()).ok()
            },
            real_dir,
        })
    }

    /// Opens the folder's file `name`, whose path is `real`, as [`open_nonblocking`] does.
    fn open(&self, name: &std::ffi::OsStr, real: &Path) -> io::Result<fs::File> {
        #[cfg(unix)]
        if let Some(fd) = &self.fd {
            use rustix::fd::AsFd;
            return open_at(fd.as_fd(), Path::new(name));
        }
        open_nonblocking(real)
    }
}

/// The bytes of `real`, a path without links, provided it is inside `root`.
fn read_inside(real: PathBuf, root: &Path) -> Result<Loaded, Refused> {
    if !real.starts_with(root) {
        return Err(Refused::Outside {
            real,
            root: root.to_path_buf(),
        });
    }
    let file = open_nonblocking(&real).map_err(Refused::Io)?;
    let bytes = read_opened(file, Extent::AsSized)?;
    Ok(Loaded { bytes, real })
}

/// The bytes of `real` (a path without links), read only if it is a regular file when opened:
/// the path may have been swapped for a FIFO or a device since it was checked, and a blocking
/// read of that would hang the run (and, in the write path, every worker waiting on the lock).
/// Read to its end, however far: the write path compares these bytes with the post it fixed,
/// and must see a line appended a moment ago.
pub fn read_regular(real: &Path) -> Result<Vec<u8>, Refused> {
    read_opened(open_nonblocking(real).map_err(Refused::Io)?, Extent::ToEnd)
}

/// How far a file is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Extent {
    /// As far as its size said when it was opened: a post is checked as it was then, and the
    /// read that would only find the end, one system call a post of five, is not made. A fix
    /// of it is still never written over a file that has changed since: the write path reads
    /// it again [`Extent::ToEnd`] and compares.
    AsSized,
    ToEnd,
}

/// The room a post from a folder listing is first read into: past it (three posts in a
/// hundred on the real sites), the file is asked its size.
const LISTED_ROOM: usize = 32 * 1024;

/// The bytes of `file`, a post that its folder's listing called a regular file, opened as
/// [`open_nonblocking`] opens. One read into [`LISTED_ROOM`] that finds some bytes but does not
/// fill it has read a regular file to its end, and the file is not asked what it is: that
/// question (a `statx`, as it was asked) was one system call in four of a post's, 7 to 10% of a
/// check's processor time on the 2-core machine. A read that finds nothing (an empty file, or a
/// FIFO swapped in since the listing, which the non-blocking open does not wait on), fills the
/// room (a large post, or a device that never ends) or fails asks as [`read_opened`] does, and
/// refuses what is not a regular file. What a swap can still bring is the few bytes a FIFO's
/// writer has written, read as a post and never written to: the write path reads the file
/// again and asks first.
fn read_listed(file: fs::File) -> Result<Vec<u8>, Refused> {
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut bytes = Vec::with_capacity(LISTED_ROOM);
    #[cfg(unix)]
    if let Ok(n) = rustix::io::read(&file, rustix::buffer::spare_capacity(&mut bytes))
        && n > 0
        && n < LISTED_ROOM
    {
        return Ok(bytes);
    }
    read_opened_onto(file, Extent::AsSized, bytes)
}

/// The bytes of `file`, opened by [`open_nonblocking`], if it is a regular file.
fn read_opened(file: fs::File, extent: Extent) -> Result<Vec<u8>, Refused> {
    read_opened_onto(file, extent, Vec::new())
}

/// [`read_opened`] after `bytes`, the file's first bytes when some were read already.
fn read_opened_onto(
    mut file: fs::File,
    extent: Extent,
    mut bytes: Vec<u8>,
) -> Result<Vec<u8>, Refused> {
    // `statx` rather than `fstat`: 2% more processor time when every post was asked, nothing
    // now that only a read that does not settle it asks ([`read_listed`]), and one mapping of
    // the file types ([`irregular_kind`]) for every question.
    let now = file.metadata().map_err(Refused::Io)?;
    if let Some(kind) = irregular_kind(now.file_type()) {
        return Err(Refused::NotRegular(kind));
    }
    let size = now.len();
    // A sparse file may claim terabytes: an allocation that fails is an error, not an abort.
    // To the end, one byte more than the size is room for the read that finds it, so it needs
    // no growing. A size of 0 is read to the end either way: Linux gives `/proc` files that
    // size. (`try_reserve_exact` on an empty vector makes its capacity exactly `room`.)
    let room = match extent {
        Extent::AsSized if size > 0 => size,
        _ => size.saturating_add(1),
    };
    let room = usize::try_from(room).unwrap_or(usize::MAX);
    bytes
        .try_reserve_exact(room.saturating_sub(bytes.len()))
        .map_err(|e| Refused::Io(io::Error::new(io::ErrorKind::OutOfMemory, e)))?;
    fill(&file, &mut bytes).map_err(Refused::Io)?;
    if bytes.len() as u64 > size {
        // The file grew since its size was asked: read on.
        file.read_to_end(&mut bytes).map_err(Refused::Io)?;
    }
    Ok(bytes)
}

/// Reads `file` into the room `bytes` has, until it is full or the file ends. Not
/// `File::read_to_end`, which asks the size and the position again (two more system calls a
/// post) to size a buffer that is sized already, nor through `Read::take`, whose first read
/// asks for at most 8 KiB (two reads for a post in seven of the generated ones).
fn fill(file: &fs::File, bytes: &mut Vec<u8>) -> io::Result<()> {
    #[cfg(unix)]
    while bytes.len() < bytes.capacity() {
        match rustix::io::read(file, rustix::buffer::spare_capacity(bytes)) {
            Ok(0) => break,
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
    #[cfg(not(unix))]
    {
        let room = (bytes.capacity() - bytes.len()) as u64;
        io::Read::read_to_end(&mut io::Read::take(file, room), bytes)?;
    }
    Ok(())
}

/// Opens `real` (a path without links) for reading; on Unix neither waiting for a writer nor
/// following a link swapped in since it was resolved.
fn open_nonblocking(real: &Path) -> io::Result<fs::File> {
    #[cfg(unix)]
    {
        open_at(rustix::fs::CWD, real)
    }
    #[cfg(not(unix))]
    {
        fs::File::open(real)
    }
}

/// [`open_nonblocking`] of `path` in the folder `dir` (the current one: [`rustix::fs::CWD`]).
#[cfg(unix)]
fn open_at(dir: rustix::fd::BorrowedFd<'_>, path: &Path) -> io::Result<fs::File> {
    use rustix::fs::{Mode, OFlags};
    // Nor making a terminal swapped in for a post this process's controlling one; nor leaving
    // the file open in a process a fix might start (`OpenOptions` sets that flag too).
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOFOLLOW | OFlags::NOCTTY;
    let open = |flags: OFlags| {
        rustix::fs::openat(dir, path, flags | OFlags::CLOEXEC, Mode::empty())
            .map(fs::File::from)
            .map_err(io::Error::from)
    };
    // Reading a post is no use of it: its access time is left alone where the system lets
    // us (our own files). A fresh checkout's first run otherwise wrote every post's inode.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    match open(flags | OFlags::NOATIME) {
        Err(e) if e.raw_os_error() == Some(rustix::io::Errno::PERM.raw_os_error()) => {}
        other => return other,
    }
    open(flags)
}

/// The folder a post must really be in: its site's root (the folder of its `_config.yml`),
/// else the git work tree it is in, else the folder fmlint was pointed at. Each answer is
/// canonical and cached by folder.
#[derive(Default)]
pub struct Roots {
    git: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    canonical: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

impl Roots {
    /// `pointed` is the folder fmlint was given that holds `path` (for a file named on the
    /// command line, its folder). `None` when no root can be resolved (it then does not exist).
    pub fn root_for(&self, path: &Path, site: &Site, pointed: &Path) -> Option<PathBuf> {
        let root = match site.root() {
            Some(r) => r.to_path_buf(),
            None => match self.git_root(path.parent().unwrap_or(Path::new(""))) {
                Some(g) => g,
                None => pointed.to_path_buf(),
            },
        };
        self.canonical(&root)
    }

    fn canonical(&self, dir: &Path) -> Option<PathBuf> {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let mut cache = self.canonical.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(hit) = cache.get(dir) {
            return hit.clone();
        }
        let found = fs::canonicalize(dir).ok();
        cache.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// The nearest folder at or above `dir` holding `.git`.
    fn git_root(&self, dir: &Path) -> Option<PathBuf> {
        let abs = std::path::absolute(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
        .ok()?;
        let mut cache = self.git.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(hit) = cache.get(&abs) {
            return hit.clone();
        }
        let found = abs
            .ancestors()
            .find(|a| a.join(".git").exists())
            .map(Path::to_path_buf);
        cache.insert(abs, found.clone());
        found
    }
}

/// The folder fmlint was pointed at for `path`: the folder among `given` that it was found
/// under; for a file named itself, the current folder when the file is in it (where Jekyll,
/// run there, takes its source to be), else the file's own folder.
pub fn pointed_folder(given: &[PathBuf], path: &Path) -> PathBuf {
    let folder_of = |p: &Path| {
        let cwd = std::env::current_dir().ok();
        let abs = std::path::absolute(p).ok();
        match (cwd, abs) {
            (Some(c), Some(a)) if a.starts_with(&c) => c,
            _ => p.parent().map_or(PathBuf::from("."), Path::to_path_buf),
        }
    };
    given
        .iter()
        .filter(|g| path.starts_with(g))
        .max_by_key(|g| g.components().count())
        .map_or_else(
            || folder_of(path),
            |g| {
                if g.as_path() == path {
                    folder_of(path)
                } else {
                    g.clone()
                }
            },
        )
}

/// How Jekyll itself treats a post that is a link, in a safe build (`EntryFilter#symlink?`):
/// it skips an entry that is a symlink whose real path does not start with the site's source,
/// compared as text (so `/site-old/x` counts as inside `/site`). A post inside a linked folder
/// is not itself a link: Jekyll reads it in both builds.
pub fn jekyll_safe_skips(path: &Path, source: &Path) -> bool {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return false;
    }
    let Ok(real) = fs::canonicalize(path) else {
        // A dangling link: nothing to read in either build.
        return true;
    };
    let source = std::path::absolute(source).unwrap_or_else(|_| source.to_path_buf());
    !real
        .to_string_lossy()
        .starts_with(source.to_string_lossy().as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading a post leaves its access time as it was, where a plain read beside it moves
    /// it (under `relatime`, an access time older than the change is always updated).
    #[cfg(target_os = "linux")]
    #[test]
    fn reading_a_post_leaves_its_access_time() {
        use std::time::{Duration, SystemTime};
        let dir = tempfile::tempdir().unwrap();
        let old = SystemTime::now() - Duration::from_secs(3 * 86_400);
        let made = |name: &str| {
            let p = dir.path().join(name);
            fs::write(&p, "---\ntitle: a\n---\n").unwrap();
            let f = fs::File::options().write(true).open(&p).unwrap();
            f.set_times(fs::FileTimes::new().set_accessed(old)).unwrap();
            p
        };
        let atime = |p: &Path| fs::metadata(p).unwrap().accessed().unwrap();
        let (ours, plain) = (made("ours.md"), made("plain.md"));
        read_regular(&ours).unwrap();
        fs::read(&plain).unwrap();
        if atime(&plain) == old {
            eprintln!("SKIPPED: this file system does not record reads (noatime): nothing to show");
            return;
        }
        assert_eq!(atime(&ours), old);
    }

    /// A post is read whole, and so is a file whose size says 0 but which holds more (Linux's
    /// `/proc` files), either way it is read.
    #[test]
    fn a_file_is_read_whole_whatever_size_it_claims() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        for len in [0, 1, 4095, 4096, 32_767, 32_768, 32_769, 70_000] {
            let p = root.join(format!("{len}.md"));
            let content: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            fs::write(&p, &content).unwrap();
            assert_eq!(read_regular(&p).unwrap(), content, "{len} bytes");
            assert_eq!(read_post(&p, &root).unwrap().bytes, content, "{len} bytes");
            assert_eq!(
                read_post_in(&p, &SiteFolder::inside(&root, root.clone()).unwrap())
                    .unwrap()
                    .bytes,
                content,
                "{len} bytes"
            );
        }
        #[cfg(target_os = "linux")]
        {
            let proc = Path::new("/proc/self/cmdline");
            assert_eq!(fs::metadata(proc).unwrap().len(), 0);
            let file = open_nonblocking(proc).unwrap();
            let read = read_opened(file, Extent::AsSized).unwrap();
            assert!(!read.is_empty());
            assert_eq!(read, fs::read(proc).unwrap());
            assert_eq!(read_regular(proc).unwrap(), read);
        }
    }

    #[test]
    fn pointed_folder_is_the_given_folder_or_the_current_one() {
        let cwd = std::env::current_dir().unwrap();
        let given = vec![PathBuf::from("site"), PathBuf::from("other/_posts/a.md")];
        assert_eq!(
            pointed_folder(&given, Path::new("site/_posts/x.md")),
            Path::new("site")
        );
        assert_eq!(pointed_folder(&given, Path::new("other/_posts/a.md")), cwd);
        let outside = cwd.parent().unwrap().join("_posts/a.md");
        assert_eq!(
            pointed_folder(std::slice::from_ref(&outside), &outside),
            cwd.parent().unwrap().join("_posts")
        );
    }

    #[cfg(unix)]
    #[test]
    fn fifos_are_refused_without_blocking_and_links_out_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        let fifo = root.join("2021-01-01-fifo.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo works here");
        assert!(matches!(
            read_post(&fifo, &root),
            Err(Refused::NotRegular("a named pipe"))
        ));
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.md");
        fs::write(&secret, "secret").unwrap();
        let link = root.join("2021-01-01-link.md");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        let refused = read_post(&link, &root).err().unwrap();
        assert!(matches!(refused, Refused::Outside { .. }));
        assert!(!refused.to_string().contains("secret\n"));
        let inside = root.join("real.md");
        fs::write(&inside, "inside").unwrap();
        let good = root.join("2021-01-01-good.md");
        std::os::unix::fs::symlink("real.md", &good).unwrap();
        let read = read_post(&good, &root).unwrap();
        assert_eq!(read.bytes, b"inside");
        assert_eq!(read.real, inside);
    }

    /// The shortcut through the folder's real path reads and refuses what the general path
    /// does: a plain file, links in and out, a pipe, a missing file, a folder reached through a
    /// link.
    #[cfg(unix)]
    #[test]
    fn reading_through_the_folders_real_path_agrees() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        let posts = root.join("_posts");
        fs::create_dir(&posts).unwrap();
        fs::write(posts.join("2021-01-01-a.md"), "plain").unwrap();
        fs::write(root.join("real.md"), "inside").unwrap();
        std::os::unix::fs::symlink("../real.md", posts.join("2021-01-01-in.md")).unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret.md"), "secret").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.md"),
            posts.join("2021-01-01-out.md"),
        )
        .unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(posts.join("2021-01-01-fifo.md"))
            .status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo works here");
        std::os::unix::fs::symlink(&posts, root.join("linked")).unwrap();
        let outcome = |r: Result<Loaded, Refused>| match r {
            Ok(l) => format!("read {:?} from {}", l.bytes, l.real.display()),
            Err(e) => format!("refused: {e}"),
        };
        for folder in [posts.clone(), root.join("linked")] {
            let site_folder =
                SiteFolder::inside(&root, fs::canonicalize(&folder).unwrap()).unwrap();
            for name in ["a", "in", "out", "fifo", "missing"] {
                let path = folder.join(format!("2021-01-01-{name}.md"));
                assert_eq!(
                    outcome(read_post_in(&path, &site_folder)),
                    outcome(read_post(&path, &root)),
                    "{}",
                    path.display()
                );
            }
        }
    }
}
