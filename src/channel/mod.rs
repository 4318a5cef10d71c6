//! The channel adapters (console, Telegram, WhatsApp) and what they share: outbox leases,
//! capped downloads, upload files, send health and [`api_client`]. Every adapter turns its
//! updates into [`crate::message::Inbound`] and renders [`crate::message::Reply`] its own
//! way; the conversation types themselves live in [`crate::message`].

pub mod console;
pub mod console_input;
pub mod download;
pub mod leases;
pub mod outcome;
pub mod send_health;
pub mod telegram;
pub mod uploads;
pub mod whatsapp;

/// The HTTP client of a channel's API: it connects within 10 s; each call sets how long it
/// may take.
pub fn api_client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(std::time::Duration::from_secs(10))
        .build()
        .unwrap_or_default()
}
