//! fmlint's own temporary files: one name nobody else uses, a registry of the live ones so
//! that SIGINT and SIGTERM remove them before the process exits, and the recognition of the
//! leftovers of a run that was killed outright (`kill -9`, a power cut).
//!
//! The name is `.fmlint-tmp-<pid>-<16 hex digits>~`:
//! - the leading `.` makes it hidden: fmlint's walker, Jekyll (which skips names starting with
//!   `.`) and `ls` leave it alone;
//! - the trailing `~` is an editor backup's mark: Jekyll skips it too, most `.gitignore`
//!   templates ignore it, and it ends in no post extension, so it is never read as a post;
//! - `fmlint-tmp` says whose it is, and the pid says which run: a later run tells a leftover
//!   (its process is gone) from the live file of a run going on beside it (pre-commit starts
//!   several at once), and never touches the latter.
//!
//! Hand-written rather than `tempfile`'s: the name must be known (and registered) before the
//! file exists, so that a signal arriving between the two cannot leave it behind.

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, Once};

pub const PREFIX: &str = ".fmlint-tmp-";
pub const SUFFIX: &str = "~";

/// The temporary files this process has created and not yet renamed or removed.
static LIVE: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());
static HANDLER: Once = Once::new();

fn live() -> MutexGuard<'static, BTreeSet<PathBuf>> {
    LIVE.lock().unwrap_or_else(|p| p.into_inner())
}

/// A name for a new temporary file of this process.
fn fresh_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    format!("{PREFIX}{}-{:016x}{SUFFIX}", std::process::id(), h.finish())
}

/// The pid in an fmlint temporary file's name; `None` for any other name.
pub fn owner_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (pid, random) = rest.split_once('-')?;
    (random.len() == 16 && random.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| pid.parse().ok())
        .flatten()
}

/// Whether `name` is an fmlint temporary file's.
pub fn is_temp_name(name: &str) -> bool {
    owner_pid(name).is_some()
}

/// A temporary file of this run, registered from before it exists until it is renamed away
/// ([`TempFile::committed`]) or dropped (which removes it).
pub struct TempFile {
    path: PathBuf,
    file: File,
    done: bool,
}

impl TempFile {
    /// Creates a new, empty temporary file in `dir`, with `mode` (before the umask) on Unix.
    pub fn create_in(dir: &Path, #[allow(unused_variables)] mode: u32) -> io::Result<TempFile> {
        install_handler();
        loop {
            let path = dir.join(fresh_name());
            let mut opts = OpenOptions::new();
            opts.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(mode);
            }
            // Registered and created under one lock: the signal handler sees both or neither.
            let mut live = live();
            match opts.open(&path) {
                Ok(file) => {
                    live.insert(path.clone());
                    return Ok(TempFile {
                        path,
                        file,
                        done: false,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn file(&mut self) -> &mut File {
        &mut self.file
    }

    pub fn file_ref(&self) -> &File {
        &self.file
    }

    /// The file was renamed away (or removed) under [`commit`]'s lock: forget it.
    pub fn committed(mut self, live: &mut BTreeSet<PathBuf>) {
        live.remove(&self.path);
        self.done = true;
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.done {
            let mut live = live();
            let _ = fs::remove_file(&self.path);
            live.remove(&self.path);
        }
    }
}

/// Runs the moment of replacing a file (the rename, or the exchange and its check) under the
/// registry's lock, so that a signal's clean-up waits for it instead of removing a file that
/// holds, for that moment, the only copy of someone's content.
pub fn commit<R>(f: impl FnOnce(&mut BTreeSet<PathBuf>) -> R) -> R {
    f(&mut live())
}

/// On SIGINT or SIGTERM: remove the live temporary files, then exit as the signal would
/// (128 + its number). Installed with the first temporary file, so that a run that writes
/// nothing keeps the default behaviour.
fn install_handler() {
    #[cfg(unix)]
    HANDLER.call_once(|| {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                // Held until exit: no worker creates or commits another file meanwhile.
                let live = live();
                for p in live.iter() {
                    let _ = fs::remove_file(p);
                }
                std::process::exit(128 + sig);
            }
        });
    });
    #[cfg(not(unix))]
    HANDLER.call_once(|| {});
}

/// Whether the process that made a temporary file is gone, so that the file is a leftover.
fn owner_is_gone(pid: u32, path: &Path) -> bool {
    if pid == std::process::id() {
        // Ours: possibly being written by another worker this very moment, under a path
        // spelled otherwise than the walk's (absolute, through a link), so never a leftover. An
        // earlier process that had our pid is reported by the next run.
        return false;
    }
    #[cfg(target_os = "linux")]
    {
        let _ = path;
        !Path::new("/proc").join(pid.to_string()).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        // No cheap way to ask here: a file untouched for an hour belongs to no live write.
        fs::symlink_metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600))
    }
}

/// The leftovers of killed fmlint runs in `dir`, sorted.
pub fn leftovers_in(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    each_name_in(dir, |name, is_file| {
        // Only a name of ours is worth a closer look: a folder of posts holds nothing else.
        let Some(pid) = name.to_str().and_then(owner_pid) else {
            return;
        };
        let path = dir.join(name);
        // Where the folder's listing does not say what the name is, the file is asked.
        let is_file =
            is_file.unwrap_or_else(|| fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()));
        if is_file && owner_is_gone(pid, &path) {
            found.push(path);
        }
    });
    found.sort();
    found
}

/// Calls `f` with each name in `dir` and whether it is a regular file, when the listing says
/// (`DT_UNKNOWN` says nothing). On Linux the folder is read with `getdents` into one buffer,
/// names borrowed from it: `fs::read_dir` allocates each entry's name, twice when asked for
/// it, and every folder of posts is listed here, where nearly every name is a post's.
fn each_name_in(dir: &Path, mut f: impl FnMut(&std::ffi::OsStr, Option<bool>)) {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{FileType, Mode, OFlags, RawDir};
        use std::os::unix::ffi::OsStrExt;
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let Ok(fd) = rustix::fs::open(dir, flags, Mode::empty()) else {
            return;
        };
        let mut buf = Vec::with_capacity(32 * 1024);
        let mut entries = RawDir::new(fd, buf.spare_capacity_mut());
        while let Some(Ok(entry)) = entries.next() {
            let name = std::ffi::OsStr::from_bytes(entry.file_name().to_bytes());
            let is_file = match entry.file_type() {
                FileType::Unknown => None,
                kind => Some(kind == FileType::RegularFile),
            };
            f(name, is_file);
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.filter_map(Result::ok) {
            f(&e.file_name(), e.file_type().ok().map(|t| t.is_file()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_recognised_and_nothing_else_is() {
        let n = fresh_name();
        assert!(n.starts_with(".fmlint-tmp-") && n.ends_with('~'), "{n}");
        assert_eq!(owner_pid(&n), Some(std::process::id()));
        assert_ne!(fresh_name(), n);
        for other in [
            ".fmlint-abc123",
            ".fmlint-tmp-12-0123456789abcdef",
            ".fmlint-tmp-x-0123456789abcdef~",
            ".fmlint-tmp-12-0123~",
            "2021-07-20-a.md",
            ".fmlint.toml",
        ] {
            assert!(!is_temp_name(other), "{other}");
        }
        assert!(!crate::discover::is_post_path(
            &Path::new("_posts").join(&n)
        ));
    }

    #[test]
    fn dropped_files_are_removed_and_only_dead_owners_leave_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let t = TempFile::create_in(dir.path(), 0o600).unwrap();
        let p = t.path().to_path_buf();
        assert!(p.exists());
        // Live and ours: not a leftover, also when the folder is named otherwise than the
        // registry holds it (the walk's relative path, a link).
        assert!(leftovers_in(dir.path()).is_empty());
        let other_spelling = dir.path().join(".");
        assert!(leftovers_in(&other_spelling).is_empty());
        let ours_unregistered = dir.path().join(fresh_name());
        fs::write(&ours_unregistered, "being written by another worker").unwrap();
        assert!(leftovers_in(dir.path()).is_empty());
        fs::remove_file(&ours_unregistered).unwrap();
        drop(t);
        assert!(!p.exists());
        // A pid no process can have (above Linux's pid_max).
        let dead = dir
            .path()
            .join(format!("{PREFIX}4294967295-0123456789abcdef{SUFFIX}"));
        fs::write(&dead, "partial").unwrap();
        #[cfg(target_os = "linux")]
        assert_eq!(leftovers_in(dir.path()), vec![dead.clone()]);
        // pid 1 is alive: a run going on beside this one.
        let alive = dir
            .path()
            .join(format!("{PREFIX}1-0123456789abcdef{SUFFIX}"));
        fs::write(&alive, "in progress").unwrap();
        #[cfg(target_os = "linux")]
        assert_eq!(leftovers_in(dir.path()), vec![dead]);
    }
}
