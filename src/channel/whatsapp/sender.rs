//! Delivers the WhatsApp outbox: rows are leased in a short transaction, sent outside any
//! transaction (chats in parallel, each chat in order), and each outcome is committed as
//! soon as it is known, so the wamid is stored before its first status can arrive. Shaping
//! (governor) keeps the phone number to 80 messages/s. Throughput (130429) and pair-rate
//! (131056) errors, 5xx and network errors back off; outside the 24-hour window (131047)
//! free-form sends to that user stop and the re-engagement template goes instead; an
//! expired token (190) holds everything and is reported; other refusals fail the row.

use std::collections::BTreeMap;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use futures::StreamExt;
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::crm::OutboxId;

use super::api::GraphError;
use super::render::{self, Words};
use super::{CHANNEL, WhatsApp};
use crate::channel::leases::{self, MAX_ATTEMPTS};
use crate::channel::outcome::{self, backoff_ms};
use crate::channel::uploads::{self, BEHIND_UPLOAD_MS};
use crate::i18n::Locale;
use crate::privacy::delivery as export_delivery;
use crate::store;
use crate::store::delivery::{self, TemplateBody};
use crate::store::outbox::{self, OutboxRow};

/// Chats served at once.
const PARALLEL_CHATS: usize = 64;
/// How long everything waits after the token was refused.
const TOKEN_PAUSE_MS: i64 = 60_000;
/// The pair rate limit allows about one message every 6 seconds to one user.
const PAIR_RATE_PAUSE_MS: i64 = 6_000;

/// WhatsApp's default throughput per phone number as a rate limiter.
pub struct Shaping {
    limiter: DefaultDirectRateLimiter,
}

impl Default for Shaping {
    fn default() -> Self {
        // Spaced evenly: no window of a second holds more than 80 (+1) messages.
        let per_second = NonZeroU32::new(80).unwrap_or(NonZeroU32::MIN);
        Shaping {
            limiter: RateLimiter::direct(
                Quota::per_second(per_second).allow_burst(NonZeroU32::MIN),
            ),
        }
    }
}

impl std::fmt::Debug for Shaping {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Shaping")
    }
}

/// What happened to one row.
type Outcome = outcome::Outcome<Window>;

/// WhatsApp's own final outcomes: the 24-hour window closed.
#[derive(Debug)]
enum Window {
    /// 131047 on a free-form message.
    OutsideWindow(String),
    /// Dropped together with the rest of its chat after [`Window::OutsideWindow`].
    Skipped,
}

/// Sends until `stop` is cancelled; the send in flight then is finished.
pub async fn run(whatsapp: WhatsApp, shaping: Option<Arc<Shaping>>, stop: CancellationToken) {
    let wake = whatsapp.wake.clone();
    leases::run_rounds(CHANNEL, &wake, &stop, || {
        deliver_due(&whatsapp, shaping.as_deref(), &stop)
    })
    .await;
}

/// Delivers what is due now; returns how many rows were handled. Once `stop` is cancelled
/// the rows not sent yet are handed back, due now.
pub async fn deliver_due(
    whatsapp: &WhatsApp,
    shaping: Option<&Shaping>,
    stop: &CancellationToken,
) -> store::Result<usize> {
    let rows = leases::lease_due(whatsapp.engine.store(), &whatsapp.leases, CHANNEL).await?;
    let leased = rows.len();
    let ids: Vec<OutboxId> = rows.iter().map(|row| row.id).collect();
    let mut by_chat: BTreeMap<String, Vec<OutboxRow>> = BTreeMap::new();
    for row in rows {
        by_chat.entry(row.chat_id.clone()).or_default().push(row);
    }
    let results: Vec<store::Result<()>> = futures::stream::iter(by_chat.into_values())
        .map(|rows| deliver_chat(whatsapp, shaping, rows, stop))
        .buffer_unordered(PARALLEL_CHATS)
        .collect()
        .await;
    whatsapp.leases.settle_batch(&ids);
    results.into_iter().collect::<store::Result<()>>()?;
    Ok(leased)
}

/// Sends one chat's rows in order; after a failure or a "not yet" the rest of the chat
/// waits too, so messages never arrive out of order. A document goes in a task of its own
/// (see `channel::uploads`) and the chat's later messages wait for it. After `stop`
/// nothing more is sent: the rest is due again at once (for the next start).
async fn deliver_chat(
    whatsapp: &WhatsApp,
    shaping: Option<&Shaping>,
    rows: Vec<OutboxRow>,
    stop: &CancellationToken,
) -> store::Result<()> {
    let mut hold_until: Option<i64> = None;
    let mut window_closed = false;
    for row in rows {
        let outcome = if window_closed {
            if row.identity_id.is_some() {
                Outcome::Own(Window::Skipped)
            } else {
                Outcome::Failed("131047: outside the 24-hour window".into())
            }
        } else if let Some(at) = hold_until {
            Outcome::Postpone { at }
        } else if stop.is_cancelled() {
            Outcome::Postpone {
                at: whatsapp.engine.store().now_millis(),
            }
        } else if row.reply().file.is_some() && TemplateBody::of(&row.body).is_none() {
            if let Some(shaping) = shaping {
                shaping.limiter.until_ready().await;
            }
            hold_until = Some(whatsapp.engine.store().now_millis() + BEHIND_UPLOAD_MS);
            upload_in_background(whatsapp, row).await;
            continue;
        } else {
            send(whatsapp, shaping, &row).await
        };
        match &outcome {
            Outcome::Retry { at, .. } | Outcome::Postpone { at } => hold_until = Some(*at),
            Outcome::Own(Window::OutsideWindow(_)) => window_closed = true,
            _ => {}
        }
        apply(whatsapp, &row, outcome).await?;
    }
    Ok(())
}

/// Sends a row carrying a document in a task of its own: the row stays leased for as long
/// as the upload may take, and its outcome is committed when it ends. A row that could not
/// be kept is left to its lease and tried again after it.
async fn upload_in_background(whatsapp: &WhatsApp, row: OutboxRow) {
    let Some(until) = uploads::keep_leased(whatsapp.engine.store(), row.id).await else {
        whatsapp.leases.settle(row.id);
        return;
    };
    let row_id = row.id;
    let leases = whatsapp.leases.clone();
    let whatsapp = whatsapp.clone();
    let task = tokio::spawn(async move {
        // Shaped by the caller: the upload is one message.
        let outcome = send(&whatsapp, None, &row).await;
        if let Err(error) = apply(&whatsapp, &row, outcome).await {
            warn!(%error, row = %row.id, "could not record a document's delivery");
        }
        whatsapp.leases.settle(row.id);
        whatsapp.wake.notify_one();
    });
    leases.track(row_id, until, task.abort_handle());
}

/// Commits the outcome of one row; then deletes the export files that are done with (sent,
/// given up on, or dropped with a closed window). "export.delivered" is audited only when
/// this sender's "sent" is the one that counted.
async fn apply(whatsapp: &WhatsApp, row: &OutboxRow, outcome: Outcome) -> store::Result<()> {
    let store = whatsapp.engine.store();
    let mut tx = store.begin().await?;
    let file = row.reply().file.map(|f| f.file_name);
    let mut finished = Vec::new();
    if outcome.is_final(row.attempts) {
        finished.extend(file.clone());
    }
    match outcome {
        Outcome::Sent(message_id) => {
            whatsapp.send_health.sent();
            export_delivery::mark_sent(&mut tx, row, message_id.as_deref()).await?
        }
        Outcome::Retry { at, error } if row.attempts + 1 < MAX_ATTEMPTS => {
            outbox::retry_later(&mut tx, row.id, at, &error).await?
        }
        Outcome::Retry { error, .. } | Outcome::Failed(error) => {
            warn!(row = %row.id, %error, "giving up on a WhatsApp message");
            export_delivery::mark_failed(&mut tx, row, &error).await?
        }
        Outcome::Postpone { at } => {
            outbox::postpone(&mut tx, row.id, at).await?;
        }
        Outcome::Own(Window::OutsideWindow(error)) => {
            info!(
                row = %row.id,
                "outside the 24-hour window; free-form sends to this user stop"
            );
            outbox::mark_failed(&mut tx, row.id, &error).await?;
            let template = whatsapp.reengage_template.as_deref();
            let closed = delivery::window_closed(
                &mut tx,
                row.id,
                row.identity_id,
                &row.chat_id,
                &error,
                template,
            )
            .await?;
            finished.extend(closed.dropped_files);
            if closed.template_queued {
                whatsapp.wake.notify_one();
            }
        }
        Outcome::Own(Window::Skipped) => {
            // Usually dropped already with its identity; a row of another identity of the
            // same chat is dropped here.
            let error = "131047: outside the 24-hour window";
            finished.extend(outbox::drop_row(&mut tx, row.id, error).await?);
        }
    }
    tx.commit().await?;
    whatsapp.leases.settle(row.id);
    for file in finished {
        export_delivery::discard(&whatsapp.engine.settings().export_dir, &file);
    }
    Ok(())
}

/// One outbound send, in a `send` span (channel, outbox row, attempt; never the text).
#[tracing::instrument(
    name = "send",
    skip_all,
    fields(channel = "whatsapp", row = %row.id, attempt = row.attempts + 1)
)]
async fn send(whatsapp: &WhatsApp, shaping: Option<&Shaping>, row: &OutboxRow) -> Outcome {
    let template = TemplateBody::of(&row.body);
    if template.is_none() && row.reply().file.is_some() {
        return send_document(whatsapp, row).await;
    }
    let messages = match &template {
        Some(name) => vec![render::template_message(&row.chat_id, name)],
        None => {
            let reply = row.reply();
            let words = if reply.choices.is_empty() {
                words(Locale::EN)
            } else {
                words(locale_of(whatsapp, row).await)
            };
            render::messages(&row.chat_id, &reply, &words)
        }
    };
    let mut message_id = None;
    for message in &messages {
        if let Some(shaping) = shaping {
            shaping.limiter.until_ready().await;
        }
        match whatsapp.api.send(message).await {
            Ok(id) => message_id = Some(id).filter(|id| !id.is_empty()),
            Err(error) => return failure(whatsapp, row, template.is_some(), error),
        }
    }
    whatsapp.token_expired.store(false, Ordering::SeqCst);
    Outcome::Sent(message_id)
}

/// Uploads the row's export file and sends the document message that carries it. When
/// the message is refused, the uploaded copy is deleted from Meta's servers (a retry
/// uploads the file again).
async fn send_document(whatsapp: &WhatsApp, row: &OutboxRow) -> Outcome {
    let reply = row.reply();
    let file_name = reply.file.map(|f| f.file_name).unwrap_or_default();
    let export_dir = &whatsapp.engine.settings().export_dir;
    let Some(path) = export_delivery::path_of(export_dir, &file_name) else {
        return Outcome::Failed("not an export file name".into());
    };
    let media_id = match whatsapp
        .api
        .upload_media(&path, &file_name, "application/zip")
        .await
    {
        Ok(media_id) => media_id,
        Err(error) => return failure(whatsapp, row, false, error),
    };
    let message = render::document_message(&row.chat_id, &media_id, &file_name, &reply.text);
    match whatsapp.api.send(&message).await {
        Ok(id) => {
            whatsapp.token_expired.store(false, Ordering::SeqCst);
            Outcome::Sent(Some(id).filter(|id| !id.is_empty()))
        }
        Err(error) => {
            // Only after a definite refusal: a timeout or a 5xx may hide an accepted message
            // that still needs its media.
            let refused = !matches!(
                error,
                GraphError::Transient(_) | GraphError::TokenExpired(_)
            );
            if refused && let Err(error) = whatsapp.api.delete_media(&media_id).await {
                warn!(%error, "could not delete an uploaded export from WhatsApp");
            }
            failure(whatsapp, row, false, error)
        }
    }
}

fn failure(whatsapp: &WhatsApp, row: &OutboxRow, is_template: bool, error: GraphError) -> Outcome {
    whatsapp.note_error(&error);
    let reason = match &error {
        GraphError::Throttled { .. } => "throttled",
        GraphError::OutsideWindow(_) => "outside_window",
        GraphError::TokenExpired(_) => "token_expired",
        GraphError::Transient(_) => "transient",
        GraphError::Permanent { .. } => "refused",
    };
    whatsapp.send_health.failed(reason, &error);
    let now = whatsapp.engine.store().now_millis();
    match error {
        GraphError::Throttled { code, message } => {
            let pause = if code == 131056 {
                PAIR_RATE_PAUSE_MS
            } else {
                0
            };
            Outcome::Retry {
                at: now + pause.max(backoff_ms(row.attempts)),
                error: format!("{code}: {message}"),
            }
        }
        GraphError::OutsideWindow(_) if !is_template => {
            Outcome::Own(Window::OutsideWindow(error.to_string()))
        }
        GraphError::TokenExpired(_) => Outcome::Postpone {
            at: now + TOKEN_PAUSE_MS,
        },
        GraphError::Transient(error) => Outcome::Retry {
            at: now + backoff_ms(row.attempts),
            error,
        },
        error @ (GraphError::OutsideWindow(_) | GraphError::Permanent { .. }) => {
            Outcome::Failed(error.to_string())
        }
    }
}

/// The locale of the row's user (English when unknown).
async fn locale_of(whatsapp: &WhatsApp, row: &OutboxRow) -> Locale {
    let Some(identity) = row.identity_id else {
        return Locale::EN;
    };
    match delivery::identity_locale(whatsapp.engine.store().pool(), identity).await {
        Ok(code) => Locale::from_language_code(code.as_deref()),
        Err(error) => {
            warn!(%error, "could not read a user's language; using English");
            Locale::EN
        }
    }
}

fn words(locale: Locale) -> Words {
    Words {
        list_button: locale.text("whatsapp-list-button"),
        choose: locale.text("whatsapp-choose"),
    }
}
