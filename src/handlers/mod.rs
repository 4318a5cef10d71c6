//! Handlers: what each intent does, inside the one transaction the engine opened for the
//! update. They read and write through `store`, validate through `crm`, and answer with
//! channel-agnostic [`Reply`] values built from the user's locale.

mod access;
mod account;
pub mod ai;
mod asking;
mod basics;
pub mod calendar;
pub mod commands;
mod companies;
mod company_view;
mod contact_create;
mod contact_edit;
mod contact_view;
mod deals;
mod delete;
mod directory;
mod duplicates;
mod files;
pub(crate) mod first_message;
mod forwarded;
mod google;
mod handles;
mod import;
mod link;
mod lists;
pub(crate) mod mail;
mod new_records;
mod notes;
pub(crate) mod parse_env;
pub(crate) mod privacy;
mod records;
mod render;
mod search;
mod settings;
mod settings_from_config;
mod stages;
mod tasks;
mod team;
mod timeline;
mod unlink;
mod workspace_settings;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use iso_currency::Currency;

use crate::crm::{Actor, CompanyDraft, ContactDraft, RecordId, WorkspaceId};
use crate::message::{Channel, Reply};
use crate::router::button::ListKind;
use crate::router::{Button, Dialogue, Intent};
use crate::store::{self, Backend, Tx, dialogues};
use directory::Directory;

pub use commands::{COMMANDS, Command};
pub use import::import_file;

/// Settings the handlers need from the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Region for phone numbers typed without `+country` ("DE"), if any.
    pub default_phone_region: Option<String>,
    /// Currency of amounts typed without one.
    pub default_currency: Option<Currency>,
    /// Rows per page in lists.
    pub page_size: u32,
    /// The Telegram bot's username, for invite deep links.
    pub bot_username: Option<String>,
    /// How long an invite code stays valid, in hours.
    pub invite_ttl_hours: i64,
    /// The privacy policy's address and the version consents are recorded against.
    pub policy_url: String,
    pub policy_version: String,
    /// Where /export writes its ZIP files.
    pub export_dir: std::path::PathBuf,
    /// Hours a one-time export link stays valid, and the public address links point to.
    pub export_link_hours: i64,
    pub public_url: String,
    /// Send exports as links even when they fit in a chat document.
    pub export_via_link: bool,
    /// The largest file kept on a record, and the total of files a workspace may keep.
    pub max_file_bytes: usize,
    pub workspace_files_bytes: u64,
    /// The total of files one user may upload across all their workspaces.
    pub user_files_bytes: u64,
    /// Whether AI is configured, and its daily budget.
    pub ai: crate::ai::AiSettings,
    /// The Google integration, when `[google]` is configured (set by the wiring).
    pub google: Option<std::sync::Arc<crate::google::Google>>,
}

/// Everything a handler may use: the open transaction, who is acting, where, and when.
pub struct Ctx<'a> {
    pub tx: &'a mut Tx,
    pub actor: &'a Actor,
    pub settings: &'a Settings,
    pub backend: Backend,
    pub channel: Channel,
    pub now: DateTime<Utc>,
    /// The actor's time zone (UTC when theirs is unknown).
    pub tz: Tz,
    /// The chat the update came from.
    pub chat_id: &'a str,
    /// Whether that chat is the user's own (not a group): personal data such as an export
    /// is only ever sent there.
    pub private_chat: bool,
    /// Rate limits on the costly rights commands, shared across updates.
    pub limits: &'a crate::privacy::limits::RightsLimits,
    /// Set when this update deleted the actor's account.
    pub erased: bool,
    /// Export files to delete once this update is committed (links and messages it revoked).
    pub discard: Vec<String>,
    /// The proof that this update is a user's own message (the router's); `None` in the AI
    /// worker, which can therefore record no AI request.
    pub from_user: Option<&'a crate::router::FromUser>,
    /// The AI request the worker is answering (`None` for an update).
    pub ai_request: Option<i64>,
    /// Set when this update left work for the Google worker (a /meet, a disconnect, an
    /// erased connection): the engine wakes it once the update is committed, so it sees
    /// the rows (woken before the commit, it would look too early and sleep a poll).
    pub wake_google: bool,
}

impl Ctx<'_> {
    /// A localized message without arguments.
    pub fn t(&self, key: &str) -> String {
        self.actor.locale.text(key)
    }

    /// The region for phone numbers typed without `+country`: the workspace's own
    /// (`/settings region`), else `[crm] default_region`.
    pub fn region(&self) -> Option<&str> {
        self.actor
            .phone_region
            .as_deref()
            .or(self.settings.default_phone_region.as_deref())
    }

    pub fn now_millis(&self) -> i64 {
        self.now.timestamp_millis()
    }

    /// Writes an entry on a record's timeline: this actor, this workspace, now.
    pub async fn log(
        &mut self,
        kind: crate::crm::RecordKind,
        record_id: impl Into<RecordId>,
        action: &str,
        detail: serde_json::Value,
    ) -> store::Result<()> {
        let workspace_id = self.actor.workspace_id;
        self.log_in(workspace_id, kind, record_id, action, detail)
            .await
    }

    /// Writes an entry on the timeline of a record of `workspace_id`, which may not be the
    /// current one (a button on an older message): this actor, now.
    pub async fn log_in(
        &mut self,
        workspace_id: WorkspaceId,
        kind: crate::crm::RecordKind,
        record_id: impl Into<RecordId>,
        action: &str,
        detail: serde_json::Value,
    ) -> store::Result<()> {
        let event = crate::store::activities::Event {
            workspace_id,
            kind,
            record_id: record_id.into(),
            actor: Some(self.actor.user_id),
            action,
            detail,
            at: self.now_millis(),
        };
        crate::store::activities::record(self.tx, &event).await
    }

    /// Ends the dialogue this update answered, if there was one (no statement otherwise).
    pub async fn end_dialogue(&mut self) -> store::Result<()> {
        if self.actor.in_dialogue {
            dialogues::clear(self.tx, self.actor.identity_id).await?;
        }
        Ok(())
    }

    /// Appends an audit entry with this actor as the (pseudonymous) actor.
    pub async fn audit(&mut self, action: &str, target: &str) -> store::Result<()> {
        let actor = crate::store::privacy::pseudonym(self.tx, self.actor.user_id).await?;
        crate::store::privacy::audit(self.tx, &actor, action, target, self.now_millis()).await
    }

    /// One reply with this text.
    pub fn say(&self, text: impl Into<String>) -> Replies {
        Ok(vec![Reply::text(text)])
    }

    /// The answer to a button that no longer applies (its record, choice or flow is gone).
    pub fn expired(&self) -> Replies {
        self.say(self.t("button-expired"))
    }
}

/// Handler results: the replies, or a database error that rolls the update back.
pub type Replies = store::Result<Vec<Reply>>;

/// Runs the intent: cancel first, then an active dialogue, then commands and buttons.
pub async fn dispatch(ctx: &mut Ctx<'_>, intent: Intent) -> Replies {
    let identity = ctx.actor.identity_id;
    match intent {
        Intent::Ignored => Ok(Vec::new()),
        Intent::Button(Button::Cancel) => basics::cancel(ctx, true).await,
        Intent::Text(text) => match load_dialogue(ctx).await? {
            Some(dialogue) => continue_dialogue(ctx, dialogue, Some(text)).await,
            None => records::free_text(ctx, &text).await,
        },
        Intent::Button(Button::Skip) => skip(ctx).await,
        Intent::Command(line) => {
            let parsed = commands::parse(&line, &parse_env::ParseEnv::of(ctx));
            // A new command ends any flow in progress; /cancel and /skip act on it.
            let on_the_flow = matches!(
                parsed,
                commands::Parsed::Command(_, Command::Cancel | Command::Skip)
            );
            if ctx.actor.in_dialogue && !on_the_flow {
                dialogues::clear(ctx.tx, identity).await?;
            }
            commands::run(ctx, parsed).await
        }
        Intent::Button(button) => run_button(ctx, button).await,
        Intent::Document {
            file_name,
            bytes,
            caption,
        } => files::received(ctx, &file_name, &bytes, &caption).await,
        Intent::FileTooLarge { file_name, caption } => files::too_large(ctx, &file_name, &caption),
        Intent::SharedContact { name, phone } => contact_create::shared(ctx, &name, &phone).await,
        Intent::Forwarded { from_name, text } => forwarded::forwarded(ctx, &from_name, &text).await,
        Intent::Unsupported { kind } => basics::unsupported(ctx, &kind),
    }
}

/// The dialogue waiting for an answer, read only when the actor has one.
async fn load_dialogue(ctx: &mut Ctx<'_>) -> store::Result<Option<Dialogue>> {
    if !ctx.actor.in_dialogue {
        return Ok(None);
    }
    dialogues::load(ctx.tx, ctx.actor.identity_id).await
}

async fn continue_dialogue(
    ctx: &mut Ctx<'_>,
    dialogue: Dialogue,
    input: Option<String>,
) -> Replies {
    match dialogue {
        Dialogue::NewContact { step, draft } => {
            contact_create::next_step(ctx, step, draft, input).await
        }
        Dialogue::NewCompany => companies::name_given(ctx, input).await,
        Dialogue::NewDeal { step, draft } => deals::next_step(ctx, step, draft, input).await,
        Dialogue::Import { .. } => import::waiting(ctx),
        Dialogue::NewWorkspace => team::name_given(ctx, input).await,
        Dialogue::DuplicateContact { draft, existing_id } => {
            duplicates::waiting(ctx, draft, existing_id).await
        }
        Dialogue::DuplicateCompany { draft, existing_id } => {
            duplicates::waiting(ctx, draft, existing_id).await
        }
        Dialogue::Forwarded { .. } => records::free_text(ctx, input.as_deref().unwrap_or("")).await,
    }
}

/// /skip or the Skip button: the current step of the flow in progress left empty.
async fn skip(ctx: &mut Ctx<'_>) -> Replies {
    match load_dialogue(ctx).await? {
        Some(dialogue) => continue_dialogue(ctx, dialogue, None).await,
        None => ctx.say(ctx.t("nothing-to-skip")),
    }
}

/// Another page of a list (its Previous/Next button).
async fn turn_page(ctx: &mut Ctx<'_>, list: ListKind, page: u32, arg: &str) -> Replies {
    match list {
        ListKind::Contacts => lists::show(ctx, &Directory::Contacts, arg, page).await,
        ListKind::Companies => lists::show(ctx, &Directory::Companies, arg, page).await,
        ListKind::Deals => lists::show(ctx, &deals::DealList, arg, page).await,
        ListKind::Tasks => lists::show(ctx, &tasks::TaskList, arg, page).await,
        ListKind::Search => lists::show(ctx, &search::SearchList, arg, page).await,
    }
}

async fn run_button(ctx: &mut Ctx<'_>, button: Button) -> Replies {
    match button {
        Button::Delete {
            kind,
            id,
            confirmed,
        } => delete::pressed(ctx, kind, id, confirmed).await,
        Button::Page { list, page, arg } => turn_page(ctx, list, page, &arg).await,
        Button::DoneTask { task_id } => tasks::done_by_id(ctx, task_id).await,
        Button::SetStage { deal_id, stage } => deals::stage_by_id(ctx, deal_id, stage).await,
        Button::SwitchWorkspace { workspace_id } => team::switch(ctx, workspace_id).await,
        Button::DeleteWorkspace { workspace_id } => team::confirm_delete(ctx, workspace_id).await,
        Button::SetLanguage { code } => settings::language(ctx, &code).await,
        Button::ConfirmImport => import::confirm(ctx).await,
        Button::AddForwarded => forwarded::add_sender(ctx).await,
        Button::Consent { kind, granted } => privacy::set(ctx, &kind, granted).await,
        Button::DeleteAccount => account::delete(ctx).await,
        Button::DisconnectGoogle => google::disconnect_confirmed(ctx).await,
        Button::Unlink {
            identity_id,
            confirmed,
        } => unlink::pressed(ctx, identity_id, confirmed).await,
        Button::RemoveMember {
            workspace_id,
            user_id,
            confirmed,
        } => access::remove_pressed(ctx, workspace_id, user_id, confirmed).await,
        Button::LeaveWorkspace { workspace_id } => access::leave_confirmed(ctx, workspace_id).await,
        Button::RevokeInvite { workspace_id, tag } => access::revoke(ctx, workspace_id, &tag).await,
        Button::OpenContact { contact_id } => {
            duplicates::open::<ContactDraft>(ctx, contact_id).await
        }
        Button::OpenCompany { company_id } => {
            duplicates::open::<CompanyDraft>(ctx, company_id).await
        }
        Button::SaveAnyway => duplicates::save_anyway(ctx).await,
        Button::Capture {
            proposal_id,
            action,
        } => ai::capture::pressed(ctx, proposal_id, action).await,
        Button::AiConsent { granted } => ai::consent::answered(ctx, granted).await,
        Button::Unknown | Button::Cancel | Button::Skip => ctx.expired(),
    }
}
