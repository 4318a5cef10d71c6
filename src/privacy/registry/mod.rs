//! Every table in the database and how `/export` treats it: exported (the columns, and the
//! filter that selects what the user may see) or excluded with the reason. A test fails
//! when a migration adds a table that is in neither list, so no new table is forgotten.
//! The exported tables are in `exported.rs`, the others (and the columns the export leaves
//! out) in `excluded.rs`.

mod excluded;
mod exported;

pub use excluded::{EXCLUDED_SUFFIXES, INDEX_COLUMNS, NOT_EXPORTED};
pub use exported::EXPORTED;

/// What an export query's one parameter (`$1`) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bind {
    /// The user's id.
    UserId,
    /// The user's audit-log pseudonym (`users.audit_pseudonym`, see
    /// `crate::store::privacy::pseudonym`).
    Pseudonym,
}

/// How one table is treated by the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Exported as `<file>.json` and `<file>.csv`: `SELECT <columns> FROM <table> WHERE <filter>`
    /// (the columns in groups, so that tables share runs of them).
    Export {
        file: &'static str,
        columns: &'static [&'static [&'static str]],
        filter: &'static str,
        bind: Bind,
    },
    /// Not exported, for this reason.
    Excluded(&'static str),
}

/// One table of the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    pub disposition: Disposition,
    /// Whether its rows can hold personal data (every exported table does): account
    /// deletion vacuums these on PostgreSQL (`crate::privacy::scrub`).
    pub personal: bool,
}

/// An exported table (every exported table can hold personal data).
const fn export(
    name: &'static str,
    file: &'static str,
    columns: &'static [&'static [&'static str]],
    filter: &'static str,
    bind: Bind,
) -> Table {
    Table {
        name,
        disposition: Disposition::Export {
            file,
            columns,
            filter,
            bind,
        },
        personal: true,
    }
}

/// A table without personal data, not exported.
const fn excluded(name: &'static str, reason: &'static str) -> Table {
    Table {
        name,
        disposition: Disposition::Excluded(reason),
        personal: false,
    }
}

/// A table that holds personal data for a while but is not exported, for this reason.
const fn excluded_personal(name: &'static str, reason: &'static str) -> Table {
    Table {
        name,
        disposition: Disposition::Excluded(reason),
        personal: true,
    }
}

/// Every table: the exported ones in the order the export writes them, then the others.
pub fn tables() -> impl Iterator<Item = &'static Table> {
    EXPORTED.iter().chain(NOT_EXPORTED)
}

/// The letter of the handles of `table`'s records (`contacts` → `C`), if they have handles.
pub fn handle_prefix(table: &str) -> Option<char> {
    use crate::crm::handle::RecordKind;
    let kind = match table {
        "contacts" => RecordKind::Contact,
        "companies" => RecordKind::Company,
        "deals" => RecordKind::Deal,
        "tasks" => RecordKind::Task,
        "notes" => RecordKind::Note,
        _ => return None,
    };
    Some(kind.prefix())
}

/// How `table` is treated: its entry, or the exclusion reason of an FTS5 table.
pub fn disposition(table: &str) -> Option<Disposition> {
    if let Some(entry) = tables().find(|t| t.name == table) {
        return Some(entry.disposition);
    }
    EXCLUDED_SUFFIXES
        .iter()
        .find(|(suffix, _)| table.ends_with(suffix))
        .map(|(_, reason)| Disposition::Excluded(reason))
}

/// The exported tables, in order.
pub fn exported() -> impl Iterator<
    Item = (
        &'static str,
        &'static str,
        Vec<&'static str>,
        &'static str,
        Bind,
    ),
> {
    EXPORTED.iter().filter_map(|t| match t.disposition {
        Disposition::Export {
            file,
            columns,
            filter,
            bind,
        } => Some((t.name, file, columns.concat(), filter, bind)),
        Disposition::Excluded(_) => None,
    })
}

/// The tables whose rows can hold personal data, in registry order.
pub fn personal() -> impl Iterator<Item = &'static str> {
    tables().filter(|t| t.personal).map(|t| t.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_unique_and_reasons_are_given() {
        let tables: Vec<&Table> = tables().collect();
        for (i, t) in tables.iter().enumerate() {
            assert!(
                tables[i + 1..].iter().all(|o| o.name != t.name),
                "{} listed twice",
                t.name
            );
            if let Disposition::Excluded(reason) = t.disposition {
                assert!(!reason.trim().is_empty(), "{} needs a reason", t.name);
            }
        }
        // Each list holds only its kind.
        assert!(
            EXPORTED
                .iter()
                .all(|t| matches!(t.disposition, Disposition::Export { .. }))
        );
        assert!(
            NOT_EXPORTED
                .iter()
                .all(|t| matches!(t.disposition, Disposition::Excluded(_)))
        );
        assert_eq!(
            disposition("contacts_fts_idx").map(|d| matches!(d, Disposition::Excluded(_))),
            Some(true)
        );
        assert_eq!(disposition("no_such_table"), None);
    }

    /// What the export holds, and that every workspace table is read only from the
    /// workspaces the user is a member of (the files' filter among them).
    #[test]
    fn the_export_reads_the_users_rows_and_their_workspaces_only() {
        let tables: Vec<&str> = exported().map(|(table, ..)| table).collect();
        assert_eq!(
            tables,
            [
                "users",
                "identities",
                "workspaces",
                "memberships",
                "contacts",
                "companies",
                "deals",
                "notes",
                "tasks",
                "activities",
                "consents",
                "audit_log",
                "files",
                "ai_requests",
                "google_connections",
                "google_events",
                "ai_proposals",
                "gmail_threads",
                "gmail_messages",
                "gmail_shares"
            ]
        );
        let member_of =
            "workspace_id IN (SELECT workspace_id FROM memberships WHERE user_id = $1) ORDER BY id";
        for (table, file, columns, filter, bind) in exported() {
            assert!(!file.is_empty() && !columns.is_empty(), "{table}");
            if ["ai_requests", "ai_proposals"].contains(&table) {
                // The user's own AI requests and cards, never another member's.
                assert_eq!(filter, "user_id = $1 ORDER BY id", "{table}");
            } else if columns.contains(&"workspace_id") && table != "memberships" {
                assert_eq!(filter, member_of, "{table}");
                assert_eq!(bind, Bind::UserId, "{table}");
            }
        }
        let files = exported().find(|(table, ..)| *table == "files").unwrap();
        assert_eq!((files.1, files.3), ("files", member_of));
        let Some(Disposition::Export {
            file,
            columns,
            filter,
            bind,
        }) = disposition("files")
        else {
            panic!("files is not exported");
        };
        let files_row = (files.1, files.2, files.3, files.4);
        assert_eq!((file, columns.concat(), filter, bind), files_row);
        assert!(matches!(
            disposition("outbox"),
            Some(Disposition::Excluded(_))
        ));
    }

    #[test]
    fn every_exported_table_and_the_transient_copies_are_personal() {
        let personal: Vec<&str> = personal().collect();
        for (table, ..) in exported() {
            assert!(personal.contains(&table), "{table}");
        }
        for table in ["files", "audit_log", "outbox", "webhook_inbox", "dialogues"] {
            assert!(personal.contains(&table), "{table}");
        }
        for table in [
            "processed_inbound",
            "handle_counters",
            "_sqlx_migrations",
            "channel_state",
        ] {
            assert!(!personal.contains(&table), "{table}");
        }
    }
}
