//! Webhook deliveries to [`Inbound`] messages and delivery statuses. A delivery may carry
//! several entries, changes, messages and statuses; only `messages` changes for our phone
//! number count. Text, reply-button and list answers, template quick replies, shared
//! contacts, documents and images (downloaded later: CSV/vCard for import, anything with a
//! record's handle as its caption to attach) are handled; images without a media id,
//! locations, audio, video and stickers get a polite "unsupported"; reactions,
//! edits, deletions, system notices and unknown kinds are ignored. Everything is read
//! leniently: one odd message never spoils the rest of its delivery.

use serde::Deserialize;
use serde_json::Value;
use tracing::debug;

use crate::message::{Channel, Inbound, Payload};
use crate::store::delivery::DeliveryStatus;
use crate::store::webhook_inbox::SenderOrder;

/// What one delivery asks of us.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub messages: Vec<Incoming>,
    pub statuses: Vec<Status>,
}

/// A message we will handle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    pub inbound: Inbound,
    /// A document still to download before handling: (media id, file name).
    pub media: Option<(String, String)>,
}

/// A delivery status of a message we sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The id of the sent message (its wamid).
    pub message_id: String,
    pub status: DeliveryStatus,
    /// For a failure: "code: title".
    pub error: Option<String>,
    /// The error code of a failure, if any.
    pub code: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ChangeValue {
    metadata: Option<Metadata>,
    contacts: Vec<Value>,
    messages: Vec<Value>,
    statuses: Vec<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Metadata {
    phone_number_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Sender {
    wa_id: String,
    profile: Option<Profile>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Profile {
    name: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Message {
    from: String,
    id: String,
    #[serde(rename = "type")]
    kind: String,
    text: Option<Text>,
    interactive: Option<Interactive>,
    button: Option<QuickReply>,
    document: Option<Document>,
    image: Option<Image>,
    audio: Option<Audio>,
    contacts: Vec<Card>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Text {
    body: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Interactive {
    button_reply: Option<Answer>,
    list_reply: Option<Answer>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Answer {
    id: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct QuickReply {
    payload: String,
    text: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Document {
    id: String,
    filename: String,
    caption: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Image {
    id: String,
    caption: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Audio {
    voice: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Card {
    name: CardName,
    phones: Vec<CardPhone>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CardName {
    formatted_name: String,
    first_name: String,
    last_name: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CardPhone {
    phone: String,
    wa_id: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawStatus {
    id: String,
    status: String,
    errors: Vec<RawError>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawError {
    code: i64,
    title: String,
}

/// Reads a delivery (`Err` when it is not JSON at all). Changes for another phone number
/// than `phone_number_id` are skipped.
pub fn parse(body: &str, phone_number_id: &str) -> Result<Delivery, serde_json::Error> {
    let root: Value = serde_json::from_str(body)?;
    let mut delivery = Delivery::default();
    let entries = root["entry"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    for entry in entries {
        let changes = entry["changes"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for change in changes {
            if change["field"].as_str() != Some("messages") {
                continue;
            }
            let Ok(value) = ChangeValue::deserialize(&change["value"]) else {
                debug!("a WhatsApp change of an unexpected shape was skipped");
                continue;
            };
            let ours = value
                .metadata
                .as_ref()
                .and_then(|m| m.phone_number_id.as_deref())
                .is_none_or(|id| id == phone_number_id);
            if !ours {
                debug!("a WhatsApp change for another phone number was skipped");
                continue;
            }
            let senders: Vec<Sender> = value
                .contacts
                .iter()
                .filter_map(|c| Sender::deserialize(c).ok())
                .collect();
            for raw in &value.messages {
                match Message::deserialize(raw) {
                    Ok(message) => delivery.messages.extend(incoming(&message, &senders)),
                    Err(error) => {
                        debug!(%error, "a WhatsApp message of an unexpected shape was skipped")
                    }
                }
            }
            for raw in &value.statuses {
                if let Some(status) = RawStatus::deserialize(raw).ok().and_then(status) {
                    delivery.statuses.push(status);
                }
            }
        }
    }
    Ok(delivery)
}

/// Who sent a delivery and when, for processing one sender's deliveries in order: the
/// first message's sender and its `timestamp` (seconds). `None` when the delivery carries
/// no message (only statuses), which needs no order.
pub fn sender_order(body: &str) -> Option<SenderOrder> {
    let root: Value = serde_json::from_str(body).ok()?;
    let message = root["entry"]
        .as_array()?
        .iter()
        .flat_map(|entry| entry["changes"].as_array().into_iter().flatten())
        .filter(|change| change["field"].as_str() == Some("messages"))
        .flat_map(|change| change["value"]["messages"].as_array().into_iter().flatten())
        .next()?;
    let sender = wa_digits(message["from"].as_str()?)?;
    let seconds = match &message["timestamp"] {
        Value::String(text) => text.trim().parse::<i64>().ok(),
        Value::Number(number) => number.as_i64(),
        _ => None,
    }?;
    Some(SenderOrder {
        sender,
        sent_at: seconds.checked_mul(1000)?,
    })
}

/// A wa_id as the digits of an E.164 number, or `None` when it is not one.
pub fn wa_digits(wa_id: &str) -> Option<String> {
    let digits = wa_id.trim().trim_start_matches('+');
    let valid = (6..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit());
    valid.then(|| digits.to_string())
}

fn incoming(message: &Message, senders: &[Sender]) -> Option<Incoming> {
    let Some(digits) = wa_digits(&message.from) else {
        debug!("a WhatsApp message without a phone number was skipped");
        return None;
    };
    if message.id.is_empty() {
        debug!("a WhatsApp message without an id was skipped");
        return None;
    }
    let mut media = None;
    let payload = match message.kind.as_str() {
        "text" => {
            let body = message
                .text
                .as_ref()
                .map(|t| t.body.as_str())
                .unwrap_or_default();
            if body.trim().is_empty() {
                return None;
            }
            Payload::Text(body.to_string())
        }
        "interactive" => {
            let answer = message
                .interactive
                .as_ref()
                .and_then(|i| i.button_reply.as_ref().or(i.list_reply.as_ref()));
            match answer {
                Some(answer) => Payload::Button(answer.id.clone()),
                None => unsupported("interactive"),
            }
        }
        "button" => {
            let button = message.button.as_ref()?;
            if !button.payload.is_empty() {
                Payload::Button(button.payload.clone())
            } else if !button.text.trim().is_empty() {
                Payload::Text(button.text.clone())
            } else {
                return None;
            }
        }
        "document" => {
            let document = message.document.as_ref()?;
            let name = if document.filename.trim().is_empty() {
                "file".to_string()
            } else {
                document.filename.clone()
            };
            if document.id.is_empty() {
                unsupported("file")
            } else {
                media = Some((document.id.clone(), name.clone()));
                Payload::Document {
                    file_name: name,
                    bytes: Vec::new(),
                    caption: document.caption.clone(),
                }
            }
        }
        "image" if message.image.as_ref().is_some_and(|i| !i.id.is_empty()) => {
            let image = message.image.as_ref()?;
            media = Some((image.id.clone(), "photo.jpg".into()));
            Payload::Document {
                file_name: "photo.jpg".into(),
                bytes: Vec::new(),
                caption: image.caption.clone(),
            }
        }
        "contacts" => shared_contact(message.contacts.first()?),
        "audio" if message.audio.as_ref().is_some_and(|a| a.voice) => unsupported("voice"),
        "image" | "sticker" | "audio" | "video" | "location" | "order" => {
            unsupported(&message.kind)
        }
        "unsupported" => unsupported("other"),
        // Reactions, edits, deletions, system notices and kinds we do not know.
        other => {
            debug!(kind = other, "a WhatsApp message kind we ignore");
            return None;
        }
    };
    let display_name = senders
        .iter()
        .find(|s| wa_digits(&s.wa_id).as_deref() == Some(digits.as_str()))
        .or(senders.first())
        .and_then(|s| s.profile.as_ref())
        .map(|p| p.name.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| format!("+{digits}"));
    Some(Incoming {
        inbound: Inbound {
            channel: Channel::WhatsApp,
            user_id: format!("+{digits}"),
            chat_id: digits,
            display_name,
            language: None,
            update_id: Some(message.id.clone()),
            edit_message: None,
            payload,
        },
        media,
    })
}

fn unsupported(kind: &str) -> Payload {
    Payload::Unsupported { kind: kind.into() }
}

fn shared_contact(card: &Card) -> Payload {
    let name = &card.name;
    let full = if name.formatted_name.trim().is_empty() {
        format!("{} {}", name.first_name.trim(), name.last_name.trim())
    } else {
        name.formatted_name.clone()
    };
    let phone = card.phones.first().map_or_else(String::new, |p| {
        if p.phone.trim().is_empty() {
            wa_digits(&p.wa_id)
                .map(|d| format!("+{d}"))
                .unwrap_or_default()
        } else {
            p.phone.clone()
        }
    });
    Payload::SharedContact {
        name: full.trim().to_string(),
        phone,
    }
}

fn status(raw: RawStatus) -> Option<Status> {
    let status = DeliveryStatus::parse(&raw.status)?;
    if raw.id.is_empty() {
        return None;
    }
    let first = raw.errors.first();
    Some(Status {
        message_id: raw.id,
        status,
        error: first.map(|e| {
            format!(
                "{}: {}",
                e.code,
                e.title.chars().take(200).collect::<String>()
            )
        }),
        code: first.map(|e| e.code),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delivery(messages: Value) -> String {
        serde_json::json!({ "object": "whatsapp_business_account", "entry": [{ "id": "1", "changes": [{
            "field": "messages",
            "value": { "metadata": { "phone_number_id": "42" },
                       "contacts": [{ "profile": { "name": "José Müller" }, "wa_id": "4915112345678" }],
                       "messages": messages } }] }] })
        .to_string()
    }

    #[test]
    fn kinds_become_payloads() {
        let body = delivery(serde_json::json!([
            { "from": "4915112345678", "id": "w1", "type": "text", "text": { "body": "/help" } },
            { "from": "4915112345678", "id": "w2", "type": "interactive", "interactive": { "type": "list_reply", "list_reply": { "id": "/contacts", "title": "x" } } },
            { "from": "4915112345678", "id": "w3", "type": "button", "button": { "payload": "done:4", "text": "Done" } },
            { "from": "4915112345678", "id": "w4", "type": "document", "document": { "id": "77", "filename": "people.CSV", "mime_type": "text/csv" } },
            { "from": "4915112345678", "id": "w5", "type": "document", "document": { "id": "78", "filename": "deck.pdf", "mime_type": "application/pdf" } },
            { "from": "4915112345678", "id": "w6", "type": "reaction", "reaction": { "message_id": "w1", "emoji": "👍" } },
            { "from": "4915112345678", "id": "w7", "type": "contacts", "contacts": [{ "name": { "formatted_name": "Bob Stone" }, "phones": [{ "phone": "+1 (415) 555-0134", "wa_id": "14155550134" }] }] },
            { "from": "<USER_PHONE_NUMBER>", "id": "w8", "type": "text", "text": { "body": "hi" } },
            { "from": "4915112345678", "id": "w9", "type": "audio", "audio": { "id": "1", "voice": true } },
            { "from": "4915112345678", "id": "w10", "type": "text", "text": 5 },
            { "from": "4915112345678", "id": "w11", "type": "image", "image": { "id": "79", "mime_type": "image/jpeg", "caption": "C1 site visit" } },
        ]));
        let parsed = parse(&body, "42").unwrap();
        let payloads: Vec<_> = parsed
            .messages
            .iter()
            .map(|m| m.inbound.payload.clone())
            .collect();
        assert_eq!(
            payloads,
            [
                Payload::Text("/help".into()),
                Payload::Button("/contacts".into()),
                Payload::Button("done:4".into()),
                Payload::Document {
                    file_name: "people.CSV".into(),
                    bytes: Vec::new(),
                    caption: String::new()
                },
                Payload::Document {
                    file_name: "deck.pdf".into(),
                    bytes: Vec::new(),
                    caption: String::new()
                },
                Payload::SharedContact {
                    name: "Bob Stone".into(),
                    phone: "+1 (415) 555-0134".into()
                },
                Payload::Unsupported {
                    kind: "voice".into()
                },
                Payload::Document {
                    file_name: "photo.jpg".into(),
                    bytes: Vec::new(),
                    caption: "C1 site visit".into()
                },
            ]
        );
        let first = &parsed.messages[0].inbound;
        assert_eq!(first.user_id, "+4915112345678");
        assert_eq!(first.chat_id, "4915112345678");
        assert_eq!(first.display_name, "José Müller");
        assert_eq!(first.update_id.as_deref(), Some("w1"));
        assert_eq!(
            parsed.messages[3].media,
            Some(("77".into(), "people.CSV".into()))
        );
        // Another phone number's changes are not ours.
        assert!(parse(&body, "43").unwrap().messages.is_empty());
        assert!(parse("{not json", "42").is_err());
        assert_eq!(parse("[1, 2]", "42").unwrap(), Delivery::default());
    }
}
