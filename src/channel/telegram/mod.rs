//! The Telegram channel: updates arrive by long polling or on the webhook, go through the
//! engine with their replies queued in the outbox in the same transaction, and the sender
//! delivers the outbox shaped to Telegram's limits. Button presses are always answered and
//! their replies edit the message that carried the buttons; a press of another user's
//! button is refused with a notice on the press itself. At most [`DOWNLOAD_PERMITS`]
//! documents are downloaded and handled at once (each is held in memory meanwhile), so a
//! batch of 100 chats sending files at once needs at most that many times `max_file_mb`.

pub mod api;
pub mod inbound;
pub mod polling;
pub mod sender;

use std::sync::Arc;
use std::time::Duration;

use teloxide_core::types::Update;
use tokio::sync::{Notify, Semaphore};
use tracing::{debug, warn};

use crate::channel::leases::Leases;
use crate::engine::Engine;
use crate::handlers::COMMANDS;
use crate::i18n::Locale;
use crate::message::{Channel, Payload};
use crate::store;
use api::TelegramApi;
use inbound::{Incoming, classify, fetch_file};

/// How long handling may take before the user sees "typing…".
const TYPING_AFTER: Duration = Duration::from_millis(700);

/// Documents downloaded and handled at once; the others wait their turn.
pub const DOWNLOAD_PERMITS: usize = 4;

/// One bot: its API, the engine it feeds, and the bell that wakes its sender.
#[derive(Debug, Clone)]
pub struct Telegram {
    pub api: TelegramApi,
    pub engine: Engine,
    pub bot_id: u64,
    /// Rung after replies were queued, so the sender does not wait for its next poll.
    pub wake: Arc<Notify>,
    /// Rows leased and not yet settled (handed back when the server stops).
    pub leases: Leases,
    /// Bounds the documents held in memory at once ([`DOWNLOAD_PERMITS`]).
    pub downloads: Arc<Semaphore>,
    /// How sending goes (metrics, warn lines, degraded sending in `/readyz`).
    pub send_health: Arc<crate::channel::send_health::SendHealth>,
}

impl Telegram {
    /// A bot over `api` feeding `engine`.
    pub fn new(api: TelegramApi, engine: Engine, bot_id: u64, leases: Leases) -> Telegram {
        Telegram {
            api,
            engine,
            bot_id,
            wake: Arc::new(Notify::new()),
            leases,
            downloads: Arc::new(Semaphore::new(DOWNLOAD_PERMITS)),
            send_health: Arc::new(crate::channel::send_health::SendHealth::new("telegram")),
        }
    }

    /// Handles one update end to end up to the committed outbox rows. An error means nothing
    /// was committed and the update should be delivered again.
    pub async fn handle_update(&self, update: &Update) -> Result<(), store::Error> {
        let Some(mut incoming) = classify(update, self.bot_id) else {
            debug!(update_id = update.id.0, "update ignored");
            return Ok(());
        };
        if incoming.private && incoming.file.is_some() {
            // A document's download and import take a while: say so before starting.
            let _ = self.api.send_typing(&incoming.inbound.chat_id).await;
        }
        let typing = self.typing_later(&incoming);
        // Held from before the download until its bytes are dropped below. The semaphore
        // is never closed, so acquiring only fails if it were: then go without.
        let permit = if incoming.file.is_some() {
            self.downloads.clone().acquire_owned().await.ok()
        } else {
            None
        };
        let max_file_bytes = self.engine.settings().max_file_bytes;
        if let Err(error) = fetch_file(&self.api, &mut incoming, max_file_bytes).await {
            warn!(%error, "could not download a document");
            incoming.inbound.payload = Payload::Unsupported {
                kind: crate::message::UNREADABLE.into(),
            };
        }
        let result = self
            .engine
            .handle_press_into_outbox(&incoming.inbound)
            .await;
        let callback_id = incoming.callback_id.take();
        drop(incoming);
        drop(permit);
        if let Some(typing) = typing {
            typing.abort();
        }
        if let Some(callback_id) = &callback_id {
            // Always answered, even for a duplicate or a failure, so the button stops spinning;
            // a press of someone else's button is refused right there, not in the chat.
            let notice = result.as_ref().ok().and_then(|q| q.notice.as_deref());
            if let Err(error) = self.api.answer_callback_query(callback_id, notice).await {
                debug!(%error, "answerCallbackQuery failed");
            }
        }
        let queued = result?.replies;
        if queued > 0 {
            self.wake.notify_one();
        }
        Ok(())
    }

    /// Shows "typing…" in a private chat if handling takes longer than a moment (a document
    /// has had it shown already).
    fn typing_later(&self, incoming: &Incoming) -> Option<tokio::task::JoinHandle<()>> {
        if !incoming.private || incoming.file.is_some() {
            return None;
        }
        let api = self.api.clone();
        let chat = incoming.inbound.chat_id.clone();
        Some(tokio::spawn(async move {
            tokio::time::sleep(TYPING_AFTER).await;
            let _ = api.send_typing(&chat).await;
        }))
    }

    /// Publishes the command menu in every shipped language, from the router's command list.
    pub async fn publish_commands(&self) -> Result<(), api::ApiError> {
        for &locale in Locale::all() {
            let commands: Vec<(String, String)> = COMMANDS
                .iter()
                .map(|spec| {
                    let (_, description) = spec.shown_on(Channel::Telegram);
                    (spec.name.to_string(), locale.text(description))
                })
                .collect();
            let language = (locale != Locale::EN).then(|| locale.code());
            self.api.set_my_commands(&commands, language).await?;
        }
        Ok(())
    }
}
