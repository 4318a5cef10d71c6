//! The inbox worker: processes webhook deliveries that no request task is processing (left
//! over from a crash or a restart, refused a processing slot under load, or failed once),
//! retries failures with backoff, dead-letters a delivery that fails the same way every
//! time (at once) or keeps failing (after [`MAX_ATTEMPTS`]), and purges processed rows
//! after an hour.

use std::time::Duration;

use tokio_util::sync::CancellationToken;
use tracing::{debug, warn};

use super::dead_letter;
use super::{CHANNEL, WhatsApp};
use crate::crm::InboxId;
use crate::store;
use crate::store::webhook_inbox;

/// How long a row is ours while it is processed (media downloads included).
pub const LEASE_MS: i64 = 120_000;
/// Rows leased per round.
const BATCH: i64 = 20;
/// Attempts before a delivery that keeps failing is dead-lettered.
pub const MAX_ATTEMPTS: i64 = 12;
/// How long processed deliveries (which hold message content) are kept.
const KEEP_PROCESSED_MS: i64 = 3_600_000;
/// How often processed deliveries are purged.
const PURGE_EVERY: Duration = Duration::from_secs(600);

/// Processes the inbox until `stop` is cancelled; the deliveries it leased then are
/// processed first.
pub async fn run(whatsapp: WhatsApp, stop: CancellationToken) {
    let mut last_purge: Option<tokio::time::Instant> = None;
    while !stop.is_cancelled() {
        match process_due(&whatsapp).await {
            Ok(0) => {
                tokio::select! {
                    _ = whatsapp.inbox_wake.notified() => {}
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    _ = stop.cancelled() => {}
                }
            }
            Ok(_) => {}
            Err(error) => {
                warn!(%error, "the WhatsApp inbox could not be read; retrying");
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    _ = stop.cancelled() => {}
                }
            }
        }
        if last_purge.is_none_or(|at| at.elapsed() >= PURGE_EVERY) {
            last_purge = Some(tokio::time::Instant::now());
            let store = whatsapp.engine.store();
            match webhook_inbox::purge_processed(store, store.now_millis() - KEEP_PROCESSED_MS)
                .await
            {
                Ok(purged) => debug!(purged, "processed WhatsApp deliveries purged"),
                Err(error) => warn!(%error, "could not purge processed WhatsApp deliveries"),
            }
        }
    }
}

/// Processes the deliveries due now; returns how many were taken.
pub async fn process_due(whatsapp: &WhatsApp) -> store::Result<usize> {
    let store = whatsapp.engine.store();
    let now = store.now_millis();
    let rows = webhook_inbox::lease_due(store, CHANNEL, now, now + LEASE_MS, BATCH).await?;
    for row in &rows {
        process_row(whatsapp, row.id, &row.body, row.attempts).await;
    }
    Ok(rows.len())
}

/// Processes one leased delivery and records the outcome: processed, or another attempt
/// later (the lease keeps it from others meanwhile).
pub async fn process_row(whatsapp: &WhatsApp, id: InboxId, body: &str, attempts: i64) {
    let store = whatsapp.engine.store();
    let outcome = match whatsapp.process(body).await {
        Ok(()) => webhook_inbox::mark_processed(store, id, store.now_millis()).await,
        Err(error) if attempts + 1 < MAX_ATTEMPTS && !error.is_deterministic() => {
            warn!(%error, delivery = %id, "a WhatsApp delivery failed; it will be processed again");
            let at = store.now_millis() + backoff_ms(attempts);
            webhook_inbox::retry_later(store, id, at, &error.to_string()).await
        }
        Err(error) => dead_letter::give_up(whatsapp, id, body, &error).await,
    };
    if let Err(error) = outcome {
        // The lease runs out and the worker takes the row again.
        warn!(%error, delivery = %id, "could not record how a WhatsApp delivery went");
    }
    // The sender's next delivery, if one waits behind this one, is the worker's to take.
    whatsapp.inbox_wake.notify_one();
}

/// 1 s, 2 s, 4 s … up to 5 minutes.
fn backoff_ms(attempts: i64) -> i64 {
    1000 * (1_i64 << attempts.clamp(0, 9)).min(300)
}
