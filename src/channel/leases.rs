//! How outbox senders take their work, and the loop they run: rows are leased in batches
//! and held in memory until their outcome is written — a batch being sent, or a document
//! being uploaded in a task of its own. A server that stops cancels the senders' token:
//! they lease nothing more, finish the send in flight and hand the rest of their batch
//! back; the uploads still running are then cancelled and their rows handed back, due
//! now, so the next start (or another instance) sends them at once. Without that, a row leased by a stopped sender would hold its whole chat back
//! until the lease ended, since `outbox::lease` keeps each chat in order behind its
//! earliest pending row.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::task::AbortHandle;
use tokio_util::sync::CancellationToken;
use tracing::{debug, warn};

use crate::crm::OutboxId;
use crate::store;
use crate::store::Store;
use crate::store::outbox::{self, OutboxRow};

/// How long a leased row is a sender's before another one may take it.
pub const LEASE_MS: i64 = 60_000;
/// Rows leased per round.
pub const BATCH: i64 = 500;
/// Attempts before a row that keeps failing temporarily is given up.
pub const MAX_ATTEMPTS: i64 = 20;

/// Runs `round` until `stop` is cancelled: again at once after a round that handled rows,
/// on the wake bell or after 250 ms when nothing was due, and after 1 s when the database
/// failed. A round under way when `stop` is cancelled is finished first.
pub async fn run_rounds<F, Fut>(
    channel: &str,
    wake: &Notify,
    stop: &CancellationToken,
    mut round: F,
) where
    F: FnMut() -> Fut,
    Fut: Future<Output = store::Result<usize>>,
{
    while !stop.is_cancelled() {
        match round().await {
            Ok(0) => {
                tokio::select! {
                    _ = wake.notified() => {}
                    _ = tokio::time::sleep(Duration::from_millis(250)) => {}
                    _ = stop.cancelled() => {}
                }
            }
            Ok(_) => {}
            Err(error) => {
                warn!(%error, channel, "a sender could not use the outbox; retrying");
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    _ = stop.cancelled() => {}
                }
            }
        }
    }
    debug!(channel, "the sender stopped");
}

/// Leases up to [`BATCH`] due rows of `channel` for [`LEASE_MS`] (see `outbox::lease`) and
/// holds them in `leases`.
pub async fn lease_due(
    store: &Store,
    leases: &Leases,
    channel: &str,
) -> store::Result<Vec<OutboxRow>> {
    let now = store.now_millis();
    let mut tx = store.begin().await?;
    let rows = outbox::lease(
        &mut tx,
        store.backend(),
        channel,
        now,
        now + LEASE_MS,
        BATCH,
    )
    .await?;
    tx.commit().await?;
    leases.hold(rows.iter().map(|row| row.id), now + LEASE_MS);
    Ok(rows)
}

/// A row this process holds: until when it leased it, and the task sending it when it has
/// one of its own.
#[derive(Debug)]
struct Held {
    until: i64,
    task: Option<AbortHandle>,
}

/// Leased rows by id.
#[derive(Debug, Clone, Default)]
pub struct Leases(Arc<Mutex<HashMap<OutboxId, Held>>>);

impl Leases {
    fn rows(&self) -> std::sync::MutexGuard<'_, HashMap<OutboxId, Held>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Rows a sender just leased until `until`.
    pub fn hold(&self, rows: impl IntoIterator<Item = OutboxId>, until: i64) {
        let mut held = self.rows();
        for row in rows {
            held.insert(row, Held { until, task: None });
        }
    }

    /// Row `row`, leased until `until`, is now sent by a task of its own.
    pub fn track(&self, row: OutboxId, until: i64, task: AbortHandle) {
        let mut held = self.rows();
        held.retain(|_, held| !held.task.as_ref().is_some_and(AbortHandle::is_finished));
        held.insert(
            row,
            Held {
                until,
                task: Some(task),
            },
        );
    }

    /// Row `row` has its outcome written.
    pub fn settle(&self, row: OutboxId) {
        self.rows().remove(&row);
    }

    /// A batch is over: its rows are settled, except those now sent by a task of their own.
    pub fn settle_batch(&self, rows: &[OutboxId]) {
        let mut held = self.rows();
        for row in rows {
            if held.get(row).is_some_and(|held| held.task.is_none()) {
                held.remove(row);
            }
        }
    }

    /// Cancels the tasks still sending and makes every held row due now — each only while
    /// its lease is still the one this process took.
    pub async fn release(&self, store: &Store) {
        let held: Vec<(OutboxId, Held)> = self.rows().drain().collect();
        if held.is_empty() {
            return;
        }
        for task in held.iter().filter_map(|(_, held)| held.task.as_ref()) {
            task.abort();
        }
        let released = async {
            let mut tx = store.begin().await?;
            for (row, held) in &held {
                let now = tx.now_millis();
                outbox::hand_back(&mut tx, *row, held.until, now).await?;
            }
            tx.commit().await
        }
        .await;
        if let Err(error) = released {
            warn!(%error, rows = held.len(), "could not hand back leased rows; they wait for their lease");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Leases;
    use crate::crm::OutboxId;

    #[tokio::test]
    async fn settled_rows_are_forgotten_and_tasks_tracked() {
        let leases = Leases::default();
        let id = OutboxId::new;
        leases.hold([id(1), id(2), id(3)], 60_000);
        leases.settle(id(2));
        let task = tokio::spawn(std::future::pending::<()>());
        leases.track(id(3), 660_000, task.abort_handle());
        let held: Vec<OutboxId> = {
            let mut ids: Vec<OutboxId> = leases.rows().keys().copied().collect();
            ids.sort();
            ids
        };
        assert_eq!(held, [id(1), id(3)]);
        assert!(leases.rows()[&id(3)].task.is_some());
        leases.settle_batch(&[id(1), id(3)]);
        assert_eq!(leases.rows().keys().copied().collect::<Vec<_>>(), [id(3)]);
    }
}
