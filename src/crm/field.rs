//! A contact's editable fields and what can be wrong with a value typed for one: the
//! leaf that `contact`, `email` and `phone` share (so the validators of `Email` and
//! `Phone` need not import `contact`, which uses them).

use serde::{Deserialize, Serialize};

use crate::i18n::{fold, is_word};

/// The editable fields of a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactField {
    Name,
    Phone,
    Email,
    Position,
}

impl ContactField {
    pub const ALL: [ContactField; 4] = [
        ContactField::Name,
        ContactField::Phone,
        ContactField::Email,
        ContactField::Position,
    ];

    /// The field's name in commands (`/edit C1 phone …`) and in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            ContactField::Name => "name",
            ContactField::Phone => "phone",
            ContactField::Email => "email",
            ContactField::Position => "position",
        }
    }

    /// Accepts the field's name and synonyms in any shipped language (the locales'
    /// `words-field-*` messages), in any case, accents optional.
    pub fn parse(input: &str) -> Option<ContactField> {
        let typed = fold(input);
        [
            ContactField::Name,
            ContactField::Phone,
            ContactField::Email,
            ContactField::Position,
        ]
        .into_iter()
        .find(|field| is_word(&typed, &format!("words-field-{}", field.as_str())))
    }
}

/// What is wrong with a value typed for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Empty,
    TooLong,
    InvalidPhone,
    PhoneNeedsCountry,
    InvalidEmail,
    Repeated,
}

/// A field and what is wrong with its value; the handler turns it into a localized message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{field:?}: {problem:?}")]
pub struct FieldError {
    pub field: ContactField,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: ContactField, problem: Problem) -> Self {
        Self { field, problem }
    }
}
