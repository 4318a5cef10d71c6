//! Taking access away: removing a member (`/remove NAME` or the buttons under /members, with
//! a confirmation), leaving a team workspace (/leave), and listing and revoking open invites
//! (/invites). Admins and owners remove members and revoke invites; an admin never removes an
//! owner and the last owner is never removed, nor leaves while others remain. Every change is
//! audited. A removed member keeps nothing of the team: their next message lands in their
//! personal workspace, and their open invites and task assignments there are gone.

use sha2::{Digest, Sha256};

use super::parse_env::ParseEnv;
use super::render::{due_text, shorten};
use super::{Ctx, Replies, asking};
use crate::crm::{Role, UserId, WorkspaceId};
use crate::message::{Choice, Reply};
use crate::router::Button;
use crate::store;
use crate::store::privacy::pseudonym;
use crate::store::workspaces::{self, Member};
use crate::tr;

/// The member called `name` (exactly, else by prefix, ignoring case), or the reply saying
/// why there is none.
pub fn find_member(ctx: &Ctx<'_>, members: &[Member], name: &str) -> Result<Member, Replies> {
    let wanted = name.trim().to_lowercase();
    let exact: Vec<_> = members
        .iter()
        .filter(|m| m.display_name.to_lowercase() == wanted)
        .collect();
    let candidates = if exact.is_empty() {
        members
            .iter()
            .filter(|m| m.display_name.to_lowercase().starts_with(&wanted))
            .collect()
    } else {
        exact
    };
    match candidates.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(ctx.say(tr!(
            ctx.actor.locale,
            "member-not-found",
            name = shorten(name, 40)
        ))),
        _ => Err(ctx.say(tr!(
            ctx.actor.locale,
            "member-ambiguous",
            name = shorten(name, 40)
        ))),
    }
}

/// Why `actor` (with `actor_role`) may not remove `target` from a workspace with `owners`
/// owners: the Fluent key of the refusal, or `None` when allowed.
fn refusal(
    actor: UserId,
    actor_role: Role,
    target: &Member,
    owners: usize,
) -> Option<&'static str> {
    if target.user_id == actor {
        Some("remove-self")
    } else if !actor_role.can_delete() {
        Some("remove-not-allowed")
    } else if target.role == Role::Owner && actor_role != Role::Owner {
        Some("remove-owner")
    } else if target.role == Role::Owner && owners <= 1 {
        Some("remove-last-owner")
    } else {
        None
    }
}

/// The members an admin or owner may remove, as buttons (for /members).
pub fn remove_choices(ctx: &Ctx<'_>, members: &[Member]) -> Vec<Choice> {
    let owners = members.iter().filter(|m| m.role == Role::Owner).count();
    members
        .iter()
        .filter(|m| refusal(ctx.actor.user_id, ctx.actor.role, m, owners).is_none())
        .take(8)
        .map(|m| {
            let label = tr!(
                ctx.actor.locale,
                "choice-remove",
                name = m.display_name.clone()
            );
            let button = Button::RemoveMember {
                workspace_id: ctx.actor.workspace_id,
                user_id: m.user_id,
                confirmed: false,
            };
            Choice::new(shorten(&label, 24), button.encode())
        })
        .collect()
}

/// The arguments of `/remove NAME`: the member's name as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoveArgs {
    pub name: String,
}

impl RemoveArgs {
    pub fn parse(args: &str, env: &ParseEnv) -> Result<RemoveArgs, String> {
        if args.trim().is_empty() {
            return Err(env.locale.text("usage-remove"));
        }
        let name = args.to_string();
        Ok(RemoveArgs { name })
    }
}

/// `/remove NAME`: the confirmation card (admins and owners only: the registry checks that
/// first).
pub async fn remove(ctx: &mut Ctx<'_>, args: RemoveArgs) -> Replies {
    let members = workspaces::members(ctx.tx, ctx.actor.workspace_id).await?;
    let target = match find_member(ctx, &members, &args.name) {
        Ok(target) => target,
        Err(reply) => return reply,
    };
    let ws = ctx.actor.workspace_id;
    remove_pressed(ctx, ws, target.user_id, false).await
}

/// The remove button: checks the rights again (roles may have changed since the card was
/// sent), asks, then removes.
pub async fn remove_pressed(
    ctx: &mut Ctx<'_>,
    workspace_id: WorkspaceId,
    user_id: UserId,
    confirmed: bool,
) -> Replies {
    let me = ctx.actor.user_id;
    let Some(my_role) = workspaces::role_of(ctx.tx, workspace_id, me).await? else {
        return ctx.expired();
    };
    let members = workspaces::members(ctx.tx, workspace_id).await?;
    let Some(target) = members.iter().find(|m| m.user_id == user_id) else {
        return ctx.expired();
    };
    let owners = members.iter().filter(|m| m.role == Role::Owner).count();
    if let Some(key) = refusal(me, my_role, target, owners) {
        return ctx.say(ctx.t(key));
    }
    let name = target.display_name.clone();
    if !confirmed {
        let text = tr!(
            ctx.actor.locale,
            "remove-confirm",
            name = name,
            workspace = workspace_name(ctx, workspace_id).await?
        );
        let yes = Button::RemoveMember {
            workspace_id,
            user_id,
            confirmed: true,
        };
        return asking::confirm(ctx, text, "choice-yes-remove", yes, "choice-no");
    }
    let removed = pseudonym(ctx.tx, user_id).await?;
    workspaces::remove_member(ctx.tx, workspace_id, user_id).await?;
    let target = format!("workspace:{workspace_id} {removed}");
    ctx.audit("member.removed", &target).await?;
    ctx.say(tr!(ctx.actor.locale, "member-removed", name = name))
}

/// The name of a workspace the actor belongs to (empty when not).
async fn workspace_name(ctx: &mut Ctx<'_>, workspace_id: WorkspaceId) -> store::Result<String> {
    Ok(workspaces::of_user(ctx.tx, ctx.actor.user_id)
        .await?
        .into_iter()
        .find(|w| w.id == workspace_id)
        .map(|w| w.name)
        .unwrap_or_default())
}

/// Why the actor may not leave `workspace_id`: the Fluent key, or `None` when allowed.
async fn leave_refusal(
    ctx: &mut Ctx<'_>,
    workspace_id: WorkspaceId,
) -> store::Result<Option<&'static str>> {
    let all = workspaces::of_user(ctx.tx, ctx.actor.user_id).await?;
    let Some(ws) = all.iter().find(|w| w.id == workspace_id) else {
        return Ok(Some("button-expired"));
    };
    if workspaces::kind_of(ctx.tx, workspace_id).await?.as_deref() == Some("personal") {
        return Ok(Some("leave-personal"));
    }
    if ws.role == Role::Owner {
        let members = workspaces::members(ctx.tx, workspace_id).await?;
        let owners = members.iter().filter(|m| m.role == Role::Owner).count();
        if members.len() == 1 {
            return Ok(Some("leave-alone"));
        }
        if owners <= 1 {
            return Ok(Some("leave-last-owner"));
        }
    }
    Ok(None)
}

/// `/leave`: the confirmation card for leaving the current workspace.
pub async fn leave(ctx: &mut Ctx<'_>) -> Replies {
    let ws = ctx.actor.workspace_id;
    if let Some(key) = leave_refusal(ctx, ws).await? {
        return ctx.say(ctx.t(key));
    }
    let text = tr!(
        ctx.actor.locale,
        "leave-confirm",
        name = workspace_name(ctx, ws).await?
    );
    let yes = Button::LeaveWorkspace { workspace_id: ws };
    asking::confirm(ctx, text, "choice-yes-leave", yes, "choice-no")
}

/// The leave button: leaves and says where the user is now.
pub async fn leave_confirmed(ctx: &mut Ctx<'_>, workspace_id: WorkspaceId) -> Replies {
    if let Some(key) = leave_refusal(ctx, workspace_id).await? {
        return ctx.say(ctx.t(key));
    }
    let name = workspace_name(ctx, workspace_id).await?;
    let now_in = workspaces::remove_member(ctx.tx, workspace_id, ctx.actor.user_id).await?;
    ctx.audit("workspace.left", &format!("workspace:{workspace_id}"))
        .await?;
    let current = workspace_name(ctx, now_in).await?;
    ctx.say(tr!(
        ctx.actor.locale,
        "workspace-left",
        name = name,
        current = current
    ))
}

/// A short tag naming an invite in button data without carrying its code.
fn tag(code: &str) -> String {
    hex::encode(&Sha256::digest(code.as_bytes())[..6])
}

/// `/invites`: the open invites of the current workspace, each with a revoke button.
pub async fn invites(ctx: &mut Ctx<'_>) -> Replies {
    if !ctx.actor.role.can_delete() {
        return ctx.say(ctx.t("invites-not-allowed"));
    }
    let ws = ctx.actor.workspace_id;
    let open = workspaces::open_invites(ctx.tx, ws, ctx.now_millis()).await?;
    if open.is_empty() {
        return ctx.say(ctx.t("invites-none"));
    }
    let mut text = tr!(ctx.actor.locale, "invites-header", count = open.len());
    let mut choices = Vec::new();
    for (n, invite) in open.iter().enumerate() {
        let ending: String = invite
            .code
            .chars()
            .skip(invite.code.chars().count().saturating_sub(3))
            .collect();
        let line = tr!(
            ctx.actor.locale,
            "invites-line",
            number = n + 1,
            ending = ending,
            role = ctx.t(&format!("role-{}", invite.role.as_str())),
            until = due_text(ctx, invite.expires_at),
            by = invite.created_by.clone()
        );
        text.push('\n');
        text.push_str(&line);
        if choices.len() < 8 {
            let label = tr!(ctx.actor.locale, "choice-revoke", number = n + 1);
            let button = Button::RevokeInvite {
                workspace_id: ws,
                tag: tag(&invite.code),
            };
            choices.push(Choice::new(label, button.encode()));
        }
    }
    Ok(vec![Reply::text(text).with_choices(choices)])
}

/// The revoke button: the invite stops working at once.
pub async fn revoke(ctx: &mut Ctx<'_>, workspace_id: WorkspaceId, wanted: &str) -> Replies {
    let role = workspaces::role_of(ctx.tx, workspace_id, ctx.actor.user_id).await?;
    match role {
        None => return ctx.expired(),
        Some(role) if !role.can_delete() => return ctx.say(ctx.t("invites-not-allowed")),
        Some(_) => {}
    }
    let open = workspaces::open_invites(ctx.tx, workspace_id, ctx.now_millis()).await?;
    let Some(invite) = open.iter().find(|i| tag(&i.code) == wanted) else {
        return ctx.say(ctx.t("invite-already-gone"));
    };
    if !workspaces::revoke_invite(ctx.tx, workspace_id, &invite.code).await? {
        return ctx.say(ctx.t("invite-already-gone"));
    }
    let target = format!("workspace:{workspace_id} role:{}", invite.role.as_str());
    ctx.audit("invite.revoked", &target).await?;
    ctx.say(ctx.t("invite-revoked"))
}
