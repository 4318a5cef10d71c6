//! Document uploads. An upload (an export of up to 100 MB) can take minutes, so a sender
//! runs it in a task of its own and every other chat is served as usual. The document's
//! outbox row stays leased for as long as an upload may take ([`UPLOAD_LEASE_MS`]): no
//! other sender or instance sends it again, and `outbox::lease` holds back the chat's
//! later messages until it is done, so they never overtake it. Uploads in flight are
//! tracked so that a server that stops cancels them and hands their rows back at once; a
//! process that dies instead leaves the row to be sent again when that lease ends.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::task::AbortHandle;
use tracing::warn;

use crate::store::{Store, now_millis, outbox};

/// How long a row with a document stays leased to the sender uploading it: the upload
/// timeout of both channels (10 minutes) plus a margin.
pub const UPLOAD_LEASE_MS: i64 = 11 * 60 * 1000;

/// How soon a message behind an upload is looked at again.
pub const BEHIND_UPLOAD_MS: i64 = 1000;

/// Keeps outbox row `row_id` leased for as long as an upload may take; `false` when it
/// could not (the row is no longer pending, or the database failed: the row is then tried
/// again after its short lease).
pub async fn keep_leased(store: &Store, row_id: i64) -> bool {
    let kept = async {
        let mut tx = store.begin().await?;
        let kept = outbox::postpone(&mut tx, row_id, now_millis() + UPLOAD_LEASE_MS).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(kept)
    }
    .await;
    kept.unwrap_or_else(|error| {
        warn!(%error, "could not keep a document row leased; it is tried again later");
        false
    })
}

/// The uploads this process is running, by outbox row.
#[derive(Debug, Clone, Default)]
pub struct InFlight(Arc<Mutex<HashMap<i64, AbortHandle>>>);

impl InFlight {
    fn rows(&self) -> std::sync::MutexGuard<'_, HashMap<i64, AbortHandle>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Tracks the task uploading row `row_id` (and forgets finished ones).
    pub fn track(&self, row_id: i64, task: AbortHandle) {
        let mut rows = self.rows();
        rows.retain(|_, task| !task.is_finished());
        rows.insert(row_id, task);
    }

    /// The upload of `row_id` ended on its own.
    pub fn finish(&self, row_id: i64) {
        self.rows().remove(&row_id);
    }

    /// Cancels every upload in flight and makes its row due now, for the next sender (this
    /// process after a restart, or another instance) to send again.
    pub async fn release(&self, store: &Store) {
        let rows: Vec<(i64, AbortHandle)> = self.rows().drain().collect();
        for (row_id, task) in rows {
            task.abort();
            let released = async {
                let mut tx = store.begin().await?;
                outbox::postpone(&mut tx, row_id, now_millis()).await?;
                tx.commit().await
            }
            .await;
            if let Err(error) = released {
                warn!(%error, row = row_id, "could not hand back an upload's row; it waits for its lease");
            }
        }
    }
}
