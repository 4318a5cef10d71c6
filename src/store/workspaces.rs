//! Workspaces and their members: listing, creating, switching, roles, invites and deletion.

use super::Tx;
use super::statement::{self, args};
use crate::crm::{Role, UserId, WorkspaceId};
use crate::store::Result;

/// A workspace as a member sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceInfo {
    pub id: WorkspaceId,
    pub name: String,
    pub kind: String,
    pub role: Role,
    pub members: i64,
}

/// A member of a workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user_id: UserId,
    pub display_name: String,
    pub role: Role,
}

/// A role as stored; a name this version does not know reads as a plain member.
pub(super) fn stored_role(name: &str) -> Role {
    Role::parse(name).unwrap_or(Role::Member)
}

/// Every workspace `user_id` belongs to, oldest membership first.
pub async fn of_user(tx: &mut Tx, user_id: UserId) -> Result<Vec<WorkspaceInfo>> {
    let rows: Vec<(i64, String, String, String, i64)> =
        statement::all(tx, OF_USER, args![user_id.get()]).await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, kind, role, members)| WorkspaceInfo {
            id: WorkspaceId::new(id),
            name,
            kind,
            role: stored_role(&role),
            members,
        })
        .collect())
}

const OF_USER: &str = "SELECT w.id, w.name, w.kind, m.role,
        (SELECT COUNT(*) FROM memberships x WHERE x.workspace_id = w.id)
     FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
     WHERE m.user_id = $1 ORDER BY m.created_at, w.id";

/// Creates a team workspace owned by `user_id` and makes it current.
pub async fn create_team(tx: &mut Tx, user_id: UserId, name: &str) -> Result<WorkspaceId> {
    create(tx, user_id, name, "team").await
}

/// Creates a personal workspace owned by `user_id` and makes it current.
pub(crate) async fn create_personal(
    tx: &mut Tx,
    user_id: UserId,
    name: &str,
) -> Result<WorkspaceId> {
    create(tx, user_id, name, "personal").await
}

/// Creates a workspace of `kind` owned by `user_id` and makes it current.
async fn create(tx: &mut Tx, user_id: UserId, name: &str, kind: &str) -> Result<WorkspaceId> {
    let now = tx.now_millis();
    let id = WorkspaceId::new(statement::value(tx, INSERT, args![name, kind, now]).await?);
    add_member(tx, id, user_id, Role::Owner).await?;
    switch(tx, user_id, id).await?;
    Ok(id)
}

const INSERT: &str =
    "INSERT INTO workspaces (name, kind, created_at) VALUES ($1, $2, $3) RETURNING id";

/// Adds (or re-adds) a member with `role`.
pub async fn add_member(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    user_id: UserId,
    role: Role,
) -> Result<()> {
    let now = tx.now_millis();
    let values = args![workspace_id.get(), user_id.get(), role.as_str(), now];
    statement::run(tx, ADD_MEMBER, values).await?;
    Ok(())
}

const ADD_MEMBER: &str = "INSERT INTO memberships (workspace_id, user_id, role, created_at)
     VALUES ($1, $2, $3, $4) ON CONFLICT (workspace_id, user_id) DO NOTHING";

/// Makes `workspace_id` the user's current workspace.
pub async fn switch(tx: &mut Tx, user_id: UserId, workspace_id: WorkspaceId) -> Result<()> {
    statement::run(tx, SWITCH, args![workspace_id.get(), user_id.get()]).await?;
    Ok(())
}

const SWITCH: &str = "UPDATE users SET current_workspace_id = $1 WHERE id = $2";

/// The role of `user_id` in `workspace_id`, if a member.
pub async fn role_of(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    user_id: UserId,
) -> Result<Option<Role>> {
    let values = args![workspace_id.get(), user_id.get()];
    let role: Option<String> = statement::value_opt(tx, ROLE_OF, values).await?;
    Ok(role.as_deref().and_then(Role::parse))
}

const ROLE_OF: &str = "SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2";

/// The members of a workspace, owner first, then by name.
pub async fn members(tx: &mut Tx, workspace_id: WorkspaceId) -> Result<Vec<Member>> {
    let rows: Vec<(i64, String, String)> =
        statement::all(tx, MEMBERS, args![workspace_id.get()]).await?;
    Ok(rows
        .into_iter()
        .map(|(user_id, display_name, role)| Member {
            user_id: UserId::new(user_id),
            display_name,
            role: stored_role(&role),
        })
        .collect())
}

const MEMBERS: &str = "SELECT u.id, u.display_name, m.role
     FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.workspace_id = $1
     ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, u.display_name, u.id";

pub async fn set_role(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    user_id: UserId,
    role: Role,
) -> Result<()> {
    let values = args![role.as_str(), workspace_id.get(), user_id.get()];
    statement::run(tx, SET_ROLE, values).await?;
    Ok(())
}

const SET_ROLE: &str = "UPDATE memberships SET role = $1 WHERE workspace_id = $2 AND user_id = $3";

/// Turns a personal workspace into a team workspace (when someone is invited into it).
pub async fn make_team(tx: &mut Tx, workspace_id: WorkspaceId) -> Result<()> {
    statement::run(tx, MAKE_TEAM, args![workspace_id.get()]).await?;
    Ok(())
}

const MAKE_TEAM: &str = "UPDATE workspaces SET kind = 'team' WHERE id = $1";

/// Deletes a workspace and everything in it (records cascade).
pub async fn delete(tx: &mut Tx, workspace_id: WorkspaceId) -> Result<()> {
    // Tasks and notes reference users; contacts reference companies: the cascade from
    // workspaces removes them all in one statement.
    statement::run(tx, DELETE, args![workspace_id.get()]).await?;
    Ok(())
}

const DELETE: &str = "DELETE FROM workspaces WHERE id = $1";

/// Stores a one-time invite code, made at `created_at` and valid until `expires_at`.
pub async fn create_invite(
    tx: &mut Tx,
    code: &str,
    workspace_id: WorkspaceId,
    role: Role,
    created_by: UserId,
    (created_at, expires_at): (i64, i64),
) -> Result<()> {
    let (workspace_id, role, created_by) = (workspace_id.get(), role.as_str(), created_by.get());
    let values = args![code, workspace_id, role, created_by, created_at, expires_at];
    statement::run(tx, CREATE_INVITE, values).await?;
    Ok(())
}

const CREATE_INVITE: &str =
    "INSERT INTO invites (code, workspace_id, role, created_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)";

/// Uses an invite: `Some((workspace id, role))` when the code exists, is unused and has not
/// expired at `now`; the code can never be used again.
pub async fn redeem_invite(
    tx: &mut Tx,
    code: &str,
    user_id: UserId,
    now: i64,
) -> Result<Option<(WorkspaceId, Role)>> {
    let row: Option<(i64, String)> =
        statement::optional(tx, REDEEM_INVITE, args![user_id.get(), now, code]).await?;
    Ok(row.map(|(workspace_id, role)| (WorkspaceId::new(workspace_id), stored_role(&role))))
}

const REDEEM_INVITE: &str = "UPDATE invites SET used_by = $1, used_at = $2
     WHERE code = $3 AND used_at IS NULL AND expires_at > $2
     RETURNING workspace_id, role";

/// An invite that can still be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInvite {
    pub code: String,
    pub role: Role,
    pub expires_at: i64,
    /// The inviter's name (empty when their account is gone).
    pub created_by: String,
}

/// The unused, unexpired invites of a workspace at `now`, oldest first.
pub async fn open_invites(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    now: i64,
) -> Result<Vec<OpenInvite>> {
    let rows: Vec<(String, String, i64, Option<String>)> =
        statement::all(tx, OPEN_INVITES, args![workspace_id.get(), now]).await?;
    Ok(rows
        .into_iter()
        .map(|(code, role, expires_at, created_by)| OpenInvite {
            code,
            role: stored_role(&role),
            expires_at,
            created_by: created_by.unwrap_or_default(),
        })
        .collect())
}

const OPEN_INVITES: &str = "SELECT i.code, i.role, i.expires_at, u.display_name
     FROM invites i LEFT JOIN users u ON u.id = i.created_by
     WHERE i.workspace_id = $1 AND i.used_at IS NULL AND i.expires_at > $2
     ORDER BY i.created_at, i.code";

/// Deletes an unused invite of `workspace_id`; `false` when there was none with that code.
pub async fn revoke_invite(tx: &mut Tx, workspace_id: WorkspaceId, code: &str) -> Result<bool> {
    Ok(statement::run(tx, REVOKE_INVITE, args![workspace_id.get(), code]).await? == 1)
}

const REVOKE_INVITE: &str =
    "DELETE FROM invites WHERE workspace_id = $1 AND code = $2 AND used_at IS NULL";

/// A workspace's kind (`personal` or `team`), if it exists.
pub async fn kind_of(tx: &mut Tx, workspace_id: WorkspaceId) -> Result<Option<String>> {
    statement::value_opt(tx, KIND_OF, args![workspace_id.get()]).await
}

const KIND_OF: &str = "SELECT kind FROM workspaces WHERE id = $1";

/// A workspace's own region for phone numbers (`"DE"`), if one was set.
pub async fn region_of(tx: &mut Tx, workspace_id: WorkspaceId) -> Result<Option<String>> {
    let region: Option<Option<String>> =
        statement::value_opt(tx, REGION_OF, args![workspace_id.get()]).await?;
    Ok(region.flatten())
}

const REGION_OF: &str = "SELECT phone_region FROM workspaces WHERE id = $1";

/// Sets (or with `None` clears) a workspace's region for phone numbers.
pub async fn set_region(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    region: Option<&str>,
) -> Result<()> {
    statement::run(tx, SET_REGION, args![region, workspace_id.get()]).await?;
    Ok(())
}

const SET_REGION: &str = "UPDATE workspaces SET phone_region = $1 WHERE id = $2";

/// Ends `user`'s membership of `workspace`: their unused invites to it are revoked and
/// their open tasks there unassigned (no more reminders about them). When it was their
/// current workspace, their flows end and their personal workspace (created when they have
/// none) becomes current. Returns the user's current workspace afterwards.
pub async fn remove_member(
    tx: &mut Tx,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<WorkspaceId> {
    for sql in LEAVE {
        statement::run(tx, sql, args![workspace.get(), user.get()]).await?;
    }
    let (current, name): (Option<i64>, String) =
        statement::one(tx, CURRENT_AND_NAME, args![user.get()]).await?;
    if let Some(current) = current
        && current != workspace.get()
    {
        return Ok(WorkspaceId::new(current));
    }
    statement::run(tx, END_DIALOGUES, args![user.get()]).await?;
    match statement::value_opt(tx, PERSONAL, args![user.get()]).await? {
        Some(id) => {
            let id = WorkspaceId::new(id);
            switch(tx, user, id).await?;
            Ok(id)
        }
        None => create_personal(tx, user, &name).await,
    }
}

/// What leaving workspace `$1` does for user `$2`.
const LEAVE: [&str; 3] = [
    "DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2",
    "DELETE FROM invites WHERE workspace_id = $1 AND created_by = $2 AND used_at IS NULL",
    "UPDATE tasks SET assignee_user_id = NULL
     WHERE workspace_id = $1 AND assignee_user_id = $2 AND done = 0",
];

const CURRENT_AND_NAME: &str = "SELECT current_workspace_id, display_name FROM users WHERE id = $1";

const END_DIALOGUES: &str =
    "DELETE FROM dialogues WHERE identity_id IN (SELECT id FROM identities WHERE user_id = $1)";

const PERSONAL: &str = "SELECT w.id FROM workspaces w JOIN memberships m ON m.workspace_id = w.id
     WHERE m.user_id = $1 AND w.kind = 'personal' ORDER BY w.id LIMIT 1";
