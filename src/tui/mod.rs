//! The terminal interface: app state, actions, keymap, rendering, terminal setup.

pub mod action;
pub mod keymap;
pub mod styled;
pub mod textnav;
pub mod widgets;
pub mod wrap;
