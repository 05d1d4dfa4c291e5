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
    }
}
