//! Phone numbers: [`Phone`], a number validated with `phonenumber` and kept in E.164 form,
//! and how it is shown and searched.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::field::{ContactField, FieldError, Problem};

/// A phone number in E.164 form (`+4915112345678`).
///
/// The inside is private: a `Phone` is made only by [`Phone::parse`] (or read back from a
/// value that was, see [`Phone::from_stored`]), so holding one means it was validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

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

    /// A number as the store kept it: it was made by [`Phone::parse`] before it was
    /// written, so it is not checked again. Only the store's row mapping calls this.
    pub fn from_stored(e164: String) -> Phone {
        Phone(e164)
    }

    /// The E.164 form (`+4915112345678`), as stored and compared.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The national significant number's digits (`15112345678`), so a number is also
    /// found when typed without its country code.
    pub fn national_digits(&self) -> String {
        phonenumber::parse(None, &self.0)
            .map(|n| n.national().value().to_string())
            .unwrap_or_default()
    }

    /// The international, human-readable form (`+49 1511 2345678`).
    pub fn display(&self) -> String {
        phonenumber::parse(None, &self.0)
            .map(|n| {
                n.format()
                    .mode(phonenumber::Mode::International)
                    .to_string()
            })
            .unwrap_or_else(|_| self.0.clone())
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

// Deserializing (a saved draft) validates again: an E.164 number parses as itself.
checked_text!(Phone, |e164: &str| Phone::parse(e164, None));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_phone_cannot_become_a_phone() {
        assert!(Phone::parse("12345", Some("DE")).is_err());
        assert!(Phone::try_from("not a phone".to_string()).is_err());
        assert!(serde_json::from_str::<Phone>("\"+1 23\"").is_err());
        let phone = Phone::parse("030 1234567", Some("DE")).unwrap();
        assert_eq!(phone.as_str(), "+49301234567");
        let json = serde_json::to_string(&phone).unwrap();
        assert_eq!(json, "\"+49301234567\"");
        assert_eq!(serde_json::from_str::<Phone>(&json).unwrap(), phone);
    }
}
