//! `google_connections`: one Google connection per user — the account, the granted scopes,
//! the tokens (sealed by the caller: this module never sees a plaintext token), the status,
//! the sync bookkeeping and the Google worker's lease — and `google_revocations`, refresh
//! tokens of erased accounts waiting to be revoked at Google.

use sqlx::FromRow;

use super::lease::{self, Lease};
use super::statement::{self, args};
use super::{Store, Tx, debug_showing};
use crate::crm::UserId;
use crate::store::{Error, Result};

/// Where a connection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Synced on schedule.
    Active,
    /// Google refused the refresh token (`invalid_grant`): no sync until the user connects again.
    ReconnectNeeded,
    /// /disconnect_google confirmed: the worker revokes and purges it.
    Disconnecting,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::ReconnectNeeded => "reconnect_needed",
            Status::Disconnecting => "disconnecting",
        }
    }

    /// The status stored as `text`; an unknown one is a decoding error, never a guess.
    pub fn from_stored(text: &str) -> Result<Status> {
        [
            Status::Active,
            Status::ReconnectNeeded,
            Status::Disconnecting,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
        .ok_or_else(|| {
            Error::from(sqlx::Error::ColumnDecode {
                index: "status".into(),
                source: format!("unknown Google connection status {text:?}").into(),
            })
        })
    }
}

#[derive(FromRow)]
struct Row {
    id: i64,
    user_id: i64,
    account_email: String,
    scopes: String,
    access_token: String,
    access_expires_at: i64,
    refresh_token: String,
    status: String,
    connected_at: i64,
    last_sync_at: Option<i64>,
    last_error: Option<String>,
    failures: i64,
    next_sync_at: i64,
}

/// A connection as stored; the tokens are sealed text.
#[derive(Clone, PartialEq, Eq)]
pub struct Connection {
    pub id: i64,
    pub user_id: UserId,
    pub account_email: String,
    /// The scopes Google granted, space separated.
    pub scopes: String,
    pub sealed_access_token: String,
    pub access_expires_at: i64,
    pub sealed_refresh_token: String,
    pub status: Status,
    pub connected_at: i64,
    pub last_sync_at: Option<i64>,
    pub last_error: Option<String>,
    /// Failed runs in a row (for backoff).
    pub failures: i64,
    pub next_sync_at: i64,
}

debug_showing!(Connection: id, user_id, status);

impl Connection {
    /// Whether Google granted `scope`.
    pub fn granted(&self, scope: &str) -> bool {
        self.scopes.split_whitespace().any(|s| s == scope)
    }
}

impl TryFrom<Row> for Connection {
    type Error = Error;

    fn try_from(row: Row) -> Result<Connection> {
        Ok(Connection {
            id: row.id,
            user_id: UserId::new(row.user_id),
            account_email: row.account_email,
            scopes: row.scopes,
            sealed_access_token: row.access_token,
            access_expires_at: row.access_expires_at,
            sealed_refresh_token: row.refresh_token,
            status: Status::from_stored(&row.status)?,
            connected_at: row.connected_at,
            last_sync_at: row.last_sync_at,
            last_error: row.last_error,
            failures: row.failures,
            next_sync_at: row.next_sync_at,
        })
    }
}

macro_rules! columns {
    () => {
        "id, user_id, account_email, scopes, access_token, access_expires_at, refresh_token, \
         status, connected_at, last_sync_at, last_error, failures, next_sync_at"
    };
}

/// The user's connection, if any.
pub async fn of_user(tx: &mut Tx, user_id: UserId) -> Result<Option<Connection>> {
    let row: Option<Row> = statement::optional(tx, OF_USER, args![user_id.get()]).await?;
    row.map(Connection::try_from).transpose()
}

const OF_USER: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM google_connections WHERE user_id = $1"
);

/// The connection `id`, if it still exists.
pub async fn by_id(tx: &mut Tx, id: i64) -> Result<Option<Connection>> {
    let row: Option<Row> = statement::optional(tx, BY_ID, args![id]).await?;
    row.map(Connection::try_from).transpose()
}

const BY_ID: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM google_connections WHERE id = $1"
);

/// A new active connection of the user, due for its first sync now, without tokens yet
/// (they are sealed for the row's id: [`set_tokens`] next, in the same transaction).
pub async fn insert(
    tx: &mut Tx,
    user_id: UserId,
    account_email: &str,
    scopes: &str,
) -> Result<i64> {
    let now = tx.now_millis();
    statement::value(tx, INSERT, args![user_id.get(), account_email, scopes, now]).await
}

const INSERT: &str = "INSERT INTO google_connections
         (user_id, account_email, scopes, access_token, access_expires_at, refresh_token,
          status, connected_at, next_sync_at)
     VALUES ($1, $2, $3, '', 0, '', 'active', $4, $4) RETURNING id";

/// Stores the sealed tokens of connection `id`.
pub async fn set_tokens(
    tx: &mut Tx,
    id: i64,
    sealed_access: &str,
    access_expires_at: i64,
    sealed_refresh: &str,
) -> Result<()> {
    let values = args![sealed_access, access_expires_at, sealed_refresh, id];
    statement::run(tx, SET_TOKENS, values).await?;
    Ok(())
}

const SET_TOKENS: &str =
    "UPDATE google_connections SET access_token = $1, access_expires_at = $2, refresh_token = $3
     WHERE id = $4";

/// Stores a refreshed access token (sealed) of connection `id`.
pub async fn set_access_token(
    tx: &mut Tx,
    id: i64,
    sealed_access: &str,
    access_expires_at: i64,
) -> Result<()> {
    let values = args![sealed_access, access_expires_at, id];
    statement::run(tx, SET_ACCESS_TOKEN, values).await?;
    Ok(())
}

const SET_ACCESS_TOKEN: &str =
    "UPDATE google_connections SET access_token = $1, access_expires_at = $2 WHERE id = $3";

/// Leases up to `limit` connections due at `now` (active ones whose sync is due, and every
/// disconnecting one) until `lease_until`, so one worker across all instances has each.
pub async fn lease_due(
    store: &Store,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<Connection>> {
    let rows: Vec<Row> = LEASE
        .take_committed(store, args![now, lease_until, limit])
        .await?;
    let mut leased = rows
        .into_iter()
        .map(Connection::try_from)
        .collect::<Result<Vec<_>>>()?;
    leased.sort_by_key(|c| (c.next_sync_at, c.id));
    Ok(leased)
}

const LEASE: Lease = lease::sql!(
    table: google_connections,
    set: "leased_until = $2",
    due: "status IN ('active', 'disconnecting') AND next_sync_at <= $1 AND leased_until <= $1",
    order: "next_sync_at, id",
    returning: columns!(),
);

/// A run of connection `id` went well: recorded, and the next one scheduled at `next`
/// (at once when a disconnect or a `/meet` was asked for meanwhile); the lease ends.
pub async fn record_success(tx: &mut Tx, id: i64, next: i64) -> Result<()> {
    let now = tx.now_millis();
    statement::run(tx, RECORD_SUCCESS, args![now, next, id]).await?;
    Ok(())
}

/// A connection marked for disconnecting, or with a `/meet` that arrived during the run
/// (the run's calendar step had read the requests already), is due again at once.
const RECORD_SUCCESS: &str =
    "UPDATE google_connections SET last_sync_at = $1, failures = 0, leased_until = 0,
            next_sync_at = CASE
                WHEN status = 'disconnecting' THEN $1
                WHEN EXISTS (SELECT 1 FROM google_meet_requests m
                             WHERE m.user_id = google_connections.user_id) THEN $1
                ELSE $2 END
     WHERE id = $3";

/// A run of connection `id` failed with `error` (words without any token): recorded, one
/// more failure counted, the next attempt at `next`; the lease ends.
pub async fn record_failure(tx: &mut Tx, id: i64, error: &str, next: i64) -> Result<()> {
    let now = tx.now_millis();
    statement::run(tx, RECORD_FAILURE, args![error, now, next, id]).await?;
    Ok(())
}

const RECORD_FAILURE: &str = "UPDATE google_connections SET last_error = $1, last_error_at = $2,
            failures = failures + 1, leased_until = 0,
            next_sync_at = CASE WHEN status = 'disconnecting' THEN $2 ELSE $3 END
     WHERE id = $4";

/// Google refused the refresh token: the connection stops syncing until the user connects
/// again. `true` only for the change from active (so the user is told once).
pub async fn mark_reconnect_needed(tx: &mut Tx, id: i64, error: &str) -> Result<bool> {
    let now = tx.now_millis();
    Ok(statement::run(tx, MARK_RECONNECT_NEEDED, args![error, now, id]).await? == 1)
}

const MARK_RECONNECT_NEEDED: &str =
    "UPDATE google_connections SET status = 'reconnect_needed', last_error = $1,
            last_error_at = $2, leased_until = 0
     WHERE id = $3 AND status = 'active'";

/// Marks the user's connection for disconnecting, due at once; `false` when there is none
/// (or it is being disconnected already).
pub async fn request_disconnect(tx: &mut Tx, user_id: UserId) -> Result<bool> {
    let now = tx.now_millis();
    Ok(statement::run(tx, REQUEST_DISCONNECT, args![now, user_id.get()]).await? == 1)
}

const REQUEST_DISCONNECT: &str =
    "UPDATE google_connections SET status = 'disconnecting', next_sync_at = $1
     WHERE user_id = $2 AND status <> 'disconnecting'";

/// Deletes connection `id` (its tokens with it).
pub async fn delete(tx: &mut Tx, id: i64) -> Result<()> {
    statement::run(tx, DELETE, args![id]).await?;
    Ok(())
}

const DELETE: &str = "DELETE FROM google_connections WHERE id = $1";

/// Sync health for /readyz and /metrics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Health {
    /// Connections by status name.
    pub by_status: Vec<(String, i64)>,
    /// The oldest last success (or connection time, never synced) of an active connection.
    pub oldest_sync_at: Option<i64>,
    /// Active connections whose last run failed.
    pub failing: i64,
}

/// Sync health now.
pub async fn health(store: &Store) -> Result<Health> {
    let mut connection = store.pool().acquire().await?;
    Ok(Health {
        by_status: statement::all(&mut connection, BY_STATUS, args![]).await?,
        oldest_sync_at: statement::value(&mut connection, OLDEST_SYNC_AT, args![]).await?,
        failing: statement::value(&mut connection, FAILING, args![]).await?,
    })
}

const BY_STATUS: &str =
    "SELECT status, COUNT(*) FROM google_connections GROUP BY status ORDER BY status";

const OLDEST_SYNC_AT: &str = "SELECT MIN(COALESCE(last_sync_at, connected_at))
     FROM google_connections WHERE status = 'active'";

const FAILING: &str =
    "SELECT COUNT(*) FROM google_connections WHERE status = 'active' AND failures > 0";

/// A refresh token waiting to be revoked at Google (an erased account's), sealed for
/// (`google_revocations`, its id, user 0): it belongs to no user any more.
#[derive(Clone, PartialEq, Eq, FromRow)]
pub struct Revocation {
    pub id: i64,
    pub refresh_token: String,
    pub attempts: i64,
}

debug_showing!(Revocation: id);

/// A new revocation row without its token yet (sealed for the id: [`set_revocation_token`]).
pub async fn insert_revocation(tx: &mut Tx) -> Result<i64> {
    let now = tx.now_millis();
    statement::value(tx, INSERT_REVOCATION, args![now]).await
}

const INSERT_REVOCATION: &str =
    "INSERT INTO google_revocations (refresh_token, created_at, next_attempt_at)
     VALUES ('', $1, $1) RETURNING id";

pub async fn set_revocation_token(tx: &mut Tx, id: i64, sealed: &str) -> Result<()> {
    statement::run(tx, SET_REVOCATION_TOKEN, args![sealed, id]).await?;
    Ok(())
}

const SET_REVOCATION_TOKEN: &str = "UPDATE google_revocations SET refresh_token = $1 WHERE id = $2";

/// Leases up to `limit` due revocations until `lease_until`.
pub async fn lease_revocations(
    store: &Store,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<Revocation>> {
    LEASE_REVOCATIONS
        .take_committed(store, args![now, lease_until, limit])
        .await
}

const LEASE_REVOCATIONS: Lease = lease::sql!(
    table: google_revocations,
    set: "next_attempt_at = $2",
    due: "next_attempt_at <= $1",
    order: "id",
    returning: "id, refresh_token, attempts",
);

/// A revocation to try again at `next`.
pub async fn retry_revocation(tx: &mut Tx, id: i64, next: i64) -> Result<()> {
    statement::run(tx, RETRY_REVOCATION, args![next, id]).await?;
    Ok(())
}

const RETRY_REVOCATION: &str =
    "UPDATE google_revocations SET attempts = attempts + 1, next_attempt_at = $1 WHERE id = $2";

pub async fn delete_revocation(tx: &mut Tx, id: i64) -> Result<()> {
    statement::run(tx, DELETE_REVOCATION, args![id]).await?;
    Ok(())
}

const DELETE_REVOCATION: &str = "DELETE FROM google_revocations WHERE id = $1";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_neither_tokens_nor_the_address() {
        let connection = Connection {
            id: 7,
            user_id: UserId::new(3),
            account_email: "ana@example.com".into(),
            scopes: "calendar".into(),
            sealed_access_token: "sealed-access".into(),
            access_expires_at: 0,
            sealed_refresh_token: "sealed-refresh".into(),
            status: Status::Active,
            connected_at: 0,
            last_sync_at: None,
            last_error: None,
            failures: 0,
            next_sync_at: 0,
        };
        assert_eq!(
            format!("{connection:?}"),
            "Connection { id: 7, user_id: UserId(3), status: Active, .. }"
        );
        let revocation = Revocation {
            id: 9,
            refresh_token: "sealed-refresh".into(),
            attempts: 1,
        };
        assert_eq!(format!("{revocation:?}"), "Revocation { id: 9, .. }");
    }
}
