//! [`FromUser`]: the proof that an update is a message a user sent us. Only the router
//! makes one, when the engine routes an inbound update ([`super::route`]); the engine hands
//! it to the handler in `Ctx::from_user`. An AI request can be recorded only with one
//! (`ai::request::record`), so no background job, import, admin call or worker can start a
//! model call: they never hold a `FromUser` (the AI worker's own context has none).

use crate::message::{Channel, Inbound};

/// A message a user sent: where it came from. Its fields are private and its only
/// constructor is private to the router.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromUser {
    channel: Channel,
    user_id: String,
    chat_id: String,
}

impl FromUser {
    /// The proof for `update`, which the engine is handling as a user's message.
    pub(in crate::router) fn of(update: &Inbound) -> FromUser {
        FromUser {
            channel: update.channel,
            user_id: update.user_id.clone(),
            chat_id: update.chat_id.clone(),
        }
    }

    /// The channel the message came through.
    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// The sender's id on that channel.
    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    /// The chat it was sent in (where the answer goes).
    pub fn chat_id(&self) -> &str {
        &self.chat_id
    }
}
