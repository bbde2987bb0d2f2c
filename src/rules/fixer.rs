//! FM99x: reports about a `--fix` run on a file rather than about the post's text. No check
//! function: the fixer and the writer raise them.

use crate::rules::rule;

rule!(
    FIX_DID_NOT_CONVERGE,
    "FM990",
    "fix-did-not-converge",
    Error,
    None,
    "Fixes kept changing the file for 10 passes; it was left as it was"
);
rule!(
    FIX_CHANGED_MEANING,
    "FM991",
    "fix-changed-meaning",
    Error,
    None,
    "A fix would have changed what Jekyll reads; nothing was written"
);
rule!(
    WRITE_FAILED,
    "FM992",
    "write-failed",
    Error,
    None,
    "The fixed file could not be written (read-only, changed on disk, I/O error)"
);
rule!(
    TEMP_FILE_LEFTOVER,
    "FM993",
    "temp-file-leftover",
    Warning,
    Safe,
    "A temporary file left by an fmlint run that was killed"
);
