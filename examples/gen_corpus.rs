//! Writes a deterministic corpus of realistic-shaped news articles for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --out /tmp/corpus --n 10000 [--seed 1]
//!     [--big 2] [--annotations 10000 --data-dir /tmp/data] [--news]
//! ```
//!
//! `--news`: every article 2–8 KB (uniform), as news is (the index's targets).
//!
//! Articles come in the three formats (seed-layout `.txt`, `+++` front-matter `.txt`, `.md`
//! with front matter, `.html` pages with navigation and footer), German and English, sized
//! log-uniformly from 1 KB to 200 KB, plus `--big` articles of 10 MB; each is full of named
//! people, places, organisations, figures and attributed statements. `--annotations M`
//! also writes a store holding M annotations spread over the articles.
//!
//! The same seed always gives the same files, so runs on different days compare.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn write_store(data_dir: &Path, articles: &[PathBuf], n: usize) -> anyhow::Result<()> {
    use gloss::annotation::{Annotation, ArticleRecord, Kind, Origin, Status, Store};
    let store = Store::open(data_dir).with_context(|| format!("{}", data_dir.display()))?;
    let per = n.div_ceil(articles.len().max(1));
    let mut left = n;
    for path in articles {
        if left == 0 {
            break;
        }
        let art = gloss::article::load(path)?;
        let body = art.body();
        let words: Vec<(usize, usize)> = {
            let mut v = Vec::new();
            let mut start = None;
            for (i, c) in body.chars().enumerate() {
                match (c.is_alphabetic(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        v.push((s, i));
                        start = None;
                    }
                    _ => {}
                }
            }
            v
        };
        let mut annotations = Vec::new();
        for k in 0..per.min(left).min(words.len()) {
            let (s, e) = words[k * words.len() / per.min(words.len()).max(1)];
            let mut a = Annotation::new(&body, Kind::Entity, "MISC", s, e, Origin::Manual);
            a.status = Status::Accepted;
            a.tags = vec!["bench".into()];
            annotations.push(a);
        }
        left -= annotations.len();
        let record = ArticleRecord {
            path: path.clone(),
            title: art.meta.title.clone(),
            sha256: String::new(),
            annotations,
        };
        store.save(&record)?;
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let mut out = None;
    let (mut n, mut seed, mut big, mut annotations, mut data_dir) =
        (1000usize, 1u64, 0usize, 0usize, None);
    let mut news = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().with_context(|| format!("{a} needs a value"));
        match a.as_str() {
            "--out" => out = Some(PathBuf::from(val()?)),
            "--n" => n = val()?.parse()?,
            "--seed" => seed = val()?.parse()?,
            "--big" => big = val()?.parse()?,
            "--annotations" => annotations = val()?.parse()?,
            "--data-dir" => data_dir = Some(PathBuf::from(val()?)),
            "--news" => news = true,
            _ => bail!("unknown argument {a}; see the doc comment of examples/gen_corpus.rs"),
        }
    }
    let out = out.context("--out DIR is required")?;
    let paths = if news {
        corpus::generate_news(&out, n, seed)?
    } else {
        corpus::generate(&out, n, big, seed)?
    };
    if annotations > 0 {
        let dd = data_dir.context("--annotations needs --data-dir")?;
        write_store(&dd, &paths, annotations)?;
    }
    eprintln!("wrote {} articles to {}", paths.len(), out.display());
    Ok(())
}
