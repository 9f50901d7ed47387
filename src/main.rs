// Builds allocate and free many small strings on every core (front matter,
// Markdown events, template values); mimalloc's per-thread heaps do that
// with less time in the allocator than the system's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    bilateral_digest::cli::main()
}
