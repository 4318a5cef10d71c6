//! Email addresses: [`Email`], an address validated with `email_address`, domain
//! lower-cased.

use serde::{Deserialize, Serialize};

use super::field::{ContactField, FieldError, Problem};

/// A syntactically valid email address with a dotted domain.
///
/// The inside is private: an `Email` is made only by [`Email::parse`] (or read back from a
/// value that was, see [`Email::from_stored`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

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

    /// An address as the store kept it: it was made by [`Email::parse`] before it was
    /// written, so it is not checked again. Only the store's row mapping calls this.
    pub fn from_stored(address: String) -> Email {
        Email(address)
    }

    /// The normalized address (domain lower-cased), as stored and compared.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

// Deserializing (a saved draft) validates again: a normalized address parses as itself.
checked_text!(Email, Email::parse);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_email_cannot_become_an_email() {
        assert!(Email::parse("not-an-email@").is_err());
        assert!(serde_json::from_str::<Email>("\"a@localhost\"").is_err());
        let email = Email::parse("Anna@Example.COM").unwrap();
        assert_eq!(email.as_str(), "Anna@example.com");
        let json = serde_json::to_string(&email).unwrap();
        assert_eq!(serde_json::from_str::<Email>(&json).unwrap(), email);
    }
}
