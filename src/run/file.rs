//! One file, read, checked, fixed and written: what a worker does with a path.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Options;
use crate::config::Settings;
use crate::config::error::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::fix;
use crate::lint;
use crate::mode::Mode;
use crate::paths::display_path;
use crate::read;
use crate::report::{self, FileReport};
use crate::rules;
use crate::site::{Site, SiteCache};
use crate::write;

use super::writer::WriteJob;

/// One file's result: the report to render, the diff to print, and what was fixed.
pub struct FileOutcome {
    pub report: FileReport,
    pub diff: Option<String>,
    pub fixed: usize,
    pub site_error: Option<String>,
}

pub(super) fn site_of(sites: &SiteCache, path: &Path) -> (Site, Option<String>) {
    let read = sites.site_for(path);
    (
        Site::readable_or_default(&read).clone(),
        read.as_ref().as_ref().err().cloned(),
    )
}

/// A file checked (and fixed): its outcome, or a fix still to be written.
pub enum Checked {
    Done(FileOutcome),
    ToWrite(PendingWrite),
}

/// A fixed post that is to replace the file, and what its report says once the write is
/// done or has failed.
pub struct PendingWrite {
    path: PathBuf,
    shown: String,
    text: String,
    fixed: fix::Fixed,
}

impl PendingWrite {
    /// The bytes the file must still hold for the write to go ahead.
    pub fn old(&self) -> &[u8] {
        self.text.as_bytes()
    }

    pub fn new_text(&self) -> &str {
        &self.fixed.text
    }

    /// The outcome once `written` says how the write went: the fixed post's report, or the
    /// original's with FM992 first.
    pub fn finish(
        self,
        written: Result<(), write::WriteError>,
        settings: &Settings,
        site: &Site,
    ) -> FileOutcome {
        let PendingWrite {
            path,
            shown,
            text,
            fixed,
        } = self;
        match written {
            Ok(()) => FileOutcome {
                report: FileReport::new(shown, fixed.text, fixed.remaining),
                diff: None,
                fixed: fixed.applied,
                site_error: None,
            },
            Err(e) => {
                let mut diags = lint::lint_text(&path, &text, settings, site);
                diags.insert(
                    0,
                    Diagnostic::new(
                        rules::RuleId::WriteFailed,
                        0..0,
                        format!("the fixed post was not written: {e}"),
                    ),
                );
                FileOutcome {
                    report: FileReport::new(shown, text, diags),
                    diff: None,
                    fixed: 0,
                    site_error: None,
                }
            }
        }
    }
}

/// Checks, and in fix modes fixes, one file held in memory. A fix to write is handed back:
/// who writes it (a writer thread, or the editor behind standard input) finishes its outcome.
pub fn check_bytes(
    path: &Path,
    shown: String,
    bytes: Vec<u8>,
    opts: &Options,
    settings: &Settings,
    site: &Site,
) -> Checked {
    let done = |report| {
        Checked::Done(FileOutcome {
            report,
            diff: None,
            fixed: 0,
            site_error: None,
        })
    };
    let text = match lint::decode(bytes) {
        Ok(t) => t,
        Err(bad) => {
            let (text, d) = *bad;
            let diags = lint::configured(settings, d);
            return done(FileReport::new(shown, text, diags));
        }
    };
    if opts.mode == Mode::Check {
        let diags = lint::lint_text(path, &text, settings, site);
        return done(FileReport::new(shown, text, diags));
    }
    let fixed = fix::fix_text(path, &text, settings, site, opts.unsafe_fixes);
    if fixed.text == text {
        return done(FileReport::new(shown, text, fixed.remaining));
    }
    if opts.mode == Mode::Diff {
        let diff = report::diff::unified(&shown, &text, &fixed.text, opts.color);
        // The report is of the original: nothing was written.
        let diags = lint::lint_text(path, &text, settings, site);
        return Checked::Done(FileOutcome {
            report: FileReport::new(shown, text, diags),
            diff: Some(diff),
            fixed: fixed.applied,
            site_error: None,
        });
    }
    // A post is read into room for 32 KiB (`read::read_post_in`), and up to a few hundred wait
    // in the writers' queue and batches: with that room, `--fix` on 100,000 posts peaked at
    // 18.7 MB, without it at 11.4 MB (9.4 MB on 1,000).
    let mut text = text;
    text.shrink_to_fit();
    Checked::ToWrite(PendingWrite {
        path: path.to_path_buf(),
        shown,
        text,
        fixed,
    })
}

/// What the posts of one folder share, kept by a worker for the folder it is in. The walk hands
/// out a folder's files one after another, and each of these facts costs a lock, a hash of the
/// path and allocations to look up, and system calls to find (the folder's real path).
#[derive(Default)]
pub struct FolderMemo {
    last: Option<FolderFacts>,
}

struct FolderFacts {
    dir: PathBuf,
    site: Arc<Result<Site, String>>,
    /// `None` when the settings can differ from one post of the folder to the next
    /// (`overrides:`), or when the configuration cannot be read (each post reports it).
    settings: Option<Arc<Settings>>,
    /// How the folder's posts are read.
    place: Place,
}

/// Where a folder's posts must really be (see [`read::Roots`]), and how they are read.
enum Place {
    /// By the folder's real path, which is inside the site.
    InSite(read::SiteFolder),
    /// The general way, each post resolved: the folder's real path could not be found, or lies
    /// outside `root` (each post is then refused with its reason).
    Under(PathBuf),
    /// Nowhere fmlint may read.
    Nowhere,
}

impl FolderMemo {
    /// The facts of `path`'s folder, found again only when the folder changes. A file `named`
    /// on the command line is never memoised: where it must be depends on its own path.
    fn facts(
        &mut self,
        path: &Path,
        named: bool,
        opts: &Options,
        sites: &SiteCache,
        roots: &read::Roots,
    ) -> Option<&FolderFacts> {
        if named {
            return None;
        }
        let dir = crate::paths::parent_and_name(path)
            .0
            .unwrap_or(Path::new(""));
        // As bytes, as the site filter compares its last folder.
        if self
            .last
            .as_ref()
            .is_none_or(|f| f.dir.as_os_str() != dir.as_os_str())
        {
            let site = sites.site_for(path);
            let fallback = Site::default();
            let s = site.as_ref().as_ref().unwrap_or(&fallback);
            let settings = if opts.resolver.varies_by_name(path, s) {
                None
            } else {
                opts.resolver.settings_for(path, s, None).ok()
            };
            let pointed = read::pointed_folder(&opts.paths, path);
            let place = match roots.root_for(path, s, &pointed) {
                None => Place::Nowhere,
                Some(root) => {
                    let real_dir = std::fs::canonicalize(if dir.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        dir
                    });
                    match real_dir
                        .ok()
                        .and_then(|d| read::SiteFolder::inside(&root, d))
                    {
                        Some(folder) => Place::InSite(folder),
                        None => Place::Under(root),
                    }
                }
            };
            self.last = Some(FolderFacts {
                dir: dir.to_path_buf(),
                site,
                settings,
                place,
            });
        }
        self.last.as_ref()
    }
}

/// Reads and processes one file, for a worker that keeps the facts of the folder it is in;
/// `named`: the file was named on the command line. Never fails: a file that cannot be read,
/// is not a regular file, or leads out of its site through a link is FM000. A post whose
/// configuration is broken is not checked; the error is returned. A fixed post goes to
/// `hand_over` and `None` is returned: the writer finishes its outcome once it is written.
pub fn process_file_in(
    path: &Path,
    named: bool,
    opts: &Options,
    sites: &SiteCache,
    roots: &read::Roots,
    memo: &mut FolderMemo,
    hand_over: &dyn Fn(WriteJob),
) -> Result<Option<FileOutcome>, Vec<ConfigError>> {
    let shown = display_path(path);
    let facts = memo.facts(path, named, opts, sites, roots);
    // Borrowed from the cache: a clone per file cost three allocations.
    let cached = match facts {
        Some(f) => f.site.clone(),
        None => sites.site_for(path),
    };
    let site = Site::readable_or_default(&cached);
    let site_error = cached.as_ref().as_ref().err().cloned();
    let settings = match facts.and_then(|f| f.settings.clone()) {
        Some(s) => s,
        None => opts.resolver.settings_for(path, site, None)?,
    };
    let loaded = match facts {
        Some(f) => match &f.place {
            Place::InSite(folder) => read::read_post_in(path, folder),
            Place::Under(root) => read::read_post(path, root),
            Place::Nowhere => Err(no_root()),
        },
        None => {
            let pointed = read::pointed_folder(&opts.paths, path);
            match roots.root_for(path, site, &pointed) {
                Some(root) => read::read_post(path, &root),
                None => Err(no_root()),
            }
        }
    };
    let loaded = match loaded {
        Ok(l) => l,
        Err(refused) => {
            let d = rules::structure::fm000_io_error::refused(&refused);
            let diags = lint::configured(&settings, d);
            return Ok(Some(FileOutcome {
                report: FileReport::new(shown, String::new(), diags),
                diff: None,
                fixed: 0,
                site_error,
            }));
        }
    };
    let mut out = match check_bytes(path, shown, loaded.bytes, opts, &settings, site) {
        Checked::Done(out) => out,
        Checked::ToWrite(pending) => {
            hand_over(WriteJob {
                pending,
                real: loaded.real,
                settings,
                site: cached.clone(),
                site_error,
            });
            return Ok(None);
        }
    };
    out.site_error = site_error;
    Ok(Some(out))
}

fn no_root() -> read::Refused {
    read::Refused::Io(std::io::Error::other(
        "cannot resolve the folder it must be in",
    ))
}
