//! Typed row ids: every row id that crosses a function boundary (a user, a workspace, a
//! channel identity, a contact, a company, a deal, a task, a note, a file) has its own
//! type, so a contact id can never be passed where a user id is expected. The bare integer
//! appears only where a query binds one (`.get()`) or a row is decoded (`new`).
//!
//! [`RecordId`] is the id of a record whose kind is only known at run time (a task or
//! note attached to "any record", a [`Handle`](super::Handle) lookup): it travels with
//! its [`RecordKind`](super::RecordKind) and becomes a kind's own id as soon as the kind
//! is known. Serialized, every id is the bare number, as saved dialogues always held it.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// The id of a row read from the database.
            pub const fn new(raw: i64) -> Self {
                Self(raw)
            }

            /// The bare integer, for binding to a query.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

/// Ids of the record kinds: each converts into a [`RecordId`] (forgetting its kind, which
/// then travels beside it) and back from one once the kind is known.
macro_rules! record_id {
    ($(#[$doc:meta])* $name:ident) => {
        id!($(#[$doc])* $name);

        impl From<$name> for RecordId {
            fn from(id: $name) -> RecordId {
                RecordId(id.0)
            }
        }

        impl From<RecordId> for $name {
            fn from(id: RecordId) -> $name {
                $name(id.0)
            }
        }
    };
}

id!(
    /// The id of a row of `users`.
    UserId
);
id!(
    /// The id of a row of `workspaces`.
    WorkspaceId
);
id!(
    /// The id of a row of `identities` (one chat of a user on one channel).
    IdentityId
);
id!(
    /// The id of a row of `files` (an attachment).
    FileId
);
id!(
    /// The id of a row of `outbox` (a message waiting to be delivered).
    OutboxId
);
id!(
    /// The id of a row of `webhook_inbox` (a WhatsApp delivery waiting to be processed).
    InboxId
);
id!(
    /// The id of a record of a kind known only at run time (stored next to a
    /// `record_kind`); converts from and into the kinds' own ids.
    RecordId
);
record_id!(
    /// The id of a row of `contacts`.
    ContactId
);
record_id!(
    /// The id of a row of `companies`.
    CompanyId
);
record_id!(
    /// The id of a row of `deals`.
    DealId
);
record_id!(
    /// The id of a row of `tasks`.
    TaskId
);
record_id!(
    /// The id of a row of `notes`.
    NoteId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_their_number_and_show_it() {
        assert_eq!(UserId::new(7).get(), 7);
        assert_eq!(WorkspaceId::new(3).to_string(), "3");
        assert_eq!(i64::from(ContactId::new(9)), 9);
    }

    #[test]
    fn ids_serialize_as_the_bare_number() {
        assert_eq!(serde_json::to_string(&ContactId::new(42)).unwrap(), "42");
        let back: CompanyId = serde_json::from_str("17").unwrap();
        assert_eq!(back, CompanyId::new(17));
        assert!(serde_json::from_str::<DealId>("\"17\"").is_err());
    }

    #[test]
    fn a_record_id_keeps_the_number_both_ways() {
        let record = RecordId::from(DealId::new(5));
        assert_eq!(record.get(), 5);
        assert_eq!(DealId::from(record), DealId::new(5));
    }
}
