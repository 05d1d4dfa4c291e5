//! The `goftar` command: a thin layer over the library.

mod cli;

use std::process::ExitCode;

/// mimalloc rather than the system allocator, for every command: in `process` the stages, tantivy's
/// indexing threads and the writer allocate small strings on every core at once, where glibc's
/// malloc spent about a fifth of the run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main()
}
