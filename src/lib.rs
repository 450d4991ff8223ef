//! gloss: a terminal news reader for people who annotate what they read.
//!
//! This package is the command line: argument handling lives in `main.rs`, the commands in
//! [`cli`]. Everything else comes from two crates, re-exported here under the names the
//! tests, benches and examples use:
//! - `gloss-core` ([`article`], [`analysis`], [`annotation`], [`config`], [`sanitize`]): the
//!   text model and all the knowledge, no terminal;
//! - `gloss-tui` ([`tui`]): app state, update, keymap, drawing and the runner.

pub use gloss_core::{analysis, annotation, article, config, sanitize, text};
pub use gloss_index as index;
pub use gloss_tui as tui;

pub mod cli;
