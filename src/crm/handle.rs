//! Short per-workspace record handles such as `C12` (contact) or `D7` (deal). Letters are
//! accepted in either case; the number is unique within one workspace and record kind.

use std::fmt;

/// The kinds of record that carry a handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Contact,
    Company,
    Deal,
    Task,
    Note,
}

impl RecordKind {
    pub const ALL: [RecordKind; 5] = [
        RecordKind::Contact,
        RecordKind::Company,
        RecordKind::Deal,
        RecordKind::Task,
        RecordKind::Note,
    ];

    /// The letter that starts a handle of this kind.
    pub fn prefix(self) -> char {
        match self {
            RecordKind::Contact => 'C',
            RecordKind::Company => 'O',
            RecordKind::Deal => 'D',
            RecordKind::Task => 'T',
            RecordKind::Note => 'N',
        }
    }

    /// The name stored in the database (`activities.record_kind`, `handle_counters.kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Contact => "contact",
            RecordKind::Company => "company",
            RecordKind::Deal => "deal",
            RecordKind::Task => "task",
            RecordKind::Note => "note",
        }
    }
}

/// A parsed handle: a record kind and its per-workspace number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Handle {
    pub kind: RecordKind,
    pub number: i64,
}

impl Handle {
    pub fn new(kind: RecordKind, number: i64) -> Self {
        Self { kind, number }
    }

    /// Parses `C12`, `c12`, `#C12`; `None` for anything else.
    pub fn parse(input: &str) -> Option<Handle> {
        let input = input.trim().trim_start_matches('#');
        let mut chars = input.chars();
        let letter = chars.next()?.to_ascii_uppercase();
        let digits = chars.as_str();
        if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let kind = RecordKind::ALL.into_iter().find(|k| k.prefix() == letter)?;
        let number = digits.parse().ok().filter(|n| *n > 0)?;
        Some(Handle { kind, number })
    }
}

impl fmt::Display for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.kind.prefix(), self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_handles_in_any_case() {
        assert_eq!(
            Handle::parse("C12"),
            Some(Handle::new(RecordKind::Contact, 12))
        );
        assert_eq!(Handle::parse("d7"), Some(Handle::new(RecordKind::Deal, 7)));
        assert_eq!(
            Handle::parse(" #o3 "),
            Some(Handle::new(RecordKind::Company, 3))
        );
        assert_eq!(Handle::new(RecordKind::Note, 9).to_string(), "N9");
    }

    #[test]
    fn rejects_what_is_not_a_handle() {
        for bad in [
            "",
            "C",
            "12",
            "X12",
            "C-1",
            "C0",
            "C1.5",
            "Cé",
            "C99999999999999",
        ] {
            assert_eq!(Handle::parse(bad), None, "{bad}");
        }
    }
}
