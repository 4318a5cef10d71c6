//! The channel adapters (console, Telegram, WhatsApp) and what they share: outbox leases,
//! capped downloads, upload files and send health. Every adapter turns its updates into
//! [`crate::message::Inbound`] and renders [`crate::message::Reply`] its own way; the
//! conversation types themselves live in [`crate::message`].

pub mod console;
pub mod console_input;
pub mod download;
pub mod leases;
pub mod outcome;
pub mod send_health;
pub mod telegram;
pub mod uploads;
pub mod whatsapp;
