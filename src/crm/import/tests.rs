//! Tests of the parsing half of contact import: decoding, format detection, row
//! validation (including a phone left out of its row) and previews.

use super::test_support::row;
use super::*;

const FIXTURES: [(&str, &[u8]); 10] = [
    (
        "google.csv",
        include_bytes!("../../../tests/fixtures/import/google.csv"),
    ),
    (
        "outlook.csv",
        include_bytes!("../../../tests/fixtures/import/outlook.csv"),
    ),
    (
        "russian_semicolon.csv",
        include_bytes!("../../../tests/fixtures/import/russian_semicolon.csv"),
    ),
    (
        "latin1.csv",
        include_bytes!("../../../tests/fixtures/import/latin1.csv"),
    ),
    (
        "russian_cp1251.csv",
        include_bytes!("../../../tests/fixtures/import/russian_cp1251.csv"),
    ),
    (
        "broken.csv",
        include_bytes!("../../../tests/fixtures/import/broken.csv"),
    ),
    (
        "nul_byte.csv",
        include_bytes!("../../../tests/fixtures/import/nul_byte.csv"),
    ),
    (
        "contacts_v3.vcf",
        include_bytes!("../../../tests/fixtures/import/contacts_v3.vcf"),
    ),
    (
        "android_v21_qp.vcf",
        include_bytes!("../../../tests/fixtures/import/android_v21_qp.vcf"),
    ),
    (
        "contacts_v4.vcf",
        include_bytes!("../../../tests/fixtures/import/contacts_v4.vcf"),
    ),
];

#[test]
fn a_nul_byte_means_binary() {
    let (name, bytes) = FIXTURES[6];
    assert_eq!(name, "nul_byte.csv");
    assert_eq!(parse_import(name, bytes, None), Err(ImportError::NotText));
    let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00";
    assert_eq!(
        parse_import("contacts.csv", zip, None),
        Err(ImportError::NotText)
    );
    let controls = "Name\n".to_string() + &"\u{1}\u{2}\u{3}ab\n".repeat(20);
    assert_eq!(
        parse_import("a.csv", controls.as_bytes(), None),
        Err(ImportError::NotText)
    );
}

#[test]
fn one_byte_over_the_limit_is_too_large() {
    let bytes = vec![b'a'; MAX_IMPORT_BYTES + 1];
    assert_eq!(
        parse_import("big.csv", &bytes, None),
        Err(ImportError::TooLarge {
            max_bytes: 5 * 1024 * 1024
        })
    );
}

#[test]
fn ten_thousand_rows_pass_and_one_more_is_too_many() {
    let csv = |rows: usize| format!("Name\n{}", "Anna\n".repeat(rows));
    let parsed = parse_import("a.csv", csv(MAX_IMPORT_ROWS).as_bytes(), None).unwrap();
    assert_eq!(parsed.rows.len(), 10_000);
    assert_eq!(parsed.rows[9_999].line, 10_001);
    assert_eq!(
        parse_import("a.csv", csv(MAX_IMPORT_ROWS + 1).as_bytes(), None),
        Err(ImportError::TooManyRows { max_rows: 10_000 })
    );
    // Blank rows do not count towards the limit.
    let padded = csv(MAX_IMPORT_ROWS) + &",\n".repeat(5);
    let parsed = parse_import("a.csv", padded.as_bytes(), None).unwrap();
    assert_eq!((parsed.rows.len(), parsed.skipped_empty), (10_000, 5));
    let cards = "BEGIN:VCARD\nFN:A\nEND:VCARD\n".repeat(MAX_IMPORT_ROWS + 1);
    assert_eq!(
        parse_import("a.vcf", cards.as_bytes(), None),
        Err(ImportError::TooManyRows { max_rows: 10_000 })
    );
}

#[test]
fn format_comes_from_content_then_extension() {
    let vcard = "\u{feff}\r\n  begin:vcard\nFN:Anna\nEND:VCARD";
    assert_eq!(detect_format("contacts.csv", vcard), Some(Format::Vcard));
    assert_eq!(detect_format("x", vcard), Some(Format::Vcard));
    assert_eq!(detect_format("/tmp/A.VCF", "junk"), Some(Format::Vcard));
    assert_eq!(detect_format("a.vcard", ""), Some(Format::Vcard));
    assert_eq!(detect_format("C:/x/list.CSV", "Name"), Some(Format::Csv));
    assert_eq!(detect_format("list.tsv", "Name"), Some(Format::Csv));
    assert_eq!(detect_format("list.txt", "Name"), Some(Format::Csv));
    assert_eq!(detect_format("list.xlsx", "Name"), None);
    assert_eq!(detect_format("list", "BEGIN:VCAR"), None);
}

#[test]
fn unknown_names_are_read_as_csv_only_with_a_name_column() {
    let parsed = parse_import("export", b"Name,Email\nAnna,anna@example.com\n", None).unwrap();
    assert_eq!(parsed.format, Format::Csv);
    assert_eq!(
        parsed.rows,
        vec![row(2, "Anna", "", "anna@example.com", "", "")]
    );
    assert_eq!(
        parse_import("notes.md", b"# Shopping\n- milk\n", None),
        Err(ImportError::UnknownFormat)
    );
    let parsed = parse_import("x.dat", b"BEGIN:VCARD\r\nFN:Anna\r\nEND:VCARD\r\n", None);
    assert_eq!(parsed.map(|p| p.format), Ok(Format::Vcard));
}

#[test]
fn a_csv_without_a_name_column_lists_its_headers() {
    assert_eq!(
        parse_import(
            "a.csv",
            "\u{feff}Phone; E-mail ;Notes\n1;2;3\n".as_bytes(),
            None
        ),
        Err(ImportError::NoNameColumn {
            headers: vec!["Phone".into(), "E-mail".into(), "Notes".into()]
        })
    );
}

#[test]
fn files_without_contacts_are_empty() {
    for bytes in [
        &b""[..],
        b"   \r\n\n",
        b"\xef\xbb\xbf",
        b"Name,Phone\n",
        b"Name,Phone\n,\n , \n",
        b"BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n",
    ] {
        assert_eq!(
            parse_import("a.csv", bytes, None),
            Err(ImportError::Empty),
            "{bytes:?}"
        );
    }
    assert_eq!(
        parse_import("a.vcf", b"no cards here", None),
        Err(ImportError::Empty)
    );
}

#[test]
fn utf16_with_a_bom_is_decoded() {
    let text = "Name\tPhone\nJosé\t+49 151 12345678\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    for bytes in [le, be] {
        let parsed = parse_import("google.csv", &bytes, None).unwrap();
        assert_eq!(
            parsed.rows,
            vec![row(2, "José", "+4915112345678", "", "", "")]
        );
    }
}

#[test]
fn windows_1252_covers_the_printable_high_range() {
    let decoded: String = b"\x80 \x93x\x94 \x96 \xe9\xff\x81"
        .iter()
        .map(|&b| windows_1252(b))
        .collect();
    assert_eq!(decoded, "€ “x” – éÿ\u{81}");
    assert_eq!(decode_8bit(b"Caf\xe9"), "Café");
    assert_eq!(decode_8bit("é".as_bytes()), "é");
}

#[test]
fn cyrillic_8bit_text_is_windows_1251() {
    assert_eq!(
        decode_8bit(b"\xc0\xed\xed\xe0 \xa8\xb8 \xb9 1"),
        "Анна Ёё № 1"
    );
    // Accented Latin words mix ASCII letters with high bytes: Windows-1252.
    assert_eq!(
        decode_8bit(b"Dupr\xe9 \xe9t\xe9 M\xfcller"),
        "Dupré été Müller"
    );
}

#[test]
fn rows_take_the_first_valid_phone_and_report_long_values() {
    let raw = RawRow {
        line: 7,
        name: "Anna".into(),
        phones: vec!["-".into(), "12".into(), "+49 151 12345678".into()],
        emails: vec!["bad@".into(), "worse@".into()],
        ..RawRow::default()
    };
    assert_eq!(
        raw.validate(Some("DE")),
        Err(RowProblem::Field {
            error: FieldError::new(ContactField::Email, Problem::InvalidEmail),
            value: "bad@".into()
        })
    );
    let raw = RawRow {
        emails: vec![],
        company: "C".repeat(201),
        ..raw
    };
    let long = format!("{}…", "C".repeat(39));
    assert_eq!(
        raw.validate(Some("DE")),
        Err(RowProblem::CompanyTooLong { value: long })
    );
    let raw = RawRow {
        company: " Acme\tGmbH ".into(),
        ..raw
    };
    assert_eq!(
        raw.validate(Some("DE")),
        Ok((row(7, "Anna", "+4915112345678", "", "", "Acme GmbH"), None))
    );
    // No phone validates: the row is kept without one, and the first bad phone named.
    let raw = RawRow {
        phones: vec!["12".into(), "030 1234567".into()],
        ..raw
    };
    assert_eq!(
        raw.validate(None),
        Ok((
            row(7, "Anna", "", "", "", "Acme GmbH"),
            Some(RowProblem::Field {
                error: FieldError::new(ContactField::Phone, Problem::PhoneNeedsCountry),
                value: "12".into()
            })
        ))
    );
}

#[test]
fn preview_lines_join_the_filled_fields() {
    let parsed = ParsedImport {
        format: Format::Csv,
        rows: vec![
            row(
                2,
                "Anna Petrova",
                "+4915112345678",
                "anna@example.com",
                "",
                "Acme",
            ),
            row(3, "Bob", "", "", "CTO", ""),
            row(4, "Carl", "", "", "", ""),
        ],
        errors: vec![],
        dropped_phones: vec![],
        skipped_empty: 0,
    };
    assert_eq!(
        preview_lines(&parsed, 2),
        vec![
            "Anna Petrova · +49 1511 2345678 · anna@example.com · Acme",
            "Bob · CTO"
        ]
    );
}

#[test]
fn rows_survive_a_json_round_trip() {
    let original = row(3, "Anna", "+4915112345678", "a@b.de", "CTO", "Acme");
    let json = serde_json::to_string(&original).unwrap();
    assert_eq!(serde_json::from_str::<ImportRow>(&json).unwrap(), original);
}

/// A small deterministic generator so the test needs no seed handling.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self, len: usize, alphabet: &[u8]) -> Vec<u8> {
        (0..len)
            .map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize])
            .collect()
    }
}

#[test]
fn no_input_panics() {
    // Every fourth prefix, and every cut near a line break or inside a multi-byte
    // character: where truncation bites. (All prefixes take seconds in debug builds.)
    for (name, bytes) in FIXTURES {
        let near = |end: usize, wanted: fn(&u8) -> bool| {
            bytes[end.saturating_sub(2)..(end + 2).min(bytes.len())]
                .iter()
                .any(wanted)
        };
        let ends = (0..=bytes.len()).filter(|&end| {
            end % 4 == 0 || near(end, |&b| b == b'\n') || near(end, |&b| !b.is_ascii())
        });
        for end in ends {
            let _ = parse_import(name, &bytes[..end], Some("DE"));
        }
    }
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let all: Vec<u8> = (0..=255).collect();
    let tricky = b"BEGIN:VCARD\r\n;:=\"\\,.\t ENDQUOTED-PRINTABLE=D0=A+7 tel:sep";
    for round in 0..2_000 {
        let len = (rng.next() % 300) as usize;
        let alphabet: &[u8] = if round % 2 == 0 { &all } else { tricky };
        let mut bytes = rng.bytes(len, alphabet);
        if round % 3 == 0 {
            bytes.splice(0..0, b"BEGIN:VCARD\n".iter().copied());
        }
        for name in ["a.csv", "a.vcf", "a"] {
            let _ = parse_import(name, &bytes, None);
        }
    }
    for (name, bytes) in FIXTURES {
        for _ in 0..50 {
            let mut mutated = bytes.to_vec();
            for _ in 0..5 {
                let at = (rng.next() % mutated.len() as u64) as usize;
                mutated[at] = (rng.next() % 256) as u8;
            }
            let _ = parse_import(name, &mutated, Some("RU"));
        }
    }
}
