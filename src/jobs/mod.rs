//! Background jobs claimed from the database (so several instances never do the same work):
//! task reminders, the daily digest and retention purges. They never call an LLM.

pub mod reminders;
pub mod retention;

use std::time::Duration;

use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tracing::warn;

use crate::clock::Clock;
use crate::store;
use crate::store::Store;
pub use retention::Retention;

/// Runs every job once at `clock.now()` with the default retention; returns how many
/// messages were queued.
pub async fn run_once(store: &Store, clock: &Clock) -> store::Result<usize> {
    run_with(store, clock, &Retention::default()).await
}

/// Runs every job once at `clock.now()`; returns how many messages were queued.
pub async fn run_with(store: &Store, clock: &Clock, retention: &Retention) -> store::Result<usize> {
    let now = clock.now();
    let reminders = reminders::send_due_reminders(store, now).await?;
    let digests = reminders::send_digests(store, now).await?;
    retention::purge(store, retention, now).await?;
    Ok(reminders + digests)
}

/// Runs the jobs every `every` until `stop` is cancelled (a run under way is finished).
pub fn spawn(
    store: Store,
    clock: Clock,
    every: Duration,
    retention: Retention,
    stop: CancellationToken,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(every);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                biased;
                _ = stop.cancelled() => return,
                _ = ticker.tick() => {}
            }
            if let Err(error) = run_with(&store, &clock, &retention).await {
                warn!(%error, "background jobs failed; retrying at the next tick");
            }
        }
    })
}

/// The retention a configuration asks for.
pub fn retention_from(
    config: &crate::config::RetentionConfig,
    privacy: &crate::config::PrivacyConfig,
) -> Retention {
    Retention::from_config(config, privacy)
}
