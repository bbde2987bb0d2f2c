//! `fmlint init`: where the learned configuration and the summary go. Under `--stdout` the
//! configuration takes standard output, so the summary goes to standard error.

use std::io::Write;

use crate::init::{self, Options};
use crate::report;

/// Returns the exit code: 0 written (or printed), 2 nothing written.
pub fn run(opts: &Options, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let refuse = |err: &mut dyn Write, why: String| {
        let _ = writeln!(err, "{}", report::init::refused(&why));
        2
    };
    let learnt = match init::learn_site(opts) {
        Ok(l) => l,
        Err(why) => return refuse(err, why),
    };
    let summary = report::init::summary(&learnt.learned, &learnt.shown_site);
    if opts.stdout {
        let _ = out.write_all(learnt.learned.config.as_bytes());
        let _ = err.write_all(summary.as_bytes());
        return 0;
    }
    if let Err(why) = init::write(&learnt) {
        return refuse(err, why);
    }
    let _ = out.write_all(summary.as_bytes());
    let target = crate::paths::display_path(&learnt.target);
    let _ = writeln!(out, "{}", report::init::wrote(&target, &learnt.shown_site));
    0
}
