//! Telegram updates to [`Inbound`]: private chats, group commands and replies to the bot
//! (other group chatter is ignored), button presses, documents (downloaded for import),
//! shared contacts, forwarded messages, and the kinds we do not handle. Edited messages
//! and other update kinds produce nothing.

use teloxide_core::types::{Message, MessageOrigin, Update, UpdateKind, User};

use super::api::{ApiError, TelegramApi};
use crate::channel::download::{Download, declared_too_large};
use crate::crm::files::FileUse;
use crate::message::{Channel, Inbound, Payload};

/// An update we will handle, and what must happen around it.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub inbound: Inbound,
    /// A button press must be answered (it stops the spinner on the button).
    pub callback_id: Option<String>,
    /// A document still to download before handling: its file id and the size the
    /// message declares.
    pub file: Option<(String, Option<u64>)>,
    /// A private chat: a typing indicator is shown while we work.
    pub private: bool,
}

/// What ChatCRM does with an update; `None` when it is not for us.
pub fn classify(update: &Update, bot_id: u64) -> Option<Incoming> {
    let update_id = update.id.0.to_string();
    match &update.kind {
        UpdateKind::Message(message) => from_message(message, update_id, bot_id),
        UpdateKind::CallbackQuery(query) => {
            let message = query.message.as_ref()?;
            let chat = message.chat();
            let mut inbound = base(&query.from, chat.id.0.to_string(), update_id);
            inbound.edit_message = Some(message.id().0.to_string());
            inbound.payload = Payload::Button(query.data.clone().unwrap_or_default());
            Some(Incoming {
                inbound,
                callback_id: Some(query.id.0.clone()),
                file: None,
                private: chat.is_private(),
            })
        }
        _ => None,
    }
}

fn base(from: &User, chat_id: String, update_id: String) -> Inbound {
    Inbound {
        channel: Channel::Telegram,
        user_id: from.id.0.to_string(),
        chat_id,
        display_name: from.full_name(),
        language: from.language_code.clone(),
        update_id: Some(update_id),
        edit_message: None,
        payload: Payload::Text(String::new()),
    }
}

fn from_message(message: &Message, update_id: String, bot_id: u64) -> Option<Incoming> {
    let from = message.from.as_ref().filter(|u| !u.is_bot)?;
    let private = message.chat.is_private();
    let text = message.text().or_else(|| message.caption());
    if !private {
        // In groups: commands (with or without @bot) and replies to the bot only.
        let is_command = text.is_some_and(|t| t.trim_start().starts_with('/'));
        let replies_to_bot = message
            .reply_to_message()
            .and_then(|m| m.from.as_ref())
            .is_some_and(|u| u.id.0 == bot_id);
        if !is_command && !replies_to_bot {
            return None;
        }
    }
    let mut inbound = base(from, message.chat.id.0.to_string(), update_id);
    let mut file = None;
    inbound.payload = if let Some(origin) = message.forward_origin() {
        Payload::Forwarded {
            from_name: origin_name(origin),
            text: text.unwrap_or_default().to_string(),
        }
    } else if let Some(contact) = message.contact() {
        let name = [
            Some(contact.first_name.as_str()),
            contact.last_name.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        Payload::SharedContact {
            name,
            phone: contact.phone_number.clone(),
        }
    } else if let Some(document) = message.document() {
        let name = document.file_name.clone().unwrap_or_else(|| "file".into());
        file = Some((
            document.file.id.0.clone(),
            Some(u64::from(document.file.size)),
        ));
        let caption = message.caption().unwrap_or_default().to_string();
        Payload::Document {
            file_name: name,
            bytes: Vec::new(),
            caption,
        }
    } else if let Some(largest) = message
        .photo()
        .and_then(|sizes| sizes.iter().max_by_key(|p| p.width * p.height))
    {
        file = Some((
            largest.file.id.0.clone(),
            Some(u64::from(largest.file.size)),
        ));
        let caption = message.caption().unwrap_or_default().to_string();
        Payload::Document {
            file_name: "photo.jpg".into(),
            bytes: Vec::new(),
            caption,
        }
    } else if let Some(text) = message.text() {
        Payload::Text(text.to_string())
    } else {
        Payload::Unsupported {
            kind: kind_of(message).into(),
        }
    };
    Some(Incoming {
        inbound,
        callback_id: None,
        file,
        private,
    })
}

/// Who a forwarded message came from, as far as Telegram tells.
fn origin_name(origin: &MessageOrigin) -> String {
    match origin {
        MessageOrigin::User { sender_user, .. } => sender_user.full_name(),
        MessageOrigin::HiddenUser {
            sender_user_name, ..
        } => sender_user_name.clone(),
        MessageOrigin::Chat { sender_chat, .. } => {
            sender_chat.title().unwrap_or_default().to_string()
        }
        MessageOrigin::Channel { chat, .. } => chat.title().unwrap_or_default().to_string(),
    }
}

fn kind_of(message: &Message) -> &'static str {
    if message.photo().is_some() {
        "photo"
    } else if message.sticker().is_some() {
        "sticker"
    } else if message.voice().is_some() {
        "voice"
    } else if message.video().is_some() {
        "video"
    } else if message.location().is_some() {
        "location"
    } else {
        "other"
    }
}

/// Downloads the file of `incoming`, if any, into its payload, at most what the file can be
/// used for (see [`FileUse`]; `max_file_bytes` for an attachment). A larger file — by the
/// size the message or getFile declares, or found while streaming — is not downloaded (or
/// not kept) and becomes [`Payload::FileTooLarge`].
pub async fn fetch_file(
    api: &TelegramApi,
    incoming: &mut Incoming,
    max_file_bytes: usize,
) -> Result<(), ApiError> {
    let Some((file_id, declared)) = incoming.file.take() else {
        return Ok(());
    };
    let payload = &mut incoming.inbound.payload;
    let Payload::Document {
        file_name,
        bytes,
        caption,
    } = payload
    else {
        return Ok(());
    };
    let max = FileUse::of(file_name, caption).max_bytes(max_file_bytes);
    let download = if declared_too_large(declared, max) {
        Download::TooLarge
    } else {
        api.download(&file_id, max).await?
    };
    match download {
        Download::Complete(downloaded) => *bytes = downloaded,
        Download::TooLarge => {
            *payload = Payload::FileTooLarge {
                file_name: std::mem::take(file_name),
                caption: std::mem::take(caption),
            };
        }
    }
    Ok(())
}
