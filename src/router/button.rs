//! Button data: what a pressed button asks for, encoded in at most 64 bytes (Telegram's
//! callback-data limit) and decoded back. Records are referred to by database id and are
//! checked against the current workspace when the button is handled.

/// The most bytes a button may carry.
pub const MAX_DATA_BYTES: usize = 64;

/// What a pressed button asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Button {
    Cancel,
    Skip,
    /// Confirm (`yes`) or abandon deleting the contact with this id.
    DeleteContact {
        contact_id: i64,
        confirmed: bool,
    },
    /// Page `page` (0-based) of `/contacts query`.
    ContactsPage {
        page: u32,
        query: String,
    },
    /// Data we do not (or no longer) understand.
    Unknown,
}

impl Button {
    /// The data to put on a button; never longer than [`MAX_DATA_BYTES`].
    pub fn encode(&self) -> String {
        let data = match self {
            Button::Cancel => "cancel".to_string(),
            Button::Skip => "skip".to_string(),
            Button::DeleteContact {
                contact_id,
                confirmed,
            } => {
                format!("del:{contact_id}:{}", if *confirmed { "yes" } else { "no" })
            }
            Button::ContactsPage { page, query } => format!("ls:{page}:{query}"),
            Button::Unknown => "?".to_string(),
        };
        truncate_to_bytes(data, MAX_DATA_BYTES)
    }

    pub fn decode(data: &str) -> Button {
        let mut parts = data.splitn(3, ':');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("cancel"), None, None) => Button::Cancel,
            (Some("skip"), None, None) => Button::Skip,
            (Some("del"), Some(id), Some(answer)) => match (id.parse(), answer) {
                (Ok(contact_id), "yes") => Button::DeleteContact {
                    contact_id,
                    confirmed: true,
                },
                (Ok(contact_id), "no") => Button::DeleteContact {
                    contact_id,
                    confirmed: false,
                },
                _ => Button::Unknown,
            },
            (Some("ls"), Some(page), query) => match page.parse() {
                Ok(page) => Button::ContactsPage {
                    page,
                    query: query.unwrap_or("").to_string(),
                },
                Err(_) => Button::Unknown,
            },
            _ => Button::Unknown,
        }
    }
}

/// Cuts `text` to at most `max` bytes on a character boundary.
pub fn truncate_to_bytes(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut cut = max;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for button in [
            Button::Cancel,
            Button::Skip,
            Button::DeleteContact {
                contact_id: 42,
                confirmed: true,
            },
            Button::DeleteContact {
                contact_id: 7,
                confirmed: false,
            },
            Button::ContactsPage {
                page: 3,
                query: "acme: ltd".into(),
            },
        ] {
            assert_eq!(Button::decode(&button.encode()), button);
        }
        assert_eq!(Button::decode("del:x:yes"), Button::Unknown);
        assert_eq!(Button::decode("whatever"), Button::Unknown);
    }

    #[test]
    fn long_queries_are_cut_to_64_bytes_on_a_char_boundary() {
        let data = Button::ContactsPage {
            page: 1,
            query: "ё".repeat(100),
        }
        .encode();
        assert!(data.len() <= MAX_DATA_BYTES);
        assert!(matches!(
            Button::decode(&data),
            Button::ContactsPage { page: 1, .. }
        ));
    }
}
