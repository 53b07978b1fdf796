//! Search: the index written under `search/` and the text handling it shares with the
//! browser.

pub mod text;
