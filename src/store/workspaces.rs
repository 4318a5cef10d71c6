//! Workspaces and their members: listing, creating, switching, roles, invites and deletion.

use super::Tx;
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

/// Every workspace `user_id` belongs to, oldest membership first.
pub async fn of_user(tx: &mut Tx, user_id: UserId) -> Result<Vec<WorkspaceInfo>> {
    let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT w.id, w.name, w.kind, m.role,
                (SELECT COUNT(*) FROM memberships x WHERE x.workspace_id = w.id)
         FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
         WHERE m.user_id = $1 ORDER BY m.created_at, w.id",
    )
    .bind(user_id.get())
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, kind, role, members)| WorkspaceInfo {
            id: WorkspaceId::new(id),
            name,
            kind,
            role: Role::parse(&role).unwrap_or(Role::Member),
            members,
        })
        .collect())
}

/// Creates a team workspace owned by `user_id` and makes it current.
pub async fn create_team(tx: &mut Tx, user_id: UserId, name: &str) -> Result<WorkspaceId> {
    let now = tx.now_millis();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO workspaces (name, kind, created_at) VALUES ($1, 'team', $2) RETURNING id",
    )
    .bind(name)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    let id = WorkspaceId::new(id);
    add_member(tx, id, user_id, Role::Owner).await?;
    switch(tx, user_id, id).await?;
    Ok(id)
}

/// Adds (or re-adds) a member with `role`.
pub async fn add_member(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    user_id: UserId,
    role: Role,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (workspace_id, user_id) DO NOTHING",
    )
    .bind(workspace_id.get())
    .bind(user_id.get())
    .bind(role.as_str())
    .bind(tx.now_millis())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Makes `workspace_id` the user's current workspace.
pub async fn switch(tx: &mut Tx, user_id: UserId, workspace_id: WorkspaceId) -> Result<()> {
    sqlx::query("UPDATE users SET current_workspace_id = $1 WHERE id = $2")
        .bind(workspace_id.get())
        .bind(user_id.get())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The role of `user_id` in `workspace_id`, if a member.
pub async fn role_of(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    user_id: UserId,
) -> Result<Option<Role>> {
    let role: Option<String> =
        sqlx::query_scalar("SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2")
            .bind(workspace_id.get())
            .bind(user_id.get())
            .fetch_optional(&mut **tx)
            .await?;
    Ok(role.as_deref().and_then(Role::parse))
}

/// The members of a workspace, owner first, then by name.
pub async fn members(tx: &mut Tx, workspace_id: WorkspaceId) -> Result<Vec<Member>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT u.id, u.display_name, m.role FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.workspace_id = $1
         ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, u.display_name, u.id",
    )
    .bind(workspace_id.get())
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(user_id, display_name, role)| Member {
            user_id: UserId::new(user_id),
            display_name,
            role: Role::parse(&role).unwrap_or(Role::Member),
        })
        .collect())
}

pub async fn set_role(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    user_id: UserId,
    role: Role,
) -> Result<()> {
    sqlx::query("UPDATE memberships SET role = $1 WHERE workspace_id = $2 AND user_id = $3")
        .bind(role.as_str())
        .bind(workspace_id.get())
        .bind(user_id.get())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Turns a personal workspace into a team workspace (when someone is invited into it).
pub async fn make_team(tx: &mut Tx, workspace_id: WorkspaceId) -> Result<()> {
    sqlx::query("UPDATE workspaces SET kind = 'team' WHERE id = $1")
        .bind(workspace_id.get())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Deletes a workspace and everything in it (records cascade).
pub async fn delete(tx: &mut Tx, workspace_id: WorkspaceId) -> Result<()> {
    // Tasks and notes reference users; contacts reference companies: the cascade from
    // workspaces removes them all in one statement.
    sqlx::query("DELETE FROM workspaces WHERE id = $1")
        .bind(workspace_id.get())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Stores a one-time invite code, made at `created_at` and valid until `expires_at`.
pub async fn create_invite(
    tx: &mut Tx,
    code: &str,
    workspace_id: WorkspaceId,
    role: Role,
    created_by: UserId,
    (created_at, expires_at): (i64, i64),
) -> Result<()> {
    sqlx::query(
        "INSERT INTO invites (code, workspace_id, role, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(code)
    .bind(workspace_id.get())
    .bind(role.as_str())
    .bind(created_by.get())
    .bind(created_at)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Uses an invite: `Some((workspace id, role))` when the code exists, is unused and has not
/// expired at `now`; the code can never be used again.
pub async fn redeem_invite(
    tx: &mut Tx,
    code: &str,
    user_id: UserId,
    now: i64,
) -> Result<Option<(WorkspaceId, Role)>> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "UPDATE invites SET used_by = $1, used_at = $2
         WHERE code = $3 AND used_at IS NULL AND expires_at > $2
         RETURNING workspace_id, role",
    )
    .bind(user_id.get())
    .bind(now)
    .bind(code)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(workspace_id, role)| {
        (
            WorkspaceId::new(workspace_id),
            Role::parse(&role).unwrap_or(Role::Member),
        )
    }))
}

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
    let rows: Vec<(String, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT i.code, i.role, i.expires_at, u.display_name
         FROM invites i LEFT JOIN users u ON u.id = i.created_by
         WHERE i.workspace_id = $1 AND i.used_at IS NULL AND i.expires_at > $2
         ORDER BY i.created_at, i.code",
    )
    .bind(workspace_id.get())
    .bind(now)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(code, role, expires_at, created_by)| OpenInvite {
            code,
            role: Role::parse(&role).unwrap_or(Role::Member),
            expires_at,
            created_by: created_by.unwrap_or_default(),
        })
        .collect())
}

/// Deletes an unused invite of `workspace_id`; `false` when there was none with that code.
pub async fn revoke_invite(tx: &mut Tx, workspace_id: WorkspaceId, code: &str) -> Result<bool> {
    let result = sqlx::query(
        "DELETE FROM invites WHERE workspace_id = $1 AND code = $2 AND used_at IS NULL",
    )
    .bind(workspace_id.get())
    .bind(code)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// A workspace's kind (`personal` or `team`), if it exists.
pub async fn kind_of(tx: &mut Tx, workspace_id: WorkspaceId) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT kind FROM workspaces WHERE id = $1")
            .bind(workspace_id.get())
            .fetch_optional(&mut **tx)
            .await?,
    )
}

/// A workspace's own region for phone numbers (`"DE"`), if one was set.
pub async fn region_of(tx: &mut Tx, workspace_id: WorkspaceId) -> Result<Option<String>> {
    let region: Option<Option<String>> =
        sqlx::query_scalar("SELECT phone_region FROM workspaces WHERE id = $1")
            .bind(workspace_id.get())
            .fetch_optional(&mut **tx)
            .await?;
    Ok(region.flatten())
}

/// Sets (or with `None` clears) a workspace's region for phone numbers.
pub async fn set_region(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    region: Option<&str>,
) -> Result<()> {
    sqlx::query("UPDATE workspaces SET phone_region = $1 WHERE id = $2")
        .bind(region)
        .bind(workspace_id.get())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Ends `user_id`'s membership of `workspace_id`: their unused invites to it are revoked and
/// their open tasks there unassigned (no more reminders about them). When it was their
/// current workspace, their flows end and their personal workspace (created when they have
/// none) becomes current. Returns the user's current workspace afterwards.
pub async fn remove_member(
    tx: &mut Tx,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<WorkspaceId> {
    for sql in [
        "DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2",
        "DELETE FROM invites WHERE workspace_id = $1 AND created_by = $2 AND used_at IS NULL",
        "UPDATE tasks SET assignee_user_id = NULL
         WHERE workspace_id = $1 AND assignee_user_id = $2 AND done = 0",
    ] {
        sqlx::query(sql)
            .bind(workspace.get())
            .bind(user.get())
            .execute(&mut **tx)
            .await?;
    }
    let (current, name): (Option<i64>, String) =
        sqlx::query_as("SELECT current_workspace_id, display_name FROM users WHERE id = $1")
            .bind(user.get())
            .fetch_one(&mut **tx)
            .await?;
    if let Some(current) = current
        && current != workspace.get()
    {
        return Ok(WorkspaceId::new(current));
    }
    sqlx::query(
        "DELETE FROM dialogues WHERE identity_id IN (SELECT id FROM identities WHERE user_id = $1)",
    )
    .bind(user.get())
    .execute(&mut **tx)
    .await?;
    let personal: Option<i64> = sqlx::query_scalar(
        "SELECT w.id FROM workspaces w JOIN memberships m ON m.workspace_id = w.id
         WHERE m.user_id = $1 AND w.kind = 'personal' ORDER BY w.id LIMIT 1",
    )
    .bind(user.get())
    .fetch_optional(&mut **tx)
    .await?;
    match personal {
        Some(id) => {
            let id = WorkspaceId::new(id);
            switch(tx, user, id).await?;
            Ok(id)
        }
        None => super::users::create_personal_workspace(tx, user, &name).await,
    }
}
