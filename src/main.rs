//! The `gloss` binary: command-line parsing and dispatch only.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use gloss::cli::{self, Context, CorpusFormat, ExportFormat, ShowFormat, SuggestFormat};
use gloss::config;

/// A terminal news reader for people who annotate what they read.
#[derive(Debug, Parser)]
#[command(
    name = "gloss",
    version,
    about,
    subcommand_precedence_over_arg = true,
    after_help = "With no command, gloss opens the reader on PATH; press ? in it for every key.\n\
                  Exit status: 0 ok, 1 an error (the message names the file), 2 bad usage."
)]
struct Cli {
    /// Config file (default: config.toml in the platform config dir).
    #[arg(
        long,
        global = true,
        env = "GLOSS_CONFIG",
        hide_env_values = true,
        value_name = "FILE"
    )]
    config: Option<PathBuf>,
    /// Where annotations are stored (default: the platform data dir).
    #[arg(
        long,
        global = true,
        env = "GLOSS_DATA_DIR",
        hide_env_values = true,
        value_name = "DIR"
    )]
    data_dir: Option<PathBuf>,
    /// A folder of articles or one article (default: articles_dir from config, else
    /// assets/articles).
    path: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the TUI without a terminal: replay keys, print the final screen as text.
    Render {
        /// A folder of articles or one article (default: as for gloss).
        path: Option<PathBuf>,
        /// Screen size, WIDTHxHEIGHT.
        #[arg(long, default_value = "100x30", value_parser = parse_size)]
        size: (u16, u16),
        /// Keys to replay, typed as a user would, in vim notation: `jj<Tab>a<C-r><Esc>`
        /// (`<lt>` for a literal `<`).
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        keys: String,
    },
    /// Print an article as gloss parsed it.
    Show {
        /// The article file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: ShowFormat,
    },
    /// Print the entities and claims gloss finds, with char offsets into the body.
    Suggest {
        /// Article files; `-` reads stdin.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: SuggestFormat,
        /// Take the input as read as the body (no header detection, no reflow).
        #[arg(long)]
        raw: bool,
    },
    /// Export saved annotations (TOML to stdout by default).
    Export {
        /// A folder of articles or one article (default: as for gloss).
        path: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: ExportFormat,
        /// Write to FILE instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Include rejected suggestions.
        #[arg(long)]
        all: bool,
    },
    /// Merge an exported TOML file into the store (by id).
    Import {
        /// The exported TOML file.
        file: PathBuf,
    },
    /// Validate config, articles and store; exit 1 on errors.
    Check {
        /// A folder of articles or one article (default: as for gloss).
        path: Option<PathBuf>,
    },
    /// Articles matching a full-text query, newest first, with a snippet.
    Search {
        /// Words that must all occur (any form: `Russland` finds `Russlands`; case and
        /// diacritics do not matter); `"quoted words"` as a phrase.
        query: String,
        /// A folder of articles or one article (default: as for gloss).
        path: Option<PathBuf>,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: CorpusFormat,
    },
    /// Every entity of the corpus with its article and mention counts.
    Entities {
        /// A folder of articles or one article (default: as for gloss).
        path: Option<PathBuf>,
        /// Only entities of this type (`PER`, `LOC`, `ORG`, `MISC`, …).
        #[arg(long = "type", value_name = "T")]
        label: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: CorpusFormat,
    },
    /// Claims across the corpus, newest first.
    Claims {
        /// A folder of articles or one article (default: as for gloss).
        path: Option<PathBuf>,
        /// Only claims whose speaker contains NAME (case-insensitive).
        #[arg(long, value_name = "NAME")]
        speaker: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: CorpusFormat,
    },
}

fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("{s:?}: expected WIDTHxHEIGHT, like 100x30"))?;
    let w: u16 = w
        .trim()
        .parse()
        .map_err(|_| format!("{w:?}: not a width"))?;
    let h: u16 = h
        .trim()
        .parse()
        .map_err(|_| format!("{h:?}: not a height"))?;
    if w == 0 || h == 0 {
        return Err("width and height must be at least 1".into());
    }
    Ok((w, h))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gloss: {}", cli::error_line(&e));
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let is_check = matches!(cli.command, Some(Command::Check { .. }));
    let config = match gloss_tui::config_check::load(cli.config.as_deref()) {
        Ok(c) => c,
        // `check` reports a broken config among everything else instead of stopping.
        Err(e) if is_check => {
            eprintln!("error: {}", cli::safe_line(&e.to_string()));
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e).context("invalid config"),
    };
    let ctx = Context {
        config,
        data_dir: cli.data_dir.unwrap_or_else(config::default_data_dir),
    };
    match cli.command {
        None => cli::tui::run(&ctx, &ctx.articles_or_default(cli.path.as_deref())),
        Some(Command::Render { path, size, keys }) => cli::render::run(
            &ctx,
            &ctx.articles_or_default(path.as_deref()),
            size.0,
            size.1,
            &keys,
        ),
        Some(Command::Show { file, format }) => cli::show::run(&ctx, &file, format),
        Some(Command::Suggest { files, format, raw }) => {
            cli::suggest::run(&ctx, &files, format, raw)
        }
        Some(Command::Export {
            path,
            format,
            output,
            all,
        }) => cli::export::run(
            &ctx,
            &ctx.articles_or_default(path.as_deref()),
            format,
            output.as_deref(),
            all,
        ),
        Some(Command::Import { file }) => cli::import::run(&ctx, &file),
        Some(Command::Check { path }) => {
            cli::check::run(&ctx, &ctx.articles_or_default(path.as_deref()))
        }
        Some(Command::Search {
            query,
            path,
            limit,
            format,
        }) => cli::corpus::search(
            &ctx,
            &query,
            &ctx.articles_or_default(path.as_deref()),
            limit,
            format,
        ),
        Some(Command::Entities {
            path,
            label,
            format,
        }) => cli::corpus::entities(
            &ctx,
            &ctx.articles_or_default(path.as_deref()),
            label.as_deref(),
            format,
        ),
        Some(Command::Claims {
            path,
            speaker,
            format,
        }) => cli::corpus::claims(
            &ctx,
            &ctx.articles_or_default(path.as_deref()),
            speaker.as_deref(),
            format,
        ),
    }
}
