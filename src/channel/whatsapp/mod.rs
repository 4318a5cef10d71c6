//! The WhatsApp Cloud API channel: signed webhook deliveries are recorded in the durable
//! inbox before they are acknowledged, then processed (messages through the engine with
//! their replies queued in the outbox, deduplicated by wamid; delivery statuses onto the
//! outbox rows they belong to), and the sender delivers the outbox shaped to WhatsApp's
//! limits. Identities are E.164 numbers ("+4915112345678"); replies go to the wa_id digits
//! ("4915112345678"), which is what the API takes as `to`.

pub mod api;
pub mod dead_letter;
pub mod inbound;
pub mod inbox;
pub mod render;
pub mod sender;
pub mod signature;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::{Notify, Semaphore};
use tracing::{error, warn};

use crate::channel::download::Download;
use crate::channel::leases::Leases;
use crate::channel::send_health::SendHealth;
use crate::config::{Secret, WhatsAppConfig};
use crate::crm::files::FileUse;
use crate::engine::Engine;
use crate::message::Payload;
use crate::store;
use crate::store::delivery;
use api::{GraphApi, GraphError};
use inbound::{Incoming, Status};

/// The channel name in the outbox, the inbox and the dedupe table.
pub const CHANNEL: &str = "whatsapp";
/// The error code of a send outside the 24-hour customer window.
pub const OUTSIDE_WINDOW: i64 = 131047;
/// Deliveries processed at once by the requests that received them (more wait for the
/// inbox worker).
const PROCESSING_PERMITS: usize = 16;

/// One WhatsApp business phone number: its API, the engine it feeds, and the secrets that
/// authenticate Meta's webhook calls.
#[derive(Debug, Clone)]
pub struct WhatsApp {
    pub api: GraphApi,
    pub engine: Engine,
    pub phone_number_id: String,
    pub app_secret: Secret,
    pub verify_token: Secret,
    /// The template sent when a reply falls outside the 24-hour window, if any.
    pub reengage_template: Option<String>,
    /// Rung after replies were queued, so the sender does not wait for its next poll.
    pub wake: Arc<Notify>,
    /// Rung when a delivery was left to the inbox worker.
    pub inbox_wake: Arc<Notify>,
    /// Set while Graph refuses the access token (error 190); `/readyz` reports it.
    pub token_expired: Arc<AtomicBool>,
    /// Bounds the deliveries processed by request tasks at once.
    pub processing: Arc<Semaphore>,
    /// Rows leased and not yet settled (handed back when the server stops).
    pub leases: Leases,
    /// How sending goes (metrics, warn lines, degraded sending in `/readyz`).
    pub send_health: Arc<SendHealth>,
}

impl WhatsApp {
    pub fn new(config: &WhatsAppConfig, engine: Engine, leases: Leases) -> WhatsApp {
        WhatsApp {
            api: GraphApi::new(
                &config.graph_url,
                &config.api_version,
                &config.phone_number_id,
                config.access_token.clone(),
            ),
            engine,
            phone_number_id: config.phone_number_id.trim().to_string(),
            app_secret: config.app_secret.clone(),
            verify_token: config.verify_token.clone(),
            reengage_template: Some(config.reengage_template.trim().to_string())
                .filter(|t| !t.is_empty()),
            wake: Arc::new(Notify::new()),
            inbox_wake: Arc::new(Notify::new()),
            token_expired: Arc::new(AtomicBool::new(false)),
            processing: Arc::new(Semaphore::new(PROCESSING_PERMITS)),
            leases,
            send_health: Arc::new(SendHealth::new(CHANNEL)),
        }
    }

    /// Processes one recorded delivery: every message, then every status. An error means
    /// some of it was not committed; processing it again is safe (messages are deduplicated
    /// by wamid, statuses only move forward). A body that is not JSON is logged and done.
    pub async fn process(&self, body: &str) -> Result<(), store::Error> {
        let delivery = match inbound::parse(body, &self.phone_number_id) {
            Ok(delivery) => delivery,
            Err(error) => {
                warn!(%error, bytes = body.len(), "a WhatsApp delivery is not JSON; ignored");
                return Ok(());
            }
        };
        let mut queued = 0;
        let mut result = Ok(());
        for incoming in delivery.messages {
            match self.handle_message(incoming).await {
                Ok(n) => queued += n,
                Err(error) => {
                    result = Err(error);
                    break;
                }
            }
        }
        if result.is_ok() && !delivery.statuses.is_empty() {
            match self.record_statuses(&delivery.statuses).await {
                Ok(templates) => queued += templates,
                Err(error) => result = Err(error),
            }
        }
        if queued > 0 {
            self.wake.notify_one();
        }
        result
    }

    /// Handles one message up to its committed outbox rows; returns how many were queued.
    async fn handle_message(&self, mut incoming: Incoming) -> Result<usize, store::Error> {
        if let Some((media_id, _)) = incoming.media.take()
            && let Payload::Document {
                file_name,
                bytes,
                caption,
            } = &mut incoming.inbound.payload
        {
            // At most what the file can be used for (an attachment, an import, nothing).
            let max =
                FileUse::of(file_name, caption).max_bytes(self.engine.settings().max_file_bytes);
            match self.api.download_media(&media_id, max).await {
                Ok(Download::Complete(downloaded)) => *bytes = downloaded,
                Ok(Download::TooLarge) => {
                    incoming.inbound.payload = Payload::FileTooLarge {
                        file_name: std::mem::take(file_name),
                        caption: std::mem::take(caption),
                    };
                }
                Err(error) => {
                    self.note_error(&error);
                    warn!(%error, "could not download a WhatsApp document or image");
                    incoming.inbound.payload = Payload::Unsupported {
                        kind: crate::message::UNREADABLE.into(),
                    };
                }
            }
        }
        self.engine.handle_into_outbox(&incoming.inbound).await
    }

    /// Records delivery statuses in one transaction; a failure outside the 24-hour window
    /// stops free-form sends to that user and queues the re-engagement template, if any.
    /// Returns how many templates were queued.
    async fn record_statuses(&self, statuses: &[Status]) -> Result<usize, store::Error> {
        let store = self.engine.store();
        let mut tx = store.begin().await?;
        let mut templates = 0;
        let mut dropped_files = Vec::new();
        for status in statuses {
            let moved = delivery::record_status(
                &mut tx,
                &status.message_id,
                status.status,
                status.error.as_deref(),
            )
            .await?;
            if let Some(moved) = moved
                && status.code == Some(OUTSIDE_WINDOW)
            {
                let error = status.error.as_deref().unwrap_or("131047");
                let template = self.reengage_template.as_deref();
                let closed = delivery::window_closed(
                    &mut tx,
                    moved.outbox_id,
                    moved.identity_id,
                    &moved.chat_id,
                    error,
                    template,
                )
                .await?;
                templates += usize::from(closed.template_queued);
                dropped_files.extend(closed.dropped_files);
            }
        }
        tx.commit().await?;
        for file in dropped_files {
            crate::privacy::delivery::discard(&self.engine.settings().export_dir, &file);
        }
        Ok(templates)
    }

    /// Notes what an API error says about the channel as a whole (an expired token).
    pub fn note_error(&self, error: &GraphError) {
        if matches!(error, GraphError::TokenExpired(_))
            && !self.token_expired.swap(true, Ordering::SeqCst)
        {
            error!(
                %error,
                "the WhatsApp access token was refused: set a new [whatsapp] access_token and \
                 restart; replies wait in the outbox until then"
            );
        }
    }

    /// Whether Graph refused the access token the last time it was used.
    pub fn token_expired(&self) -> bool {
        self.token_expired.load(Ordering::SeqCst)
    }
}
