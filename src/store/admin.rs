//! Read-only aggregates for operators (the admin API): workspaces with counts, usage
//! figures, and a user looked up by channel identity. No message content is read. They
//! read outside any transaction, on a connection of the pool.

use crate::store::Result;

use super::statement::{self, args};
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
    page(pool, WORKSPACES, limit, offset).await
}

const WORKSPACES: &str = "SELECT w.id, w.name, w.kind,
        (SELECT COUNT(*) FROM memberships m WHERE m.workspace_id = w.id) AS members,
        (SELECT COUNT(*) FROM contacts c WHERE c.workspace_id = w.id) AS contacts,
        (SELECT COUNT(*) FROM deals d WHERE d.workspace_id = w.id) AS deals,
        w.created_at
     FROM workspaces w ORDER BY w.id LIMIT $1 OFFSET $2";

/// Counts of everything, and of outbox rows by channel and status.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, FromRow)]
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
    #[sqlx(skip)]
    pub outbox: Vec<OutboxCount>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, FromRow)]
pub struct OutboxCount {
    pub channel: String,
    pub status: String,
    pub count: i64,
}

pub async fn usage(pool: &AnyPool) -> Result<Usage> {
    let mut connection = pool.acquire().await?;
    let mut usage: Usage = statement::one(&mut connection, USAGE, args![]).await?;
    usage.outbox = statement::all(&mut connection, OUTBOX_COUNTS, args![]).await?;
    Ok(usage)
}

const USAGE: &str = "SELECT (SELECT COUNT(*) FROM users) AS users,
        (SELECT COUNT(*) FROM workspaces) AS workspaces,
        (SELECT COUNT(*) FROM contacts) AS contacts,
        (SELECT COUNT(*) FROM companies) AS companies,
        (SELECT COUNT(*) FROM deals) AS deals,
        (SELECT COUNT(*) FROM notes) AS notes,
        (SELECT COUNT(*) FROM tasks) AS tasks,
        (SELECT COUNT(*) FROM tasks WHERE done = 0) AS open_tasks,
        (SELECT COUNT(*) FROM processed_inbound) AS updates_processed";

const OUTBOX_COUNTS: &str = "SELECT channel, status, COUNT(*) AS count FROM outbox
     GROUP BY channel, status ORDER BY channel, status";

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
    let mut connection = pool.acquire().await?;
    let values = args![channel, external_id];
    let user: Option<(i64, String, String, String, i64)> =
        statement::optional(&mut connection, USER_BY_IDENTITY, values).await?;
    let Some((id, display_name, locale, time_zone, created_at)) = user else {
        return Ok(None);
    };
    let identities: Vec<(String, String, i64)> =
        statement::all(&mut connection, IDENTITIES, args![id]).await?;
    let workspaces: Vec<(i64, String, String)> =
        statement::all(&mut connection, MEMBERSHIPS, args![id]).await?;
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

const USER_BY_IDENTITY: &str = "SELECT u.id, u.display_name, u.locale, u.time_zone, u.created_at
     FROM identities i JOIN users u ON u.id = i.user_id
     WHERE i.channel = $1 AND i.external_id = $2";

const IDENTITIES: &str =
    "SELECT channel, external_id, active FROM identities WHERE user_id = $1 ORDER BY id";

const MEMBERSHIPS: &str = "SELECT w.id, w.name, m.role
     FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
     WHERE m.user_id = $1 ORDER BY w.id";

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
    page(pool, AUDIT_LOG, limit, offset).await
}

const AUDIT_LOG: &str = "SELECT id, actor, action, target, created_at FROM audit_log
     ORDER BY id DESC LIMIT $1 OFFSET $2";

/// The display name of user `user_id`, if the user exists.
pub async fn display_name(tx: &mut super::Tx, user_id: UserId) -> Result<Option<String>> {
    statement::value_opt(tx, DISPLAY_NAME, args![user_id.get()]).await
}

const DISPLAY_NAME: &str = "SELECT display_name FROM users WHERE id = $1";

/// The rows of `sql` from `$2` (the offset), at most `$1` (the limit).
async fn page<T>(pool: &AnyPool, sql: &'static str, limit: i64, offset: i64) -> Result<Vec<T>>
where
    T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    let mut connection = pool.acquire().await?;
    statement::all(&mut connection, sql, args![limit, offset]).await
}
