//! `gloss suggest`: the entities and claims gloss finds, with char offsets into the body.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use serde::Serialize;

use super::{Context, SuggestFormat};
use gloss_core::analysis::{
    AnalysisOptions, Analyzer, ClaimSuggestion, EntitySuggestion, Learned, Suggestions,
};
use gloss_core::article::{self, Lang};
use gloss_core::text::Body;

/// One article's suggestions, as printed.
#[derive(Debug, Serialize)]
struct ArticleOut {
    path: String,
    title: String,
    lang: Lang,
    entities: Vec<EntitySuggestion>,
    claims: Vec<ClaimSuggestion>,
}

#[derive(Debug, Serialize)]
struct Output {
    articles: Vec<ArticleOut>,
}

/// Prints the entities and claims found in each file (`-` is stdin).
pub fn run(
    ctx: &Context,
    files: &[PathBuf],
    format: SuggestFormat,
    raw: bool,
) -> anyhow::Result<ExitCode> {
    let analyzer = Analyzer::new(AnalysisOptions::from_config(&ctx.config));
    let forced = ctx.config.language.forced();
    let mut articles = Vec::with_capacity(files.len());
    for path in files {
        let (title, body, detected) = read_body(path, raw)?;
        // The article's own language (front matter, else the shared detector), as the TUI
        // reads it; raw input and stdin go through the same detector.
        let lang = forced
            .or(detected)
            .unwrap_or_else(|| analyzer.detect_lang(&body));
        let body = Body::new(body, lang);
        let Suggestions { entities, claims } = analyzer.suggest_body(&body, &Learned::default());
        articles.push(ArticleOut {
            path: path.display().to_string(),
            title,
            lang,
            entities,
            claims,
        });
    }
    let out = Output { articles };
    // Written as it is serialised: a 10 MB article's JSON is 50 MB, and building it as
    // one string first cost its copies and a tenth of the run.
    let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match format {
        SuggestFormat::Json => serde_json::to_writer_pretty(&mut w, &out)
            .map_err(std::io::Error::from)
            .and_then(|()| w.write_all(b"\n")),
        // TOML has no null: a claim without a speaker simply has no `speaker` key.
        SuggestFormat::Toml => {
            let text = toml::to_string(&out).context("cannot write TOML")?;
            w.write_all(text.as_bytes())
        }
    }
    .and_then(|()| w.flush());
    // A closed pipe (`gloss suggest … | head`) is not an error worth reporting.
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(e).context("cannot write to stdout");
    }
    Ok(ExitCode::SUCCESS)
}

/// The title and body of one input: parsed as an article, or as read with `--raw` and
/// for stdin.
fn read_body(path: &Path, raw: bool) -> anyhow::Result<(String, String, Option<Lang>)> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("stdin: cannot read")?;
        return Ok((
            "-".into(),
            String::from_utf8_lossy(&bytes).into_owned(),
            None,
        ));
    }
    if raw {
        let bytes =
            std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
        let title = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Ok((title, String::from_utf8_lossy(&bytes).into_owned(), None));
    }
    let art = article::load(path)?;
    Ok((art.meta.title.clone(), art.body(), Some(art.meta.lang)))
}
