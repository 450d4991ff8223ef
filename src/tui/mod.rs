//! The terminal interface: app state, actions, keymap, rendering, terminal setup.
//!
//! SKELETON: placeholder to be replaced by the TUI work.

pub mod keymap;
pub mod styled;
pub mod textnav;
pub mod widgets;
pub mod wrap;
