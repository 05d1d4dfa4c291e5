//! `goftar normalize [FILE]`: normalizes text line by line (one output line per input line).

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use goftar::normalize::{Config, Diacritics, Digits, HehYeh, TehMarbuta};

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum DigitsArg {
    Keep,
    Persian,
    Ascii,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum HehYehArg {
    Keep,
    HehZwnjYeh,
    Heh,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// File to normalize; standard input when absent.
    file: Option<PathBuf>,
    /// How to write digits.
    #[arg(long, value_enum, default_value = "keep")]
    digits: DigitsArg,
    /// Keep diacritics (harakat) instead of stripping them.
    #[arg(long)]
    keep_diacritics: bool,
    /// How to write ۀ.
    #[arg(long, value_enum, default_value = "keep")]
    heh_yeh: HehYehArg,
    /// Write ة as ه.
    #[arg(long)]
    teh_marbuta_to_heh: bool,
    /// Keep Arabic ي ى ك instead of Persian ی ک.
    #[arg(long)]
    no_persian_letters: bool,
    /// Keep Arabic presentation forms and ligatures.
    #[arg(long)]
    no_presentation_forms: bool,
    /// Keep tatweel (ـ).
    #[arg(long)]
    keep_tatweel: bool,
    /// Keep invisible controls (ZWJ, BOM, LRM/RLM…).
    #[arg(long)]
    keep_controls: bool,
    /// Leave whitespace as it is.
    #[arg(long)]
    no_whitespace: bool,
    /// Leave spacing around punctuation as it is.
    #[arg(long)]
    no_punctuation_spacing: bool,
    /// Keep redundant ZWNJs.
    #[arg(long)]
    no_zwnj_cleanup: bool,
    /// Also remove ZWNJs after non-joining letters (ا د ذ ر ز ژ و).
    #[arg(long)]
    drop_zwnj_after_non_joining: bool,
    /// Do not join spaced affixes (`می شود`).
    #[arg(long)]
    no_join_affixes: bool,
    /// Do not restore stripped ZWNJs and lost spaces.
    #[arg(long)]
    no_restore: bool,
}

impl Args {
    fn config(&self) -> Config {
        Config {
            persian_letters: !self.no_persian_letters,
            presentation_forms: !self.no_presentation_forms,
            remove_tatweel: !self.keep_tatweel,
            remove_controls: !self.keep_controls,
            digits: match self.digits {
                DigitsArg::Keep => Digits::Keep,
                DigitsArg::Persian => Digits::Persian,
                DigitsArg::Ascii => Digits::Ascii,
            },
            diacritics: if self.keep_diacritics {
                Diacritics::Keep
            } else {
                Diacritics::Strip
            },
            heh_yeh: match self.heh_yeh {
                HehYehArg::Keep => HehYeh::Keep,
                HehYehArg::HehZwnjYeh => HehYeh::HehZwnjYeh,
                HehYehArg::Heh => HehYeh::Heh,
            },
            teh_marbuta: if self.teh_marbuta_to_heh {
                TehMarbuta::Heh
            } else {
                TehMarbuta::Keep
            },
            whitespace: !self.no_whitespace,
            punctuation_spacing: !self.no_punctuation_spacing,
            zwnj_cleanup: !self.no_zwnj_cleanup,
            zwnj_after_non_joining: !self.drop_zwnj_after_non_joining,
            join_affixes: !self.no_join_affixes,
            restore_zwnj: !self.no_restore,
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = args.config();
    let mut input: Box<dyn BufRead> = match &args.file {
        Some(path) => Box::new(std::io::BufReader::new(
            std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?,
        )),
        None => Box::new(std::io::stdin().lock()),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut raw = Vec::new();
    loop {
        raw.clear();
        if input.read_until(b'\n', &mut raw)? == 0 {
            break;
        }
        let line = String::from_utf8_lossy(&raw);
        let line = line.strip_suffix('\n').unwrap_or(&line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        writeln!(out, "{}", goftar::normalize::normalize(line, &config).text)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
