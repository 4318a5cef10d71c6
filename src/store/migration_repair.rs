//! Recovery for the one SQLite migration that runs outside a transaction (0012, which
//! rebuilds tables with foreign keys off). sqlx commits its work, then records it in
//! `_sqlx_migrations` as a separate step: a process killed in between leaves a rebuilt
//! database that every later start would try to rebuild again, and fail. Before migrating,
//! such a database is recognised by what 0012 added (`users.audit_pseudonym`) and the
//! migration is recorded as applied, with the checksum of the file this binary ships.

use crate::store::Result;

use sqlx::AnyPool;
use sqlx::migrate::Migrator;

/// The version of the migration run without a transaction.
const REBUILD_VERSION: i64 = 12;

/// Records migration 0012 as applied when its effect is in the database but its record is
/// not. Returns whether it did. A database without the migrations table is left alone.
pub async fn record_interrupted_rebuild(pool: &AnyPool, migrator: &Migrator) -> Result<bool> {
    let has_table: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(pool)
    .await?;
    if has_table == 0 {
        return Ok(false);
    }
    let recorded: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE version = $1")
            .bind(REBUILD_VERSION)
            .fetch_one(pool)
            .await?;
    let rebuilt: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM pragma_table_info('users') WHERE name = 'audit_pseudonym'",
    )
    .fetch_one(pool)
    .await?;
    let Some(migration) = migrator.iter().find(|m| m.version == REBUILD_VERSION) else {
        return Ok(false);
    };
    if recorded > 0 || rebuilt == 0 {
        return Ok(false);
    }
    tracing::warn!(
        "migration {REBUILD_VERSION} was applied but not recorded (the process stopped in \
         between); recording it now"
    );
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES ($1, $2, TRUE, $3, 0)",
    )
    .bind(migration.version)
    .bind(migration.description.to_string())
    .bind(migration.checksum.to_vec())
    .execute(pool)
    .await?;
    Ok(true)
}
