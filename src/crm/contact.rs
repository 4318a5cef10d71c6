//! Contacts: the record type, a draft being filled in, and the validation of each field.
//! Phones are normalized to E.164 with `phonenumber`; emails are checked with `email_address`.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::handle::{Handle, RecordKind};

/// Longest name or position we keep, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// A stored contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: i64,
    pub workspace_id: i64,
    pub handle_no: i64,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub position: Option<String>,
    pub company_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Contact {
    pub fn handle(&self) -> Handle {
        Handle::new(RecordKind::Contact, self.handle_no)
    }

    /// Replaces one field with an already validated value.
    pub fn set(&mut self, field: ContactField, value: Option<String>) {
        match field {
            ContactField::Name => self.name = value.unwrap_or_default(),
            ContactField::Phone => self.phone = value,
            ContactField::Email => self.email = value,
            ContactField::Position => self.position = value,
        }
    }

    pub fn get(&self, field: ContactField) -> Option<&str> {
        match field {
            ContactField::Name => Some(&self.name),
            ContactField::Phone => self.phone.as_deref(),
            ContactField::Email => self.email.as_deref(),
            ContactField::Position => self.position.as_deref(),
        }
    }
}

/// A contact being created: validated fields, filled one-shot or step by step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDraft {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
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
        let name =
            validate(ContactField::Name, first, region).map_err(|e| (e, first.to_string()))?;
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
                ContactField::Email => draft.email = value,
                ContactField::Phone => draft.phone = value,
                _ => draft.position = value,
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

    /// Accepts the English name and common synonyms, in any case.
    pub fn parse(input: &str) -> Option<ContactField> {
        match input.trim().to_lowercase().as_str() {
            "name" | "имя" | "nombre" => Some(ContactField::Name),
            "phone" | "tel" | "mobile" | "телефон" | "teléfono" | "telefono" => {
                Some(ContactField::Phone)
            }
            "email" | "e-mail" | "mail" | "почта" | "correo" => Some(ContactField::Email),
            "position" | "title" | "role" | "должность" | "cargo" | "puesto" => {
                Some(ContactField::Position)
            }
            _ => None,
        }
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

/// Validates `input` for `field`. `Ok(None)` clears an optional field (empty input or "-").
pub fn validate(
    field: ContactField,
    input: &str,
    region: Option<&str>,
) -> Result<Option<String>, FieldError> {
    let input = input.trim();
    let cleared = input.is_empty() || input == "-";
    match field {
        ContactField::Name if cleared => Err(FieldError::new(field, Problem::Empty)),
        _ if cleared => Ok(None),
        ContactField::Name | ContactField::Position => plain_text(field, input).map(Some),
        ContactField::Phone => Phone::parse(input, region).map(|p| Some(p.0)),
        ContactField::Email => Email::parse(input).map(|e| Some(e.0)),
    }
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

/// A phone number in E.164 form (`+4915112345678`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(pub String);

impl Phone {
    /// Parses a number typed with `+country` or `00country`, or in `region`'s national
    /// format (`030 1234567` with DE, `8 (916) 123-45-67` with RU).
    pub fn parse(input: &str, region: Option<&str>) -> Result<Phone, FieldError> {
        let error = |problem| FieldError::new(ContactField::Phone, problem);
        let input = input.trim();
        if input.chars().count() > 40 {
            return Err(error(Problem::InvalidPhone));
        }
        // `00` is the international call prefix in most of the world: read it as `+`.
        let input = match input.strip_prefix("00") {
            Some(rest) => format!("+{rest}"),
            None => input.to_string(),
        };
        let country = region.and_then(|r| phonenumber::country::Id::from_str(r).ok());
        if country.is_none() && !input.starts_with('+') {
            return Err(error(Problem::PhoneNeedsCountry));
        }
        // An international number never uses the region (the crate would strip the
        // region's trunk prefix from it: `+49 151…` with US lost its `1`).
        let country = if input.starts_with('+') {
            None
        } else {
            country
        };
        let number =
            phonenumber::parse(country, &input).map_err(|_| error(Problem::InvalidPhone))?;
        if !number.is_valid() && !has_possible_length(&number) {
            return Err(error(Problem::InvalidPhone));
        }
        Ok(Phone(
            number.format().mode(phonenumber::Mode::E164).to_string(),
        ))
    }

    /// The national significant number's digits (`15112345678`), so a number is also
    /// found when typed without its country code.
    pub fn national_digits(e164: &str) -> String {
        phonenumber::parse(None, e164)
            .map(|n| n.national().value().to_string())
            .unwrap_or_default()
    }

    /// The international, human-readable form (`+49 1511 2345678`).
    pub fn display(e164: &str) -> String {
        phonenumber::parse(None, e164)
            .map(|n| {
                n.format()
                    .mode(phonenumber::Mode::International)
                    .to_string()
            })
            .unwrap_or_else(|_| e164.to_string())
    }
}

/// Whether a number that the numbering plan does not list (a new range, or one reserved
/// for fiction such as 555 in North America) is still kept: only in a plan of fixed-length
/// numbers (North America and Russia: 10 digits), when it has that length. Plans of varying
/// length (Germany: 5 to 15 digits) keep only listed numbers, or anything would pass.
fn has_possible_length(number: &phonenumber::PhoneNumber) -> bool {
    let national = number.national().value().to_string();
    let length = u16::try_from(national.len()).unwrap_or(u16::MAX);
    let code = number.code().value();
    let Some(meta) = phonenumber::metadata::DATABASE
        .by_code(&code)
        .and_then(|metas| metas.into_iter().find(|m| m.is_main_country_for_code()))
    else {
        return false;
    };
    let kinds = meta.descriptors();
    let mut lengths: Vec<u16> = [Some(kinds.general()), kinds.fixed_line(), kinds.mobile()]
        .into_iter()
        .flatten()
        .flat_map(|kind| kind.possible_length().iter().copied())
        .collect();
    lengths.sort_unstable();
    lengths.dedup();
    // A national number never starts with a trunk prefix `0` once parsed.
    lengths.len() == 1 && lengths[0] == length && !national.starts_with('0')
}

/// A syntactically valid email address with a dotted domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(pub String);

impl Email {
    pub fn parse(input: &str) -> Result<Email, FieldError> {
        let options = email_address::Options {
            minimum_sub_domains: 2,
            allow_domain_literal: false,
            allow_display_text: false,
            ..email_address::Options::default()
        };
        email_address::EmailAddress::parse_with_options(input, options)
            .map(|address| {
                let (local, domain) = (address.local_part(), address.domain());
                Email(format!("{local}@{}", domain.to_lowercase()))
            })
            .map_err(|_| FieldError::new(ContactField::Email, Problem::InvalidEmail))
    }
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
        assert_eq!(draft.phone.as_deref(), Some("+4915112345678"));
        assert_eq!(draft.email.as_deref(), Some("anna@example.com"));
        assert_eq!(draft.position.as_deref(), Some("Head of Sales"));
    }

    #[test]
    fn phone_without_country_needs_a_region() {
        assert_eq!(
            Phone::parse("030 1234567", None).unwrap_err().problem,
            Problem::PhoneNeedsCountry
        );
        assert_eq!(
            Phone::parse("030 123456", Some("DE")).unwrap().0,
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
            Phone::parse("0049-30-1234567", None).unwrap().0,
            "+49301234567"
        );
        assert_eq!(
            Phone::parse(" 0049 151 12345678", Some("US")).unwrap().0,
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
                Phone::parse(typed, Some(region)).map(|p| p.0),
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
        assert_eq!(draft.email.as_deref(), Some("anna@example.com"));
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
