//! Privacy rights over the whole database: the registry of every table and how a user's
//! data export treats it, the streaming export itself, and what happens to an export sent
//! as a chat document.

pub mod delivery;
pub mod export;
pub mod registry;
