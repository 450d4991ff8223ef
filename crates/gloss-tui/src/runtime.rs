//! The interactive event loop: terminal events and background results in, redraws out.

use std::io;
use std::path::Path;
use std::time::Duration;

use crossterm::event::{self, Event};
use ratatui::DefaultTerminal;

use gloss_core::config::Config;

use super::app::{App, Msg, update};
use super::runner::Runner;
use super::{terminal, ui};

/// Runs the TUI on `root` until the user quits.
pub fn run(config: &Config, data_dir: &Path, root: &Path) -> io::Result<()> {
    let mut term = terminal::init()?;
    let res = event_loop(&mut term, config, data_dir, root);
    terminal::restore();
    res
}

fn handle(app: &mut App, runner: &mut Runner, msg: Msg) {
    for fx in update(app, msg) {
        runner.run(fx);
    }
    // Results of writes (saved / error) are shown before the next key is read.
    while let Some(m) = runner.next(false) {
        for fx in update(app, m) {
            runner.run(fx);
        }
    }
}

fn event_loop(
    term: &mut DefaultTerminal,
    config: &Config,
    data_dir: &Path,
    root: &Path,
) -> io::Result<()> {
    let mut app = App::new(config.clone(), root.to_path_buf(), root.is_file());
    let mut runner = Runner::new(config, data_dir);
    let size = term.size()?;
    update(&mut app, Msg::Resize(size.width, size.height));
    runner.start(root);
    let mut dirty = true;
    while !app.quit {
        while let Some(m) = runner.next(false) {
            handle(&mut app, &mut runner, m);
            dirty = true;
        }
        if dirty {
            term.draw(|f| ui::draw(f, &app))?;
            dirty = false;
        }
        if event::poll(Duration::from_millis(40))? {
            let msg = match event::read()? {
                Event::Key(k) => Some(Msg::Key(k)),
                Event::Mouse(m) => Some(Msg::Mouse(m)),
                Event::Resize(w, h) => Some(Msg::Resize(w, h)),
                _ => None,
            };
            if let Some(msg) = msg {
                handle(&mut app, &mut runner, msg);
                dirty = true;
            }
        }
    }
    Ok(())
}
