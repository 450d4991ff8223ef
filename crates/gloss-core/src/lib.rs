//! gloss-core: everything gloss knows about text, with no terminal and no command line.
//!
//! Data flows one way: files → [`article`] → [`analysis`] (suggestions) → [`annotation`]
//! (merged with the saved ones, stored, exported). The terminal interface (`gloss-tui`) and
//! the command line (`gloss`) sit on top and are never imported from here. Every layer
//! stands on [`text`]: the article body with its char ↔ byte index, the one sentence
//! splitter and the word lists they share.

pub mod analysis;
pub mod annotation;
pub mod article;
pub mod config;
pub mod sanitize;
pub mod text;
