//! The event loop: input and background results in, redraws out. One loop serves the
//! terminal and the headless renderer (a script of keys on a `TestBackend`), so `gloss
//! render` lays out and draws between keys exactly as the terminal does.

use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};
use ratatui::Terminal;
use ratatui::backend::Backend;

use gloss_core::config::Config;

use super::app::{App, Msg, update};
use super::runner::{Runner, Stamps};
use super::{terminal, ui};

/// How long the loop waits for input before it looks at background results again.
const POLL: Duration = Duration::from_millis(40);

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

    /// How long results of background work may wait to be drawn while more are coming
    /// (a key is drawn at once); `None`: not until the work is done, before the next input
    /// (a script, whose screen is seen between keys and at the end).
    fn frame_interval(&self) -> Option<Duration> {
        Some(FRAME_INTERVAL)
    }
}

/// The least time between two frames drawn for background results alone (60 a second):
/// a list filling in batch by batch was drawn after every batch.
pub const FRAME_INTERVAL: Duration = Duration::from_millis(16);

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

    fn frame_interval(&self) -> Option<Duration> {
        // Keys come only once the work is done: nothing drawn before is ever seen.
        None
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
    let interval = input.frame_interval();
    // `urgent`: what is undrawn includes a key's (or the first frame), drawn at once.
    let (mut dirty, mut urgent) = (true, true);
    let mut drawn: Option<Instant> = None;
    while !app.quit {
        while let Some(m) = runner.next(false) {
            handle(&mut app, &mut runner, m);
            dirty = true;
        }
        // How long the frame is put off, if it is.
        let wait = match interval {
            _ if !dirty => None,
            // A script's screen settles before its next key.
            None => (!runner.idle()).then_some(POLL),
            Some(_) if urgent => None,
            Some(every) => drawn
                .map(|at| every.saturating_sub(at.elapsed()))
                .filter(|left| !left.is_zero()),
        };
        if dirty && wait.is_none() {
            term.draw(|f| ui::draw(f, &app)).map_err(backend_error)?;
            (dirty, urgent) = (false, false);
            drawn = Some(Instant::now());
        }
        // Read-only because another gloss held the store: maybe it has quit. Tried before
        // each input (one non-blocking lock call), and the change is taken in before the
        // next key, so that key already finds the store writable.
        if app.store_read_only.is_some() && runner.idle() && runner.retry_lock() {
            continue;
        }
        // A frame put off comes when its time is up, if no input comes first.
        let timeout = wait.map_or(POLL, |w| w.min(POLL));
        match input.poll(timeout, runner.idle())? {
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
                    (dirty, urgent) = (true, true);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headless::{buffer_text, screen};
    use ratatui::backend::TestBackend;
    use std::collections::VecDeque;

    /// A script of keys (each given once the work is done) with frames of background
    /// results drawn at most every `every`, as the terminal draws them.
    struct Timed {
        keys: VecDeque<Event>,
        every: Duration,
    }

    impl Input for Timed {
        fn poll(&mut self, _timeout: Duration, idle: bool) -> io::Result<Polled> {
            if !idle {
                return Ok(Polled::NotYet);
            }
            Ok(self.keys.pop_front().map_or(Polled::End, Polled::Event))
        }

        fn frame_interval(&self) -> Option<Duration> {
            Some(self.every)
        }
    }

    /// A folder whose list comes in many batches of metadata.
    fn folder() -> (tempfile::TempDir, tempfile::TempDir) {
        let (arts, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        for i in 0..1200 {
            let text = format!(
                "2024-01-{:02}\n\nTitel {i}\n\nDer Text von Nummer {i}.\n",
                i % 28 + 1
            );
            std::fs::write(arts.path().join(format!("a-{i:04}.txt")), text).unwrap();
        }
        (arts, data)
    }

    /// The frames drawn and the final screen, with the screen of the final state.
    fn run(input: &mut impl Input) -> (usize, String, String) {
        let (arts, data) = folder();
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let cfg = Config::default_config();
        let app = run_on(
            &mut term,
            &cfg,
            data.path(),
            arts.path(),
            input,
            Stamps::System,
        )
        .unwrap();
        let frames = term.get_frame().count();
        (
            frames,
            buffer_text(term.backend().buffer()),
            buffer_text(&screen(&app)),
        )
    }

    #[test]
    fn a_script_draws_once_the_work_is_done_and_the_screen_is_the_states() {
        let (frames, drawn, state) = run(&mut Script::new([]));
        assert_eq!(frames, 1);
        assert_eq!(drawn, state);
        assert!(drawn.contains("Titel"), "{drawn}");
    }

    #[test]
    fn background_results_wait_for_their_frame_and_keys_are_drawn_at_once() {
        // Every batch drawn: the list comes in several.
        let (all, drawn, state) = run(&mut Timed {
            keys: VecDeque::new(),
            every: Duration::ZERO,
        });
        assert!(all > 3, "{all} frames");
        assert_eq!(drawn, state);
        // None within the interval but the first frame and the last.
        let (capped, drawn, state) = run(&mut Timed {
            keys: VecDeque::new(),
            every: Duration::from_secs(3600),
        });
        assert_eq!(capped, 2);
        assert_eq!(drawn, state);
        // A key is drawn at once, whatever the interval (with the results put off before
        // it): the first frame and one a key.
        let key = Event::Key(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Char('j'),
        ));
        let (keyed, drawn, state) = run(&mut Timed {
            keys: VecDeque::from([key.clone(), key]),
            every: Duration::from_secs(3600),
        });
        assert_eq!(keyed, 3);
        assert_eq!(drawn, state);
    }
}
