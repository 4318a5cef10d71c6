//! Privacy rights over the whole database: the registry of every table and how a user's
//! data export treats it, the streaming export itself, what happens to an export sent as
//! a chat document, the rate limits on the costly rights commands, and the terms shown
//! and accepted with a new user's first message.

pub mod delivery;
pub mod export;
pub mod export_csv;
pub mod limits;
pub mod registry;
pub mod terms;
