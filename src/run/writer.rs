//! Fixed posts written behind the workers. Writing a post waits for the disk (its flush, and
//! on some systems the removal of the old file), a millisecond or more here, while checking
//! it takes microseconds: a worker that wrote its own fixes sat idle most of a `--fix` run.
//! The workers hand fixed posts to a few writers through a bounded queue (memory stays flat),
//! and each writes whatever has queued up as one batch, whose flushes share the disk's wait.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Once};
use std::thread::Scope;

use crossbeam_channel::{Receiver, Sender};

use super::file::{FileOutcome, PendingWrite};
use crate::config::Settings;
use crate::site::Site;
use crate::write;

/// The most posts written as one batch, and the most waiting in the queue: each holds the
/// post twice (old and new), a few kilobytes.
const BATCH: usize = 64;

/// Writers, each with its batch: they spend their time waiting for the disk, not on a
/// processor, so more of them than processors overlap more waits. On the 2-core machine,
/// 10,000 posts of which 230 are fixed: 200 ms with one writer, 162 with two, 158 with eight
/// (the check alone: 100 ms).
const WRITERS: usize = 4;

/// A fixed post to write, with what its report needs when the write fails.
pub struct WriteJob {
    pub pending: PendingWrite,
    /// The file to replace (a link's target).
    pub real: PathBuf,
    pub settings: Arc<Settings>,
    pub site: Arc<Result<Site, String>>,
    pub site_error: Option<String>,
}

/// The queue to the writers, which are started with the first post to write: a run that
/// fixes nothing starts no thread. Dropping it lets the writers finish what is queued and stop.
pub struct Writer<'scope, 'env, R> {
    scope: &'scope Scope<'scope, 'env>,
    record: &'env R,
    tx: Sender<WriteJob>,
    rx: Receiver<WriteJob>,
    started: Once,
}

impl<'scope, 'env, R> Writer<'scope, 'env, R>
where
    R: Fn(FileOutcome) + Sync,
{
    /// Writers whose threads (when started) live in `scope`, and gives each written post's
    /// outcome to `record`.
    pub fn new(scope: &'scope Scope<'scope, 'env>, record: &'env R) -> Self {
        let (tx, rx) = crossbeam_channel::bounded(BATCH);
        Writer {
            scope,
            record,
            tx,
            rx,
            started: Once::new(),
        }
    }

    /// Queues `job`, waiting while the queue is full.
    pub fn submit(&self, job: WriteJob) {
        self.started.call_once(|| {
            for _ in 0..WRITERS {
                let (rx, record) = (self.rx.clone(), self.record);
                self.scope.spawn(move || serve(&rx, record));
            }
        });
        if let Err(crossbeam_channel::SendError(job)) = self.tx.send(job) {
            // The writers are gone (one panicked, and the scope will say so): write it here.
            (self.record)(write_one(job));
        }
    }
}

/// The writer's loop: a batch of what is queued, until the queue is closed and empty.
fn serve(rx: &Receiver<WriteJob>, record: &(impl Fn(FileOutcome) + Sync)) {
    let mut unflushed: BTreeSet<PathBuf> = BTreeSet::new();
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        batch.extend(rx.try_iter().take(BATCH - 1));
        let posts: Vec<_> = batch
            .iter()
            .map(|j| {
                (
                    j.real.as_path(),
                    j.pending.old(),
                    j.pending.new_text().as_bytes(),
                )
            })
            .collect();
        let results = write::write_batch(&posts);
        drop(posts);
        // A folder is flushed once the batches have moved on from it, as a worker that wrote
        // its own posts flushed a folder when it moved to the next.
        let touched: BTreeSet<PathBuf> = results.iter().flatten().cloned().collect();
        for folder in std::mem::take(&mut unflushed) {
            if !touched.contains(&folder) {
                write::sync_folder(&folder);
            }
        }
        unflushed = touched;
        for (job, result) in batch.into_iter().zip(results) {
            record(finish(job, result.map(|_| ())));
        }
    }
    for folder in unflushed {
        write::sync_folder(&folder);
    }
}

fn write_one(job: WriteJob) -> FileOutcome {
    let written = write::write_atomic(
        &job.real,
        job.pending.old(),
        job.pending.new_text().as_bytes(),
    );
    finish(job, written)
}

fn finish(job: WriteJob, written: Result<(), write::WriteError>) -> FileOutcome {
    let site = Site::readable_or_default(&job.site);
    let mut out = job.pending.finish(written, &job.settings, site);
    out.site_error = job.site_error;
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::mode::Mode;
    use crate::run::Options;
    use crate::run::file::{Checked, check_bytes};

    const MESSY: &str = "---\ntitle: 联合早报 新闻\nlayout: post   \nfrom: https://www.zaobao.com/a\ndate: 2021-07-20 18:40:01 +0800\nauthor: 联合早报\ntags:\n  - 联合早报\ncategories: 联合早报\n---\n\nbody\n";

    fn job(path: &std::path::Path) -> WriteJob {
        let mut opts = Options::new(vec![]);
        opts.mode = Mode::Fix;
        let (settings, site) = (Arc::new(Settings::default()), Site::default());
        let bytes = std::fs::read(path).unwrap();
        let shown = path.display().to_string();
        let Checked::ToWrite(pending) = check_bytes(path, shown, bytes, &opts, &settings, &site)
        else {
            panic!("the messy post needs a fix");
        };
        WriteJob {
            pending,
            real: path.to_path_buf(),
            settings,
            site: Arc::new(Ok(site)),
            site_error: None,
        }
    }

    /// Every post handed over is written and reported once, after the queue is closed; the
    /// one that cannot be written is reported with FM992 first and left as it was.
    #[test]
    fn every_post_handed_over_is_written_or_reported() {
        let dir = tempfile::tempdir().unwrap();
        let posts: Vec<_> = (0..5)
            .map(|i| {
                let p = dir.path().join(format!("2021-07-2{i}-x.md"));
                std::fs::write(&p, MESSY).unwrap();
                p
            })
            .collect();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let read_only = std::fs::Permissions::from_mode(0o444);
            std::fs::set_permissions(&posts[3], read_only).unwrap();
        }
        let outcomes = Mutex::new(Vec::new());
        let record = |o: FileOutcome| outcomes.lock().unwrap().push(o);
        std::thread::scope(|scope| {
            let writer = Writer::new(scope, &record);
            for p in &posts {
                writer.submit(job(p));
            }
        });
        let mut outcomes = outcomes.into_inner().unwrap();
        outcomes.sort_by(|a, b| a.report.path.cmp(&b.report.path));
        assert_eq!(outcomes.len(), posts.len());
        for (i, (o, p)) in outcomes.iter().zip(&posts).enumerate() {
            let now = std::fs::read_to_string(p).unwrap();
            let codes: Vec<_> = o.report.diagnostics.iter().map(|d| d.code()).collect();
            if cfg!(unix) && i == 3 {
                assert_eq!(now, MESSY);
                assert_eq!(codes.first(), Some(&"FM992"), "{codes:?}");
                assert_eq!(o.fixed, 0);
            } else {
                assert_ne!(now, MESSY, "{}", p.display());
                assert_eq!(o.report.text, now);
                assert!(!codes.contains(&"FM992"), "{codes:?}");
                assert!(o.fixed > 0);
            }
        }
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), posts.len(), "{names:?}");
    }
}
