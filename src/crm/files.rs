//! Files sent to the bot: the size limit, and whether a file is a contact list to import.

/// The largest file kept (or imported), in bytes.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// CSV and vCard files are contact lists: sent without a handle, they are imported.
pub fn is_contact_list(file_name: &str) -> bool {
    let lower = file_name.to_lowercase();
    [".csv", ".tsv", ".txt", ".vcf", ".vcard"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}
