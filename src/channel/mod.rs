//! Channel adapters and the channel-agnostic types they exchange with the core: every
//! adapter turns its updates into [`Inbound`] and renders [`Reply`] its own way.

pub mod console;
pub mod console_input;
pub mod download;
pub mod leases;
pub mod send_health;
pub mod telegram;
pub mod uploads;
pub mod whatsapp;

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

/// A file sent with a reply (a user's export): its name under `[privacy] export_dir`,
/// where it waits until the channel has taken it and is then deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingFile {
    pub file_name: String,
}

/// The longest caption a document may carry on Telegram and WhatsApp.
pub const MAX_CAPTION_CHARS: usize = 1024;

/// One message back to the user, before any channel's formatting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reply {
    pub text: String,
    pub choices: Vec<Choice>,
    /// A document sent with the text (the text becomes its caption).
    pub file: Option<OutgoingFile>,
    /// Whether the reply asks a question whose choices stay pending for the user, who may
    /// answer by typing (see `router::pending_choice`). List page buttons and menus are not
    /// questions.
    pub question: Question,
}

/// What kind of question a reply asks, for typed answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Question {
    /// Not a question: typed text after it is handled as usual.
    #[default]
    None,
    /// A confirmation card: a choice's number, its label, or yes (its first choice) / no
    /// (its last) answer it.
    YesNo,
    /// A choice between named options ("Open C1" / "Save anyway"): only a choice's number
    /// or its label answers it; yes/no would be a guess.
    Pick,
}

impl Reply {
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    /// A confirmation card: `text` with the choices `yes` (first) and `no` (last). Typed
    /// yes/no words answer with these.
    pub fn question(text: impl Into<String>, yes: Choice, no: Choice) -> Self {
        Self::text(text).with_choices(vec![yes, no]).asking()
    }

    /// Marks the reply as a question whose choices the user may answer by typing; its
    /// first choice is the "yes", its last the "no".
    pub fn asking(mut self) -> Self {
        self.question = Question::YesNo;
        self
    }

    /// Marks the reply as a choice between named options, answered by typing a choice's
    /// number or label (not yes/no).
    pub fn picking(mut self) -> Self {
        self.question = Question::Pick;
        self
    }

    /// The reply carries the export file `file_name` as a document.
    pub fn with_file(mut self, file_name: impl Into<String>) -> Self {
        self.file = Some(OutgoingFile {
            file_name: file_name.into(),
        });
        self
    }

    pub fn with_choices(mut self, choices: Vec<Choice>) -> Self {
        self.choices = choices;
        self
    }
}

/// Splits `text` into pieces of at most `max` characters, at a line break or a space when
/// one is near the end of a piece, so a long reply arrives as several clean messages.
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.chars().count() > max {
        let hard = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let window = &rest[..hard];
        let floor = window.char_indices().nth(max * 3 / 4).map_or(0, |(i, _)| i);
        let cut = window
            .rfind('\n')
            .filter(|i| *i >= floor)
            .or_else(|| window.rfind(' ').filter(|i| *i >= floor))
            .map_or(hard, |i| i + 1);
        pieces.push(rest[..cut].trim_end().to_string());
        rest = &rest[cut..];
    }
    if !rest.is_empty() || pieces.is_empty() {
        pieces.push(rest.to_string());
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::split_text;

    #[test]
    fn long_text_is_split_at_line_breaks_within_the_limit() {
        let text = (0..2000)
            .map(|i| format!("line {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let pieces = split_text(&text, 4096);
        assert!(pieces.len() > 1);
        assert!(pieces.iter().all(|p| p.chars().count() <= 4096));
        assert_eq!(pieces.join("\n"), text);
        assert!(pieces[1].starts_with("line "));
    }

    #[test]
    fn text_without_breaks_is_cut_on_characters() {
        let text = "ж".repeat(10_000);
        let pieces = split_text(&text, 4096);
        assert_eq!(
            pieces.iter().map(|p| p.chars().count()).collect::<Vec<_>>(),
            [4096, 4096, 1808]
        );
        assert_eq!(split_text("short", 4096), ["short"]);
    }
}
