//! The HTTP search API and the web page.
//!
//! SKELETON: the server owner replaces this file's body.

use std::net::SocketAddr;
use std::path::Path;

/// Serves the index at `index_dir` on `addr` until interrupted.
pub fn serve(index_dir: &Path, addr: SocketAddr) -> anyhow::Result<()> {
    anyhow::bail!("the server is not written yet (index {}, {addr})", index_dir.display())
}
