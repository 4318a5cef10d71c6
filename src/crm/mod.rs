//! The CRM domain: record types, handles and validation rules. Nothing here knows about
//! channels or databases.

pub mod contact;
pub mod handle;
pub mod member;
pub mod search_key;

pub use contact::{Contact, ContactDraft, ContactField, Email, FieldError, Phone, Problem};
pub use handle::{Handle, RecordKind};
pub use member::{Actor, Role};
