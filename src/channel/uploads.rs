//! Document uploads. An upload (an export of up to 100 MB) can take minutes, so a sender
//! runs it in a task of its own and every other chat is served as usual. The document's
//! outbox row stays leased for as long as an upload may take ([`UPLOAD_LEASE_MS`]): no
//! other sender or instance sends it again, and `outbox::lease` holds back the chat's
//! later messages until it is done, so they never overtake it. A server that stops cancels
//! its uploads and hands their rows back (see `channel::leases`); a process that dies
//! instead leaves the row to be sent again when that lease ends.

use tracing::warn;

use crate::crm::OutboxId;
use crate::store::{self, Store, outbox};

/// How long a row with a document stays leased to the sender uploading it: the upload
/// timeout of both channels (10 minutes) plus a margin.
pub const UPLOAD_LEASE_MS: i64 = 11 * 60 * 1000;

/// How soon a message behind an upload is looked at again.
pub const BEHIND_UPLOAD_MS: i64 = 1000;

/// Keeps outbox row `row_id` leased for as long as an upload may take; returns until when,
/// or `None` when it could not (the row is no longer pending, or the database failed: the
/// row is then tried again after its short lease).
pub async fn keep_leased(store: &Store, row_id: OutboxId) -> Option<i64> {
    let until = store.now_millis() + UPLOAD_LEASE_MS;
    let kept = async {
        let mut tx = store.begin().await?;
        let kept = outbox::postpone(&mut tx, row_id, until).await?;
        tx.commit().await?;
        Ok::<_, store::Error>(kept)
    }
    .await;
    match kept {
        Ok(kept) => kept.then_some(until),
        Err(error) => {
            warn!(%error, "could not keep a document row leased; it is tried again later");
            None
        }
    }
}
