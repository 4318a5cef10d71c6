//! CSV contact files: delimiter sniffing, recognising header names (English, Russian,
//! Spanish, Google Contacts and Outlook exports) and turning each record into a raw row.
//!
//! The first record is the header. Headers are compared in lower case with everything but
//! letters removed, so `E-mail 1 - Value`, `email_value` and `EMAIL VALUE` are the same.
//! When several columns give a phone or an email (Outlook's `Mobile Phone`, `Business
//! Phone`, …), the first valid value wins, mobile columns first; cells may hold several
//! values separated by ` ::: ` (Google), `;` or a line break. For name parts, company and
//! position only the best kind of column is read: Outlook's `Title` (Mr., Ms.) is ignored
//! when a `Job Title` column exists. Without a full-name value, first, middle and last name
//! are joined. Rows shorter or longer than the header are read as they are, missing cells
//! being empty. Excel's `sep=;` first line is honoured.

use super::{Collector, Format, ImportError, MAX_LISTED_HEADERS, ParsedImport, RawRow, shorten};

/// Reads a whole CSV text; the caller has decoded it and stripped any BOM.
pub(super) fn parse(text: &str, region: Option<&str>) -> Result<ParsedImport, ImportError> {
    // csv 1.4 reports record lines one too low after CRLF (rust-csv issue #395) and never
    // counts lone CRs (old Mac Excel), so all line breaks become LF first; see also
    // `record_line`.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let (delimiter, has_sep_line) = sniff_delimiter(&text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // Records are read from a `&str` with an ASCII delimiter, so errors cannot happen;
    // skipping them keeps any surprise from ending the import.
    let mut records = reader
        .records()
        .filter_map(Result::ok)
        .skip(usize::from(has_sep_line));
    let header = records.next().ok_or(ImportError::Empty)?;
    let columns = Columns::from_header(&header)?;
    let mut collector = Collector::new(Format::Csv, region);
    for record in records {
        collector.push(&columns.raw_row(&record, record_line(&text, &record)))?;
    }
    collector.finish()
}

/// The delimiter, and whether the file starts with Excel's `sep=X` line naming it.
/// Otherwise the most frequent of comma, semicolon and tab outside quotes in the first
/// line wins (comma on a tie).
fn sniff_delimiter(text: &str) -> (u8, bool) {
    let first_line = text.lines().next().unwrap_or("");
    if let Some(sep) = excel_sep_line(first_line) {
        return (sep, true);
    }
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in first_line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        }
        for (delimiter, count) in &mut counts {
            if !quoted && byte == *delimiter {
                *count += 1;
            }
        }
    }
    let mut best = counts[0];
    for candidate in counts {
        if candidate.1 > best.1 {
            best = candidate;
        }
    }
    (best.0, false)
}

/// `sep=;` (any case; one ASCII punctuation character or a tab) → `;`.
fn excel_sep_line(line: &str) -> Option<u8> {
    match line.trim_end_matches('\r').as_bytes() {
        [s, e, p, b'=', sep]
            if [*s, *e, *p].eq_ignore_ascii_case(b"sep")
                && (*sep == b'\t' || (sep.is_ascii_punctuation() && *sep != b'"')) =>
        {
            Some(*sep)
        }
        _ => None,
    }
}

/// What a column holds, recognised from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    FullName,
    Given,
    Middle,
    Family,
    Phone,
    Email,
    Company,
    Position,
}

/// The role of a header and its rank among columns of that role (0 is best), or `None`
/// for a column we do not read.
fn classify(header: &str) -> Option<(Role, u8)> {
    use Role::*;
    let key: String = header
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let found = match key.as_str() {
        "name"
        | "fullname"
        | "contact"
        | "contactname"
        | "displayname"
        | "фио"
        | "полноеимя"
        | "имяифамилия"
        | "контакт"
        | "nombrecompleto"
        | "nombreyapellidos"
        | "nombreyapellido"
        | "contacto" => (FullName, 0),
        "firstname" | "givenname" | "first" | "forename" | "имя" | "nombre" | "nombres" => {
            (Given, 0)
        }
        "middlename" | "additionalname" | "отчество" | "segundonombre" => (Middle, 0),
        "lastname" | "familyname" | "surname" | "last" | "фамилия" | "apellido" | "apellidos" => {
            (Family, 0)
        }
        "mobile"
        | "mobilephone"
        | "mobilenumber"
        | "cell"
        | "cellphone"
        | "cellular"
        | "мобильный"
        | "мобильныйтелефон"
        | "сотовый"
        | "móvil"
        | "movil"
        | "celular"
        | "teléfonomóvil"
        | "telefonomovil" => (Phone, 0),
        "phone"
        | "phonevalue"
        | "phonenumber"
        | "tel"
        | "telephone"
        | "primaryphone"
        | "телефон"
        | "номертелефона"
        | "teléfono"
        | "telefono" => (Phone, 1),
        "businessphone"
        | "workphone"
        | "homephone"
        | "otherphone"
        | "companymainphone"
        | "рабочийтелефон"
        | "домашнийтелефон" => (Phone, 2),
        "email"
        | "emailaddress"
        | "emailvalue"
        | "mail"
        | "почта"
        | "электроннаяпочта"
        | "элпочта"
        | "correo"
        | "correoelectrónico"
        | "correoelectronico" => (Email, 0),
        "company"
        | "companyname"
        | "organization"
        | "organisation"
        | "organizationname"
        | "organisationname"
        | "компания"
        | "организация"
        | "empresa"
        | "organización"
        | "organizacion"
        | "compañía"
        | "compania" => (Company, 0),
        "account" | "accountname" => (Company, 1),
        "jobtitle" | "position" | "role" | "organizationtitle" | "должность" | "cargo"
        | "puesto" => (Position, 0),
        "title" => (Position, 1),
        _ => return None,
    };
    Some(found)
}

/// Column indexes for each role, best first.
#[derive(Debug)]
struct Columns {
    full_name: Vec<usize>,
    given: Vec<usize>,
    middle: Vec<usize>,
    family: Vec<usize>,
    phones: Vec<usize>,
    emails: Vec<usize>,
    company: Vec<usize>,
    position: Vec<usize>,
}

impl Columns {
    /// Recognises the header, or refuses a file without any name column.
    fn from_header(header: &::csv::StringRecord) -> Result<Columns, ImportError> {
        let found: Vec<(Role, u8, usize)> = header
            .iter()
            .enumerate()
            .filter_map(|(index, h)| classify(h).map(|(role, rank)| (role, rank, index)))
            .collect();
        let columns = Columns {
            full_name: best_ranked(&found, Role::FullName),
            given: best_ranked(&found, Role::Given),
            middle: best_ranked(&found, Role::Middle),
            family: best_ranked(&found, Role::Family),
            phones: all_ranked(&found, Role::Phone),
            emails: all_ranked(&found, Role::Email),
            company: best_ranked(&found, Role::Company),
            position: best_ranked(&found, Role::Position),
        };
        if columns.full_name.is_empty() && columns.given.is_empty() && columns.family.is_empty() {
            let headers = header
                .iter()
                .take(MAX_LISTED_HEADERS)
                .map(|h| shorten(h.trim_matches('\u{feff}')))
                .collect();
            return Err(ImportError::NoNameColumn { headers });
        }
        Ok(columns)
    }

    /// The values of one record found at `line`; cells missing from a short record read
    /// as empty.
    fn raw_row(&self, record: &::csv::StringRecord, line: usize) -> RawRow {
        let first = |indexes: &[usize]| first_filled(record, indexes).to_string();
        let mut name = first(&self.full_name);
        if name.is_empty() {
            let parts = [&self.given, &self.middle, &self.family]
                .map(|indexes| first_filled(record, indexes));
            name = parts
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
        }
        RawRow {
            line,
            name,
            phones: split_values(record, &self.phones),
            emails: split_values(record, &self.emails),
            position: first(&self.position),
            company: first(&self.company),
        }
    }
}

/// The 1-based line where `record` starts in `text` (LF line breaks only). csv gives the
/// position where reading began, before the blank lines it skips, so those are added.
fn record_line(text: &str, record: &::csv::StringRecord) -> usize {
    let Some(position) = record.position() else {
        return 0;
    };
    let start = usize::try_from(position.byte()).unwrap_or(usize::MAX);
    let blank_lines = text
        .as_bytes()
        .get(start..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&byte| byte == b'\n')
        .count();
    usize::try_from(position.line()).unwrap_or_default() + blank_lines
}

/// Columns of `role` sharing its best rank, in file order.
fn best_ranked(found: &[(Role, u8, usize)], role: Role) -> Vec<usize> {
    let best = found.iter().filter(|f| f.0 == role).map(|f| f.1).min();
    found
        .iter()
        .filter(|f| f.0 == role && Some(f.1) == best)
        .map(|f| f.2)
        .collect()
}

/// All columns of `role`, by rank then file order.
fn all_ranked(found: &[(Role, u8, usize)], role: Role) -> Vec<usize> {
    let mut matching: Vec<(u8, usize)> = found
        .iter()
        .filter(|f| f.0 == role)
        .map(|f| (f.1, f.2))
        .collect();
    matching.sort_unstable();
    matching.into_iter().map(|(_, index)| index).collect()
}

fn cell(record: &::csv::StringRecord, index: usize) -> &str {
    record.get(index).unwrap_or("").trim()
}

fn first_filled<'a>(record: &'a ::csv::StringRecord, indexes: &[usize]) -> &'a str {
    indexes
        .iter()
        .map(|&index| cell(record, index))
        .find(|value| !value.is_empty())
        .unwrap_or("")
}

/// Every value in the given cells, split on ` ::: `, `;` and line breaks.
fn split_values(record: &::csv::StringRecord, indexes: &[usize]) -> Vec<String> {
    indexes
        .iter()
        .flat_map(|&index| cell(record, index).split(":::"))
        .flat_map(|part| part.split([';', '\n', '\r']))
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
#[path = "csv_tests.rs"]
mod tests;
