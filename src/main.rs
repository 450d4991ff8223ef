//! The `gloss` binary: command-line parsing and dispatch only.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{CommandFactory as _, Parser, Subcommand};

use gloss::cli::{
    self, AgreeFormat, Context, CorpusFormat, ExportFormat, ShowFormat, SuggestFormat,
};
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
    /// <data dir>/articles, where the sample articles are written on first start).
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
    /// How far two annotators' stores agree: per label P/R/F1, kappa, claims, disagreements.
    Agree {
        /// A's store: a data dir or its annotations folder.
        store_a: PathBuf,
        /// B's store.
        store_b: PathBuf,
        /// Compare only the articles under PATH (default: all both stores hold; bodies
        /// for kappa from articles_dir, else assets/articles).
        path: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: AgreeFormat,
        /// Also write each disagreement into STORE_A (a data dir) as a conflict to review:
        /// B's version beside yours, flagged, for the TUI's review (R).
        #[arg(long)]
        review: bool,
    },
    /// Commit the store's changes, pull (merging with the merge driver) and push, in the
    /// data dir's git repository.
    Sync,
    /// git's merge driver for store files: merges by annotation id, keeps both versions of
    /// a conflicting one flagged for review. `--install` sets it up for the data dir.
    MergeDriver {
        /// Set the driver up for the data dir's git repository.
        #[arg(long, conflicts_with_all = ["base", "ours", "theirs"])]
        install: bool,
        /// The common ancestor (git's %O).
        #[arg(required_unless_present = "install")]
        base: Option<PathBuf>,
        /// Our version, overwritten with the result (git's %A).
        #[arg(required_unless_present = "install")]
        ours: Option<PathBuf>,
        /// Their version (git's %B).
        #[arg(required_unless_present = "install")]
        theirs: Option<PathBuf>,
        /// The file's path in the repository (git's %P), for messages.
        name: Option<String>,
    },
    /// Validate config, articles and store; exit 1 on errors.
    Check {
        /// A folder of articles or one article (default: as for gloss).
        path: Option<PathBuf>,
    },
    /// Print a completion script for a shell: `gloss completions bash > ~/.local/share/bash-completion/completions/gloss`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), made from these same definitions: `gloss man > gloss.1`.
    Man,
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
    // A failing disk for tests of the real binary (CI runs as root, whom chmod does not stop).
    if let Ok(spec) = std::env::var("GLOSS_INJECT_FAULT") {
        gloss::annotation::file::inject_fault_spec(&spec)
            .map_err(|e| anyhow::anyhow!("GLOSS_INJECT_FAULT: {e}"))?;
    }
    // These describe the command line itself: no config, no data dir.
    match cli.command {
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "gloss", &mut out);
            cli::write_stdout(&String::from_utf8_lossy(&out))?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .context("cannot render the man page")?;
            cli::write_stdout(&String::from_utf8_lossy(&out))?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
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
        None => {
            let (path, note) = ctx.articles_to_open(cli.path.as_deref())?;
            cli::tui::run(&ctx, &path, note)
        }
        Some(Command::Render { path, size, keys }) => {
            let (path, note) = ctx.articles_to_open(path.as_deref())?;
            cli::render::run(&ctx, &path, size.0, size.1, &keys, note)
        }
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
        Some(Command::Agree {
            store_a,
            store_b,
            path,
            format,
            review,
        }) => cli::agree::run(&ctx, &store_a, &store_b, path.as_deref(), format, review),
        Some(Command::Sync) => cli::sync::run(&ctx),
        Some(Command::MergeDriver {
            install,
            base,
            ours,
            theirs,
            name,
        }) => match (install, base, ours, theirs) {
            (false, Some(b), Some(o), Some(t)) => {
                cli::merge_driver::run(&b, &o, &t, name.as_deref())
            }
            _ => cli::merge_driver::install(&ctx),
        },
        Some(Command::Check { path }) => {
            cli::check::run(&ctx, &ctx.articles_or_default(path.as_deref()))
        }
        Some(Command::Completions { .. } | Command::Man) => Ok(ExitCode::SUCCESS),
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
