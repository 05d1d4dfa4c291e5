use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: LexiconCommand,
}

#[derive(Debug, clap::Subcommand)]
enum LexiconCommand {
    /// Rebuild the normalizer's lexicon and the topics' background table from the shared data
    /// (lexicons and news) into the source tree, where the build embeds them.
    Build {
        /// The shared data folder (holding lexicons/ and news/).
        #[arg(long, default_value = "../shared/data")]
        shared: PathBuf,
        /// The crate's source folder.
        #[arg(long, default_value = "src")]
        src: PathBuf,
    },
    /// Prints what the embedded lexicon knows about each word (ZWNJs ignored): the preferred
    /// ZWNJ spelling, the frequency buckets of both spellings, and the flags.
    Show {
        /// Words to look up.
        words: Vec<String>,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        LexiconCommand::Build { shared, src } => {
            if !shared.join("lexicons").is_dir() {
                return Ok(super::usage_error(format!(
                    "{} has no lexicons/ folder; pass --shared PATH/TO/shared/data",
                    shared.display()
                )));
            }
            goftar::normalize::build_lexicon(&shared, &src.join("normalize/data"))?;
            goftar::topics::build_background(&shared, &src.join("topics/data"))?;
            eprintln!("goftar: lexicons rebuilt under {}", src.display());
            Ok(ExitCode::SUCCESS)
        }
        LexiconCommand::Show { words } => {
            use goftar::normalize::lexicon::{self, Entry};
            const FLAGS: [(u8, &str); 6] = [
                (lexicon::PRESENT_STEM, "present-stem"),
                (lexicon::PAST_STEM, "past-stem"),
                (lexicon::LISTED, "listed"),
                (lexicon::SPACED_JOIN, "spaced-join"),
                (lexicon::COMPOUND_TAIL, "compound-tail"),
                (lexicon::STOPWORD, "stopword"),
            ];
            for word in &words {
                let skeleton: String = word.chars().filter(|&c| c != '\u{200C}').collect();
                match lexicon::lexicon().get(&skeleton) {
                    None => println!("{word}\tunknown"),
                    Some(entry) => {
                        let spelled: String = skeleton
                            .chars()
                            .enumerate()
                            .flat_map(|(i, c)| {
                                let cut = i < 32 && entry.zwnj_mask() & (1 << i) != 0;
                                cut.then_some('\u{200C}').into_iter().chain([c])
                            })
                            .collect();
                        let flags: Vec<&str> = FLAGS
                            .iter()
                            .filter(|(flag, _)| entry.has(*flag))
                            .map(|(_, name)| *name)
                            .collect();
                        println!(
                            "{word}\t{spelled}\tzwnj {}\tglued {}\t{}",
                            entry.zwnj_bucket(),
                            Entry::glued_bucket(entry),
                            flags.join(",")
                        );
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
