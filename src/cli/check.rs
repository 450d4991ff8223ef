//! `gloss check`: validate articles and the store, exit 1 on errors.
//!
//! Errors: unreadable articles (skipped by the scan or failing to load) and store files
//! that do not parse. Orphaned annotations are listed as warnings: they are kept on
//! purpose and shown to the user, so they do not fail the check. A bad config is reported
//! by `main` before this runs.

use std::path::Path;
use std::process::ExitCode;

use super::Context;
use crate::annotation::Store;
use crate::article;

/// Validates config, articles and store; exit 1 when there are errors.
pub fn run(ctx: &Context, path: &Path) -> anyhow::Result<ExitCode> {
    let mut errors = 0usize;
    let mut warnings = 0usize;
    if !path.exists() {
        eprintln!("error: {}: no such file or folder", path.display());
        return Ok(ExitCode::from(1));
    }
    let scan = article::scan(path);
    for (p, why) in &scan.skipped {
        eprintln!("error: {}: {why}", p.display());
        errors += 1;
    }
    let store = Store::open_for_reading(&ctx.data_dir);
    let (files, bad) = store.read_all();
    for e in &bad {
        eprintln!("error: {e}");
        errors += 1;
    }
    let mut articles = scan.files;
    articles.sort();
    for p in &articles {
        let art = match article::load(p) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("error: {e}");
                errors += 1;
                continue;
            }
        };
        for w in &art.warnings {
            eprintln!("warning: {}: {w}", p.display());
            warnings += 1;
        }
        // Unparsable store files were reported above.
        let Ok(record) = store.load_record(p, &art.meta.title, &art.body()) else {
            continue;
        };
        for a in record.annotations.iter().filter(|a| a.orphaned) {
            eprintln!(
                "warning: {}: orphaned annotation {:?} ({}), last at {}..{}",
                p.display(),
                a.text,
                a.label,
                a.start,
                a.end
            );
            warnings += 1;
        }
    }
    println!(
        "checked {} articles and {} store files: {errors} errors, {warnings} warnings",
        articles.len(),
        files.len() + bad.len()
    );
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
