//! Delivers the Telegram outbox: rows are leased in a short transaction, sent outside any
//! transaction (chats in parallel, each chat in order), and their outcomes written back in
//! one transaction. Shaping (governor) keeps each chat to 1 message/s after a burst of 3,
//! each group to 20 a minute and the bot to 30/s; 429 waits `retry_after`, 5xx and network
//! errors back off, 403 stops sending to that user.

use std::collections::BTreeMap;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use governor::clock::{Clock as _, DefaultClock};
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use super::Telegram;
use super::api::ApiError;
use crate::channel::leases::{self, MAX_ATTEMPTS};
use crate::channel::outcome::{self, backoff_ms};
use crate::channel::uploads::{self, BEHIND_UPLOAD_MS};
use crate::crm::{IdentityId, OutboxId};
use crate::privacy::delivery;
use crate::store;
use crate::store::Tx;
use crate::store::outbox::{self, OutboxRow};

/// Chats served at once.
const PARALLEL_CHATS: usize = 64;

/// Telegram's limits as rate limiters.
pub struct Shaping {
    global: DefaultDirectRateLimiter,
    chats: DefaultKeyedRateLimiter<String>,
    groups: DefaultKeyedRateLimiter<String>,
    clock: DefaultClock,
}

fn nonzero(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)
}

impl Default for Shaping {
    fn default() -> Self {
        // Any window of a second holds at most 31 messages overall and 4 to one chat (a
        // burst of 3, then one a second); any minute at most 20 to one group (a burst of 3,
        // then one every 60/17 s).
        let group_period = Duration::from_millis(60_000 / 17 + 1);
        Shaping {
            global: RateLimiter::direct(Quota::per_second(nonzero(30)).allow_burst(nonzero(1))),
            chats: RateLimiter::keyed(Quota::per_second(nonzero(1)).allow_burst(nonzero(3))),
            groups: RateLimiter::keyed(
                Quota::with_period(group_period)
                    .unwrap_or(Quota::per_minute(nonzero(17)))
                    .allow_burst(nonzero(3)),
            ),
            clock: DefaultClock::default(),
        }
    }
}

impl std::fmt::Debug for Shaping {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Shaping")
    }
}

impl Shaping {
    /// `Ok` when a message may go to `chat_id` now, else how long to wait.
    pub fn check_chat(&self, chat_id: &str) -> Result<(), Duration> {
        let now = self.clock.now();
        // Group and supergroup ids are negative.
        let keyed = if chat_id.starts_with('-') {
            &self.groups
        } else {
            &self.chats
        };
        keyed
            .check_key(&chat_id.to_string())
            .map_err(|n| n.wait_time_from(now))
    }

    /// Waits for the bot-wide budget (30/s): the chats being served share it.
    pub async fn until_global(&self) {
        self.global.until_ready().await;
    }
}

/// What happened to one row.
type Outcome = outcome::Outcome<Refusal>;

/// Telegram's own final outcomes.
#[derive(Debug)]
enum Refusal {
    Blocked {
        identity: Option<IdentityId>,
        error: String,
    },
    /// The chat refused an earlier message of this batch (403): this one is dropped too, so
    /// no row of a chat that refuses us stays pending and holds back later ones.
    Dropped(String),
}

/// Sends until `stop` is cancelled; the send in flight then is finished.
pub async fn run(telegram: Telegram, shaping: Option<Arc<Shaping>>, stop: CancellationToken) {
    let wake = telegram.wake.clone();
    leases::run_rounds("telegram", &wake, &stop, || {
        deliver_due(&telegram, shaping.as_deref(), &stop)
    })
    .await;
}

/// Delivers what is due now; returns how many rows were handled. Once `stop` is cancelled
/// the rows not sent yet are handed back, due now.
pub async fn deliver_due(
    telegram: &Telegram,
    shaping: Option<&Shaping>,
    stop: &CancellationToken,
) -> store::Result<usize> {
    // Rows queued after this instant answer messages that arrived while these were sent.
    let leased_at = telegram.engine.store().now_millis();
    let rows = leases::lease_due(telegram.engine.store(), &telegram.leases, "telegram").await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let ids: Vec<OutboxId> = rows.iter().map(|row| row.id).collect();
    let handled = send_batch(telegram, shaping, rows, leased_at, stop).await;
    telegram.leases.settle_batch(&ids);
    handled
}

/// Sends leased rows (chats in parallel, each chat in order), then writes their outcomes
/// in one transaction; returns how many rows have an outcome.
async fn send_batch(
    telegram: &Telegram,
    shaping: Option<&Shaping>,
    rows: Vec<OutboxRow>,
    leased_at: i64,
    stop: &CancellationToken,
) -> store::Result<usize> {
    let store = telegram.engine.store();
    let mut by_chat: BTreeMap<String, Vec<OutboxRow>> = BTreeMap::new();
    for row in rows {
        by_chat.entry(row.chat_id.clone()).or_default().push(row);
    }
    let outcomes: Vec<Vec<(OutboxRow, Outcome)>> = futures::stream::iter(by_chat.into_values())
        .map(|rows| deliver_chat(telegram, shaping, rows, stop))
        .buffer_unordered(PARALLEL_CHATS)
        .collect()
        .await;
    let mut tx = store.begin().await?;
    let mut handled = 0;
    let mut finished_files = Vec::new();
    for (row, outcome) in outcomes.into_iter().flatten() {
        handled += 1;
        finished_files.extend(apply(&mut tx, &row, outcome, leased_at).await?);
    }
    tx.commit().await?;
    discard_all(telegram, &finished_files);
    Ok(handled)
}

/// Writes the outcome of one row; returns the export files that are done with (sent, given
/// up on, or dropped with a blocked user), to delete once committed. "export.delivered"
/// is audited only when this sender's "sent" is the one that counted.
async fn apply(
    tx: &mut Tx,
    row: &OutboxRow,
    outcome: Outcome,
    leased_at: i64,
) -> store::Result<Vec<String>> {
    let file = row.reply().file.map(|f| f.file_name);
    let mut finished = Vec::new();
    if outcome.is_final(row.attempts) {
        finished.extend(file.clone());
    }
    match outcome {
        Outcome::Sent(message_id) => delivery::mark_sent(tx, row, message_id.as_deref()).await?,
        Outcome::Retry { at, error } if row.attempts + 1 < MAX_ATTEMPTS => {
            outbox::retry_later(tx, row.id, at, &error).await?
        }
        Outcome::Retry { error, .. } | Outcome::Failed(error) => {
            warn!(row = %row.id, %error, "giving up on a Telegram message");
            delivery::mark_failed(tx, row, &error).await?
        }
        Outcome::Postpone { at } => {
            outbox::postpone(tx, row.id, at).await?;
        }
        Outcome::Own(Refusal::Dropped(error)) => {
            outbox::drop_row(tx, row.id, &error).await?;
        }
        Outcome::Own(Refusal::Blocked { identity, error }) => {
            info!(
                row = %row.id,
                "the user blocked the bot; no more messages to them"
            );
            outbox::mark_failed(tx, row.id, &error).await?;
            let dropped = match identity {
                Some(identity) => {
                    outbox::deactivate_identity(tx, identity, &error, leased_at).await?
                }
                // A group that removed the bot: whatever was queued to it before the refusal
                // goes too, also rows a later batch would have leased (a group cannot write
                // to a bot it removed, so nothing queued meanwhile answers it).
                None => {
                    let now = tx.now_millis();
                    outbox::drop_chat_pending(tx, "telegram", &row.chat_id, &error, now).await?
                }
            };
            finished.extend(dropped);
        }
    }
    Ok(finished)
}

fn discard_all(telegram: &Telegram, files: &[String]) {
    for file in files {
        delivery::discard(&telegram.engine.settings().export_dir, file);
    }
}

/// Sends a row carrying a document in a task of its own (see `channel::uploads`): the row
/// stays leased for as long as the upload may take, and its outcome is written when it
/// ends. A row that could not be kept is left to its lease and tried again after it.
async fn upload_in_background(telegram: &Telegram, row: OutboxRow) {
    let Some(until) = uploads::keep_leased(telegram.engine.store(), row.id).await else {
        telegram.leases.settle(row.id);
        return;
    };
    let row_id = row.id;
    let leases = telegram.leases.clone();
    let telegram = telegram.clone();
    let task = tokio::spawn(async move {
        let started = telegram.engine.store().now_millis();
        let outcome = send(&telegram, &row).await;
        let written = async {
            let mut tx = telegram.engine.store().begin().await?;
            let finished = apply(&mut tx, &row, outcome, started).await?;
            tx.commit().await?;
            Ok::<_, store::Error>(finished)
        }
        .await;
        match written {
            Ok(finished) => discard_all(&telegram, &finished),
            Err(error) => warn!(%error, row = %row.id, "could not record a document's delivery"),
        }
        telegram.leases.settle(row.id);
        telegram.wake.notify_one();
    });
    leases.track(row_id, until, task.abort_handle());
}

/// Sends one chat's rows in order; after a failure or a "not yet" the rest of the chat
/// waits too, so messages never arrive out of order. After `stop` nothing more is sent:
/// the rest is due again at once (for the next start).
async fn deliver_chat(
    telegram: &Telegram,
    shaping: Option<&Shaping>,
    rows: Vec<OutboxRow>,
    stop: &CancellationToken,
) -> Vec<(OutboxRow, Outcome)> {
    let mut outcomes = Vec::with_capacity(rows.len());
    let mut hold_until: Option<i64> = None;
    let mut refused: Option<String> = None;
    for row in rows {
        if let Some(error) = &refused {
            outcomes.push((row, Outcome::Own(Refusal::Dropped(error.clone()))));
            continue;
        }
        if let Some(at) = hold_until {
            outcomes.push((row, Outcome::Postpone { at }));
            continue;
        }
        if stop.is_cancelled() {
            let at = telegram.engine.store().now_millis();
            outcomes.push((row, Outcome::Postpone { at }));
            continue;
        }
        if let Some(shaping) = shaping {
            if let Err(wait) = shaping.check_chat(&row.chat_id) {
                let at = telegram.engine.store().now_millis() + wait.as_millis() as i64 + 1;
                hold_until = Some(at);
                outcomes.push((row, Outcome::Postpone { at }));
                continue;
            }
            shaping.until_global().await;
        }
        if row.reply().file.is_some() {
            let at = telegram.engine.store().now_millis() + BEHIND_UPLOAD_MS;
            upload_in_background(telegram, row).await;
            hold_until = Some(at);
            continue;
        }
        let outcome = send(telegram, &row).await;
        match &outcome {
            Outcome::Retry { at, .. } => hold_until = Some(*at),
            Outcome::Own(Refusal::Blocked { error, .. }) => refused = Some(error.clone()),
            _ => {}
        }
        outcomes.push((row, outcome));
    }
    outcomes
}

/// One outbound send, in a `send` span (channel, outbox row, attempt; never the text).
#[tracing::instrument(
    name = "send",
    skip_all,
    fields(channel = "telegram", row = %row.id, attempt = row.attempts + 1)
)]
async fn send(telegram: &Telegram, row: &OutboxRow) -> Outcome {
    let reply = row.reply();
    let api = &telegram.api;
    let export_dir = &telegram.engine.settings().export_dir;
    let result = match (&reply.file, &row.edit_message_id) {
        (Some(file), _) => match delivery::path_of(export_dir, &file.file_name) {
            Some(path) => api
                .send_document(&row.chat_id, &path, &file.file_name, &reply.text)
                .await
                .map(|id| Some(id.to_string())),
            None => Err(ApiError::Permanent("not an export file name".into())),
        },
        (None, Some(message_id)) => match api
            .edit_message_text(&row.chat_id, message_id, &reply.text, &reply.choices)
            .await
        {
            Ok(()) => Ok(Some(message_id.clone())),
            Err(error) if error.is_not_modified() => Ok(Some(message_id.clone())),
            // A message that can no longer be edited (too old, deleted): send a new one.
            Err(ApiError::Permanent(_)) => api
                .send_message(&row.chat_id, &reply.text, &reply.choices)
                .await
                .map(|id| Some(id.to_string())),
            Err(error) => Err(error),
        },
        (None, None) => api
            .send_message(&row.chat_id, &reply.text, &reply.choices)
            .await
            .map(|id| Some(id.to_string())),
    };
    match &result {
        Ok(_) => telegram.send_health.sent(),
        Err(error) => {
            // Counted once, in chatcrm_send_failures_total{reason}, as on WhatsApp.
            let reason = match error {
                ApiError::RetryAfter(_) => "throttled",
                ApiError::Transient(_) => "transient",
                ApiError::Forbidden(_) => "blocked",
                ApiError::Permanent(_) => "refused",
            };
            telegram.send_health.failed(reason, error);
        }
    }
    let now = telegram.engine.store().now_millis();
    match result {
        Ok(message_id) => Outcome::Sent(message_id),
        Err(ApiError::RetryAfter(seconds)) => Outcome::Retry {
            at: now + (seconds.max(1) as i64) * 1000,
            error: format!("429: retry after {seconds} s"),
        },
        Err(ApiError::Transient(error)) => Outcome::Retry {
            at: now + backoff_ms(row.attempts),
            error,
        },
        Err(ApiError::Forbidden(error)) => Outcome::Own(Refusal::Blocked {
            identity: row.identity_id,
            error,
        }),
        Err(ApiError::Permanent(error)) => Outcome::Failed(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A group (negative id) gets a burst of 3, then one message every 60/17 s; a private
    /// chat gets the same burst, then one a second. Each is keyed by its own chat.
    #[test]
    fn groups_are_limited_per_minute_and_private_chats_per_second() {
        let shaping = Shaping::default();
        for _ in 0..3 {
            assert_eq!(shaping.check_chat("-1001234"), Ok(()));
            assert_eq!(shaping.check_chat("1234"), Ok(()));
        }
        let group_wait = shaping.check_chat("-1001234").expect_err("the group waits");
        assert!(
            group_wait > Duration::from_secs(3) && group_wait <= Duration::from_millis(3530),
            "{group_wait:?}"
        );
        let chat_wait = shaping.check_chat("1234").expect_err("the chat waits");
        assert!(chat_wait <= Duration::from_secs(1), "{chat_wait:?}");
        // Another group has its own budget.
        assert_eq!(shaping.check_chat("-1005678"), Ok(()));
    }
}
