//! Teams: /workspace (show, switch, create, delete), /invite, joining with
//! `/start join_<code>`, /members and /role (taking access away is in `access`). Members create and edit; admins also delete
//! records and manage members; only the owner deletes the workspace or hands over ownership.

use chrono::Duration;
use rand::Rng;
use rand::distr::Alphanumeric;

use super::parse_env::ParseEnv;
use super::render::shorten;
use super::{Ctx, Replies, asking};
use crate::crm::{Role, WorkspaceId};
use crate::message::{Choice, Reply};
use crate::router::{Button, Dialogue};
use crate::store::workspaces;
use crate::tr;

/// Longest workspace name we keep.
const MAX_NAME_CHARS: usize = 80;

/// The arguments of `/workspace [new NAME | delete]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkspaceArgs {
    /// `/workspace`: the current workspace and the others to switch to.
    Show,
    /// `/workspace new [NAME]`; without a name it is asked for.
    New {
        name: String,
    },
    Delete,
}

impl WorkspaceArgs {
    pub fn parse(args: &str, env: &ParseEnv) -> Result<WorkspaceArgs, String> {
        let args = args.trim();
        let (verb, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
        match verb.to_lowercase().as_str() {
            "" => Ok(WorkspaceArgs::Show),
            "new" | "create" => Ok(WorkspaceArgs::New {
                name: rest.trim().to_string(),
            }),
            "delete" => Ok(WorkspaceArgs::Delete),
            _ => Err(env.locale.text("usage-workspace")),
        }
    }
}

pub async fn workspace(ctx: &mut Ctx<'_>, args: WorkspaceArgs) -> Replies {
    match args {
        WorkspaceArgs::Show => show(ctx).await,
        WorkspaceArgs::New { name } if name.is_empty() => {
            asking::ask(ctx, &Dialogue::NewWorkspace, "ask-workspace-name", false).await
        }
        WorkspaceArgs::New { name } => create(ctx, &name).await,
        WorkspaceArgs::Delete => ask_delete(ctx),
    }
}

/// The answer to "What should the workspace be called?".
pub async fn name_given(ctx: &mut Ctx<'_>, input: Option<String>) -> Replies {
    match asking::answer(ctx, input).await? {
        Some(name) => create(ctx, &name).await,
        None => ctx.say(ctx.t("ask-workspace-name")),
    }
}

async fn create(ctx: &mut Ctx<'_>, name: &str) -> Replies {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return ctx.say(tr!(
            ctx.actor.locale,
            "workspace-bad-name",
            max = MAX_NAME_CHARS
        ));
    }
    workspaces::create_team(ctx.tx, ctx.actor.user_id, name).await?;
    ctx.say(tr!(
        ctx.actor.locale,
        "workspace-created",
        name = name.to_string()
    ))
}

async fn show(ctx: &mut Ctx<'_>) -> Replies {
    let all = workspaces::of_user(ctx.tx, ctx.actor.user_id).await?;
    let Some(current) = all.iter().find(|w| w.id == ctx.actor.workspace_id) else {
        return ctx.expired();
    };
    let kind = ctx.t(&format!("workspace-kind-{}", current.kind));
    let mut text = tr!(
        ctx.actor.locale,
        "workspace-current",
        name = current.name.clone(),
        kind = kind,
        role = ctx.t(&format!("role-{}", current.role.as_str())),
        members = current.members
    );
    let others: Vec<_> = all.iter().filter(|w| w.id != current.id).collect();
    let choices = others
        .iter()
        .take(8)
        .map(|w| {
            Choice::new(
                shorten(&w.name, 24),
                Button::SwitchWorkspace { workspace_id: w.id }.encode(),
            )
        })
        .collect();
    if !others.is_empty() {
        text.push('\n');
        text.push_str(&ctx.t("workspace-switch-hint"));
    }
    text.push('\n');
    text.push_str(&ctx.t("workspace-hint"));
    Ok(vec![Reply::text(text).with_choices(choices)])
}

pub async fn switch(ctx: &mut Ctx<'_>, workspace_id: WorkspaceId) -> Replies {
    let all = workspaces::of_user(ctx.tx, ctx.actor.user_id).await?;
    let Some(target) = all.into_iter().find(|w| w.id == workspace_id) else {
        return ctx.expired();
    };
    workspaces::switch(ctx.tx, ctx.actor.user_id, target.id).await?;
    ctx.say(tr!(
        ctx.actor.locale,
        "workspace-switched",
        name = target.name
    ))
}

fn ask_delete(ctx: &Ctx<'_>) -> Replies {
    if ctx.actor.role != Role::Owner {
        return ctx.say(ctx.t("workspace-delete-not-owner"));
    }
    let text = ctx.t("workspace-delete-confirm");
    let yes = Button::DeleteWorkspace {
        workspace_id: ctx.actor.workspace_id,
    };
    asking::confirm(ctx, text, "choice-yes-delete", yes, "choice-no")
}

pub async fn confirm_delete(ctx: &mut Ctx<'_>, workspace_id: WorkspaceId) -> Replies {
    let role = workspaces::role_of(ctx.tx, workspace_id, ctx.actor.user_id).await?;
    match role {
        Some(Role::Owner) => {
            workspaces::delete(ctx.tx, workspace_id).await?;
            ctx.audit("workspace.deleted", &format!("workspace:{workspace_id}"))
                .await?;
            ctx.say(ctx.t("workspace-deleted"))
        }
        Some(_) => ctx.say(ctx.t("workspace-delete-not-owner")),
        None => ctx.expired(),
    }
}

/// `/invite [member|admin] [group]`. A working code is posted in a group chat only on
/// explicit request (`group`), since anyone reading it there can join.
pub async fn invite(ctx: &mut Ctx<'_>, args: &str) -> Replies {
    if !ctx.actor.role.can_delete() {
        return ctx.say(ctx.t("invite-not-allowed"));
    }
    let mut words: Vec<&str> = args.split_whitespace().collect();
    let for_group = words.iter().any(|w| w.eq_ignore_ascii_case("group"));
    words.retain(|w| !w.eq_ignore_ascii_case("group"));
    let role = match words.as_slice() {
        [] => Role::Member,
        [text] => match Role::parse(text).filter(|r| *r != Role::Owner) {
            Some(role) => role,
            None => return ctx.say(ctx.t("usage-invite")),
        },
        _ => return ctx.say(ctx.t("usage-invite")),
    };
    if !ctx.private_chat && !for_group {
        return ctx.say(ctx.t("invite-not-posted"));
    }
    let code: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(12)
        .map(char::from)
        .collect();
    let expires = ctx.now + Duration::hours(ctx.settings.invite_ttl_hours);
    let ws = ctx.actor.workspace_id;
    workspaces::create_invite(
        ctx.tx,
        &code,
        ws,
        role,
        ctx.actor.user_id,
        (ctx.now_millis(), expires.timestamp_millis()),
    )
    .await?;
    workspaces::make_team(ctx.tx, ws).await?;
    ctx.audit(
        "invite.created",
        &format!("workspace:{ws} role:{}", role.as_str()),
    )
    .await?;
    let mut text = tr!(
        ctx.actor.locale,
        "invite-created",
        role = ctx.t(&format!("role-{}", role.as_str())),
        command = format!("/start join_{code}"),
        hours = ctx.settings.invite_ttl_hours
    );
    if let Some(bot) = &ctx.settings.bot_username {
        text.push_str(&format!("\nhttps://t.me/{bot}?start=join_{code}"));
    }
    if !ctx.private_chat {
        text.push('\n');
        text.push_str(&ctx.t("invite-posted-in-group"));
    }
    ctx.say(text)
}

/// `/start join_<code>`: joins the invite's workspace and makes it current.
pub async fn join(ctx: &mut Ctx<'_>, code: &str) -> Replies {
    let code: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(32)
        .collect();
    let Some((workspace_id, role)) =
        workspaces::redeem_invite(ctx.tx, &code, ctx.actor.user_id, ctx.now_millis()).await?
    else {
        return ctx.say(ctx.t("invite-invalid"));
    };
    let (workspace, me) = (workspace_id, ctx.actor.user_id);
    if workspaces::role_of(ctx.tx, workspace, me).await?.is_none() {
        workspaces::add_member(ctx.tx, workspace, me, role).await?;
    }
    workspaces::switch(ctx.tx, me, workspace).await?;
    ctx.audit("invite.redeemed", &format!("workspace:{workspace_id}"))
        .await?;
    let all = workspaces::of_user(ctx.tx, ctx.actor.user_id).await?;
    let name = all
        .iter()
        .find(|w| w.id == workspace_id)
        .map(|w| w.name.clone())
        .unwrap_or_default();
    let role = workspaces::role_of(ctx.tx, workspace, me)
        .await?
        .unwrap_or(role);
    ctx.say(tr!(
        ctx.actor.locale,
        "joined-workspace",
        name = name,
        role = ctx.t(&format!("role-{}", role.as_str()))
    ))
}

pub async fn members(ctx: &mut Ctx<'_>) -> Replies {
    let members = workspaces::members(ctx.tx, ctx.actor.workspace_id).await?;
    let mut text = tr!(ctx.actor.locale, "members-header", count = members.len());
    for member in &members {
        text.push_str(&format!(
            "\n{} · {}",
            member.display_name,
            ctx.t(&format!("role-{}", member.role.as_str()))
        ));
    }
    let choices = if ctx.actor.role.can_delete() {
        super::access::remove_choices(ctx, &members)
    } else {
        Vec::new()
    };
    Ok(vec![Reply::text(text).with_choices(choices)])
}

/// The arguments of `/role NAME admin|member|owner`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleArgs {
    /// The member's name as typed.
    pub name: String,
    pub role: Role,
}

impl RoleArgs {
    pub fn parse(args: &str, env: &ParseEnv) -> Result<RoleArgs, String> {
        let args = args.trim();
        let usage = || env.locale.text("usage-role");
        let (name, role_text) = args.rsplit_once(char::is_whitespace).ok_or_else(usage)?;
        let role = Role::parse(role_text).ok_or_else(usage)?;
        let name = name.to_string();
        Ok(RoleArgs { name, role })
    }
}

/// `/role NAME admin|member|owner` (admins and owners only: the registry checks that first).
pub async fn role(ctx: &mut Ctx<'_>, args: RoleArgs) -> Replies {
    let new_role = args.role;
    let ws = ctx.actor.workspace_id;
    let members = workspaces::members(ctx.tx, ws).await?;
    let target = match super::access::find_member(ctx, &members, &args.name) {
        Ok(target) => target,
        Err(reply) => return reply,
    };
    let me = ctx.actor.user_id;
    let allowed = match (ctx.actor.role, target.role, new_role) {
        // Only the owner hands over ownership, and not to themselves.
        (Role::Owner, _, Role::Owner) => target.user_id != me,
        (_, _, Role::Owner) => false,
        // Nobody changes the owner's role directly: ownership moves by handing it over.
        (_, Role::Owner, _) => false,
        (Role::Owner | Role::Admin, _, _) => true,
        _ => false,
    };
    if !allowed {
        return ctx.say(ctx.t("role-not-allowed"));
    }
    let workspace = ctx.actor.workspace_id;
    workspaces::set_role(ctx.tx, workspace, target.user_id, new_role).await?;
    if new_role == Role::Owner {
        workspaces::set_role(ctx.tx, workspace, ctx.actor.user_id, Role::Admin).await?;
    }
    let audited = format!(
        "workspace:{ws} {} role:{}",
        crate::store::privacy::pseudonym(ctx.tx, target.user_id).await?,
        new_role.as_str()
    );
    ctx.audit("role.changed", &audited).await?;
    ctx.say(tr!(
        ctx.actor.locale,
        "role-changed",
        name = target.display_name,
        role = ctx.t(&format!("role-{}", new_role.as_str()))
    ))
}
