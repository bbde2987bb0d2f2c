//! FM99x: reports about a `--fix` run on a file rather than about the post's text. No check
//! function: the fixer and the writer raise them.

crate::rules::family! {
    fm990_fix_did_not_converge,
    fm991_fix_changed_meaning,
    fm992_write_failed,
    fm993_temp_file_leftover,
}
