//! The corpus commands: `gloss search`, `gloss entities`, `gloss claims`. Each brings the
//! index under `<data dir>/index/` up to date with the folder first (only changed files
//! are read), then answers from it.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use serde::Serialize;

use super::{Context, CorpusFormat, safe_line};
use gloss_core::analysis::{AnalysisOptions, Analyzer};
use gloss_core::annotation::Store;
use gloss_index::{Index, IndexError, canonical};

/// The index, current for the articles under `path`, and how to name its paths as the
/// user gave them.
struct Corpus {
    index: Index,
    root: PathBuf,
    canon_root: PathBuf,
}

impl Corpus {
    fn open(ctx: &Context, path: &Path) -> anyhow::Result<Corpus> {
        if !path.exists() {
            anyhow::bail!("{}: no such file or folder", path.display());
        }
        let mut index = Index::open(&ctx.data_dir);
        let analyzer = Analyzer::new(AnalysisOptions::from_config(&ctx.config));
        // Only reads the store: no lock, so it works while a gloss is open on it.
        let store = Store::open_for_reading(&ctx.data_dir);
        let forced = ctx.config.language.forced();
        let tty = std::io::stderr().is_terminal();
        let mut progress = |p: gloss_index::Progress| {
            if tty && p.total > 0 && p.done < p.total {
                eprint!("\rindexing {}/{} articles…", p.done, p.total);
            }
        };
        let mut result = index.update(path, &analyzer, &store, forced, &mut progress);
        if let Err(e) = &result {
            let notice = fallback_notice(&index, e);
            if e.is_corrupt() {
                index.rebuild_after(e);
            } else {
                index = Index::temporary(notice);
            }
            result = index.update(path, &analyzer, &store, forced, &mut progress);
        }
        if tty {
            eprint!("\r\x1b[K");
        }
        let stats = result.context("cannot build the index")?;
        if let Some(n) = index.notice() {
            eprintln!("{}", safe_line(&format!("note: {n}")));
        }
        for (p, why) in &stats.errors {
            eprintln!(
                "{}",
                safe_line(&format!("warning: {}: {why} (not indexed)", p.display()))
            );
        }
        Ok(Corpus {
            index,
            root: path.to_path_buf(),
            canon_root: canonical(path),
        })
    }

    /// A canonical path from the index, spelled from the folder the user gave.
    fn shown(&self, p: &Path) -> String {
        match p.strip_prefix(&self.canon_root) {
            Ok(rel) if !rel.as_os_str().is_empty() => self.root.join(rel),
            Ok(_) => self.root.clone(),
            Err(_) => p.to_path_buf(),
        }
        .display()
        .to_string()
    }
}

/// What to say when the index on disk failed mid-answer and a temporary one is used.
fn fallback_notice(index: &Index, e: &IndexError) -> String {
    let what = if e.is_busy() {
        "is busy (another gloss is writing it)".to_string()
    } else {
        format!("failed ({e})")
    };
    match index.file() {
        Some(f) => format!("index {} {what}; using a temporary index", f.display()),
        None => format!("temporary index {what}"),
    }
}

fn print(format: CorpusFormat, json: &impl Serialize, text: String) -> anyhow::Result<ExitCode> {
    let out = match format {
        CorpusFormat::Json => {
            let mut s = serde_json::to_string_pretty(json).context("cannot write JSON")?;
            s.push('\n');
            s
        }
        CorpusFormat::Text => text,
    };
    super::write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// One search result, as printed (contract fields first; `marks` added).
#[derive(Debug, Serialize)]
struct SearchOut {
    path: String,
    title: String,
    date: Option<String>,
    snippet: String,
    start: usize,
    end: usize,
    /// Char ranges of the matched words in `snippet`.
    marks: Vec<(usize, usize)>,
}

/// `gloss search QUERY [PATH]`: articles matching a full-text query, newest first.
pub fn search(
    ctx: &Context,
    query: &str,
    path: &Path,
    limit: usize,
    format: CorpusFormat,
) -> anyhow::Result<ExitCode> {
    let c = Corpus::open(ctx, path)?;
    let hits = c.index.search(&c.canon_root, query, limit)?;
    let results: Vec<SearchOut> = hits
        .into_iter()
        .map(|h| SearchOut {
            path: c.shown(&h.path),
            title: h.title,
            date: h.date,
            snippet: h.snippet,
            start: h.start,
            end: h.end,
            marks: h.marks,
        })
        .collect();
    let mut text = String::new();
    for r in &results {
        text.push_str(&safe_line(&format!(
            "{}  {}  ({}:{})",
            r.date.as_deref().unwrap_or("----------"),
            r.title,
            r.path,
            r.start
        )));
        text.push('\n');
        text.push_str("    ");
        text.push_str(&safe_line(&bracketed(&r.snippet, &r.marks)));
        text.push('\n');
    }
    #[derive(Serialize)]
    struct Out {
        results: Vec<SearchOut>,
    }
    print(format, &Out { results }, text)
}

/// `snippet` with each marked range in `[` `]`, for a terminal without colours.
fn bracketed(snippet: &str, marks: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(snippet.len() + marks.len() * 2);
    for (i, ch) in snippet.chars().enumerate() {
        if marks.iter().any(|&(s, _)| s == i) {
            out.push('[');
        }
        if marks.iter().any(|&(_, e)| e == i) {
            out.push(']');
        }
        out.push(ch);
    }
    if marks.iter().any(|&(_, e)| e == snippet.chars().count()) {
        out.push(']');
    }
    out
}

/// `gloss entities [PATH] [--type T]`: every entity with its article and mention counts.
pub fn entities(
    ctx: &Context,
    path: &Path,
    label: Option<&str>,
    format: CorpusFormat,
) -> anyhow::Result<ExitCode> {
    let c = Corpus::open(ctx, path)?;
    let entities = c.index.entities(&c.canon_root, label)?;
    let mut text = String::new();
    if !entities.is_empty() {
        text.push_str("articles  mentions  type  name\n");
    }
    for e in &entities {
        text.push_str(&safe_line(&format!(
            "{:>8}  {:>8}  {:<4}  {}",
            e.articles, e.mentions, e.label, e.canonical
        )));
        text.push('\n');
    }
    #[derive(Serialize)]
    struct Out {
        entities: Vec<gloss_index::EntityCount>,
    }
    print(format, &Out { entities }, text)
}

/// One claim, as printed (contract fields first; `cue` added).
#[derive(Debug, Serialize)]
struct ClaimOut {
    path: String,
    title: String,
    date: Option<String>,
    text: String,
    start: usize,
    end: usize,
    speaker: Option<String>,
    cue: String,
}

/// `gloss claims [PATH] [--speaker NAME]`: claims across the corpus, newest first.
pub fn claims(
    ctx: &Context,
    path: &Path,
    speaker: Option<&str>,
    format: CorpusFormat,
) -> anyhow::Result<ExitCode> {
    let c = Corpus::open(ctx, path)?;
    let claims: Vec<ClaimOut> = c
        .index
        .claims(&c.canon_root, speaker)?
        .into_iter()
        .map(|h| ClaimOut {
            path: c.shown(&h.path),
            title: h.title,
            date: h.date,
            text: h.text,
            start: h.start,
            end: h.end,
            speaker: h.speaker,
            cue: h.cue,
        })
        .collect();
    let mut text = String::new();
    for h in &claims {
        text.push_str(&safe_line(&format!(
            "{}  {}: {}  ({}:{})",
            h.date.as_deref().unwrap_or("----------"),
            h.speaker.as_deref().unwrap_or("?"),
            h.text,
            h.path,
            h.start
        )));
        text.push('\n');
    }
    #[derive(Serialize)]
    struct Out {
        claims: Vec<ClaimOut>,
    }
    print(format, &Out { claims }, text)
}
