//! Times queries on an index already built (by `gloss search`/`entities` on the folder):
//! the median of 21 runs of each query, the query alone (no update of the index first).
//!
//! ```sh
//! cargo run --release --example index_query -- DATA_DIR FOLDER 'Merkel' 'Bundesregierung Berlin Haushalt'
//! ```

use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(args.next().unwrap_or_default());
    let root = gloss::index::canonical(&PathBuf::from(args.next().unwrap_or_default()));
    let index = gloss::index::Index::open(&data);
    let limit: usize = std::env::var("LIMIT")
        .ok()
        .and_then(|l| l.parse().ok())
        .unwrap_or(100);
    for q in args {
        let mut times = Vec::new();
        let mut n = 0;
        for _ in 0..21 {
            let t = Instant::now();
            n = index.search(&root, &q, limit)?.len();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{q:?}: {n} results, median {:.2} ms",
            times[times.len() / 2]
        );
    }
    Ok(())
}
