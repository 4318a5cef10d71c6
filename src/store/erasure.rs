//! Account deletion: the user's profile, identities, consents, dialogues, pending messages
//! and every workspace where they are the only member (with all its records) are deleted;
//! records they created in team workspaces stay with the team, authored by nobody ("deleted
//! user"). On SQLite the file is then checkpointed so the deleted bytes are gone from the
//! database files (`secure_delete` zeroes freed pages; the WAL is truncated).

use super::statement::{self, args};
use super::{Backend, Store, Tx};
use crate::crm::UserId;
use crate::store::Result;

/// A team workspace the user owns while others are members: it blocks deletion.
pub async fn owned_team_with_others(tx: &mut Tx, user_id: UserId) -> Result<Option<String>> {
    statement::value_opt(tx, OWNED_TEAM_WITH_OTHERS, args![user_id.get()]).await
}

const OWNED_TEAM_WITH_OTHERS: &str = "SELECT w.name
     FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
     WHERE m.user_id = $1 AND m.role = 'owner'
       AND EXISTS (SELECT 1 FROM memberships o
                   WHERE o.workspace_id = m.workspace_id AND o.user_id <> $1)
     ORDER BY w.id LIMIT 1";

/// Deletes the user as described in the module doc. Returns how many workspaces went.
pub async fn delete_user(tx: &mut Tx, user_id: UserId, display_name: &str) -> Result<u64> {
    let user_id = user_id.get();
    // Workspaces only this user belongs to go with everything in them.
    let alone = statement::run(tx, DELETE_ALONE_WORKSPACES, args![user_id]).await?;
    // A team workspace still named after the user (it was their personal one) is renamed.
    statement::run(tx, RENAME_TEAMS, args![user_id, display_name]).await?;
    // Identities, memberships, consents, dialogues, link codes and queued messages cascade;
    // authorship and assignments in team records become NULL ("deleted user").
    statement::run(tx, DELETE_USER, args![user_id]).await?;
    Ok(alone)
}

const DELETE_ALONE_WORKSPACES: &str = "DELETE FROM workspaces WHERE id IN (
         SELECT m.workspace_id FROM memberships m WHERE m.user_id = $1
           AND NOT EXISTS (SELECT 1 FROM memberships o
                           WHERE o.workspace_id = m.workspace_id AND o.user_id <> $1))";

const RENAME_TEAMS: &str = "UPDATE workspaces SET name = 'Team workspace'
     WHERE name = $2 AND id IN (SELECT workspace_id FROM memberships WHERE user_id = $1)";

const DELETE_USER: &str = "DELETE FROM users WHERE id = $1";

/// Makes deleted bytes unrecoverable from the database files (SQLite: checkpoint and
/// truncate the WAL, after `secure_delete` zeroed the freed pages). PostgreSQL keeps dead
/// tuples until VACUUM: `tables` (those that can hold personal data; `privacy::scrub`
/// passes the registry's list) are vacuumed.
pub async fn vacuum(store: &Store, tables: impl Iterator<Item = &'static str>) -> Result<()> {
    // VACUUM cannot run inside a transaction: both run on a connection of the pool.
    let mut connection = store.pool().acquire().await?;
    match store.backend() {
        Backend::Sqlite => {
            statement::run(&mut connection, CHECKPOINT, args![]).await?;
        }
        Backend::Postgres => {
            for table in tables {
                let sql = sqlx::AssertSqlSafe(format!("VACUUM {table}"));
                statement::run(&mut connection, sql, args![]).await?;
            }
        }
    }
    Ok(())
}

const CHECKPOINT: &str = "PRAGMA wal_checkpoint(TRUNCATE)";
