//! Files sent to the bot: the size limits, what a file is for (attached to the record its
//! caption names, imported as a contact list, or neither), and how large it may be for that.

use super::RecordKind;
use super::handle::Handle;
use super::import::MAX_IMPORT_BYTES;

/// The largest `[crm] max_file_mb` accepted: a file is held in memory while it is
/// downloaded and stored, by up to a few downloads at once.
pub const MAX_FILE_MB_LIMIT: u32 = 100;

/// One megabyte as the limits count it.
pub const MB: u64 = 1024 * 1024;

/// Records a file can be attached to.
pub const TARGETS: [RecordKind; 3] = [RecordKind::Contact, RecordKind::Company, RecordKind::Deal];

/// CSV and vCard files are contact lists: sent without a handle, they are imported.
pub fn is_contact_list(file_name: &str) -> bool {
    let lower = file_name.to_lowercase();
    [".csv", ".tsv", ".txt", ".vcf", ".vcard"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// What a file sent to the bot is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileUse {
    /// Attached to the record the caption names.
    Attach(Handle),
    /// A contact list sent without a handle: imported.
    Import,
    /// Neither: the user is told to add a handle, and the file is not needed.
    Nothing,
}

impl FileUse {
    /// What the file `file_name` sent with `caption` is for.
    pub fn of(file_name: &str, caption: &str) -> FileUse {
        let handle = caption
            .split_whitespace()
            .filter_map(Handle::parse)
            .find(|h| TARGETS.contains(&h.kind));
        match handle {
            Some(handle) => FileUse::Attach(handle),
            None if is_contact_list(file_name) => FileUse::Import,
            None => FileUse::Nothing,
        }
    }

    /// The most bytes worth downloading for this use: a larger file is refused unread.
    pub fn max_bytes(self, max_file_bytes: usize) -> usize {
        match self {
            FileUse::Attach(_) => max_file_bytes,
            FileUse::Import => MAX_IMPORT_BYTES,
            FileUse::Nothing => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_for_the_record_its_caption_names_or_an_import() {
        assert!(matches!(
            FileUse::of("offer.pdf", "signed C12"),
            FileUse::Attach(h) if h.kind == RecordKind::Contact
        ));
        assert_eq!(FileUse::of("people.CSV", ""), FileUse::Import);
        assert_eq!(FileUse::of("offer.pdf", "T4 done"), FileUse::Nothing);
        assert_eq!(FileUse::Nothing.max_bytes(5), 0);
        assert_eq!(FileUse::of("a.pdf", "D7").max_bytes(5), 5);
        assert_eq!(FileUse::Import.max_bytes(5), MAX_IMPORT_BYTES);
    }
}
