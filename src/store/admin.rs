//! Read-only aggregates for operators (the admin API): workspaces with counts, usage
//! figures, and a user looked up by channel identity. No message content is read.

use crate::store::Result;

use crate::crm::{UserId, WorkspaceId};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyPool, FromRow};

/// A workspace as operators see it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, FromRow)]
pub struct WorkspaceSummary {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub members: i64,
    pub contacts: i64,
    pub deals: i64,
    pub created_at: i64,
}

pub async fn workspaces(pool: &AnyPool, limit: i64, offset: i64) -> Result<Vec<WorkspaceSummary>> {
    page(
        pool,
        "SELECT w.id, w.name, w.kind,
                (SELECT COUNT(*) FROM memberships m WHERE m.workspace_id = w.id) AS members,
                (SELECT COUNT(*) FROM contacts c WHERE c.workspace_id = w.id) AS contacts,
                (SELECT COUNT(*) FROM deals d WHERE d.workspace_id = w.id) AS deals,
                w.created_at
         FROM workspaces w ORDER BY w.id LIMIT $1 OFFSET $2",
        limit,
        offset,
    )
    .await
}

/// Counts of everything, and of outbox rows by channel and status.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Usage {
    pub users: i64,
    pub workspaces: i64,
    pub contacts: i64,
    pub companies: i64,
    pub deals: i64,
    pub notes: i64,
    pub tasks: i64,
    pub open_tasks: i64,
    pub updates_processed: i64,
    pub outbox: Vec<OutboxCount>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OutboxCount {
    pub channel: String,
    pub status: String,
    pub count: i64,
}

pub async fn usage(pool: &AnyPool) -> Result<Usage> {
    let counts: (i64, i64, i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM workspaces),
                (SELECT COUNT(*) FROM contacts), (SELECT COUNT(*) FROM companies),
                (SELECT COUNT(*) FROM deals), (SELECT COUNT(*) FROM notes),
                (SELECT COUNT(*) FROM tasks), (SELECT COUNT(*) FROM tasks WHERE done = 0),
                (SELECT COUNT(*) FROM processed_inbound)",
    )
    .fetch_one(pool)
    .await?;
    let outbox: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT channel, status, COUNT(*) FROM outbox GROUP BY channel, status ORDER BY channel, status",
    )
    .fetch_all(pool)
    .await?;
    Ok(Usage {
        users: counts.0,
        workspaces: counts.1,
        contacts: counts.2,
        companies: counts.3,
        deals: counts.4,
        notes: counts.5,
        tasks: counts.6,
        open_tasks: counts.7,
        updates_processed: counts.8,
        outbox: outbox
            .into_iter()
            .map(|(channel, status, count)| OutboxCount {
                channel,
                status,
                count,
            })
            .collect(),
    })
}

/// A user found by a channel identity: profile, identities and memberships.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct UserLookup {
    pub id: UserId,
    pub display_name: String,
    pub locale: String,
    pub time_zone: String,
    pub created_at: i64,
    pub identities: Vec<IdentityInfo>,
    pub workspaces: Vec<MembershipInfo>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IdentityInfo {
    pub channel: String,
    pub external_id: String,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MembershipInfo {
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub role: String,
}

pub async fn user_by_identity(
    pool: &AnyPool,
    channel: &str,
    external_id: &str,
) -> Result<Option<UserLookup>> {
    let user: Option<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT u.id, u.display_name, u.locale, u.time_zone, u.created_at
         FROM identities i JOIN users u ON u.id = i.user_id
         WHERE i.channel = $1 AND i.external_id = $2",
    )
    .bind(channel)
    .bind(external_id)
    .fetch_optional(pool)
    .await?;
    let Some((id, display_name, locale, time_zone, created_at)) = user else {
        return Ok(None);
    };
    let identities: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT channel, external_id, active FROM identities WHERE user_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let workspaces: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT w.id, w.name, m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
         WHERE m.user_id = $1 ORDER BY w.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(Some(UserLookup {
        id: UserId::new(id),
        display_name,
        locale,
        time_zone,
        created_at,
        identities: identities
            .into_iter()
            .map(|(channel, external_id, active)| IdentityInfo {
                channel,
                external_id,
                active: active != 0,
            })
            .collect(),
        workspaces: workspaces
            .into_iter()
            .map(|(workspace_id, name, role)| MembershipInfo {
                workspace_id: WorkspaceId::new(workspace_id),
                name,
                role,
            })
            .collect(),
    }))
}

/// One audit log entry.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub created_at: i64,
}

/// The newest audit entries first.
pub async fn audit_log(pool: &AnyPool, limit: i64, offset: i64) -> Result<Vec<AuditEntry>> {
    page(
        pool,
        "SELECT id, actor, action, target, created_at FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2",
        limit,
        offset,
    )
    .await
}

/// The display name of user `user_id`, if the user exists.
pub async fn display_name(tx: &mut super::Tx, user_id: UserId) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
            .bind(user_id.get())
            .fetch_optional(&mut **tx)
            .await?,
    )
}

/// The rows of `sql` from `$2` (the offset), at most `$1` (the limit).
async fn page<T>(pool: &AnyPool, sql: &'static str, limit: i64, offset: i64) -> Result<Vec<T>>
where
    T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    Ok(sqlx::query_as(sql)
        .bind(limit)
        .bind(offset)
        .fetch_all(pool)
        .await?)
}
