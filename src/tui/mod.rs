//! The terminal interface: app state, actions, keymap, rendering, terminal setup.

pub mod action;
pub mod keymap;
