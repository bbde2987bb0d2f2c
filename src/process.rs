//! Settings of the process itself, made before anything else runs.

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
