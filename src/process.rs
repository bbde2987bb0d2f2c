//! Settings of the process itself, made before anything else runs.

/// Asks Linux not to back this process's memory with transparent huge pages. mimalloc asks for
/// them, and each costs the kernel the zeroing of 2 MB on its first touch: for one post, the
/// pre-commit case, that was about a millisecond of a 4 ms run and 6 MB of its 14 MB; fmlint's
/// heap is a few megabytes, too small for huge pages to save anything.
pub fn prefer_small_pages() {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}
