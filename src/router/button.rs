//! Button data: what a pressed button asks for, encoded in at most 64 bytes (Telegram's
//! callback-data limit) and decoded back. Records are referred to by database id and are
//! checked against the current workspace when the button is handled.

use crate::crm::{
    CompanyId, ContactId, DealId, IdentityId, RecordId, RecordKind, Stage, TaskId, UserId,
    WorkspaceId,
};

/// The most bytes a button may carry.
pub const MAX_DATA_BYTES: usize = 64;

/// Which list a page button turns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Contacts,
    Companies,
    Deals,
    Tasks,
    Search,
}

impl ListKind {
    fn code(self) -> &'static str {
        match self {
            ListKind::Contacts => "c",
            ListKind::Companies => "o",
            ListKind::Deals => "d",
            ListKind::Tasks => "t",
            ListKind::Search => "s",
        }
    }

    fn from_code(code: &str) -> Option<ListKind> {
        [
            ListKind::Contacts,
            ListKind::Companies,
            ListKind::Deals,
            ListKind::Tasks,
            ListKind::Search,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// What a capture card's button does with its proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureAction {
    Confirm,
    Edit,
    Cancel,
}

impl CaptureAction {
    const ALL: [CaptureAction; 3] = [
        CaptureAction::Confirm,
        CaptureAction::Edit,
        CaptureAction::Cancel,
    ];

    fn code(self) -> &'static str {
        match self {
            CaptureAction::Confirm => "ok",
            CaptureAction::Edit => "edit",
            CaptureAction::Cancel => "no",
        }
    }
}

/// What a pressed button asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Button {
    Cancel,
    Skip,
    /// Confirm (`yes`) or abandon deleting the record of this kind with this id. A contact
    /// keeps the encoding of earlier versions (`del:ID:yes`); other kinds add their letter.
    Delete {
        kind: RecordKind,
        id: RecordId,
        confirmed: bool,
    },
    /// Page `page` (0-based) of a list, with the list's argument (query, stage, window).
    Page {
        list: ListKind,
        page: u32,
        arg: String,
    },
    /// Mark the task with this id done.
    DoneTask {
        task_id: TaskId,
    },
    /// Move the deal with this id to a stage.
    SetStage {
        deal_id: DealId,
        stage: Stage,
    },
    SwitchWorkspace {
        workspace_id: WorkspaceId,
    },
    DeleteWorkspace {
        workspace_id: WorkspaceId,
    },
    SetLanguage {
        code: String,
    },
    ConfirmImport,
    /// Add the sender of a forwarded message as a contact.
    AddForwarded,
    /// Delete my account (after /delete_account explained what happens).
    DeleteAccount,
    /// Disconnect Google (after /disconnect_google asked).
    DisconnectGoogle,
    /// Turn a consent (`ai`, `marketing`) on or off.
    Consent {
        kind: String,
        granted: bool,
    },
    /// Ask to unlink (`confirmed: false`) or unlink the identity with this id from my account.
    Unlink {
        identity_id: IdentityId,
        confirmed: bool,
    },
    /// Ask to remove (`confirmed: false`) or remove a member from a workspace.
    RemoveMember {
        workspace_id: WorkspaceId,
        user_id: UserId,
        confirmed: bool,
    },
    /// Leave this workspace (after /leave asked).
    LeaveWorkspace {
        workspace_id: WorkspaceId,
    },
    /// Revoke the open invite of a workspace whose code has this tag (a hash prefix, so the
    /// code itself never travels in button data).
    RevokeInvite {
        workspace_id: WorkspaceId,
        tag: String,
    },
    /// Show the contact with this id (the existing one a new contact looks like).
    OpenContact {
        contact_id: ContactId,
    },
    /// Show the company with this id (the existing one a new company looks like).
    OpenCompany {
        company_id: CompanyId,
    },
    /// Save the pending new contact or company although it looks like an existing one.
    SaveAnyway,
    /// A capture card's Confirm / Edit / Cancel for the proposal with this id.
    Capture {
        proposal_id: i64,
        action: CaptureAction,
    },
    /// The answer to the AI consent question asked on a first AI use.
    AiConsent {
        granted: bool,
    },
    /// Data we do not (or no longer) understand.
    Unknown,
}

impl Button {
    /// The data to put on a button; never longer than [`MAX_DATA_BYTES`].
    pub fn encode(&self) -> String {
        let data = match self {
            Button::Cancel => "cancel".to_string(),
            Button::Skip => "skip".to_string(),
            Button::Delete {
                kind,
                id,
                confirmed,
            } => {
                let answer = if *confirmed { "yes" } else { "no" };
                match kind {
                    RecordKind::Contact => format!("del:{id}:{answer}"),
                    _ => format!("del:{}:{id}:{answer}", kind.prefix().to_ascii_lowercase()),
                }
            }
            Button::Page { list, page, arg } => format!("pg:{}:{page}:{arg}", list.code()),
            Button::DoneTask { task_id } => format!("done:{task_id}"),
            Button::SetStage { deal_id, stage } => format!("stage:{deal_id}:{}", stage.as_str()),
            Button::SwitchWorkspace { workspace_id } => format!("ws:{workspace_id}"),
            Button::DeleteWorkspace { workspace_id } => format!("wsdel:{workspace_id}"),
            Button::SetLanguage { code } => format!("lang:{code}"),
            Button::ConfirmImport => "import:yes".to_string(),
            Button::AddForwarded => "fwd:add".to_string(),
            Button::DeleteAccount => "account:delete".to_string(),
            Button::DisconnectGoogle => "google:disconnect".to_string(),
            Button::Consent { kind, granted } => {
                format!("consent:{kind}:{}", if *granted { "on" } else { "off" })
            }
            Button::Unlink {
                identity_id,
                confirmed,
            } => format!("unl:{identity_id}:{}", yes_or_ask(*confirmed)),
            Button::RemoveMember {
                workspace_id,
                user_id,
                confirmed,
            } => format!("rm:{workspace_id}:{user_id}:{}", yes_or_ask(*confirmed)),
            Button::LeaveWorkspace { workspace_id } => format!("leave:{workspace_id}"),
            Button::RevokeInvite { workspace_id, tag } => format!("invrev:{workspace_id}:{tag}"),
            Button::OpenContact { contact_id } => format!("open:c:{contact_id}"),
            Button::OpenCompany { company_id } => format!("open:o:{company_id}"),
            Button::SaveAnyway => "dup:save".to_string(),
            Button::Capture {
                proposal_id,
                action,
            } => format!("cap:{proposal_id}:{}", action.code()),
            Button::AiConsent { granted } => format!("aic:{}", if *granted { "yes" } else { "no" }),
            Button::Unknown => "?".to_string(),
        };
        truncate_to_bytes(data, MAX_DATA_BYTES)
    }

    pub fn decode(data: &str) -> Button {
        let parts: Vec<&str> = data.splitn(4, ':').collect();
        let id = |i: usize| parts.get(i).and_then(|p| p.parse::<i64>().ok());
        match parts.as_slice() {
            ["cancel"] => Button::Cancel,
            ["skip"] => Button::Skip,
            ["del", _, answer @ ("yes" | "no")] => match id(1) {
                Some(id) => Button::Delete {
                    kind: RecordKind::Contact,
                    id: RecordId::new(id),
                    confirmed: *answer == "yes",
                },
                None => Button::Unknown,
            },
            ["del", letter, _, answer @ ("yes" | "no")] => {
                let kind = RecordKind::ALL
                    .into_iter()
                    .find(|k| k.prefix().to_ascii_lowercase().to_string() == *letter);
                match (kind, id(2)) {
                    (Some(kind), Some(id)) => Button::Delete {
                        kind,
                        id: RecordId::new(id),
                        confirmed: *answer == "yes",
                    },
                    _ => Button::Unknown,
                }
            }
            ["pg", list, page, rest @ ..] => match (ListKind::from_code(list), page.parse()) {
                (Some(list), Ok(page)) => Button::Page {
                    list,
                    page,
                    arg: rest.first().copied().unwrap_or("").to_string(),
                },
                _ => Button::Unknown,
            },
            ["done", _] => id(1).map_or(Button::Unknown, |id| Button::DoneTask {
                task_id: TaskId::new(id),
            }),
            ["stage", _, stage] => match (id(1), Stage::from_stored(stage)) {
                (Some(id), Some(stage)) => Button::SetStage {
                    deal_id: DealId::new(id),
                    stage,
                },
                _ => Button::Unknown,
            },
            ["ws", _] => id(1).map_or(Button::Unknown, |id| Button::SwitchWorkspace {
                workspace_id: WorkspaceId::new(id),
            }),
            ["wsdel", _] => id(1).map_or(Button::Unknown, |id| Button::DeleteWorkspace {
                workspace_id: WorkspaceId::new(id),
            }),
            ["lang", code] => Button::SetLanguage {
                code: code.to_string(),
            },
            ["import", "yes"] => Button::ConfirmImport,
            ["fwd", "add"] => Button::AddForwarded,
            ["account", "delete"] => Button::DeleteAccount,
            ["google", "disconnect"] => Button::DisconnectGoogle,
            ["consent", kind, "on"] => Button::Consent {
                kind: kind.to_string(),
                granted: true,
            },
            ["consent", kind, "off"] => Button::Consent {
                kind: kind.to_string(),
                granted: false,
            },
            ["unl", _, step @ ("yes" | "ask")] => {
                id(1).map_or(Button::Unknown, |id| Button::Unlink {
                    identity_id: IdentityId::new(id),
                    confirmed: *step == "yes",
                })
            }
            ["rm", _, _, step @ ("yes" | "ask")] => match (id(1), id(2)) {
                (Some(workspace_id), Some(user_id)) => Button::RemoveMember {
                    workspace_id: WorkspaceId::new(workspace_id),
                    user_id: UserId::new(user_id),
                    confirmed: *step == "yes",
                },
                _ => Button::Unknown,
            },
            ["leave", _] => id(1).map_or(Button::Unknown, |id| Button::LeaveWorkspace {
                workspace_id: WorkspaceId::new(id),
            }),
            ["invrev", _, tag] => id(1).map_or(Button::Unknown, |id| Button::RevokeInvite {
                workspace_id: WorkspaceId::new(id),
                tag: tag.to_string(),
            }),
            ["open", "c", _] => id(2).map_or(Button::Unknown, |id| Button::OpenContact {
                contact_id: ContactId::new(id),
            }),
            ["open", "o", _] => id(2).map_or(Button::Unknown, |id| Button::OpenCompany {
                company_id: CompanyId::new(id),
            }),
            ["dup", "save"] => Button::SaveAnyway,
            ["cap", _, code] => {
                let action = CaptureAction::ALL.into_iter().find(|a| a.code() == *code);
                match (id(1), action) {
                    (Some(proposal_id), Some(action)) => Button::Capture {
                        proposal_id,
                        action,
                    },
                    _ => Button::Unknown,
                }
            }
            ["aic", answer @ ("yes" | "no")] => Button::AiConsent {
                granted: *answer == "yes",
            },
            _ => Button::Unknown,
        }
    }
}

fn yes_or_ask(confirmed: bool) -> &'static str {
    if confirmed { "yes" } else { "ask" }
}

/// Cuts `text` to at most `max` bytes on a character boundary.
pub fn truncate_to_bytes(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut cut = max;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for button in [
            Button::Cancel,
            Button::Skip,
            Button::Delete {
                kind: RecordKind::Contact,
                id: RecordId::new(42),
                confirmed: true,
            },
            Button::Delete {
                kind: RecordKind::Contact,
                id: RecordId::new(7),
                confirmed: false,
            },
            Button::Delete {
                kind: RecordKind::Company,
                id: RecordId::new(7),
                confirmed: true,
            },
            Button::Delete {
                kind: RecordKind::Note,
                id: RecordId::new(i64::MAX),
                confirmed: false,
            },
            Button::Page {
                list: ListKind::Search,
                page: 3,
                arg: "acme: ltd".into(),
            },
            Button::Page {
                list: ListKind::Tasks,
                page: 0,
                arg: String::new(),
            },
            Button::DoneTask {
                task_id: TaskId::new(9),
            },
            Button::SetStage {
                deal_id: DealId::new(5),
                stage: Stage::Won,
            },
            Button::SwitchWorkspace {
                workspace_id: WorkspaceId::new(2),
            },
            Button::DeleteWorkspace {
                workspace_id: WorkspaceId::new(2),
            },
            Button::SetLanguage { code: "ru".into() },
            Button::ConfirmImport,
            Button::AddForwarded,
            Button::DeleteAccount,
            Button::Capture {
                proposal_id: 12,
                action: CaptureAction::Edit,
            },
            Button::Capture {
                proposal_id: i64::MAX,
                action: CaptureAction::Cancel,
            },
            Button::AiConsent { granted: true },
            Button::AiConsent { granted: false },
            Button::DisconnectGoogle,
            Button::Consent {
                kind: "ai".into(),
                granted: false,
            },
            Button::Unlink {
                identity_id: IdentityId::new(3),
                confirmed: true,
            },
            Button::Unlink {
                identity_id: IdentityId::new(3),
                confirmed: false,
            },
            Button::RemoveMember {
                workspace_id: WorkspaceId::new(4),
                user_id: UserId::new(9),
                confirmed: false,
            },
            Button::RemoveMember {
                workspace_id: WorkspaceId::new(4),
                user_id: UserId::new(9),
                confirmed: true,
            },
            Button::LeaveWorkspace {
                workspace_id: WorkspaceId::new(4),
            },
            Button::OpenContact {
                contact_id: ContactId::new(i64::MAX),
            },
            Button::OpenCompany {
                company_id: CompanyId::new(12),
            },
            Button::SaveAnyway,
            Button::RevokeInvite {
                workspace_id: WorkspaceId::new(4),
                tag: "0a1b2c3d".into(),
            },
        ] {
            assert_eq!(Button::decode(&button.encode()), button);
        }
        // Contact buttons sent by earlier versions still decode.
        assert_eq!(
            Button::decode("del:5:yes"),
            Button::Delete {
                kind: RecordKind::Contact,
                id: RecordId::new(5),
                confirmed: true
            }
        );
        let malformed = [
            "del:x:yes",
            "del:z:1:yes",
            "whatever",
            "pg:z:1:x",
            "rm:1:x:yes",
            "unl:1:maybe",
        ];
        for data in malformed {
            assert_eq!(Button::decode(data), Button::Unknown, "{data}");
        }
    }

    #[test]
    fn a_stage_button_keeps_its_wire_format_and_carries_a_stage() {
        let button = Button::SetStage {
            deal_id: DealId::new(5),
            stage: Stage::Negotiation,
        };
        assert_eq!(button.encode(), "stage:5:negotiation");
        assert_eq!(Button::decode("stage:5:negotiation"), button);
        // Only the stored stage names are stage buttons; anything else is not understood.
        for data in ["stage:5:neg", "stage:5:Won", "stage:x:won"] {
            assert_eq!(Button::decode(data), Button::Unknown, "{data}");
        }
    }

    #[test]
    fn long_arguments_are_cut_to_64_bytes_on_a_char_boundary() {
        let data = Button::Page {
            list: ListKind::Contacts,
            page: 1,
            arg: "ё".repeat(100),
        }
        .encode();
        assert!(data.len() <= MAX_DATA_BYTES);
        assert!(matches!(
            Button::decode(&data),
            Button::Page { page: 1, .. }
        ));
    }
}
