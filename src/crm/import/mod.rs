//! Contact import, the parsing half: turns an uploaded CSV or vCard file into validated
//! rows plus per-row problems, ready for a preview. This module owns the entry point
//! [`parse_import`], the size limits, text decoding, format detection and the row
//! validation shared by both formats; [`csv`](self::csv) and [`vcard`](self::vcard) own
//! reading their format. Nothing here touches the database: matching rows to existing
//! contacts and companies happens when the user confirms.
//!
//! Every value goes through [`contact::validate`](crate::crm::contact::validate)'s rules, so an
//! imported phone ends up in E.164 and an email is checked exactly as when typed in chat.
//! A row is either in [`ParsedImport::rows`] with every value valid, or listed once in
//! [`ParsedImport::errors`] with its first problem and is not imported at all — except for
//! a phone: a row whose phones all fail is imported without a phone and listed in
//! [`ParsedImport::dropped_phones`], so the preview can say which phones were left out.

mod csv;
mod vcard;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::crm::contact::{
    ContactField, FieldError, Problem, validate_email, validate_phone, validate_text,
};
use crate::crm::{Email, Phone};

/// Largest file accepted, in bytes.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;
/// Most contacts accepted in one file (rows or cards; blank ones are not counted).
pub const MAX_IMPORT_ROWS: usize = 10_000;
/// Offending values in [`RowProblem`] and headers are cut to this many characters.
const MAX_SHOWN_CHARS: usize = 40;
/// [`ImportError::NoNameColumn`] lists at most this many headers.
const MAX_LISTED_HEADERS: usize = 50;
/// At most this many phones (or emails) of one row are tried.
const MAX_CANDIDATES: usize = 20;

/// The kind of file being imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Csv,
    Vcard,
}

/// One contact ready to be created or merged; every field is already validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    /// Where it came from: the 1-based line of a CSV file (header = line 1) or the
    /// 1-based number of the card in a vCard file.
    pub line: usize,
    pub name: String,
    /// E.164 (`+4915112345678`).
    pub phone: Option<Phone>,
    /// As normalized by [`Email`]: domain lower-cased.
    pub email: Option<Email>,
    pub position: Option<String>,
    pub company: Option<String>,
}

impl ImportRow {
    /// One line for a preview: `Anna Petrova · +4915112345678 · anna@example.com · Acme`
    /// (name, phone, email, position, company; missing parts left out).
    pub fn summary(&self) -> String {
        // The phone as every card shows it ("+49 1511 2345678"), not as stored.
        let phone = self.phone.as_ref().map(Phone::display);
        [
            Some(self.name.as_str()),
            phone.as_deref(),
            self.email.as_ref().map(Email::as_str),
            self.position.as_deref(),
            self.company.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
    }
}

/// A row (or card) that will not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Same meaning as [`ImportRow::line`].
    pub line: usize,
    pub kind: RowProblem,
}

/// What is wrong with a row; only the first problem of a row is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// The row has values but no name (no name column value, no first or last name; for a
    /// vCard, neither `FN` nor `N`).
    MissingName,
    /// A value failed the same check as when typed in chat. `value` is the offending text,
    /// cut to 40 characters with `…`.
    Field { error: FieldError, value: String },
    /// The company name is longer than [`MAX_TEXT_CHARS`](crate::crm::contact::MAX_TEXT_CHARS).
    CompanyTooLong { value: String },
}

/// The result of reading a file: what can be imported, what cannot, and how many blank
/// rows were passed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedImport {
    pub format: Format,
    pub rows: Vec<ImportRow>,
    pub errors: Vec<RowError>,
    /// Rows imported without their phone, which did not validate (the first bad one).
    pub dropped_phones: Vec<RowError>,
    /// Rows (or cards) with nothing in any field we read: name, phone, email, position,
    /// company. Entirely blank CSV lines are not counted.
    pub skipped_empty: usize,
}

/// Why a whole file is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is larger than {max_bytes} bytes")]
    TooLarge { max_bytes: usize },
    #[error("the file has more than {max_rows} contacts")]
    TooManyRows { max_rows: usize },
    /// NUL bytes, or more than 1% control characters (a spreadsheet, an image, …).
    #[error("the file is not text")]
    NotText,
    /// Neither a vCard nor a CSV with a name column, and no known extension.
    #[error("the file is neither CSV nor vCard")]
    UnknownFormat,
    /// `headers` are the file's first 50 headers, each cut to 40 characters.
    #[error("no name column among the headers: {}", headers.join(", "))]
    NoNameColumn { headers: Vec<String> },
    /// No row or card with any value: an empty file, a header alone, blank rows only.
    #[error("the file has no contacts")]
    Empty,
}

/// Reads a CSV or vCard file. `file_name` only serves format detection (a path is fine);
/// `region` is the default phone region (`"DE"`) for numbers written without `+country`.
///
/// The format comes from the content when it starts with `BEGIN:VCARD`, else from the
/// extension (`.vcf`, `.vcard` → vCard; `.csv`, `.tsv`, `.txt` → CSV); a file with any other
/// name is read as CSV if its header has a name column, else refused as
/// [`ImportError::UnknownFormat`]. Text may be UTF-8 (with or without BOM) or UTF-16 with a
/// BOM; anything else is read as Windows-1251 when it looks Cyrillic, else as Windows-1252.
pub fn parse_import(
    file_name: &str,
    bytes: &[u8],
    region: Option<&str>,
) -> Result<ParsedImport, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            max_bytes: MAX_IMPORT_BYTES,
        });
    }
    let text = decode_text(bytes)?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    match detect_format(file_name, &text) {
        Some(Format::Vcard) => vcard::parse(&text, region),
        Some(Format::Csv) => csv::parse(&text, region),
        None => csv::parse(&text, region).map_err(|error| match error {
            ImportError::NoNameColumn { .. } => ImportError::UnknownFormat,
            other => other,
        }),
    }
}

/// Short one-line summaries of the first `max` importable rows, see [`ImportRow::summary`].
pub fn preview_lines(parsed: &ParsedImport, max: usize) -> Vec<String> {
    parsed
        .rows
        .iter()
        .take(max)
        .map(ImportRow::summary)
        .collect()
}

/// The format told by the content, else by the file name's extension.
fn detect_format(file_name: &str, text: &str) -> Option<Format> {
    if starts_with_vcard(text) {
        return Some(Format::Vcard);
    }
    let extension = Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("vcf" | "vcard") => Some(Format::Vcard),
        Some("csv" | "tsv" | "txt") => Some(Format::Csv),
        _ => None,
    }
}

fn starts_with_vcard(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    start
        .as_bytes()
        .get(..11)
        .is_some_and(|head| head.eq_ignore_ascii_case(b"BEGIN:VCARD"))
}

/// The file as text without BOM, or [`ImportError::NotText`] for binary data.
fn decode_text(bytes: &[u8]) -> Result<String, ImportError> {
    let text = match bytes {
        [0xFF, 0xFE, rest @ ..] => decode_utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => decode_utf16(rest, u16::from_be_bytes),
        _ => decode_8bit(bytes),
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if looks_binary(&text) {
        return Err(ImportError::NotText);
    }
    Ok(text)
}

/// UTF-8 when the bytes are valid UTF-8; else Windows-1251 when the text looks Cyrillic
/// (Russian Excel saves CSV that way), else Windows-1252 (a superset of Latin-1's printable
/// characters). Also used for quoted-printable vCard values.
fn decode_8bit(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) if looks_cyrillic(bytes) => bytes.iter().map(|&b| windows_1251(b)).collect(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

/// Whether more words consist only of bytes that are Cyrillic letters in Windows-1251
/// than mix them with ASCII letters, as accented Latin words (`Müller`) do.
fn looks_cyrillic(bytes: &[u8]) -> bool {
    let is_high_letter = |b: u8| b >= 0xC0 || b == 0xA8 || b == 0xB8;
    let (mut cyrillic, mut mixed) = (0usize, 0usize);
    for word in bytes.split(|&b| !(b.is_ascii_alphabetic() || is_high_letter(b))) {
        let high = word.iter().filter(|&&b| is_high_letter(b)).count();
        if high >= 2 && high == word.len() {
            cyrillic += 1;
        } else if high > 0 {
            mixed += 1;
        }
    }
    cyrillic > mixed
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.as_chunks::<2>().0.iter().map(|&pair| unit(pair));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Windows-1252 differs from Latin-1 only in 0x80–0x9F; its five unassigned bytes map to
/// the C1 controls of the same value, as browsers do.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}', '“', '”', '•', '–', '—', '˜', '™', 'š', '›',
        'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// Windows-1251: Cyrillic; the unassigned 0x98 maps to the C1 control of that value.
fn windows_1251(byte: u8) -> char {
    const HIGH: [char; 64] = [
        '\u{402}', '\u{403}', '\u{201a}', '\u{453}', '\u{201e}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{20ac}', '\u{2030}', '\u{409}', '\u{2039}', '\u{40a}', '\u{40c}', '\u{40b}',
        '\u{40f}', '\u{452}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}',
        '\u{2013}', '\u{2014}', '\u{98}', '\u{2122}', '\u{459}', '\u{203a}', '\u{45a}', '\u{45c}',
        '\u{45b}', '\u{45f}', '\u{a0}', '\u{40e}', '\u{45e}', '\u{408}', '\u{a4}', '\u{490}',
        '\u{a6}', '\u{a7}', '\u{401}', '\u{a9}', '\u{404}', '\u{ab}', '\u{ac}', '\u{ad}', '\u{ae}',
        '\u{407}', '\u{b0}', '\u{b1}', '\u{406}', '\u{456}', '\u{491}', '\u{b5}', '\u{b6}',
        '\u{b7}', '\u{451}', '\u{2116}', '\u{454}', '\u{bb}', '\u{458}', '\u{405}', '\u{455}',
        '\u{457}',
    ];
    match byte {
        0x80..=0xBF => HIGH[usize::from(byte - 0x80)],
        // А..я are contiguous in both.
        0xC0..=0xFF => char::from_u32(0x410 + u32::from(byte - 0xC0)).unwrap_or('\u{fffd}'),
        _ => char::from(byte),
    }
}

/// NUL anywhere, or more than 1% control characters other than tab, line breaks, form
/// feed and the DOS end-of-file mark in the first 8 KiB.
fn looks_binary(text: &str) -> bool {
    if text.contains('\0') {
        return true;
    }
    let sample = text.chars().take(8192);
    let (mut total, mut control) = (0usize, 0usize);
    for c in sample {
        total += 1;
        if (c < ' ' || c == '\u{7f}') && !matches!(c, '\t' | '\n' | '\r' | '\u{c}' | '\u{1a}') {
            control += 1;
        }
    }
    control * 100 > total
}

/// One record's values as found in the file, before validation. Phones and emails are
/// candidates in order of preference; the first valid one is taken.
#[derive(Debug, Default)]
struct RawRow {
    line: usize,
    name: String,
    phones: Vec<String>,
    emails: Vec<String>,
    position: String,
    company: String,
}

impl RawRow {
    fn is_blank(&self) -> bool {
        self.name.trim().is_empty()
            && self.position.trim().is_empty()
            && self.company.trim().is_empty()
            && self.phones.iter().all(|p| p.trim().is_empty())
            && self.emails.iter().all(|e| e.trim().is_empty())
    }

    /// The valid row, with the problem of its phone when that was left out.
    fn validate(
        &self,
        region: Option<&str>,
    ) -> Result<(ImportRow, Option<RowProblem>), RowProblem> {
        let name = match validate_text(ContactField::Name, &self.name) {
            Ok(Some(name)) => name,
            Ok(None) => return Err(RowProblem::MissingName),
            Err(error) if error.problem == Problem::Empty => return Err(RowProblem::MissingName),
            Err(error) => return Err(field_problem(error, &self.name)),
        };
        let (phone, dropped) = match first_valid(&self.phones, |p| validate_phone(p, region)) {
            Ok(phone) => (phone, None),
            Err(problem) => (None, Some(problem)),
        };
        let row = ImportRow {
            line: self.line,
            name,
            phone,
            email: first_valid(&self.emails, validate_email)?,
            position: validate_text(ContactField::Position, &self.position)
                .map_err(|error| field_problem(error, &self.position))?,
            company: validate_company(&self.company)?,
        };
        Ok((row, dropped))
    }
}

/// The first candidate that validates; an error about the first bad one when none does.
/// Only the first [`MAX_CANDIDATES`] are tried.
fn first_valid<T>(
    candidates: &[String],
    validate: impl Fn(&str) -> Result<Option<T>, FieldError>,
) -> Result<Option<T>, RowProblem> {
    let mut first_error = None;
    for candidate in candidates.iter().take(MAX_CANDIDATES) {
        match validate(candidate) {
            Ok(Some(value)) => return Ok(Some(value)),
            Ok(None) => {}
            Err(error) => {
                first_error.get_or_insert_with(|| field_problem(error, candidate));
            }
        }
    }
    first_error.map_or(Ok(None), Err)
}

/// Companies follow the rules of positions: plain text up to the same length.
fn validate_company(input: &str) -> Result<Option<String>, RowProblem> {
    validate_text(ContactField::Position, input).map_err(|_| RowProblem::CompanyTooLong {
        value: shorten(input),
    })
}

fn field_problem(error: FieldError, value: &str) -> RowProblem {
    RowProblem::Field {
        error,
        value: shorten(value),
    }
}

/// `value` trimmed and cut to [`MAX_SHOWN_CHARS`] characters, the last being `…`.
fn shorten(value: &str) -> String {
    crate::shorten::shorten(value.trim(), MAX_SHOWN_CHARS)
}

/// Collects validated rows and errors in file order and enforces [`MAX_IMPORT_ROWS`].
struct Collector<'r> {
    region: Option<&'r str>,
    parsed: ParsedImport,
}

impl<'r> Collector<'r> {
    fn new(format: Format, region: Option<&'r str>) -> Self {
        Collector {
            region,
            parsed: ParsedImport {
                format,
                rows: Vec::new(),
                errors: Vec::new(),
                dropped_phones: Vec::new(),
                skipped_empty: 0,
            },
        }
    }

    fn push(&mut self, raw: &RawRow) -> Result<(), ImportError> {
        if raw.is_blank() {
            self.parsed.skipped_empty += 1;
            return Ok(());
        }
        if self.parsed.rows.len() + self.parsed.errors.len() >= MAX_IMPORT_ROWS {
            return Err(ImportError::TooManyRows {
                max_rows: MAX_IMPORT_ROWS,
            });
        }
        match raw.validate(self.region) {
            Ok((row, dropped)) => {
                if let Some(kind) = dropped {
                    self.parsed.dropped_phones.push(RowError {
                        line: raw.line,
                        kind,
                    });
                }
                self.parsed.rows.push(row);
            }
            Err(kind) => self.parsed.errors.push(RowError {
                line: raw.line,
                kind,
            }),
        }
        Ok(())
    }

    /// The result, or [`ImportError::Empty`] when no row had anything to import.
    fn finish(self) -> Result<ParsedImport, ImportError> {
        if self.parsed.rows.is_empty() && self.parsed.errors.is_empty() {
            return Err(ImportError::Empty);
        }
        Ok(self.parsed)
    }
}

/// Helpers shared by the tests of this module and its children.
#[cfg(test)]
mod test_support {
    use super::*;

    /// An expected row; empty strings stand for `None`.
    pub(super) fn row(
        line: usize,
        name: &str,
        phone: &str,
        email: &str,
        position: &str,
        company: &str,
    ) -> ImportRow {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        ImportRow {
            line,
            name: name.to_string(),
            phone: some(phone).map(|p| Phone::parse(&p, None).unwrap()),
            email: some(email).map(|e| Email::parse(&e).unwrap()),
            position: some(position),
            company: some(company),
        }
    }

    /// Anna of Acme GmbH, the first contact of the Google CSV and vCard fixtures, read
    /// from line `line`.
    pub(super) fn anna_of_acme(line: usize) -> ImportRow {
        row(
            line,
            "Anna Petrova",
            "+4915112345678",
            "anna@example.com",
            "Head of Sales",
            "Acme GmbH",
        )
    }

    pub(super) fn field_error(
        line: usize,
        field: ContactField,
        problem: Problem,
        value: &str,
    ) -> RowError {
        RowError {
            line,
            kind: RowProblem::Field {
                error: FieldError::new(field, problem),
                value: value.to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests;
