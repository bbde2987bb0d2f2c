//! FM992 write-failed: The fixed file could not be written (read-only, changed on disk, I/O error).

use crate::registry::RuleId;
use crate::rules::RuleImpl;

/// Not a per-post check: the run (`run.rs`) raises it when the writer refuses or fails.
pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::WriteFailed,
    check: None,
    options: None,
};
