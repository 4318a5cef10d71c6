//! Running a parsed command: the registry's access rule first, then the command's handler.

use super::command::Command;
use super::parse::Parsed;
use crate::ai::Feature;
use crate::crm::Stage;
use crate::handlers::directory::Directory;
use crate::handlers::lists::{self, RecordList};
use crate::handlers::{
    Ctx, Replies, access, account, ai, basics, calendar, companies, contact_create, contact_edit,
    contact_view, deals, delete, google, import, link, mail, notes, privacy, search, settings,
    tasks, team, timeline, unlink, workspace_settings,
};

/// Answers a command line read against the registry: the reason it did not read, the
/// refusal for who may not run it, or what its handler says.
pub async fn run(ctx: &mut Ctx<'_>, parsed: Parsed) -> Replies {
    let (spec, command) = match parsed {
        Parsed::Command(spec, command) => (spec, command),
        Parsed::Invalid(message) => return ctx.say(message),
        Parsed::Unknown(name) => return basics::unknown_command(ctx, &name),
    };
    if let Some(refusal) = spec.access.refusal(&command)
        && !ctx.actor.role.can_delete()
    {
        return ctx.say(ctx.t(refusal));
    }
    execute(ctx, command).await
}

/// The first page of `list`.
async fn list(ctx: &mut Ctx<'_>, list: &impl RecordList, arg: &str) -> Replies {
    lists::show(ctx, list, arg, 0).await
}

async fn execute(ctx: &mut Ctx<'_>, command: Command) -> Replies {
    match command {
        Command::Start { payload } => basics::start(ctx, &payload).await,
        Command::Help => basics::help(ctx),
        Command::NewContact { args } => contact_create::new_contact(ctx, &args).await,
        Command::Contacts { query } => list(ctx, &Directory::Contacts, &query).await,
        Command::Contact { handle } => contact_view::show(ctx, &handle).await,
        Command::Edit(args) => contact_edit::edit(ctx, args).await,
        Command::Delete { handle } => delete::ask(ctx, handle).await,
        Command::NewCompany { args } => companies::new_company(ctx, &args).await,
        Command::Companies { query } => list(ctx, &Directory::Companies, &query).await,
        Command::NewDeal { args } => deals::new_deal(ctx, &args).await,
        Command::Deals { stage } => {
            list(ctx, &deals::DealList, stage.map_or("", Stage::as_str)).await
        }
        Command::Stage(args) => deals::stage(ctx, args).await,
        Command::Pipeline => deals::pipeline(ctx).await,
        Command::Note(args) => notes::note(ctx, args).await,
        Command::Task(args) => tasks::task(ctx, args).await,
        Command::Tasks { window } => list(ctx, &tasks::TaskList, &window).await,
        Command::Done { handle } => tasks::done(ctx, &handle).await,
        Command::Timeline { handle } => timeline::timeline(ctx, &handle).await,
        Command::Mail { args } => mail::mail(ctx, &args).await,
        Command::Ask { question } => ai::commands::run(ctx, Feature::Ask, &question).await,
        Command::Summary { handle } => ai::commands::run(ctx, Feature::Summary, &handle).await,
        Command::Draft { args } => ai::commands::run(ctx, Feature::Draft, &args).await,
        Command::Search { query } => list(ctx, &search::SearchList, &query).await,
        Command::Timezone { zone } => settings::timezone(ctx, &zone).await,
        Command::Language { code } => settings::language(ctx, &code).await,
        Command::Settings(args) => workspace_settings::settings(ctx, args).await,
        Command::Workspace(args) => team::workspace(ctx, args).await,
        Command::Invite { role } => team::invite(ctx, &role).await,
        Command::Members => team::members(ctx).await,
        Command::Role(args) => team::role(ctx, args).await,
        Command::Remove(args) => access::remove(ctx, args).await,
        Command::Leave => access::leave(ctx).await,
        Command::Invites => access::invites(ctx).await,
        Command::Import { path } => import::import_path(ctx, &path).await,
        Command::Link { code } => link::link(ctx, &code).await,
        Command::Unlink(args) => unlink::unlink(ctx, args).await,
        Command::Privacy => privacy::privacy(ctx).await,
        Command::Consent(args) => privacy::consent_command(ctx, args).await,
        Command::DeleteAccount => account::ask(ctx).await,
        Command::Export => privacy::export(ctx).await,
        Command::ConnectGoogle => google::connect(ctx).await,
        Command::Google => google::status(ctx).await,
        Command::DisconnectGoogle => google::disconnect(ctx).await,
        Command::Calendar(period) => calendar::calendar(ctx, period).await,
        Command::Meet(args) => calendar::meet(ctx, args).await,
        // The only commands that keep a flow in progress (the dispatcher does not clear it).
        Command::Cancel => basics::cancel(ctx, false).await,
        Command::Skip => crate::handlers::skip(ctx).await,
    }
}
