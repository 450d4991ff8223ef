//! gloss-tui: the terminal interface on top of `gloss-core`: app state, actions, keymap,
//! widgets, drawing, the runner that carries out effects, and terminal setup.

pub mod action;
pub mod app;
pub mod config_check;
pub mod doc;
pub mod headless;
pub mod keymap;
pub mod layout;
pub mod marks;
pub mod outside;
pub mod reading;
pub mod runner;
pub mod runtime;
pub mod styled;
pub mod terminal;
pub mod textnav;
pub mod theme;
pub mod ui;
pub mod widgets;
pub mod wrap;
