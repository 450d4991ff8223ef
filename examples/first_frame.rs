//! Prints how long the interactive TUI takes to show its first frame with the article list
//! of a folder (scan done, metadata still loading in the background), and how long until the
//! list is complete. The same App, runner and drawing as the terminal, on a TestBackend.
//!
//! ```sh
//! cargo run --release --example first_frame -- FOLDER [--data-dir DIR]
//! ```

use std::path::PathBuf;
use std::time::Instant;

use gloss::config::Config;
use gloss::tui::app::{App, Msg, update};
use gloss::tui::headless::{screen, settle};
use gloss::tui::runner::Runner;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: first_frame FOLDER [--data-dir DIR]");
        std::process::exit(2);
    };
    let data = match (args.next().as_deref(), args.next()) {
        (Some("--data-dir"), Some(d)) => PathBuf::from(d),
        _ => std::env::temp_dir().join("gloss-first-frame"),
    };
    let t = Instant::now();
    let cfg = Config::default_config();
    let mut app = App::new(cfg.clone(), root.clone(), root.is_file());
    let mut runner = Runner::new(&cfg, &data);
    update(&mut app, Msg::Resize(120, 40));
    runner.start(&root);
    while !app.library.scanned {
        let Some(msg) = runner.next(true) else { break };
        for fx in update(&mut app, msg) {
            runner.run(fx);
        }
    }
    let _ = screen(&app);
    let first = t.elapsed();
    settle(&mut app, &mut runner);
    let _ = screen(&app);
    println!(
        "first frame with the list of {} articles: {:.1} ms; list complete: {:.1} ms",
        app.library.items.len(),
        first.as_secs_f64() * 1000.0,
        t.elapsed().as_secs_f64() * 1000.0
    );
}
