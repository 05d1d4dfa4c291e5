//! The `goftar` command: a thin layer over the library.

mod cli;

use std::ffi::{c_int, c_long};
use std::process::ExitCode;

/// mimalloc rather than the system allocator, for every command: in `process` the stages, tantivy's
/// indexing threads and the writer allocate small strings on every core at once, where glibc's
/// malloc spent about a fifth of the run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

unsafe extern "C" {
    /// Sets one of mimalloc's options (`mi_option_set` of its public header).
    fn mi_option_set(option: c_int, value: c_long);
}

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_t`.
const MI_OPTION_PURGE_DELAY: c_int = 15;

/// Keeps freed memory in mimalloc's arenas instead of returning it to the system after 10 ms.
/// `process` frees each batch's documents and allocates the next one's right after: returned
/// pages came back as fresh (often 2 MiB) pages the kernel had to zero again, about a tenth of the
/// run's CPU time on distinct text. The heap stays bounded by the batches in flight, so peak RSS
/// grows by less than a batch's worth. Not for `serve`, a long-lived process whose bursts should
/// not keep their memory; `MIMALLOC_PURGE_DELAY` in the environment still wins.
fn tune_allocator() {
    let serving = std::env::args_os()
        .nth(1)
        .is_some_and(|command| command == "serve");
    if !serving && std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: stores an integer in mimalloc's option table; any value is valid for this option.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
}

fn main() -> ExitCode {
    tune_allocator();
    cli::main()
}
