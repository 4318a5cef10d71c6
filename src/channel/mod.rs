//! Channel adapters and the channel-agnostic types they exchange with the core: every
//! adapter turns its updates into [`Inbound`] and renders [`Reply`] its own way.

pub mod console;

use std::fmt;

/// The chat service an update came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Console,
    Telegram,
    WhatsApp,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Console => "console",
            Channel::Telegram => "telegram",
            Channel::WhatsApp => "whatsapp",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the user sent: typed text, or the data of a button they pressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    Text(String),
    Button(String),
}

/// One update from any channel, normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbound {
    pub channel: Channel,
    /// The sender's id on the channel (Telegram user id, WhatsApp wa_id, console login).
    pub user_id: String,
    /// Where replies go (Telegram chat id, WhatsApp wa_id, console login).
    pub chat_id: String,
    pub display_name: String,
    /// The channel's language code for the sender ("en", "ru-RU"), when it tells one.
    pub language: Option<String>,
    /// The channel's id for this update; the same id twice has one effect.
    pub update_id: Option<String>,
    pub payload: Payload,
}

/// A button offered with a reply: what it shows and the data it sends back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub data: String,
}

impl Choice {
    pub fn new(label: impl Into<String>, data: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            data: data.into(),
        }
    }
}

/// One message back to the user, before any channel's formatting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reply {
    pub text: String,
    pub choices: Vec<Choice>,
}

impl Reply {
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            choices: Vec::new(),
        }
    }

    pub fn with_choices(mut self, choices: Vec<Choice>) -> Self {
        self.choices = choices;
        self
    }
}
