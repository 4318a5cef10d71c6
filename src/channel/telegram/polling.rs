//! Long polling: getUpdates from the stored offset, every update handled (chats in
//! parallel, each chat in order), then the new offset stored. A restart resumes from the
//! stored offset; an update handled twice after a crash has one effect (dedupe).

use std::collections::BTreeMap;
use std::time::Duration;

use futures::future::join_all;
use teloxide_core::types::Update;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use super::Telegram;
use crate::store;
use crate::store::channel_state;

/// The `channel_state` key of the next update id to ask for.
pub const OFFSET_KEY: &str = "telegram.offset";
/// Updates asked for per request (the Bot API maximum).
const BATCH: u32 = 100;

/// Polls until `stop` is cancelled: a long poll waiting then is given up (nothing was
/// taken), a batch being handled is finished and its offset stored.
pub async fn run(telegram: Telegram, timeout_secs: u64, stop: CancellationToken) {
    let store = telegram.engine.store().clone();
    let mut offset: i64 = match channel_state::get(&store, OFFSET_KEY).await {
        Ok(value) => value.and_then(|v| v.parse().ok()).unwrap_or(0),
        Err(error) => {
            warn!(%error, "could not read the polling offset; starting from Telegram's");
            0
        }
    };
    info!(offset, "polling Telegram");
    let mut backoff = Duration::from_secs(1);
    while !stop.is_cancelled() {
        let polled = tokio::select! {
            polled = telegram.api.get_updates(offset, timeout_secs, BATCH) => polled,
            _ = stop.cancelled() => break,
        };
        let updates = match polled {
            Ok(updates) => updates,
            Err(error) => {
                warn!(%error, "getUpdates failed; retrying in {:?}", backoff);
                pause(backoff, &stop).await;
                backoff = (backoff * 2).min(Duration::from_secs(60));
                continue;
            }
        };
        backoff = Duration::from_secs(1);
        let Some(last) = updates.iter().map(|u| i64::from(u.id.0)).max() else {
            continue;
        };
        if let Err(error) = handle_batch(&telegram, &updates).await {
            // Nothing of the failed update was committed: ask for the batch again.
            warn!(%error, "an update failed; the batch will be fetched again");
            pause(backoff, &stop).await;
            continue;
        }
        offset = last + 1;
        if let Err(error) = channel_state::set(&store, OFFSET_KEY, &offset.to_string()).await {
            warn!(%error, "could not store the polling offset");
        }
    }
    info!("polling stopped");
}

/// Waits `for_how_long`, or less when `stop` is cancelled meanwhile.
async fn pause(for_how_long: Duration, stop: &CancellationToken) {
    tokio::select! {
        _ = tokio::time::sleep(for_how_long) => {}
        _ = stop.cancelled() => {}
    }
}

/// Handles a batch: the updates of each chat in order, different chats concurrently.
pub async fn handle_batch(telegram: &Telegram, updates: &[Update]) -> Result<(), store::Error> {
    let mut by_chat: BTreeMap<i64, Vec<&Update>> = BTreeMap::new();
    for update in updates {
        let chat = update.chat().map_or(0, |c| c.id.0);
        by_chat.entry(chat).or_default().push(update);
    }
    let results = join_all(by_chat.into_values().map(|chat_updates| async move {
        for update in chat_updates {
            telegram.handle_update(update).await?;
        }
        Ok::<(), store::Error>(())
    }))
    .await;
    results.into_iter().collect()
}
