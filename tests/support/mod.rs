//! Helpers shared by the integration tests (each test file includes what it uses).

pub mod git;
