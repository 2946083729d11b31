//! The `qicun` command: parses the command line and hands over to the library.

/// mimalloc: the server allocates many small short-lived values per request (rendering,
/// JSON, query rows) from several threads; glibc's allocator took a fifth of a page view.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    qicun::cli::main()
}
