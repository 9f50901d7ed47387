// Builds allocate and free many small strings on every core (front matter,
// Markdown events, template values); mimalloc's per-thread heaps do that
// with less time in the allocator than the system's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h's `mi_option_e` (the same in its
/// v2 and v3; the crate leaves such options unnamed on purpose).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // A build's memory is reused phase after phase: handing freed pages
    // back to the system only makes the next phase fault them in again, and
    // each fault of a huge page zeroes 2 MB (about a tenth of a
    // 10,000-article build's CPU time went there, with the same peak
    // memory). `serve` keeps its peak between rebuilds, which reuse it.
    // The environment variable still wins.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: called before any other thread exists, as
        // `mi_option_set` requires; the option takes any integer.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
    bilateral_digest::cli::main()
}
