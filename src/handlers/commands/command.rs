//! The typed commands: what each slash command asks for once its arguments are read. The
//! argument structs live next to their handlers.

use crate::crm::Handle;
use crate::crm::Stage;
use crate::handlers::access::RemoveArgs;
use crate::handlers::contact_edit::EditArgs;
use crate::handlers::deals::StageArgs;
use crate::handlers::notes::NoteArgs;
use crate::handlers::privacy::ConsentArgs;
use crate::handlers::tasks::TaskArgs;
use crate::handlers::team::{RoleArgs, WorkspaceArgs};
use crate::handlers::unlink::UnlinkArgs;
use crate::handlers::workspace_settings::SettingsArgs;

/// A command with its arguments read. Arguments that only make sense against the database
/// (a handle to look up, a search text) stay text and are read by the handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Start { payload: String },
    Help,
    Cancel,
    Skip,
    NewContact { args: String },
    Contacts { query: String },
    Contact { handle: String },
    Edit(EditArgs),
    Delete { handle: Handle },
    NewCompany { args: String },
    Companies { query: String },
    NewDeal { args: String },
    Deals { stage: Option<Stage> },
    Stage(StageArgs),
    Pipeline,
    Note(NoteArgs),
    Task(TaskArgs),
    Tasks { window: String },
    Done { handle: String },
    Timeline { handle: String },
    Mail { args: String },
    Ask { question: String },
    Summary { handle: String },
    Draft { args: String },
    Search { query: String },
    Timezone { zone: String },
    Language { code: String },
    Settings(SettingsArgs),
    Workspace(WorkspaceArgs),
    Invite { role: String },
    Members,
    Role(RoleArgs),
    Remove(RemoveArgs),
    Leave,
    Invites,
    Import { path: String },
    Link { code: String },
    Unlink(UnlinkArgs),
    Privacy,
    Consent(ConsentArgs),
    DeleteAccount,
    Export,
    ConnectGoogle,
    Google,
    DisconnectGoogle,
    Calendar(crate::handlers::calendar::Period),
    Meet(crate::handlers::calendar::MeetArgs),
}
