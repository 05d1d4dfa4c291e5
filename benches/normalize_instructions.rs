//! A fixed amount of normalizer work for instruction counting (callgrind, `perf stat`), which
//! machine load does not change, unlike the wall-clock `normalize` bench. Normalizes the bench's
//! news paragraphs `GOFTAR_NORMALIZE_PASSES` times (default 3; `0` only loads the text and the
//! lexicon, so the difference of two counts is the normalizer alone), with every ZWNJ stripped
//! first when `GOFTAR_NORMALIZE_STRIP=1`. Prints the input bytes and a checksum of the output
//! text and offset map, so an optimization can be checked to change nothing.
//!
//! Run: `cargo bench --bench normalize_instructions`, or under
//! `valgrind --tool=callgrind target/release/deps/normalize_instructions-*`.

use goftar::normalize::{Config, normalize};

#[path = "normalize/news.rs"]
mod news;

fn main() {
    let passes: usize = std::env::var("GOFTAR_NORMALIZE_PASSES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3);
    let strip = std::env::var_os("GOFTAR_NORMALIZE_STRIP").is_some_and(|v| v == "1");
    let mut paragraphs = news::news_paragraphs();
    if strip {
        paragraphs = news::stripped(&paragraphs);
    }
    let config = Config::default();
    let _ = normalize("بارگذاری واژگان", &config); // the lexicon, decoded once
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    let mut checksum = 0u64;
    for pass in 0..passes {
        for text in &paragraphs {
            let normalized = std::hint::black_box(normalize(std::hint::black_box(text), &config));
            if pass == 0 {
                let offsets: Vec<u8> = (0..=normalized.text.len())
                    .flat_map(|i| (normalized.source_offset(i) as u32).to_le_bytes())
                    .collect();
                checksum = checksum.rotate_left(7)
                    ^ xxhash_rust::xxh3::xxh3_64(normalized.text.as_bytes())
                    ^ xxhash_rust::xxh3::xxh3_64(&offsets).rotate_left(32);
            }
        }
    }
    println!(
        "paragraphs {} input_bytes {bytes} passes {passes} strip {strip} checksum {checksum:016x}",
        paragraphs.len()
    );
}
