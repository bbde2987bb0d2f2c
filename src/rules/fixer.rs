//! FM99x: reports about a `--fix` run on a file rather than about the post's text. No check
//! function: the fixer and the writer raise them.

pub use crate::registry::FM990 as FIX_DID_NOT_CONVERGE;
pub use crate::registry::FM991 as FIX_CHANGED_MEANING;
pub use crate::registry::FM992 as WRITE_FAILED;
pub use crate::registry::FM993 as TEMP_FILE_LEFTOVER;
