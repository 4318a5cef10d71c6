//! The state of a multi-step flow, stored as JSON per channel identity (see
//! `store::dialogues`) so that a restart in the middle of a flow loses nothing.

use serde::{Deserialize, Serialize};

use crate::crm::import::ImportRow;
use crate::crm::{CompanyDraft, CompanyId, ContactDraft, ContactId, DealDraft};

/// A flow in progress and what it has collected so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "flow", rename_all = "snake_case")]
pub enum Dialogue {
    NewContact {
        step: NewContactStep,
        draft: ContactDraft,
    },
    NewCompany,
    NewDeal {
        step: NewDealStep,
        draft: DealDraft,
    },
    /// Rows of an import file waiting for the user's confirmation.
    Import {
        file_name: String,
        rows: Vec<ImportRow>,
    },
    /// `/workspace new` waiting for the name.
    NewWorkspace,
    /// A new contact that looks like an existing one, waiting for "Open" or "Save anyway".
    DuplicateContact {
        draft: ContactDraft,
        existing_id: ContactId,
    },
    /// A new company that looks like an existing one, waiting for "Open" or "Save anyway".
    DuplicateCompany {
        draft: CompanyDraft,
        existing_id: CompanyId,
    },
    /// A forwarded message from someone not in the CRM, waiting for "Add as contact".
    Forwarded {
        from_name: String,
        text: String,
    },
}

/// The field `/new_contact` asks for next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NewContactStep {
    Name,
    Phone,
    Email,
    Position,
}

/// The field `/new_deal` asks for next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NewDealStep {
    Title,
    Amount,
    Link,
    Close,
}
