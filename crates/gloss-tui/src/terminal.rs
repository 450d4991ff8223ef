//! Terminal setup and teardown: raw mode, alternate screen and mouse capture on; all of it
//! undone on exit and on panic.

use std::io::{self, stdout};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use ratatui::DefaultTerminal;

/// Takes over the terminal.
pub fn init() -> io::Result<DefaultTerminal> {
    // ratatui's init installs a panic hook that restores the screen; ours runs first and
    // also turns mouse capture off, which ratatui does not know about.
    let terminal = ratatui::try_init()?;
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Background workers catch their panics and report them in the status bar; only a
        // panic of the UI thread ends the program and must give the terminal back.
        if std::thread::current().name() != Some("main") {
            return;
        }
        let _ = execute!(stdout(), DisableMouseCapture);
        prev(info);
    }));
    execute!(stdout(), EnableMouseCapture)?;
    Ok(terminal)
}

/// Gives the terminal back as it was.
pub fn restore() {
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
}
