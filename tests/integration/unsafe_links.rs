//! (filled in by issue 8's work)
