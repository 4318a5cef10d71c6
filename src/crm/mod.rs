//! The CRM domain: record types, handles and validation rules. Nothing here knows about
//! channels or databases.

/// The impls of a field value checked when it is made (`$type(String)`, e.g. [`Phone`],
/// [`Email`]): it is shown and serialized as its normalized text, and deserializing (a
/// saved draft) checks again with `$parse` (`&str` → `Result<$type, FieldError>`), which
/// reads a normalized value as itself. The type derives serde with
/// `#[serde(try_from = "String", into = "String")]`.
macro_rules! checked_text {
    ($type:ident, $parse:expr) => {
        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $type {
            type Error = $crate::crm::FieldError;

            fn try_from(text: String) -> Result<$type, Self::Error> {
                ($parse)(&text)
            }
        }

        impl From<$type> for String {
            fn from(value: $type) -> String {
                value.0
            }
        }
    };
}

pub mod company;
pub mod contact;
pub mod deal;
pub mod duplicate;
pub mod email;
pub mod field;
pub mod files;
pub mod handle;
pub mod ids;
pub mod import;
pub mod member;
pub mod money;
pub mod phone;
pub mod query;
pub mod search_key;
pub mod task;
pub mod when;

pub use company::{Company, CompanyDraft};
pub use contact::{Contact, ContactDraft, ContactField, DroppedPhone, FieldError, Problem};
pub use deal::{Deal, DealDraft, Stage, StageChange, Status};
pub use email::Email;
pub use handle::{Handle, RecordKind};
pub use ids::{
    CompanyId, ContactId, DealId, FileId, IdentityId, InboxId, NoteId, OutboxId, RecordId, TaskId,
    UserId, WorkspaceId,
};
pub use member::{Actor, Role};
pub use money::Money;
pub use phone::Phone;
pub use task::{Note, Task};

/// Splits a one-line record ("Acme renewal, 12,500 EUR; C1") into trimmed, non-empty
/// parts at `;`, new lines, and commas that are not a digit group separator ("12,500").
pub fn split_parts(input: &str) -> Vec<&str> {
    let bytes = input.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in input.char_indices() {
        let separator = match c {
            ';' | '\n' => true,
            ',' => {
                let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
                let digit_after = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                !(digit_before && digit_after)
            }
            _ => false,
        };
        if separator {
            parts.push(input[start..i].trim());
            start = i + c.len_utf8();
        }
    }
    parts.push(input[start..].trim());
    parts.retain(|p| !p.is_empty());
    parts
}

#[cfg(test)]
mod tests {
    #[test]
    fn split_parts_keeps_digit_groups() {
        assert_eq!(
            super::split_parts("Acme renewal, 12,500.50 EUR,C1 O1; 2026-12-31\n,"),
            ["Acme renewal", "12,500.50 EUR", "C1 O1", "2026-12-31"]
        );
        assert_eq!(super::split_parts("Anna,+49 151"), ["Anna", "+49 151"]);
        assert!(super::split_parts(" , ; ").is_empty());
    }
}
