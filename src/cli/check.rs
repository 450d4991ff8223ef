//! `gloss check`: validate articles and the store, exit 1 on errors.
//!
//! Errors: unreadable articles (skipped by the scan or failing to load) and store files
//! that do not parse. Orphaned annotations are listed as warnings: they are kept on
//! purpose and shown to the user, so they do not fail the check. A bad config is reported
//! by `main` before this runs.

use std::path::Path;
use std::process::ExitCode;

use super::{Context, safe_line};
use gloss_core::annotation::Store;
use gloss_core::article;

/// Validates config, articles and store; exit 1 when there are errors.
pub fn run(ctx: &Context, path: &Path) -> anyhow::Result<ExitCode> {
    let mut errors = 0usize;
    let mut warnings = 0usize;
    if !path.exists() {
        eprintln!(
            "{}",
            safe_line(&format!(
                "error: {}: no such file or folder",
                path.display()
            ))
        );
        return Ok(ExitCode::from(1));
    }
    let scan = article::scan(path);
    for (p, why) in &scan.skipped {
        eprintln!("{}", safe_line(&format!("error: {}: {why}", p.display())));
        errors += 1;
    }
    let store = Store::open_for_reading(&ctx.data_dir);
    store.set_root(ctx.corpus_root(path).as_deref())?;
    let (files, bad) = store.read_all();
    for e in &bad {
        eprintln!("{}", safe_line(&format!("error: {e}")));
        errors += 1;
    }
    let mut articles = scan.files;
    articles.sort();
    for p in &articles {
        let art = match article::load(p) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("{}", safe_line(&format!("error: {e}")));
                errors += 1;
                continue;
            }
        };
        for w in &art.warnings {
            eprintln!("{}", safe_line(&format!("warning: {}: {w}", p.display())));
            warnings += 1;
        }
        // Unparsable store files were reported above.
        let Ok(record) = store.load_record(
            p,
            &art.meta.title,
            &gloss_core::text::CharIndex::new(&art.body()),
        ) else {
            continue;
        };
        for a in record.annotations.iter().filter(|a| a.orphaned) {
            eprintln!(
                "{}",
                safe_line(&format!(
                    "warning: {}: orphaned annotation {:?} ({}), last at {}..{}",
                    p.display(),
                    a.text,
                    a.label,
                    a.start,
                    a.end
                ))
            );
            warnings += 1;
        }
        for a in &record.annotations {
            let Some(was) = a.changed_from.as_deref().filter(|_| !a.orphaned) else {
                continue;
            };
            eprintln!(
                "{}",
                safe_line(&format!(
                    "warning: {}: changed quote ({}) at {}..{}: annotated {:?}, now {:?}",
                    p.display(),
                    a.label,
                    a.start,
                    a.end,
                    was,
                    a.text
                ))
            );
            warnings += 1;
        }
    }
    println!(
        "checked {} and {}: {}, {}",
        plural(articles.len(), "article"),
        plural(files.len() + bad.len(), "store file"),
        plural(errors, "error"),
        plural(warnings, "warning"),
    );
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `1 error`, `2 errors`.
pub(crate) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
