//! The crate's build script (`package.build` in Cargo.toml): turns the normalizer's lexicon
//! (`src/normalize/data/lexicon.fst`, written by `goftar lexicon build`) into the flat lookup tables
//! that `src/normalize/lexicon.rs` embeds, and the spaced-compound table (`data/compounds.fst`)
//! into those of `compounds.rs`, so that no program decodes either when it starts.
//! It lives beside the table code it shares rather than at the crate root, which holds only
//! `Cargo.toml`, `src/`, `corpora/`, `benches/`, `tests/` and `README.md`.

use std::path::PathBuf;

#[path = "lexicon_table.rs"]
#[allow(dead_code)] // the lookup half of the module serves the library, not this script
mod lexicon_table;

const LEXICON: &str = "src/normalize/data/lexicon.fst";
const COMPOUNDS: &str = "src/normalize/data/compounds.fst";

fn main() {
    println!("cargo::rerun-if-changed={LEXICON}");
    println!("cargo::rerun-if-changed={COMPOUNDS}");
    println!("cargo::rerun-if-changed=src/normalize/lexicon_table.rs");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let entries = read_fst(LEXICON).unwrap_or_else(|e| {
        // The library still builds; restoration then does nothing (`Lexicon::is_empty`).
        println!("cargo::warning=cannot read {LEXICON}: {e}; the lexicon will be empty");
        Vec::new()
    });
    let compounds = read_fst(COMPOUNDS).unwrap_or_else(|e| {
        println!("cargo::warning=cannot read {COMPOUNDS}: {e}; no spaced compound will be known");
        Vec::new()
    });
    let files = lexicon_table::Tables::build(&entries)
        .into_files()
        .into_iter()
        .chain(lexicon_table::compound_files(&compounds));
    for (name, bytes) in files {
        let path = out_dir.join(name);
        if let Err(e) = std::fs::write(&path, bytes) {
            panic!("cannot write {}: {e}", path.display());
        }
    }
}

/// A skeleton's bytes and its stored value.
type Pair = (Vec<u8>, u64);

/// Every `(key, value)` pair of the fst map at `path`, in key order.
fn read_fst(path: &str) -> Result<Vec<Pair>, Box<dyn std::error::Error>> {
    use fst::Streamer;
    let bytes = std::fs::read(path)?;
    let map = fst::Map::new(bytes)?;
    let mut entries = Vec::with_capacity(map.len());
    let mut stream = map.stream();
    while let Some((key, value)) = stream.next() {
        entries.push((key.to_vec(), value));
    }
    Ok(entries)
}
