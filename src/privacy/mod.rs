//! Privacy rights over the whole database: the registry of every table and how a user's
//! data export treats it, the streaming export itself, what happens to an export sent as
//! a chat document, and the rate limits on the costly rights commands.

pub mod delivery;
pub mod export;
pub mod limits;
pub mod registry;
