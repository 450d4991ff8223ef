//! gloss: a terminal news reader for people who annotate what they read.
//!
//! Data flows one way: files → [`article`] → [`analysis`] → [`annotation`] → [`tui`] state →
//! frame. The core modules (`article`, `analysis`, `annotation`) know nothing of the terminal.

pub mod analysis;
pub mod annotation;
pub mod article;
pub mod cli;
pub mod config;
pub mod sanitize;
pub mod tui;
