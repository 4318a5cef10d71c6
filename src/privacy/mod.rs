//! Privacy rights over the whole database: the registry of every table and how a user's
//! data export treats it, and the streaming export itself.

pub mod export;
pub mod registry;
