//! Tests of reading CSV files: headers of the common exporters, encodings, separators,
//! broken rows and phones left out of their rows.

use super::super::test_support::{anna_of_acme, field_error, row};
use super::super::{ImportRow, RowError, RowProblem, parse_import};
use super::*;
use crate::crm::contact::{ContactField, Problem};

fn parse_fixture(bytes: &[u8], region: Option<&str>) -> ParsedImport {
    let parsed = parse_import("contacts.csv", bytes, region);
    parsed.unwrap_or_else(|error| panic!("{error}"))
}

/// The rows read from CSV `text` without a default region.
fn rows_of(text: &str) -> Vec<ImportRow> {
    let parsed = parse_import("c.csv", text.as_bytes(), None);
    parsed.unwrap_or_else(|error| panic!("{error}")).rows
}

#[test]
fn google_contacts_export() {
    let parsed = parse_fixture(
        include_bytes!("../../../tests/fixtures/import/google.csv"),
        None,
    );
    assert_eq!(parsed.format, Format::Csv);
    assert_eq!(
        parsed.rows,
        vec![
            anna_of_acme(2),
            row(3, "Bob Stone", "+16502530000", "bob@example.org", "", ""),
            // The quoted note spans lines 5 and 6.
            row(5, "Carlos Gómez", "+34612345678", "", "", ""),
            row(7, "Zoë Martin", "", "zoe@example.fr", "", "Exemple SA"),
        ]
    );
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(parsed.skipped_empty, 1);
}

#[test]
fn outlook_export() {
    let parsed = parse_fixture(
        include_bytes!("../../../tests/fixtures/import/outlook.csv"),
        None,
    );
    assert_eq!(
        parsed.rows,
        vec![
            // Mobile before business phone; "Mr." is not a position.
            row(
                2,
                "John Smith",
                "+447911123456",
                "john.smith@contoso.com",
                "CTO",
                "Contoso Ltd."
            ),
            // "Account" is ignored next to "Company"; the second email column is read.
            row(
                3,
                "Laura Mae Chen",
                "+16502530000",
                "laura@fabrikam.com",
                "",
                ""
            ),
        ]
    );
    assert_eq!((parsed.errors.len(), parsed.skipped_empty), (0, 1));
}

#[test]
fn russian_headers_with_semicolons() {
    let bytes = include_bytes!("../../../tests/fixtures/import/russian_semicolon.csv");
    let parsed = parse_fixture(bytes, Some("RU"));
    assert_eq!(
        parsed.rows,
        vec![
            row(
                2,
                "Анна Сергеевна Петрова",
                "+79161234567",
                "anna.petrova@example.ru",
                "Менеджер",
                "ООО «Ромашка»"
            ),
            row(
                3,
                "Иван Иванов",
                "+74951234567",
                "ivan@example.ru",
                "Директор",
                "Рога и копыта; филиал"
            ),
            row(5, "Сидоров", "", "", "", ""),
        ]
    );
    assert_eq!(parsed.skipped_empty, 1);
    // Without a default region the national number is left out, as in chat; the
    // contact is imported without it.
    let parsed = parse_fixture(bytes, None);
    assert!(parsed.errors.is_empty());
    assert_eq!(
        parsed.dropped_phones,
        vec![field_error(
            2,
            ContactField::Phone,
            Problem::PhoneNeedsCountry,
            "8 (916) 123-45-67"
        )]
    );
    assert_eq!(parsed.rows.len(), 3);
    assert_eq!(parsed.rows[0].phone, None);
}

#[test]
fn russian_excel_file_in_windows_1251() {
    let parsed = parse_fixture(
        include_bytes!("../../../tests/fixtures/import/russian_cp1251.csv"),
        None,
    );
    assert_eq!(
        parsed.rows,
        vec![
            row(
                2,
                "Дарья Ёлкина",
                "+79167654321",
                "darya@example.ru",
                "Главный бухгалтер",
                "АО «Север»"
            ),
            row(3, "John Smith", "+4915112345678", "john@example.de", "", ""),
        ]
    );
}

#[test]
fn latin1_file() {
    let parsed = parse_fixture(
        include_bytes!("../../../tests/fixtures/import/latin1.csv"),
        None,
    );
    assert_eq!(
        parsed.rows,
        vec![
            row(
                2,
                "José Müller",
                "+34612345678",
                "jose@example.es",
                "Jefe – Ventas",
                "Société Générale"
            ),
            row(
                3,
                "Françoise Dupré",
                "+33612345678",
                "francoise@example.fr",
                "Directrice",
                "Café “Zoë”"
            ),
        ]
    );
}

#[test]
fn broken_rows_are_listed_with_line_and_field() {
    let parsed = parse_fixture(
        include_bytes!("../../../tests/fixtures/import/broken.csv"),
        None,
    );
    assert_eq!(
        parsed.rows,
        vec![
            row(
                2,
                "Good Person",
                "+4915112345678",
                "good@example.com",
                "Engineer",
                "Acme"
            ),
            row(3, "Bad Phone", "", "bp@example.com", "", ""),
            row(6, "Ragged Short", "+4930123456", "", "", ""),
            row(7, "Ragged Long", "", "ragged@example.com", "Boss", "Acme"),
        ]
    );
    // The bad phone is left out of its row, which is imported without it.
    assert_eq!(
        parsed.dropped_phones,
        vec![field_error(
            3,
            ContactField::Phone,
            Problem::InvalidPhone,
            "+1 23"
        )]
    );
    let long_name = format!("{}…", "X".repeat(39));
    assert_eq!(
        parsed.errors,
        vec![
            field_error(
                4,
                ContactField::Email,
                Problem::InvalidEmail,
                "not-an-email@"
            ),
            RowError {
                line: 5,
                kind: RowProblem::MissingName
            },
            field_error(10, ContactField::Name, Problem::TooLong, &long_name),
        ]
    );
    assert_eq!(parsed.skipped_empty, 2);
}

#[test]
fn google_and_outlook_headers_are_recognised() {
    use Role::*;
    // Each header read: its role and its rank among the columns of that role (0 is best).
    let read = [
        ("Given Name", Given, 0),
        ("Family Name", Family, 0),
        ("E-mail 1 - Value", Email, 0),
        ("Phone 1 - Value", Phone, 1),
        ("Organization 1 - Name", Company, 0),
        ("Organization 1 - Title", Position, 0),
        ("Organization Name", Company, 0),
        ("First Name", Given, 0),
        ("Last Name", Family, 0),
        ("E-mail Address", Email, 0),
        ("Mobile Phone", Phone, 0),
        ("Business Phone", Phone, 2),
        ("Company", Company, 0),
        ("Job Title", Position, 0),
        ("Title", Position, 1),
        ("\u{feff}FULL_NAME", FullName, 0),
        ("contact-name", FullName, 0),
        ("Display Name", FullName, 0),
        ("Телефон", Phone, 1),
        ("Почта", Email, 0),
        ("Должность", Position, 0),
        ("Teléfono", Phone, 1),
        ("Correo electrónico", Email, 0),
        ("Empresa", Company, 0),
        ("Puesto", Position, 0),
        ("Apellidos", Family, 0),
    ];
    for (header, role, rank) in read {
        assert_eq!(classify(header), Some((role, rank)), "{header}");
    }
    for header in [
        "E-mail 1 - Type",
        "Phone 1 - Label",
        "E-mail Display Name",
        "Notes",
    ] {
        assert_eq!(classify(header), None, "{header}");
    }
}

#[test]
fn spanish_first_and_last_name_with_tabs() {
    let text = "Nombre\tApellido\tTeléfono\tCorreo\tEmpresa\tCargo\n\
                    Lucía\tFernández\t612 34 56 78\tlucia@example.es\tAcme\tGerente\n";
    let parsed = parse_import("c.tsv", text.as_bytes(), Some("ES")).unwrap();
    assert_eq!(
        parsed.rows,
        vec![row(
            2,
            "Lucía Fernández",
            "+34612345678",
            "lucia@example.es",
            "Gerente",
            "Acme"
        )]
    );
}

#[test]
fn the_full_name_column_wins_and_name_parts_fill_in() {
    let text = "First Name,Last Name,Name,Phone\nA,B,Anna Petrova,\nBob,Stone,,\n";
    let rows = rows_of(text);
    let names: Vec<_> = rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Anna Petrova", "Bob Stone"]);
}

#[test]
fn multiple_values_in_a_cell_take_the_first_valid() {
    let text = "Name;Phone;Email\n\
                    Anna;\"12; +49 151 12345678\";\"x@ ::: anna@example.com\"\n";
    assert_eq!(
        rows_of(text),
        vec![row(2, "Anna", "+4915112345678", "anna@example.com", "", "")]
    );
}

#[test]
fn delimiter_sniffing() {
    assert_eq!(sniff_delimiter("Name,Phone,Email\n"), (b',', false));
    assert_eq!(sniff_delimiter("Name;Phone;\"a,b,c\"\n"), (b';', false));
    assert_eq!(
        sniff_delimiter("Name\tPhone, mobile\tEmail"),
        (b'\t', false)
    );
    assert_eq!(sniff_delimiter("Name\n"), (b',', false));
    assert_eq!(sniff_delimiter("sep=;\r\nName,Phone;Email"), (b';', true));
    assert_eq!(sniff_delimiter("SEP=\t\nName"), (b'\t', true));
    let text = "sep=;\nName;Email\nAnna;anna@example.com\n";
    assert_eq!(
        rows_of(text),
        vec![row(3, "Anna", "", "anna@example.com", "", "")]
    );
}

#[test]
fn line_numbers_count_every_line_break_style() {
    for text in [
        "Name\r\n\"Anna\r\nPetrova\"\r\n\r\nBob\r\n",
        "Name\r\"Anna\rPetrova\"\r\rBob\r",
        "Name\n\"Anna\nPetrova\"\n\nBob",
        "\r\n\nName\r\n\"Anna\nPetrova\"\n\nBob",
    ] {
        let rows = rows_of(text);
        let lines: Vec<_> = rows.iter().map(|r| (r.line, r.name.as_str())).collect();
        let offset = if text.starts_with('\r') { 2 } else { 0 };
        let expected = [(2 + offset, "Anna Petrova"), (5 + offset, "Bob")];
        assert_eq!(lines, expected, "{text:?}");
    }
}
