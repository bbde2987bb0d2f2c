//! Settings of the process itself, made before anything else runs.

/// mimalloc's `mi_option_purge_delay` (the binding names the options of mimalloc v2 only; this
/// is v3's, 15 in `mi_option_e`, and a test reads its documented default through it).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long, in milliseconds, mimalloc keeps memory freed before giving it back. Its default,
/// a second, let `--fix` hold on to what its writer threads freed of the workers' posts: the
/// peak grew with the archive (9.5 MB on 1,000 posts, 15.9 MB on 100,000). One millisecond
/// keeps it flat (11.9 MB on 100,000) at no cost a check can measure; none at all cost a check
/// a tenth more system time.
const PURGE_AFTER_MS: std::ffi::c_long = 1;

/// Asks mimalloc to give freed memory back after [`PURGE_AFTER_MS`].
pub fn return_memory_promptly() {
    // SAFETY: sets one of mimalloc's options, a plain store it reads on each purge; no memory of
    // this process is handed over.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_AFTER_MS) };
}

/// Asks Linux not to back this process's memory with transparent huge pages. Each costs the
/// kernel the zeroing of 2 MB on its first touch: for one post, the pre-commit case, that was
/// about a millisecond of a 4 ms run and half of its 13 MB; fmlint's heap is a few megabytes,
/// too small for huge pages to save anything. mimalloc is built without its own request for
/// them (the `no_thp` feature), which is what a system that gives them only when asked
/// (`madvise`, Debian's default) needs; this covers a system that gives them unasked
/// (`always`), from here on.
pub fn prefer_small_pages() {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

#[cfg(test)]
mod tests {
    /// The option is the purge delay: its documented default is a second, and it takes what is
    /// set.
    #[test]
    fn the_purge_delay_is_the_option_set() {
        // SAFETY: reads and sets mimalloc options, plain loads and stores.
        unsafe {
            let before = libmimalloc_sys::mi_option_get(super::PURGE_DELAY);
            assert!(
                before == 1000 || before == super::PURGE_AFTER_MS,
                "option 15 is {before}: not mimalloc v3's purge delay"
            );
            super::return_memory_promptly();
            assert_eq!(libmimalloc_sys::mi_option_get(super::PURGE_DELAY), 1);
        }
    }
}
