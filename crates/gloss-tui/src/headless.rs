//! The TUI without a terminal: the same App, update, draw and loop on ratatui's
//! TestBackend.

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

use crossterm::event::Event;

use gloss_core::annotation::Stamp;
use gloss_core::config::Config;

use super::app::{App, Msg, update};
use super::keymap::Key;
use super::runner::{Runner, Stamps};
use super::runtime::{self, Script};
use super::ui;

/// Handles messages until all background work is done and every result is in.
pub fn settle(app: &mut App, runner: &mut Runner) {
    while let Some(msg) = runner.next(true) {
        runtime::handle(app, runner, msg);
    }
}

/// An app on `root` with everything loaded, at `width`×`height`.
pub fn start(
    config: &Config,
    data_dir: &Path,
    root: &Path,
    width: u16,
    height: u16,
) -> (App, Runner) {
    let mut app = App::new(config.clone(), root.to_path_buf(), root.is_file());
    let mut runner = Runner::new(config, data_dir);
    update(&mut app, Msg::Resize(width, height));
    runner.start(root);
    settle(&mut app, &mut runner);
    (app, runner)
}

/// Feeds one key as a user would type it, then waits for the screen to settle. It does
/// not draw (benchmarks time update and drawing apart); [`render`] runs the terminal's loop.
pub fn press(app: &mut App, runner: &mut Runner, key: Key) {
    update(app, Msg::Stamp(Stamp::system()));
    runtime::handle(app, runner, Msg::Key(key.to_event()));
    settle(app, runner);
}

/// Draws the app on a TestBackend of its size and returns the buffer.
pub fn screen(app: &App) -> Buffer {
    let (w, h) = (app.size.width.max(1), app.size.height.max(1));
    let backend = TestBackend::new(w, h);
    match Terminal::new(backend) {
        Ok(mut t) => {
            let _ = t.draw(|f| ui::draw(f, app));
            t.backend().buffer().clone()
        }
        Err(_) => Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h)),
    }
}

/// A buffer as plain text: one line per row, wide chars once, trailing spaces trimmed.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0usize;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = sym.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Replays `keys` on `root` and returns the final screen as text: the terminal's loop
/// ([`runtime::run_on`]) on a `TestBackend`, each key typed once the screen has settled,
/// stamped with the clock's time and random ids.
pub fn render(
    config: &Config,
    data_dir: &Path,
    root: &Path,
    width: u16,
    height: u16,
    keys: &[Key],
) -> String {
    render_with(
        config,
        data_dir,
        root,
        (width, height),
        keys,
        Stamps::System,
    )
}

/// [`render`] with each key stamped by `stamps`: the same stamps replay to the same store.
pub fn render_with(
    config: &Config,
    data_dir: &Path,
    root: &Path,
    size: (u16, u16),
    keys: &[Key],
    stamps: Stamps,
) -> String {
    render_session(config, data_dir, root, size, keys, stamps, None).screen
}

/// What replaying a session gives: the final screen and how its writes went.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The final screen as text.
    pub screen: String,
    /// The first write that failed, if one did.
    pub save_failed: Option<String>,
    /// Changes on the final screen the store does not hold.
    pub unsaved: usize,
}

/// [`render_with`], with a first message for the status bar (see [`runtime::run_noted`]),
/// also saying whether every write reached the store (`gloss render` exits 1 when one did
/// not).
pub fn render_session(
    config: &Config,
    data_dir: &Path,
    root: &Path,
    (width, height): (u16, u16),
    keys: &[Key],
    stamps: Stamps,
    note: Option<String>,
) -> Rendered {
    let (w, h) = (width.max(1), height.max(1));
    let Ok(mut term) = Terminal::new(TestBackend::new(w, h));
    let mut script = Script::new(keys.iter().map(|k| Event::Key(k.to_event())));
    let start = runtime::Start { note, live: false };
    match runtime::run_on_noted(
        &mut term,
        config,
        data_dir,
        root,
        &mut script,
        stamps,
        start,
    ) {
        Ok(app) => {
            let out = Rendered {
                screen: buffer_text(term.backend().buffer()),
                save_failed: app.save_failed.clone(),
                unsaved: app.unsaved(),
            };
            // Freed on a thread of its own: 100,000 rows freed one by one took as long
            // as listing them from the index, and `gloss render` prints and exits now.
            // (Where no thread can be made, it is dropped here.)
            let _ = std::thread::Builder::new().spawn(move || drop(app));
            out
        }
        Err(_) => Rendered::default(),
    }
}
