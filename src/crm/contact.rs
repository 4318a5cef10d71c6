//! Contacts: the record type, a draft being filled in, and the validation of each field.
//! Phones are normalized to E.164 with `phonenumber`; emails are checked with `email_address`.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use super::field::{ContactField, FieldError, Problem};
use super::handle::{Handle, RecordKind};
use super::ids::{CompanyId, ContactId, WorkspaceId};
pub use super::{email::Email, phone::Phone};

/// Longest name or position we keep, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// A stored contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: ContactId,
    pub workspace_id: WorkspaceId,
    pub handle_no: i64,
    pub name: String,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub position: Option<String>,
    pub company_id: Option<CompanyId>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Contact {
    pub fn handle(&self) -> Handle {
        Handle::new(RecordKind::Contact, self.handle_no)
    }

    /// Replaces one field with an already validated value.
    /// `value` comes from [`validate`] for the same `field`.
    pub fn set(&mut self, field: ContactField, value: Option<FieldValue>) {
        match field {
            ContactField::Name => self.name = value.map(FieldValue::into_text).unwrap_or_default(),
            ContactField::Phone => self.phone = value.and_then(FieldValue::into_phone),
            ContactField::Email => self.email = value.and_then(FieldValue::into_email),
            ContactField::Position => self.position = value.map(FieldValue::into_text),
        }
    }

    pub fn get(&self, field: ContactField) -> Option<&str> {
        match field {
            ContactField::Name => Some(&self.name),
            ContactField::Phone => self.phone.as_ref().map(Phone::as_str),
            ContactField::Email => self.email.as_ref().map(Email::as_str),
            ContactField::Position => self.position.as_deref(),
        }
    }
}

/// A contact being created: validated fields, filled one-shot or step by step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDraft {
    pub name: String,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub position: Option<String>,
}

impl ContactDraft {
    /// Parses `Name, phone, email, position` in any order after the name: a part with `@`
    /// is the email, a part made of digits and phone punctuation is the phone, any other
    /// part is the position. A phone that does not validate is left out of the draft and
    /// returned beside it, so the rest can be saved; any other error comes with the part
    /// it is about.
    pub fn parse_one_shot(
        input: &str,
        region: Option<&str>,
    ) -> Result<(ContactDraft, Option<DroppedPhone>), (FieldError, String)> {
        let mut parts = super::split_parts(input).into_iter();
        let first = parts.next().unwrap_or("");
        let name = validate_text(ContactField::Name, first).map_err(|e| (e, first.to_string()))?;
        let mut draft = ContactDraft {
            name: name.unwrap_or_default(),
            ..ContactDraft::default()
        };
        let mut dropped = None;
        for part in parts {
            let field = if part.contains('@') {
                ContactField::Email
            } else if looks_like_phone(part) {
                ContactField::Phone
            } else {
                ContactField::Position
            };
            let repeated = match field {
                ContactField::Email => draft.email.is_some(),
                ContactField::Phone => draft.phone.is_some() || dropped.is_some(),
                _ => draft.position.is_some(),
            };
            if repeated {
                return Err((FieldError::new(field, Problem::Repeated), part.to_string()));
            }
            let value = match validate(field, part, region) {
                Ok(value) => value,
                Err(error) if field == ContactField::Phone => {
                    dropped = Some(DroppedPhone {
                        value: part.to_string(),
                        error,
                    });
                    continue;
                }
                Err(error) => return Err((error, part.to_string())),
            };
            match field {
                ContactField::Email => draft.email = value.and_then(FieldValue::into_email),
                ContactField::Phone => draft.phone = value.and_then(FieldValue::into_phone),
                _ => draft.position = value.map(FieldValue::into_text),
            }
        }
        Ok((draft, dropped))
    }
}

/// A phone typed with a contact that could not be read: the contact is saved without it
/// and the user told why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedPhone {
    /// As typed.
    pub value: String,
    pub error: FieldError,
}

/// A validated value of one contact field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    /// A name or a position.
    Text(String),
    Phone(Phone),
    Email(Email),
}

impl FieldValue {
    /// The value as stored (phones in E.164).
    pub fn as_str(&self) -> &str {
        match self {
            FieldValue::Text(text) => text,
            FieldValue::Phone(phone) => phone.as_str(),
            FieldValue::Email(email) => email.as_str(),
        }
    }

    pub fn into_text(self) -> String {
        match self {
            FieldValue::Text(text) => text,
            FieldValue::Phone(phone) => phone.into(),
            FieldValue::Email(email) => email.into(),
        }
    }

    pub fn into_phone(self) -> Option<Phone> {
        match self {
            FieldValue::Phone(phone) => Some(phone),
            _ => None,
        }
    }

    pub fn into_email(self) -> Option<Email> {
        match self {
            FieldValue::Email(email) => Some(email),
            _ => None,
        }
    }
}

/// Validates `input` for `field`. `Ok(None)` clears an optional field (empty input or "-").
pub fn validate(
    field: ContactField,
    input: &str,
    region: Option<&str>,
) -> Result<Option<FieldValue>, FieldError> {
    Ok(match field {
        ContactField::Name | ContactField::Position => {
            validate_text(field, input)?.map(FieldValue::Text)
        }
        ContactField::Phone => validate_phone(input, region)?.map(FieldValue::Phone),
        ContactField::Email => validate_email(input)?.map(FieldValue::Email),
    })
}

/// [`validate`] for the text fields (name, position): the rules of plain text.
pub fn validate_text(field: ContactField, input: &str) -> Result<Option<String>, FieldError> {
    match cleared(input) {
        None if field == ContactField::Name => Err(FieldError::new(field, Problem::Empty)),
        None => Ok(None),
        Some(input) => plain_text(field, input).map(Some),
    }
}

/// [`validate`] for the phone field.
pub fn validate_phone(input: &str, region: Option<&str>) -> Result<Option<Phone>, FieldError> {
    cleared(input)
        .map(|input| Phone::parse(input, region))
        .transpose()
}

/// [`validate`] for the email field.
pub fn validate_email(input: &str) -> Result<Option<Email>, FieldError> {
    cleared(input).map(Email::parse).transpose()
}

/// The trimmed input, or `None` when it clears the field (empty or "-").
fn cleared(input: &str) -> Option<&str> {
    let input = input.trim();
    (!input.is_empty() && input != "-").then_some(input)
}

fn plain_text(field: ContactField, input: &str) -> Result<String, FieldError> {
    if input.chars().count() > MAX_TEXT_CHARS {
        return Err(FieldError::new(field, Problem::TooLong));
    }
    // Control characters (other than the space we fold to) never belong in a name.
    let text: String = input
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Ok(text)
}

fn looks_like_phone(part: &str) -> bool {
    let digits = part.chars().filter(char::is_ascii_digit).count();
    digits >= 3
        && part
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
}

/// An ISO 3166 alpha-2 region the phone library knows (`de` → `DE`), or `None`.
pub fn parse_region(input: &str) -> Option<String> {
    let code = input.trim().to_uppercase();
    let known = code.len() == 2
        && code.chars().all(|c| c.is_ascii_alphabetic())
        && phonenumber::country::Id::from_str(&code).is_ok();
    known.then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_shot_reads_name_phone_email_position() {
        let (draft, dropped) = ContactDraft::parse_one_shot(
            "Anna Petrova, +49 151 12345678, anna@Example.com, Head of Sales",
            None,
        )
        .unwrap();
        assert_eq!(dropped, None);
        assert_eq!(draft.name, "Anna Petrova");
        assert_eq!(
            draft.phone.as_ref().map(Phone::as_str),
            Some("+4915112345678")
        );
        assert_eq!(
            draft.email.as_ref().map(Email::as_str),
            Some("anna@example.com")
        );
        assert_eq!(draft.position.as_deref(), Some("Head of Sales"));
    }

    #[test]
    fn phone_without_country_needs_a_region() {
        assert_eq!(
            Phone::parse("030 1234567", None).unwrap_err().problem,
            Problem::PhoneNeedsCountry
        );
        assert_eq!(
            Phone::parse("030 123456", Some("DE")).unwrap().as_str(),
            "+4930123456"
        );
        assert_eq!(
            Phone::parse("+1 23", None).unwrap_err().problem,
            Problem::InvalidPhone
        );
    }

    #[test]
    fn double_zero_is_the_international_prefix() {
        assert_eq!(
            Phone::parse("0049-30-1234567", None).unwrap().as_str(),
            "+49301234567"
        );
        assert_eq!(
            Phone::parse(" 0049 151 12345678", Some("US"))
                .unwrap()
                .as_str(),
            "+4915112345678"
        );
    }

    #[test]
    fn national_numbers_use_the_region() {
        let cases = [
            ("(555) 123-4567", "US", "+15551234567"),
            ("030 1234567", "DE", "+49301234567"),
            ("8 (916) 123-45-67", "RU", "+79161234567"),
            ("+7 916 123-45-67", "DE", "+79161234567"),
        ];
        for (typed, region, e164) in cases {
            assert_eq!(
                Phone::parse(typed, Some(region)).map(|p| p.as_str().to_string()),
                Ok(e164.to_string()),
                "{typed}"
            );
        }
        for (typed, region) in [("12", "DE"), ("555 12", "US"), ("0", "RU"), ("12345", "DE")] {
            assert_eq!(
                Phone::parse(typed, Some(region)).unwrap_err().problem,
                Problem::InvalidPhone,
                "{typed}"
            );
        }
    }

    #[test]
    fn bad_values_name_their_field() {
        let (err, part) = ContactDraft::parse_one_shot("Anna, not-an-email@", None).unwrap_err();
        assert_eq!(
            err,
            FieldError::new(ContactField::Email, Problem::InvalidEmail)
        );
        assert_eq!(part, "not-an-email@");
        let (err, part) = ContactDraft::parse_one_shot("Anna, a@b.co, c@d.co", None).unwrap_err();
        assert_eq!((err.problem, part.as_str()), (Problem::Repeated, "c@d.co"));
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(
            validate(ContactField::Name, &long, None)
                .unwrap_err()
                .problem,
            Problem::TooLong
        );
        assert_eq!(
            validate(ContactField::Name, "  ", None)
                .unwrap_err()
                .problem,
            Problem::Empty
        );
    }

    #[test]
    fn a_bad_phone_is_dropped_and_the_rest_kept() {
        let (draft, dropped) =
            ContactDraft::parse_one_shot("Anna, 030 1234567, anna@example.com", None).unwrap();
        assert_eq!(draft.name, "Anna");
        assert_eq!(draft.phone, None);
        assert_eq!(
            draft.email.as_ref().map(Email::as_str),
            Some("anna@example.com")
        );
        let dropped = dropped.unwrap();
        assert_eq!(dropped.value, "030 1234567");
        assert_eq!(dropped.error.problem, Problem::PhoneNeedsCountry);
        let (err, _) =
            ContactDraft::parse_one_shot("Anna, 030 1234567, 030 7654321", None).unwrap_err();
        assert_eq!(err.problem, Problem::Repeated);
    }

    #[test]
    fn dash_clears_an_optional_field() {
        assert_eq!(validate(ContactField::Phone, "-", None), Ok(None));
    }

    #[test]
    fn field_names_have_synonyms() {
        assert_eq!(ContactField::parse("Tel"), Some(ContactField::Phone));
        assert_eq!(ContactField::parse("почта"), Some(ContactField::Email));
        assert_eq!(ContactField::parse("age"), None);
    }
}
