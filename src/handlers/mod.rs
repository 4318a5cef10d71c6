//! Handlers: what each intent does, inside the one transaction the engine opened for the
//! update. They read and write through `store`, validate through `crm`, and answer with
//! channel-agnostic [`Reply`] values built from the user's locale.

mod basics;
mod contact_create;
mod contact_edit;
mod contact_view;
mod render;

use crate::channel::Reply;
use crate::crm::Actor;
use crate::router::{Button, Command, Dialogue, Intent};
use crate::store::{Tx, dialogues};

/// Settings the handlers need from the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Region for phone numbers typed without `+country` ("DE"), if any.
    pub default_phone_region: Option<String>,
    /// Rows per page in lists.
    pub page_size: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            default_phone_region: None,
            page_size: 10,
        }
    }
}

/// Everything a handler may use: the open transaction, who is acting, and the settings.
pub struct Ctx<'a> {
    pub tx: &'a mut Tx,
    pub actor: &'a Actor,
    pub settings: &'a Settings,
}

impl Ctx<'_> {
    /// A localized message without arguments.
    pub fn t(&self, key: &str) -> String {
        self.actor.locale.text(key)
    }

    pub fn region(&self) -> Option<&str> {
        self.settings.default_phone_region.as_deref()
    }
}

/// Handler results: the replies, or a database error that rolls the update back.
pub type Replies = sqlx::Result<Vec<Reply>>;

/// Runs the intent: cancel first, then an active dialogue, then commands and buttons.
pub async fn dispatch(ctx: &mut Ctx<'_>, intent: Intent) -> Replies {
    let identity = ctx.actor.identity_id;
    match intent {
        Intent::Ignored => Ok(Vec::new()),
        Intent::Command(Command::Cancel) | Intent::Button(Button::Cancel) => {
            basics::cancel(ctx).await
        }
        Intent::Text(text) => match dialogues::load::<Dialogue>(ctx.tx, identity).await? {
            Some(dialogue) => continue_dialogue(ctx, dialogue, Some(text)).await,
            None => basics::not_understood(ctx),
        },
        Intent::Command(Command::Skip) | Intent::Button(Button::Skip) => {
            match dialogues::load::<Dialogue>(ctx.tx, identity).await? {
                Some(dialogue) => continue_dialogue(ctx, dialogue, None).await,
                None => Ok(vec![Reply::text(ctx.t("nothing-to-skip"))]),
            }
        }
        Intent::Command(command) => {
            // A new command ends any flow in progress.
            dialogues::clear(ctx.tx, identity).await?;
            run_command(ctx, command).await
        }
        Intent::Button(button) => run_button(ctx, button).await,
    }
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
    }
}

async fn run_command(ctx: &mut Ctx<'_>, command: Command) -> Replies {
    match command {
        Command::Start { payload } => basics::start(ctx, &payload).await,
        Command::Help => basics::help(ctx),
        Command::NewContact { args } => contact_create::new_contact(ctx, &args).await,
        Command::Contacts { query } => contact_view::list(ctx, &query, 0).await,
        Command::Contact { handle } => contact_view::show(ctx, &handle).await,
        Command::Edit { args } => contact_edit::edit(ctx, &args).await,
        Command::Delete { handle } => contact_edit::ask_delete(ctx, &handle).await,
        Command::Unknown { name } => basics::unknown_command(ctx, &name),
        // Handled before a command reaches here.
        Command::Cancel | Command::Skip => basics::cancel(ctx).await,
    }
}

async fn run_button(ctx: &mut Ctx<'_>, button: Button) -> Replies {
    match button {
        Button::DeleteContact {
            contact_id,
            confirmed,
        } => contact_edit::confirm_delete(ctx, contact_id, confirmed).await,
        Button::ContactsPage { page, query } => contact_view::list(ctx, &query, page).await,
        Button::Unknown | Button::Cancel | Button::Skip => {
            Ok(vec![Reply::text(ctx.t("button-expired"))])
        }
    }
}
