//! Leasing the due rows of a queue (the outbox, the webhook inbox, AI requests, Google
//! connections and revocations): one statement takes up to a limit of rows that are due and
//! not leased, in the queue's order, and marks them leased until a time, so the work on them
//! (a network call) happens outside any transaction and a worker that dies releases its rows
//! when the lease ends. On PostgreSQL the candidates are locked with `SKIP LOCKED`, so two
//! workers (of any instance) never take one row; SQLite has a single writer anyway.
//!
//! A queue writes its lease with [`sql!`]; its `$1`..`$3` are always the same:
//!
//! - `$1` "now": the due condition compares the row's due time with it,
//! - `$2` the end of the lease: what the `set` clause writes,
//! - `$3` how many rows at most (the statement's `LIMIT`),
//!
//! and the queue's own values (a channel) follow from `$4`.

use super::statement::{self, Args, args};
use super::{Backend, Result, Store, Tx};

/// A statement that takes rows no other worker holds, written for each backend (by [`sql!`]
/// for a queue's lease, by [`skip_locked!`] for any other).
pub struct Lease {
    pub(super) sqlite: &'static str,
    pub(super) postgres: &'static str,
}

/// The [`Lease`] of a statement given as its text before and after the place where
/// PostgreSQL locks the rows it chooses (`FOR UPDATE SKIP LOCKED`; nothing on SQLite).
macro_rules! lease_skip_locked {
    ($before:expr, $after:expr $(,)?) => {
        $crate::store::lease::Lease {
            sqlite: concat!($before, $after),
            postgres: concat!($before, " FOR UPDATE SKIP LOCKED", $after),
        }
    };
}
pub(crate) use lease_skip_locked as skip_locked;

/// The [`Lease`] of a queue: `table` (with the alias the conditions use, if any), the `set`
/// clause that leases a row until `$2`, the `due` condition of a candidate (due at `$1`,
/// not leased, and any rule of the queue), the `order` candidates are taken in, and the
/// columns a leased row `returning`s.
///
/// ```ignore
/// const LEASE: Lease = lease::sql!(
///     table: google_revocations,
///     set: "next_attempt_at = $2",
///     due: "next_attempt_at <= $1",
///     order: "id",
///     returning: "id, refresh_token, attempts",
/// );
/// ```
macro_rules! lease_sql {
    (
        table: $table:ident $($alias:ident)?,
        set: $set:expr,
        due: $due:expr,
        order: $order:expr,
        returning: $returning:expr $(,)?
    ) => {
        $crate::store::lease::skip_locked!(
            concat!(
                "UPDATE ", stringify!($table), " SET ", $set,
                " WHERE id IN (SELECT id FROM ", stringify!($table), $(" ", stringify!($alias),)?
                " WHERE ", $due, " ORDER BY ", $order, " LIMIT $3"
            ),
            concat!(") RETURNING ", $returning),
        )
    };
}
pub(crate) use lease_sql as sql;

impl Lease {
    /// Leases the due rows in `tx` (with the caller's other statements); the rows come in no
    /// particular order.
    pub async fn take<T>(&self, tx: &mut Tx, backend: Backend, args: Args) -> Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        let sql = match backend {
            Backend::Sqlite => self.sqlite,
            Backend::Postgres => self.postgres,
        };
        statement::all(tx, sql, args).await
    }

    /// Leases the due rows in a transaction of its own, committed before they are returned.
    pub async fn take_committed<T>(&self, store: &Store, args: Args) -> Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        let mut tx = store.begin().await?;
        let rows = self.take(&mut tx, store.backend(), args).await?;
        tx.commit().await?;
        Ok(rows)
    }
}

/// Makes the instances take `key` one at a time until `tx` ends: on PostgreSQL a
/// transaction lock on the key, on SQLite nothing (it has one writer anyway). A queue whose
/// due condition looks at its other rows (an ordering rule) needs it: under READ COMMITTED
/// the condition cannot see another instance's lease before that one commits.
pub async fn one_at_a_time(tx: &mut Tx, backend: Backend, key: &str) -> Result<()> {
    if backend == Backend::Postgres {
        statement::run(tx, LOCK, args![key]).await?;
    }
    Ok(())
}

const LOCK: &str = "SELECT pg_advisory_xact_lock(hashtext($1))";
