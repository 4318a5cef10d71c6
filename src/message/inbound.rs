//! [`Inbound`]: one update from any channel, normalized by its adapter, and its [`Payload`].

use super::Channel;

/// The "unsupported" kind a file is handed on as when the channel could not download it
/// (the user is told so, and to send it again).
pub const UNREADABLE: &str = "unreadable-file";

/// What the user sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// Typed text (a command or free text).
    Text(String),
    /// The data of a button they pressed.
    Button(String),
    /// A file or photo, with the caption sent with it: attached to the record a handle in
    /// the caption names, else imported when it is a CSV or vCard file.
    Document {
        file_name: String,
        bytes: Vec<u8>,
        caption: String,
    },
    /// A file or photo not downloaded because it is larger than what it could be used for
    /// (see `crm::files::FileUse`), with its caption.
    FileTooLarge { file_name: String, caption: String },
    /// A contact card shared from the phone book.
    SharedContact { name: String, phone: String },
    /// A message forwarded from someone else.
    Forwarded { from_name: String, text: String },
    /// A kind of message we do not handle (a sticker, a voice note…), by name.
    Unsupported { kind: String },
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
    /// For a pressed button: the message carrying it, which the first reply replaces.
    pub edit_message: Option<String>,
    pub payload: Payload,
}
