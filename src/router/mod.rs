//! Intent parsing: an inbound payload becomes a command, a button action or free text.
//! What to do with it is decided by `handlers`; what a multi-step flow remembers lives in
//! [`dialogue`].

pub mod button;
pub mod command;
pub mod dialogue;
pub mod from_user;
pub mod owner;
pub mod pending_choice;

pub use button::Button;
pub use command::CommandLine;
pub use dialogue::Dialogue;
pub use from_user::FromUser;

use crate::message::{Inbound, Payload};

/// What an inbound payload asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// A slash command, resolved against the registry by `handlers::commands`.
    Command(CommandLine),
    Button(Button),
    Text(String),
    /// A file or photo and its caption.
    Document {
        file_name: String,
        bytes: Vec<u8>,
        caption: String,
    },
    /// A file or photo too large to download, and its caption.
    FileTooLarge {
        file_name: String,
        caption: String,
    },
    /// A contact card shared from the phone book.
    SharedContact {
        name: String,
        phone: String,
    },
    /// A message forwarded from someone else.
    Forwarded {
        from_name: String,
        text: String,
    },
    /// A kind of message we do not handle.
    Unsupported {
        kind: String,
    },
    /// A command addressed to another bot in a group: not ours to answer.
    Ignored,
}

/// Routes an inbound update the engine is handling: its `payload` (the update's own, or
/// the press a typed answer became) parsed into an [`Intent`], and the proof that it is a
/// message from a user ([`FromUser`], which only this function makes).
pub fn route(
    update: &Inbound,
    payload: &Payload,
    bot_username: Option<&str>,
) -> (Intent, FromUser) {
    (parse(payload, bot_username), FromUser::of(update))
}

/// Parses a payload. `bot_username` (without `@`) lets `/cmd@OtherBot` be ignored.
pub fn parse(payload: &Payload, bot_username: Option<&str>) -> Intent {
    match payload {
        // A menu entry (WhatsApp's list of commands) carries the command text itself.
        Payload::Button(data) if data.starts_with('/') => {
            parse(&Payload::Text(data.clone()), bot_username)
        }
        Payload::Button(data) => Intent::Button(Button::decode(data)),
        Payload::Document {
            file_name,
            bytes,
            caption,
        } => Intent::Document {
            file_name: file_name.clone(),
            bytes: bytes.clone(),
            caption: caption.clone(),
        },
        Payload::FileTooLarge { file_name, caption } => Intent::FileTooLarge {
            file_name: file_name.clone(),
            caption: caption.clone(),
        },
        Payload::SharedContact { name, phone } => Intent::SharedContact {
            name: name.clone(),
            phone: phone.clone(),
        },
        Payload::Forwarded { from_name, text } => Intent::Forwarded {
            from_name: from_name.clone(),
            text: text.clone(),
        },
        Payload::Unsupported { kind } => Intent::Unsupported { kind: kind.clone() },
        Payload::Text(text) => {
            let trimmed = text.trim();
            if trimmed.starts_with('/') {
                match CommandLine::parse(trimmed, bot_username) {
                    Some(command) => Intent::Command(command),
                    None => Intent::Ignored,
                }
            } else {
                Intent::Text(trimmed.to_string())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Payload {
        Payload::Text(s.into())
    }

    #[test]
    fn commands_buttons_and_text() {
        let help = Intent::Command(CommandLine::new("help", ""));
        assert_eq!(parse(&text("/help"), None), help);
        assert_eq!(
            parse(&Payload::Button("cancel".into()), None),
            Intent::Button(Button::Cancel)
        );
        assert_eq!(parse(&text("  hello "), None), Intent::Text("hello".into()));
        assert_eq!(
            parse(&Payload::Button("/contacts".into()), None),
            Intent::Command(CommandLine::new("contacts", ""))
        );
        assert_eq!(
            parse(&text("/help@OtherBot"), Some("ChatCrmBot")),
            Intent::Ignored
        );
        assert_eq!(parse(&text("/help@chatcrmbot"), Some("ChatCrmBot")), help);
    }
}
