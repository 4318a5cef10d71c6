//! Background jobs claimed from the database (so several instances never do the same work):
//! task reminders and the daily digest. They never call an LLM.

pub mod reminders;

use std::time::Duration;

use tokio::task::JoinHandle;
use tracing::warn;

use crate::clock::Clock;
use crate::store::Store;

/// Runs every job once at `clock.now()`; returns how many messages were queued.
pub async fn run_once(store: &Store, clock: &Clock) -> sqlx::Result<usize> {
    let now = clock.now();
    let reminders = reminders::send_due_reminders(store, now).await?;
    let digests = reminders::send_digests(store, now).await?;
    Ok(reminders + digests)
}

/// Runs the jobs every `every` until the returned task is aborted.
pub fn spawn(store: Store, clock: Clock, every: Duration) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(every);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            if let Err(error) = run_once(&store, &clock).await {
                warn!(%error, "background jobs failed; retrying at the next tick");
            }
        }
    })
}
