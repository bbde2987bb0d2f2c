//! Writing a fixed post: a temporary file in the same folder, flushed, given the original's
//! permissions and owner, renamed over the original. Never a truncate-and-write in place.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::tempfiles::{self, TempFile};

/// Why a fixed post was not written.
#[derive(Debug)]
pub enum WriteError {
    ReadOnly,
    ChangedOnDisk,
    Io(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::ReadOnly => {
                f.write_str("the file is read-only; fmlint does not override that")
            }
            WriteError::ChangedOnDisk => {
                f.write_str("the file changed on disk after fmlint read it; it was not overwritten")
            }
            WriteError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// The file a path's content lives in: a symlinked post is fixed in its target, so the link
/// stays a link.
pub fn real_target(path: &Path) -> std::io::Result<PathBuf> {
    if fs::symlink_metadata(path)?.file_type().is_symlink() {
        fs::canonicalize(path)
    } else {
        Ok(path.to_path_buf())
    }
}

/// Replaces `path`'s content with `new`, provided it still holds `expected`: checked once before
/// the temporary file is written, and again at the moment of the swap (see [`swap_in`]).
pub fn write_atomic(path: &Path, expected: &[u8], new: &[u8]) -> Result<(), WriteError> {
    let mut staged = Staged::new(path, expected, new)?;
    staged.flush()?;
    sync_folder(&staged.swap_in(expected)?);
    Ok(())
}

/// Several posts written at once, each as [`write_atomic`] writes one but for the folder's
/// flush, which makes the renames durable: a run that fixes many posts of one folder flushes
/// it once ([`sync_folder`]) instead of once a post. Until then a crash can only bring back an
/// old post, whole: the new one was flushed before the rename. Each post's result is the
/// folder to flush (links resolved). The files are staged first, their flushes all started,
/// then waited for one by one: a flush costs the disk's latency, here a millisecond or more,
/// and started together they share it.
pub fn write_batch(posts: &[(&Path, &[u8], &[u8])]) -> Vec<Result<PathBuf, WriteError>> {
    let mut staged: Vec<Result<Staged, WriteError>> = posts
        .iter()
        .map(|&(path, expected, new)| Staged::new(path, expected, new))
        .collect();
    for s in staged.iter().flatten() {
        s.start_flush();
    }
    for s in &mut staged {
        if let Ok(file) = s
            && let Err(e) = file.flush()
        {
            *s = Err(e);
        }
    }
    staged
        .into_iter()
        .zip(posts)
        .map(|(s, &(_, expected, _))| s.and_then(|s| s.swap_in(expected)))
        .collect()
}

/// A fixed post's new content in a temporary file beside it, not yet flushed nor swapped in.
struct Staged {
    tmp: TempFile,
    target: PathBuf,
}

impl Staged {
    /// Checks that `path` still holds `expected` and may be written, and writes `new` to a
    /// temporary file beside the file it resolves to.
    fn new(path: &Path, expected: &[u8], new: &[u8]) -> Result<Staged, WriteError> {
        let io = |what: &str, e: std::io::Error| WriteError::Io(format!("{what}: {e}"));
        let target = real_target(path).map_err(|e| io("cannot resolve the file", e))?;
        let meta = fs::metadata(&target).map_err(|e| io("cannot stat the file", e))?;
        if meta.permissions().readonly() {
            return Err(WriteError::ReadOnly);
        }
        let now = reread(&target).map_err(|e| io("cannot read the file again", e))?;
        if now != expected {
            return Err(WriteError::ChangedOnDisk);
        }
        let tmp = prepare(&target, new, Some(&meta))?;
        Ok(Staged { tmp, target })
    }

    /// Asks the kernel to start writing the file out, without waiting: [`Staged::flush`] then
    /// waits for a write already under way. Only a hint; the flush is what is relied on.
    fn start_flush(&self) {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            let fd = self.tmp.file_ref().as_raw_fd();
            // SAFETY: `fd` is the open temporary file, borrowed for the call; the call only
            // reads its arguments and writes nothing into this process's memory.
            unsafe {
                libc::sync_file_range(fd, 0, 0, libc::SYNC_FILE_RANGE_WRITE);
            }
        }
    }

    /// Waits until the content and the permissions are on the disk: only then may the file
    /// take the post's name.
    fn flush(&mut self) -> Result<(), WriteError> {
        self.tmp
            .file()
            .sync_all()
            .map_err(|e| WriteError::Io(format!("cannot flush the temporary file: {e}")))
    }

    /// Puts the flushed file in the post's place (see [`swap_in`]); the folder to flush.
    fn swap_in(self, expected: &[u8]) -> Result<PathBuf, WriteError> {
        let Staged { tmp, target } = self;
        tempfiles::commit(|live| swap_in(tmp, &target, expected, live))?;
        Ok(folder_of(&target).to_path_buf())
    }
}

/// Writes a file fmlint makes itself (`--output-file`), with the same care: there is no old
/// content to compare, an existing file (or a symlink's target) is replaced keeping its
/// permissions, and a new one gets the permissions `File::create` would give it.
pub fn write_file(path: &Path, content: &[u8]) -> Result<(), WriteError> {
    let target = match real_target(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => path.to_path_buf(),
        Err(e) => return Err(WriteError::Io(format!("cannot resolve the file: {e}"))),
    };
    let mut tmp = prepare(&target, content, fs::metadata(&target).ok().as_ref())?;
    tmp.file()
        .sync_all()
        .map_err(|e| WriteError::Io(format!("cannot flush the temporary file: {e}")))?;
    tempfiles::commit(|live| {
        let renamed = fs::rename(tmp.path(), &target);
        match renamed {
            Ok(()) => {
                tmp.committed(live);
                Ok(())
            }
            Err(e) => {
                discard(tmp, live);
                Err(WriteError::Io(format!(
                    "cannot rename the temporary file over the file: {e}"
                )))
            }
        }
    })?;
    sync_folder(folder_of(&target));
    Ok(())
}

/// The file's bytes again, never by a blocking read: what is at the path now may be a FIFO
/// swapped in since the post was read, and some of these reads hold the registry's lock.
fn reread(path: &Path) -> std::io::Result<Vec<u8>> {
    crate::read::read_regular(path).map_err(|r| match r {
        crate::read::Refused::Io(e) => e,
        other => std::io::Error::other(other.to_string()),
    })
}

fn folder_of(target: &Path) -> &Path {
    target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A temporary file beside `target` holding `content`, given `meta`'s permissions and owner
/// (when `target` exists); not flushed yet.
fn prepare(
    target: &Path,
    content: &[u8],
    meta: Option<&fs::Metadata>,
) -> Result<TempFile, WriteError> {
    let io = |what: &str, e: std::io::Error| WriteError::Io(format!("{what}: {e}"));
    // A new file is subject to the umask, like any other; an existing one's mode is copied below.
    let mut tmp = TempFile::create_in(
        folder_of(target),
        if meta.is_some() { 0o600 } else { 0o666 },
    )
    .map_err(|e| io("cannot create a temporary file beside it", e))?;
    tmp.file()
        .write_all(content)
        .map_err(|e| io("cannot write the temporary file", e))?;
    if let Some(meta) = meta {
        fs::set_permissions(tmp.path(), meta.permissions())
            .map_err(|e| io("cannot set permissions", e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Keep the owner when we may (as root); an ordinary user owns what they rewrite anyway.
            let _ = std::os::unix::fs::chown(tmp.path(), Some(meta.uid()), Some(meta.gid()));
        }
    }
    Ok(tmp)
}

/// Removes a temporary file that will not be used, under [`tempfiles::commit`]'s lock.
fn discard(tmp: TempFile, live: &mut BTreeSet<PathBuf>) {
    let _ = fs::remove_file(tmp.path());
    tmp.committed(live);
}

/// Puts `tmp` in `target`'s place if `target` still holds `expected`.
///
/// On Linux the two are exchanged (`renameat2(RENAME_EXCHANGE)`), and what was swapped out is
/// compared with `expected`: a write that reached the old file up to that comparison is seen,
/// and the exchange is undone. Only a write into the old file after the comparison (a few
/// microseconds) can still be lost. Elsewhere, and on file systems without the exchange, the
/// file is compared right before a plain rename.
fn swap_in(
    tmp: TempFile,
    target: &Path,
    expected: &[u8],
    live: &mut BTreeSet<PathBuf>,
) -> Result<(), WriteError> {
    let io = |what: &str, e: std::io::Error| WriteError::Io(format!("{what}: {e}"));
    match reread(target) {
        Ok(now) if now == expected => {}
        Ok(_) => {
            discard(tmp, live);
            return Err(WriteError::ChangedOnDisk);
        }
        Err(e) => {
            discard(tmp, live);
            return Err(io("cannot read the file again", e));
        }
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        let exchange = |a: &Path, b: &Path| renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE);
        match exchange(tmp.path(), target) {
            Ok(()) => {
                // `tmp`'s name now holds what was in `target`.
                let swapped_out = reread(tmp.path());
                if swapped_out.as_deref().is_ok_and(|b| b == expected) {
                    discard(tmp, live);
                    return Ok(());
                }
                return match exchange(tmp.path(), target) {
                    Ok(()) => {
                        discard(tmp, live);
                        Err(WriteError::ChangedOnDisk)
                    }
                    Err(e) => {
                        // The newer content is only at the temporary name now. Keep it under a
                        // name of its own: a later run removes what looks like a leftover.
                        let mut kept = tmp.path().to_path_buf();
                        let name = target.file_name().unwrap_or_default().to_string_lossy();
                        let conflict = target.with_file_name(format!(
                            "{name}.fmlint-conflict-{}",
                            std::process::id()
                        ));
                        if fs::rename(&kept, &conflict).is_ok() {
                            kept = conflict;
                        }
                        tmp.committed(live);
                        Err(WriteError::Io(format!(
                            "the file changed while it was replaced and could not be put back \
                             ({e}); its newer content is at {}",
                            kept.display()
                        )))
                    }
                };
            }
            // No exchange on this file system (or kernel): a plain rename, checked just before.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => {
                discard(tmp, live);
                return Err(io("cannot swap the temporary file in", e.into()));
            }
        }
    }
    match fs::rename(tmp.path(), target) {
        Ok(()) => {
            tmp.committed(live);
            Ok(())
        }
        Err(e) => {
            discard(tmp, live);
            Err(io("cannot rename the temporary file over the file", e))
        }
    }
}

/// Flushes `folder`, where [`write_batch`] renamed a file: the rename itself is
/// durable only once its folder is flushed.
pub fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(folder) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        fs::write(&p, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&p, b"old", b"new").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }

    #[test]
    fn refuses_changed_and_read_only_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        fs::write(&p, "newer").unwrap();
        assert!(matches!(
            write_atomic(&p, b"old", b"new"),
            Err(WriteError::ChangedOnDisk)
        ));
        let mut perm = fs::metadata(&p).unwrap().permissions();
        perm.set_readonly(true);
        fs::set_permissions(&p, perm).unwrap();
        assert!(matches!(
            write_atomic(&p, b"newer", b"new"),
            Err(WriteError::ReadOnly)
        ));
        assert_eq!(fs::read_to_string(&p).unwrap(), "newer");
    }

    /// A batch writes each post as a single write would: the good ones replaced, a changed
    /// one and a read-only one refused and left as they were, nothing left beside them.
    #[test]
    fn a_batch_writes_each_post_or_says_why_not() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| dir.path().join(n);
        for n in ["a.md", "b.md", "c.md", "d.md"] {
            fs::write(p(n), format!("old {n}")).unwrap();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(p("c.md"), fs::Permissions::from_mode(0o444)).unwrap();
        }
        let (a, b, c, d) = (p("a.md"), p("b.md"), p("c.md"), p("d.md"));
        let results = write_batch(&[
            (&a, b"old a.md", b"new a"),
            (&b, b"what fmlint read", b"new b"),
            (&c, b"old c.md", b"new c"),
            (&d, b"old d.md", b"new d"),
        ]);
        assert!(
            matches!(results[0], Ok(ref f) if f == dir.path()),
            "{:?}",
            results[0]
        );
        assert!(
            matches!(results[1], Err(WriteError::ChangedOnDisk)),
            "{:?}",
            results[1]
        );
        #[cfg(unix)]
        assert!(
            matches!(results[2], Err(WriteError::ReadOnly)),
            "{:?}",
            results[2]
        );
        assert!(results[3].is_ok(), "{:?}", results[3]);
        assert_eq!(fs::read_to_string(&a).unwrap(), "new a");
        assert_eq!(fs::read_to_string(&b).unwrap(), "old b.md");
        #[cfg(unix)]
        assert_eq!(fs::read_to_string(&c).unwrap(), "old c.md");
        assert_eq!(fs::read_to_string(&d).unwrap(), "new d");
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["a.md", "b.md", "c.md", "d.md"]);
    }

    #[test]
    fn write_file_creates_and_replaces_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("report.sarif");
        write_file(&p, b"one").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Not the 0600 of a temporary file: what any new file gets under this umask.
            let plain = dir.path().join("plain");
            fs::File::create(&plain).unwrap();
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&p), mode(&plain));
            fs::remove_file(&plain).unwrap();
            fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_file(&p, b"two").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let missing = dir.path().join("no/such/folder/report.json");
        assert!(matches!(write_file(&missing, b"x"), Err(WriteError::Io(_))));
    }

    #[cfg(unix)]
    #[test]
    fn symlinked_post_is_fixed_in_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"old", b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
    }
}
