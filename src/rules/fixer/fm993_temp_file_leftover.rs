//! FM993 temp-file-leftover: A temporary file left by an fmlint run that was killed.

use crate::registry::RuleId;
use crate::rules::RuleImpl;

/// Not a per-post check: the run (`run.rs`) raises it for each leftover `tempfiles` finds in
/// a folder it lints; under `--fix` the file is removed instead.
pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::TempFileLeftover,
    check: None,
    options: None,
};
