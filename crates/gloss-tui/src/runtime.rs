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

/// Runs the TUI on `root` in the terminal until the user quits; returns the number of
/// changes left unsaved (the user quit without them after the warning).
pub fn run(config: &Config, data_dir: &Path, root: &Path) -> io::Result<usize> {
    run_noted(config, data_dir, root, None)
}

/// [`run`], with a first message for the status bar (what the command line did before
/// the TUI started, such as writing the sample articles).
pub fn run_noted(
    config: &Config,
    data_dir: &Path,
    root: &Path,
    note: Option<String>,
) -> io::Result<usize> {
    let mut term = terminal::init()?;
    let res = run_on_noted(
        &mut term,
        config,
        data_dir,
        root,
        &mut TerminalInput,
        Stamps::System,
        Start { note, live: true },
    );
    terminal::restore();
    res.map(|app| app.unsaved())
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
    run_on_noted(
        term,
        config,
        data_dir,
        root,
        input,
        stamps,
        Start::default(),
    )
}

/// How a run starts, beyond what it opens.
#[derive(Debug, Clone, Default)]
pub struct Start {
    /// A first message for the status bar (see [`run_noted`]).
    pub note: Option<String>,
    /// A real terminal is in front: URLs are opened, the clipboard written (see
    /// [`Runner::live`]).
    pub live: bool,
}

/// [`run_on`], started as `start` says.
pub fn run_on_noted<B: Backend>(
    term: &mut Terminal<B>,
    config: &Config,
    data_dir: &Path,
    root: &Path,
    input: &mut impl Input,
    stamps: Stamps,
    start: Start,
) -> io::Result<App> {
    let mut app = App::new(config.clone(), root.to_path_buf(), root.is_file());
    app.note = start.note.map(|text| crate::app::Note {
        text,
        error: false,
        names_file: true,
    });
    // The corpus index is kept current in the background only in front of a real
    // terminal: replays and screen tests must not depend on how far it got.
    let mut runner = Runner::new(config, data_dir)
        .with_stamps(stamps.clone())
        .with_background_index(start.live);
    if start.live {
        runner = runner.live();
    }
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
        // Read-only because another gloss held the store: maybe it has quit. Tried before
        // each input (one non-blocking lock call), and the change is taken in before the
        // next key, so that key already finds the store writable.
        if app.store_read_only.is_some() && runner.idle() && runner.retry_lock() {
            continue;
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
