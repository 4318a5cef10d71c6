//! Privacy rights over the whole database: the registry of every table and how a user's
//! data export treats it, the streaming export itself, what happens to an export sent as
//! a chat document, the rate limits on the costly rights commands, and the scrub after an
//! account deletion. (The terms accepted with a new user's first message are
//! `handlers::first_message`.)

pub mod delivery;
pub mod export;
pub mod export_csv;
pub mod limits;
pub mod registry;
pub mod scrub;
