//! The one place text from outside enters: control characters are removed before anything
//! is parsed or stored, the same on both databases (PostgreSQL refuses a NUL byte in text,
//! SQLite would store it; neither is ever meant). Line breaks and tabs stay.

use std::borrow::Cow;

use crate::message::{Inbound, Payload};

/// `text` without control characters other than line breaks and tabs.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_unwanted) {
        Cow::Owned(text.chars().filter(|c| !is_unwanted(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

fn is_unwanted(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t')
}

/// `update` with every text field cleaned; borrowed unchanged when nothing needed it.
pub fn clean_inbound(update: &Inbound) -> Cow<'_, Inbound> {
    let fields_clean = [&update.display_name, &update.user_id, &update.chat_id]
        .into_iter()
        .all(|t| matches!(clean(t), Cow::Borrowed(_)));
    let payload = clean_payload(&update.payload);
    if fields_clean && matches!(payload, Cow::Borrowed(_)) {
        return Cow::Borrowed(update);
    }
    let mut cleaned = update.clone();
    cleaned.display_name = clean(&update.display_name).into_owned();
    cleaned.user_id = clean(&update.user_id).into_owned();
    cleaned.chat_id = clean(&update.chat_id).into_owned();
    cleaned.payload = payload.into_owned();
    Cow::Owned(cleaned)
}

fn clean_payload(payload: &Payload) -> Cow<'_, Payload> {
    let dirty = |texts: &[&String]| texts.iter().any(|t| t.chars().any(is_unwanted));
    let owned = |text: &String| clean(text).into_owned();
    match payload {
        Payload::Text(text) if dirty(&[text]) => Cow::Owned(Payload::Text(owned(text))),
        Payload::Button(data) if dirty(&[data]) => Cow::Owned(Payload::Button(owned(data))),
        Payload::Document {
            file_name,
            bytes,
            caption,
        } if dirty(&[file_name, caption]) => Cow::Owned(Payload::Document {
            file_name: owned(file_name),
            bytes: bytes.clone(),
            caption: owned(caption),
        }),
        Payload::FileTooLarge { file_name, caption } if dirty(&[file_name, caption]) => {
            Cow::Owned(Payload::FileTooLarge {
                file_name: owned(file_name),
                caption: owned(caption),
            })
        }
        Payload::SharedContact { name, phone } if dirty(&[name, phone]) => {
            Cow::Owned(Payload::SharedContact {
                name: owned(name),
                phone: owned(phone),
            })
        }
        Payload::Forwarded { from_name, text } if dirty(&[from_name, text]) => {
            Cow::Owned(Payload::Forwarded {
                from_name: owned(from_name),
                text: owned(text),
            })
        }
        other => Cow::Borrowed(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_go_and_line_breaks_stay() {
        assert_eq!(clean("Ac\0me"), "Acme");
        assert_eq!(clean("a\u{7}b\u{1b}[31mc\r\n\td"), "ab[31mc\n\td");
        assert!(matches!(clean("plain text ✓"), Cow::Borrowed(_)));
    }
}
