//! The conversation types every layer shares: the [`Channel`] an update came through, the
//! normalized [`Inbound`] update and its [`Payload`], the [`Reply`] the core answers with
//! (its [`Choice`] buttons, [`Question`] kind and [`OutgoingFile`]), and text splitting.
//!
//! A leaf: it imports nothing of ours, so the engine, router, handlers, store, privacy,
//! crm and jobs depend on it and never on the adapters in `channel/`. What differs between
//! chat services and matters below the adapters (message and caption sizes, document
//! sizes, which chat is private) is a method of [`Channel`].

mod channel;
mod inbound;
mod reply;
mod split;

pub use channel::Channel;
pub use inbound::{Inbound, Payload, UNREADABLE};
pub use reply::{Choice, OutgoingFile, Question, Reply};
pub use split::split_text;
