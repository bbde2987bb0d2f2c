//! Fixed posts written behind the workers. Writing a post waits for the disk (its flush, and
//! on some systems the removal of the old file), a millisecond or more here, while checking
//! it takes microseconds: a worker that wrote its own fixes sat idle most of a `--fix` run.
//! The workers hand fixed posts to one writer through a bounded queue (memory stays flat),
//! and it writes whatever has queued up as one batch, whose flushes share the disk's wait.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, Once};
use std::thread::Scope;

use crossbeam_channel::{Receiver, Sender};

use super::file::{FileOutcome, PendingWrite};
use crate::config::Settings;
use crate::site::Site;
use crate::write;

/// The most posts written as one batch, and the most waiting in the queue: each holds the
/// post twice (old and new), a few kilobytes.
const BATCH: usize = 64;

/// A fixed post to write, with what its report needs when the write fails.
pub struct WriteJob {
    pub pending: PendingWrite,
    /// The file to replace (a link's target).
    pub real: PathBuf,
    pub settings: Arc<Settings>,
    pub site: Arc<Result<Site, String>>,
    pub site_error: Option<String>,
}

/// The queue to the writer, which is started with the first post to write: a run that fixes
/// nothing starts no thread. Dropping it lets the writer finish what is queued and stop.
pub struct Writer<'scope, 'env, R> {
    scope: &'scope Scope<'scope, 'env>,
    record: &'env R,
    tx: Sender<WriteJob>,
    rx: Mutex<Option<Receiver<WriteJob>>>,
    started: Once,
}

impl<'scope, 'env, R> Writer<'scope, 'env, R>
where
    R: Fn(FileOutcome) + Sync,
{
    /// A writer whose thread (when started) lives in `scope`, and gives each written post's
    /// outcome to `record`.
    pub fn new(scope: &'scope Scope<'scope, 'env>, record: &'env R) -> Self {
        let (tx, rx) = crossbeam_channel::bounded(BATCH);
        Writer {
            scope,
            record,
            tx,
            rx: Mutex::new(Some(rx)),
            started: Once::new(),
        }
    }

    /// Queues `job`, waiting while the queue is full.
    pub fn submit(&self, job: WriteJob) {
        self.started.call_once(|| {
            let rx = self.rx.lock().unwrap_or_else(|p| p.into_inner()).take();
            let record = self.record;
            if let Some(rx) = rx {
                self.scope.spawn(move || serve(&rx, record));
            }
        });
        if let Err(crossbeam_channel::SendError(job)) = self.tx.send(job) {
            // The writer is gone (it panicked, and the scope will say so): write it here.
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
            .map(|j| (j.real.as_path(), j.pending.old(), j.pending.new_bytes()))
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
    let written = write::write_atomic(&job.real, job.pending.old(), job.pending.new_bytes());
    finish(job, written)
}

fn finish(job: WriteJob, written: Result<(), write::WriteError>) -> FileOutcome {
    let fallback;
    let site = match job.site.as_ref() {
        Ok(s) => s,
        Err(_) => {
            fallback = Site::default();
            &fallback
        }
    };
    let mut out = job.pending.finish(written, &job.settings, site);
    out.site_error = job.site_error;
    out
}
