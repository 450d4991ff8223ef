//! The event loop: input and background results in, redraws out. One loop serves the
//! terminal and the headless renderer (a script of keys on a `TestBackend`), so `gloss
//! render` lays out and draws between keys exactly as the terminal does.

use std::io;
use std::path::Path;
use std::time::Duration;

use crossterm::event::{self, Event};
use ratatui::Terminal;
use ratatui::backend::Backend;

use gloss_core::config::Config;

use super::app::{App, Msg, update};
use super::runner::{Runner, Stamps};
use super::{terminal, ui};

/// What an input source has for the loop.
#[derive(Debug)]
pub enum Polled {
    /// An event to handle.
    Event(Event),
    /// Nothing came within the timeout.
    Nothing,
    /// The next input waits until background work is done: a script types its next key
    /// once the screen has settled, as a person waits for an article to open.
    NotYet,
    /// No more input: the loop ends.
    End,
}

/// Where input comes from: the terminal, or a script.
pub trait Input {
    /// The next input, waiting up to `timeout`; `idle` says that no background work is
    /// running and no result is waiting.
    fn poll(&mut self, timeout: Duration, idle: bool) -> io::Result<Polled>;
}

/// The terminal's events, as they come.
#[derive(Debug, Default)]
pub struct TerminalInput;

impl Input for TerminalInput {
    fn poll(&mut self, timeout: Duration, _idle: bool) -> io::Result<Polled> {
        if event::poll(timeout)? {
            Ok(Polled::Event(event::read()?))
        } else {
            Ok(Polled::Nothing)
        }
    }
}

/// A script of events, each given once all background work is done.
#[derive(Debug)]
pub struct Script(std::collections::VecDeque<Event>);

impl Script {
    /// A script of these events, in order.
    pub fn new(events: impl IntoIterator<Item = Event>) -> Script {
        Script(events.into_iter().collect())
    }
}

impl Input for Script {
    fn poll(&mut self, _timeout: Duration, idle: bool) -> io::Result<Polled> {
        if !idle {
            return Ok(Polled::NotYet);
        }
        Ok(self.0.pop_front().map_or(Polled::End, Polled::Event))
    }
}

/// Runs the TUI on `root` in the terminal until the user quits.
pub fn run(config: &Config, data_dir: &Path, root: &Path) -> io::Result<()> {
    let mut term = terminal::init()?;
    let res = run_loop(
        &mut term,
        config,
        data_dir,
        root,
        &mut TerminalInput,
        Stamps::System,
        true,
    );
    terminal::restore();
    res.map(|_| ())
}

/// Runs the TUI on `root` drawing to `term` until the user quits or `input` ends, and
/// returns the final state. Each input, and each article's suggestions, is stamped by
/// `stamps` (the time and the seed of fresh ids), so a replay with the same stamps makes
/// the same store.
pub fn run_on<B: Backend>(
    term: &mut Terminal<B>,
    config: &Config,
    data_dir: &Path,
    root: &Path,
    input: &mut impl Input,
    stamps: Stamps,
) -> io::Result<App> {
    run_loop(term, config, data_dir, root, input, stamps, false)
}

/// [`run_on`], with the corpus index kept current in the background when `index` is set
/// (the real terminal; replays and screen tests leave it out so their screens do not
/// depend on how far it got).
fn run_loop<B: Backend>(
    term: &mut Terminal<B>,
    config: &Config,
    data_dir: &Path,
    root: &Path,
    input: &mut impl Input,
    stamps: Stamps,
    index: bool,
) -> io::Result<App> {
    let mut app = App::new(config.clone(), root.to_path_buf(), root.is_file());
    let mut runner = Runner::new(config, data_dir)
        .with_stamps(stamps.clone())
        .with_background_index(index);
    let size = term.size().map_err(backend_error)?;
    // Never the fixed stamp a fresh App holds, even for steps no input starts.
    update(&mut app, Msg::Stamp(stamps.stamp()));
    update(&mut app, Msg::Resize(size.width, size.height));
    runner.start(root);
    let mut dirty = true;
    while !app.quit {
        while let Some(m) = runner.next(false) {
            handle(&mut app, &mut runner, m);
            dirty = true;
        }
        if dirty {
            term.draw(|f| ui::draw(f, &app)).map_err(backend_error)?;
            dirty = false;
        }
        match input.poll(Duration::from_millis(40), runner.idle())? {
            Polled::Event(ev) => {
                let msg = match ev {
                    Event::Key(k) => Some(Msg::Key(k)),
                    Event::Mouse(m) => Some(Msg::Mouse(m)),
                    Event::Resize(w, h) => Some(Msg::Resize(w, h)),
                    _ => None,
                };
                if let Some(msg) = msg {
                    update(&mut app, Msg::Stamp(stamps.stamp()));
                    handle(&mut app, &mut runner, msg);
                    dirty = true;
                }
            }
            Polled::Nothing => {}
            Polled::NotYet => {
                if let Some(m) = runner.next(true) {
                    handle(&mut app, &mut runner, m);
                    dirty = true;
                }
            }
            Polled::End => break,
        }
    }
    if dirty {
        term.draw(|f| ui::draw(f, &app)).map_err(backend_error)?;
    }
    Ok(app)
}

fn backend_error(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

/// Updates with one message, runs its effects and takes in the results that are ready.
pub(crate) fn handle(app: &mut App, runner: &mut Runner, msg: Msg) {
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
