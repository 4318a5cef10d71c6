//! vCard 2.1, 3.0 and 4.0 contact files: unfolding lines (including quoted-printable soft
//! line breaks), a tolerant property parser, and turning each card into a raw row.
//!
//! A card gives: `FN` as the name, else `N` as "Given Additional Family"; `TEL` values with
//! `TYPE=CELL` (or 2.1's bare `CELL`, or Apple's `IPHONE`) before the others, the first
//! valid one winning; `EMAIL` values in order, the first valid one winning; the first
//! component of `ORG`; `TITLE`. A card with none of these is skipped as blank; one with
//! values but neither `FN` nor `N` is a missing name. Property names may carry a group
//! (`item1.EMAIL`) and any case. Quoted-printable values are decoded like a file's bytes
//! (UTF-8, else Windows-1251 or -1252), whatever their `CHARSET`; base64 values (photos,
//! keys) are ignored.
//!
//! Written by hand rather than with `ical` 0.11, which rejects 2.1's bare parameters
//! (`TEL;CELL:`), does not join quoted-printable soft line breaks, and loses the rest of
//! the file after one line it cannot parse.

use std::borrow::Cow;

use super::{Collector, Format, ImportError, ParsedImport, RawRow, decode_8bit};

/// Reads a whole vCard text; rows are numbered by card, from 1.
pub(super) fn parse(text: &str, region: Option<&str>) -> Result<ParsedImport, ImportError> {
    let mut collector = Collector::new(Format::Vcard, region);
    for (index, card) in cards(text).iter().enumerate() {
        collector.push(&raw_row(index + 1, card))?;
    }
    collector.finish()
}

/// One content line: `group.NAME;PARAM=value;BARE:value`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Property {
    /// Upper case, without the group.
    name: String,
    /// Keys in upper case; a bare 2.1 parameter (`CELL`) is a `TYPE`, or an `ENCODING`
    /// when it names one.
    params: Vec<(String, String)>,
    /// As written: still escaped and possibly quoted-printable.
    value: String,
}

impl Property {
    fn is(&self, name: &str, value: &str) -> bool {
        self.name == name && self.value.trim().eq_ignore_ascii_case(value)
    }

    /// Whether any `TYPE` parameter lists `kind` (`TYPE=cell,voice`, `TYPE="cell"`, `CELL`).
    fn has_type(&self, kind: &str) -> bool {
        self.params
            .iter()
            .filter(|(key, _)| key == "TYPE")
            .flat_map(|(_, value)| value.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(kind))
    }

    /// The value with any quoted-printable encoding undone; `None` for base64 data.
    fn decoded(&self) -> Option<Cow<'_, str>> {
        let encoding = self
            .params
            .iter()
            .find(|(key, _)| key == "ENCODING")
            .map(|(_, value)| value.to_ascii_uppercase());
        match encoding.as_deref() {
            Some("QUOTED-PRINTABLE") => {
                Some(Cow::Owned(decode_8bit(&quoted_printable(&self.value))))
            }
            Some("B" | "BASE64") => None,
            _ => Some(Cow::Borrowed(&self.value)),
        }
    }
}

/// The properties of each card, in file order. Lines outside cards are ignored; a card
/// cut off by the end of the file or by the next `BEGIN:VCARD` still counts.
fn cards(text: &str) -> Vec<Vec<Property>> {
    let mut cards = Vec::new();
    let mut current: Option<Vec<Property>> = None;
    for line in unfold(text) {
        let Some(property) = parse_property(&line) else {
            continue;
        };
        if property.is("BEGIN", "VCARD") {
            cards.extend(current.replace(Vec::new()));
        } else if property.is("END", "VCARD") {
            cards.extend(current.take());
        } else if let Some(card) = current.as_mut() {
            card.push(property);
        }
    }
    cards.extend(current);
    cards
}

/// Logical lines: a physical line starting with a space or tab continues the previous one
/// (minus that character); a quoted-printable line ending in `=` continues on the next.
fn unfold(text: &str) -> Vec<String> {
    // Each logical line, and whether its parameters say quoted-printable.
    let mut lines: Vec<(String, bool)> = Vec::new();
    for physical in text.split(['\n', '\r']).filter(|l| !l.is_empty()) {
        match lines.last_mut() {
            Some((last, true)) if last.ends_with('=') => {
                last.pop();
                last.push_str(physical);
            }
            Some((last, quoted_printable)) if physical.starts_with([' ', '\t']) => {
                last.push_str(physical.get(1..).unwrap_or(""));
                // Parameters folded onto a continuation line, as rare as it is.
                *quoted_printable = *quoted_printable || says_quoted_printable(last);
            }
            _ => lines.push((physical.to_string(), says_quoted_printable(physical))),
        }
    }
    lines.into_iter().map(|(line, _)| line).collect()
}

/// Whether the parameters of a content line (the part before the first `:`, searched in
/// the first 256 bytes only) name the quoted-printable encoding. A literal `=` in such a
/// value is always written `=3D`, so a trailing `=` is a soft line break.
fn says_quoted_printable(line: &str) -> bool {
    let window = line.as_bytes().get(..256).unwrap_or(line.as_bytes());
    let params = window.split(|&b| b == b':').next().unwrap_or_default();
    params
        .windows(16)
        .any(|w| w.eq_ignore_ascii_case(b"QUOTED-PRINTABLE"))
}

/// Splits a content line; `None` when it has no `:` or no name.
fn parse_property(line: &str) -> Option<Property> {
    let (head, value) = split_once_unquoted(line, ':')?;
    let mut parts = head.split(';');
    let name = parts.next()?.rsplit('.').next()?.trim();
    if name.is_empty() {
        return None;
    }
    let params = parts
        .filter(|p| !p.trim().is_empty())
        .map(parse_param)
        .collect();
    Some(Property {
        name: name.to_ascii_uppercase(),
        params,
        value: value.to_string(),
    })
}

fn parse_param(param: &str) -> (String, String) {
    match param.split_once('=') {
        Some((key, value)) => (
            key.trim().to_ascii_uppercase(),
            value.trim().trim_matches('"').to_string(),
        ),
        None => {
            let bare = param.trim();
            let is_encoding = ["QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT"]
                .iter()
                .any(|e| bare.eq_ignore_ascii_case(e));
            let key = if is_encoding { "ENCODING" } else { "TYPE" };
            (key.to_string(), bare.to_string())
        }
    }
}

/// Splits at the first `separator` outside double quotes.
fn split_once_unquoted(line: &str, separator: char) -> Option<(&str, &str)> {
    let mut quoted = false;
    for (index, c) in line.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == separator && !quoted {
            let rest = line.get(index + c.len_utf8()..)?;
            return Some((line.get(..index)?, rest));
        }
    }
    None
}

/// Decodes `=XX` escapes; a `=` not followed by two hex digits is kept as is.
fn quoted_printable(value: &str) -> Vec<u8> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let escaped = match (byte, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'=', Some(&high), Some(&low)) => hex(high).zip(hex(low)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match escaped {
            Some(decoded) => {
                out.push(decoded);
                i += 3;
            }
            None => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

fn hex(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// The parts of a structured value (`N`, `ORG`) split at unescaped `separator`s, still
/// escaped.
fn split_escaped(value: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (index, c) in value.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == separator {
            parts.push(value.get(start..index).unwrap_or(""));
            start = index + c.len_utf8();
        }
    }
    parts.push(value.get(start..).unwrap_or(""));
    parts
}

/// Undoes `\,` `\;` `\\` and turns `\n` into a line break.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The card's values; `number` is its 1-based position in the file.
fn raw_row(number: usize, card: &[Property]) -> RawRow {
    RawRow {
        line: number,
        name: card_name(card),
        phones: phones(card),
        emails: values(card, "EMAIL")
            .map(|email| {
                let email = unescape(&email);
                strip_prefix_ignore_case(&email, "mailto:").to_string()
            })
            .collect(),
        position: values(card, "TITLE")
            .map(|t| unescape(&t))
            .next()
            .unwrap_or_default(),
        company: values(card, "ORG")
            .map(|org| unescape(split_escaped(&org, ';').first().copied().unwrap_or("")))
            .find(|org| !org.trim().is_empty())
            .unwrap_or_default(),
    }
}

/// Decoded, non-empty values of the properties called `name`.
fn values<'c>(card: &'c [Property], name: &'c str) -> impl Iterator<Item = Cow<'c, str>> {
    card.iter()
        .filter(move |p| p.name == name)
        .filter_map(Property::decoded)
        .filter(|value| !value.trim().is_empty())
}

/// `FN`, else `N` as "Given Additional Family" (multiple values separated by spaces).
fn card_name(card: &[Property]) -> String {
    if let Some(full) = values(card, "FN").map(|v| unescape(&v)).next() {
        return full;
    }
    let Some(structured) = values(card, "N").next() else {
        return String::new();
    };
    let components = split_escaped(&structured, ';');
    [1, 2, 0]
        .iter()
        .filter_map(|&i| components.get(i))
        .flat_map(|component| split_escaped(component, ','))
        .map(|part| unescape(part).trim().to_string())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Phone candidates: mobile ones first, then the rest, each in file order. A `tel:` URI
/// (4.0) is reduced to its number.
fn phones(card: &[Property]) -> Vec<String> {
    let mut found: Vec<(bool, String)> = card
        .iter()
        .filter(|p| p.name == "TEL")
        .filter_map(|p| {
            let value = p.decoded()?;
            let number = strip_prefix_ignore_case(&value, "tel:");
            let number = split_escaped(number, ';').first().copied().unwrap_or("");
            let is_mobile = p.has_type("CELL") || p.has_type("IPHONE");
            Some((!is_mobile, unescape(number)))
        })
        .filter(|(_, number)| !number.trim().is_empty())
        .collect();
    found.sort_by_key(|(not_mobile, _)| *not_mobile);
    found.into_iter().map(|(_, number)| number).collect()
}

fn strip_prefix_ignore_case<'v>(value: &'v str, prefix: &str) -> &'v str {
    let trimmed = value.trim_start();
    match trimmed.get(..prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(prefix) => {
            trimmed.get(prefix.len()..).unwrap_or("")
        }
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{anna_of_acme, field_error, row};
    use super::super::{RowError, RowProblem, parse_import};
    use super::*;
    use crate::crm::Phone;
    use crate::crm::contact::{ContactField, Problem};

    #[test]
    fn vcard_3_with_three_cards() {
        let bytes = include_bytes!("../../../tests/fixtures/import/contacts_v3.vcf");
        let parsed = parse_import("contacts.vcf", bytes, None).unwrap();
        assert_eq!(parsed.format, Format::Vcard);
        assert_eq!(
            parsed.rows,
            vec![
                anna_of_acme(1),
                row(
                    2,
                    "Robert \"Bob\" Stone",
                    "+16502530000",
                    "bob@example.org",
                    "",
                    "Stone, Sons & Co"
                ),
                row(3, "Carlos Gómez", "+34612345678", "", "", ""),
            ]
        );
        assert_eq!((parsed.errors.len(), parsed.skipped_empty), (0, 0));
    }

    #[test]
    fn vcard_2_1_with_quoted_printable_cyrillic() {
        let bytes = include_bytes!("../../../tests/fixtures/import/android_v21_qp.vcf");
        let parsed = parse_import("00001.vcf", bytes, Some("RU")).unwrap();
        assert_eq!(
            parsed.rows,
            vec![
                row(
                    1,
                    "Анна Петрова",
                    "+79161234567",
                    "anna@example.ru",
                    "Менеджер",
                    "Ромашка"
                ),
                row(2, "Иван Иванов", "+79031234567", "", "", ""),
            ]
        );
        assert_eq!(
            parsed.errors,
            vec![RowError {
                line: 3,
                kind: RowProblem::MissingName
            }]
        );
        // Without a region the national mobile number fails and the home one is taken.
        let parsed = parse_import("00001.vcf", bytes, None).unwrap();
        assert_eq!(
            parsed.rows[0].phone.as_ref().map(Phone::as_str),
            Some("+74951234567")
        );
    }

    #[test]
    fn vcard_4_with_tel_uris() {
        let bytes = include_bytes!("../../../tests/fixtures/import/contacts_v4.vcf");
        let parsed = parse_import("contacts.vcf", bytes, None).unwrap();
        assert_eq!(
            parsed.rows,
            vec![
                row(
                    1,
                    "Zoë Martin",
                    "+33612345678",
                    "zoe@example.fr",
                    "Directrice, R&D",
                    "Exemple SA"
                ),
                row(2, "Jane Q. Doe", "", "jane@example.com", "", ""),
            ]
        );
        assert_eq!(
            parsed.errors,
            vec![field_error(
                3,
                ContactField::Email,
                Problem::InvalidEmail,
                "nobody@localhost"
            )]
        );
    }

    #[test]
    fn folded_and_soft_broken_lines_are_joined() {
        let text =
            "FN:Anna\r\n  Petrova\r\n\tX\nNOTE;ENCODING=QUOTED-PRINTABLE:a=\r\n b=\nc\nTEL:1";
        assert_eq!(
            unfold(text),
            [
                "FN:Anna PetrovaX",
                "NOTE;ENCODING=QUOTED-PRINTABLE:a bc",
                "TEL:1"
            ]
        );
    }

    #[test]
    fn properties_keep_groups_case_and_bare_parameters_apart() {
        let property = parse_property("item1.tel;Cell;type=\"voice,x:y\":+49 151").unwrap();
        assert_eq!(property.name, "TEL");
        assert_eq!(property.value, "+49 151");
        assert!(property.has_type("cell") && property.has_type("VOICE"));
        assert_eq!(parse_property("no colon"), None);
        assert_eq!(parse_property(":value"), None);
        let qp = parse_property("FN;QUOTED-PRINTABLE:Ana=C3=AFs =3D").unwrap();
        assert_eq!(qp.decoded().as_deref(), Some("Anaïs ="));
        let photo = parse_property("PHOTO;ENCODING=b:AAAA").unwrap();
        assert_eq!(photo.decoded(), None);
    }

    #[test]
    fn quoted_printable_decoding() {
        assert_eq!(
            decode_8bit(&quoted_printable("=D0=90=D0=BD=D0=BD=D0=B0")),
            "Анна"
        );
        assert_eq!(quoted_printable("a=3d=zz=4"), b"a==zz=4");
        assert_eq!(decode_8bit(&quoted_printable("Ren=E9")), "René");
    }

    #[test]
    fn structured_values_split_at_unescaped_separators() {
        assert_eq!(split_escaped("a\\;b;c;", ';'), ["a\\;b", "c", ""]);
        assert_eq!(unescape("a\\,b\\\\c\\nd\\"), "a,b\\c\nd\\");
        let card = [parse_property("N:Doe;Anna,Maria;;;").unwrap()];
        assert_eq!(card_name(&card), "Anna Maria Doe");
    }

    #[test]
    fn cards_without_end_or_values() {
        let text = "junk\nBEGIN:VCARD\nFN:A\nBEGIN:VCARD\nVERSION:3.0\nEND:VCARD\nBEGIN:VCARD\nTEL:+4930123456";
        let parsed = parse_import("a.vcf", text.as_bytes(), None).unwrap();
        assert_eq!(parsed.rows, vec![row(1, "A", "", "", "", "")]);
        assert_eq!(parsed.skipped_empty, 1);
        assert_eq!(
            parsed.errors,
            vec![RowError {
                line: 3,
                kind: RowProblem::MissingName
            }]
        );
    }
}
