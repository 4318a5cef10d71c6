//! The pipeline every channel feeds: dedupe → identity → router → handler, all in one
//! database transaction, returning channel-agnostic replies. A unique-key race (two first
//! messages of a new user at once) or a serialization failure is retried. Every button in
//! the replies is bound to the actor, and a pressed button bound to someone else is refused
//! before it is parsed (see [`crate::router::owner`]). The replies of a command whose
//! registry entry says they carry Google content are marked to be blanked once delivered.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Instant;

use tracing::{Instrument, Span, debug, warn};

use crate::clock::Clock;
use crate::handlers::{Ctx, Settings};
use crate::i18n::Locale;
use crate::message::{Inbound, Payload, Reply};
use crate::metrics;
use crate::privacy::limits::RightsLimits;
use crate::router;
use crate::router::owner::{self, Refusal};
use crate::router::pending_choice::{self, Resolution};
use crate::store::outbox::{self, Destination};
use crate::store::users::Sender;
use crate::store::{self, Store, button_tags, inbound, users};

/// How often one update is attempted when it lost a race with a concurrent one.
const ATTEMPTS: usize = 3;

/// The core of ChatCRM: turns inbound updates into committed effects and replies.
#[derive(Debug, Clone)]
pub struct Engine {
    store: Store,
    settings: Settings,
    limits: Arc<RightsLimits>,
}

impl Engine {
    /// An engine reading "now" from the store's clock.
    pub fn new(store: Store, settings: Settings) -> Self {
        Self {
            limits: Arc::new(RightsLimits::with_clock(store.clock().clone())),
            store,
            settings,
        }
    }

    /// Replaces the handler settings (tests build them from a configuration).
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        self
    }

    /// Uses `clock` for "now" (tests move time with a manual clock): in the handlers, in
    /// everything the store writes and in the rights limits (which start afresh).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.store = self.store.with_clock(clock.clone());
        self.limits = Arc::new(RightsLimits::with_clock(clock));
        self
    }

    /// The bot's own username (without `@`): `/cmd@OtherBot` in groups is ignored and
    /// invites carry a deep link.
    pub fn with_bot_username(mut self, username: impl Into<String>) -> Self {
        self.settings.bot_username = Some(username.into());
        self
    }

    /// Connects Google through `google` (`/connect_google`, the callback, the worker).
    pub fn with_google(mut self, google: Arc<crate::google::Google>) -> Self {
        self.settings.google = Some(google);
        self
    }

    /// The Google integration, when configured.
    pub fn google(&self) -> Option<&Arc<crate::google::Google>> {
        self.settings.google.as_ref()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The handler settings (senders read `export_dir` from them).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn clock(&self) -> &Clock {
        self.store.clock()
    }

    /// Handles one update. A duplicate update id yields no replies and no effect. On a
    /// database error nothing is committed and the error is returned.
    pub async fn handle(&self, update: &Inbound) -> Result<Vec<Reply>, store::Error> {
        self.handle_with(update, Delivery::Return)
            .await
            .map(|handled| handled.replies)
    }

    /// Handles one update and queues its replies in the outbox in the same transaction, so
    /// once this returns the update may be acknowledged to the channel: nothing is lost.
    /// Returns how many replies were queued.
    pub async fn handle_into_outbox(&self, update: &Inbound) -> Result<usize, store::Error> {
        self.handle_with(update, Delivery::Outbox)
            .await
            .map(|handled| handled.replies.len())
    }

    /// As [`Engine::handle_into_outbox`], for a channel that answers a button press itself
    /// (Telegram's callback answer): a press of someone else's button queues nothing and
    /// its short refusal is returned as the notice to answer the press with.
    pub async fn handle_press_into_outbox(&self, update: &Inbound) -> Result<Queued, store::Error> {
        self.handle_with(update, Delivery::OutboxWithNotice)
            .await
            .map(|handled| Queued {
                replies: handled.replies.len(),
                notice: handled.notice,
            })
    }

    async fn handle_with(
        &self,
        update: &Inbound,
        delivery: Delivery,
    ) -> Result<Handled, store::Error> {
        // Control characters (a NUL byte, which PostgreSQL refuses) never go further: cleaned
        // once, before the span and every attempt.
        let update = &*crate::text_input::clean_inbound(update);
        let span = crate::update_span::of(update);
        self.attempts(update, delivery).instrument(span).await
    }

    /// Handles an update, again when it lost a race, up to [`ATTEMPTS`] times.
    async fn attempts(
        &self,
        update: &Inbound,
        delivery: Delivery,
    ) -> Result<Handled, store::Error> {
        let started = Instant::now();
        let channel = update.channel.as_str();
        let mut attempt = 1;
        loop {
            match self.handle_once(update, delivery).await {
                Err(error) if attempt < ATTEMPTS && error.is_retryable() => {
                    debug!(attempt, %error, "retrying an update that lost a race");
                    attempt += 1;
                }
                Err(error) => {
                    metrics::error(channel, "database");
                    return Err(error);
                }
                Ok(handled) => {
                    metrics::update_handled(channel, started.elapsed(), handled.duplicate);
                    return Ok(handled);
                }
            }
        }
    }

    /// As [`Engine::handle`], but a failure becomes a localized apology (and is logged).
    pub async fn handle_or_apologize(&self, update: &Inbound) -> Vec<Reply> {
        match self.handle(update).await {
            Ok(replies) => replies,
            Err(error) => {
                warn!(channel = %update.channel, %error, "update failed; nothing was saved");
                let locale = Locale::from_language_code(update.language.as_deref());
                vec![Reply::text(locale.text("error-internal"))]
            }
        }
    }

    /// One attempt: the replies, and whether the update was a duplicate.
    async fn handle_once(
        &self,
        update: &Inbound,
        delivery: Delivery,
    ) -> Result<Handled, store::Error> {
        let mut tx = self.store.begin().await?;
        if let Some(update_id) = &update.update_id
            && !inbound::claim(&mut tx, update.channel.as_str(), update_id).await?
        {
            debug!(channel = %update.channel, update_id, "duplicate update ignored");
            tx.rollback().await?;
            return Ok(Handled {
                duplicate: true,
                ..Handled::default()
            });
        }
        let sender = Sender {
            channel: update.channel.as_str(),
            external_id: &update.user_id,
            chat_id: &update.chat_id,
            display_name: &update.display_name,
            language: update.language.as_deref(),
        };
        let actor = users::resolve(&mut tx, &sender).await?;
        crate::update_span::record_actor(&Span::current(), actor.user_id, actor.workspace_id);
        let private_chat = update
            .channel
            .is_private_chat(&update.user_id, &update.chat_id);
        let tag = button_tags::tag_of(&mut tx, actor.user_id, actor.button_tag.as_deref()).await?;
        // A typed answer to a pending question becomes a press of that button (checked
        // below like any press); other text is reminded of the question.
        let now = self.store.clock().now();
        let (pending, resolution) = pending_choice::before(
            &mut tx,
            actor.identity_id,
            actor.has_question,
            actor.locale,
            update,
            now.timestamp_millis(),
        )
        .await?;
        let (typed_answer, reminder) = match resolution {
            Resolution::AsIs => (None, None),
            Resolution::Pressed(payload) => (Some(payload), None),
            Resolution::Remind(reply) => (None, Some(reply)),
        };
        let payload = match typed_answer.as_ref().unwrap_or(&update.payload) {
            Payload::Button(data) => match owner::check(data, &tag, private_chat) {
                Ok(own) => Cow::Owned(Payload::Button(own.to_string())),
                Err(refusal) => {
                    let text = actor.locale.text(match refusal {
                        Refusal::NotYours => "button-not-yours",
                        Refusal::Expired => "button-expired",
                    });
                    debug!(channel = %update.channel, ?refusal, "a button press was refused");
                    return self.refuse(tx, update, &actor, delivery, text).await;
                }
            },
            other => Cow::Borrowed(other),
        };
        let (intent, from_user) =
            router::route(update, &payload, self.settings.bot_username.as_deref());
        crate::update_span::record_intent(&Span::current(), &intent);
        let scrub = scrubs_replies(&intent);
        let mut ctx = Ctx {
            tx: &mut tx,
            actor: &actor,
            settings: &self.settings,
            backend: self.store.backend(),
            channel: update.channel,
            now,
            tz: actor.time_zone.parse().unwrap_or(chrono_tz::Tz::UTC),
            chat_id: &update.chat_id,
            private_chat,
            limits: &self.limits,
            erased: false,
            discard: Vec::new(),
            from_user: Some(&from_user),
            ai_request: None,
            wake_google: false,
        };
        let mut replies = match reminder {
            Some(reminder) => vec![reminder],
            None => crate::handlers::first_message::dispatch(&mut ctx, intent).await?,
        };
        owner::stamp_replies(&mut replies, &tag);
        for reply in replies.iter_mut().filter(|_| scrub) {
            reply.scrub_after_send = true;
        }
        // The account was deleted: its farewell is not tied to the deleted identity, and the
        // database files are scrubbed once the deletion is committed.
        let (erased, wake_google) = (ctx.erased, ctx.wake_google);
        let discard = std::mem::take(&mut ctx.discard);
        if !erased {
            let (identity, chat) = (actor.identity_id, update.chat_id.as_str());
            let at = now.timestamp_millis();
            pending_choice::after(&mut tx, identity, chat, pending, &replies, at).await?;
        }
        if delivery != Delivery::Return {
            for (i, reply) in replies.iter().enumerate() {
                let to = Destination {
                    identity_id: (!erased).then_some(actor.identity_id),
                    channel: update.channel,
                    chat_id: &update.chat_id,
                    edit_message_id: update.edit_message.as_deref().filter(|_| i == 0),
                };
                outbox::enqueue(&mut tx, to, reply).await?;
            }
        }
        tx.commit().await?;
        if wake_google && let Some(google) = &self.settings.google {
            google.wake();
        }
        for file in &discard {
            crate::privacy::delivery::discard(&self.settings.export_dir, file);
        }
        if erased {
            crate::privacy::scrub::scrub(&self.store).await?;
        }
        Ok(Handled {
            replies,
            ..Handled::default()
        })
    }

    /// Answers a press of a button that is not the actor's, changing nothing: the message
    /// carrying it is not edited. With a notice the channel answers the press itself.
    async fn refuse(
        &self,
        mut tx: crate::store::Tx,
        update: &Inbound,
        actor: &crate::crm::Actor,
        delivery: Delivery,
        text: String,
    ) -> Result<Handled, store::Error> {
        let handled = match delivery {
            Delivery::OutboxWithNotice => Handled {
                notice: Some(text),
                ..Handled::default()
            },
            Delivery::Return | Delivery::Outbox => Handled {
                replies: vec![Reply::text(text)],
                ..Handled::default()
            },
        };
        if delivery != Delivery::Return {
            for reply in &handled.replies {
                let to = Destination {
                    identity_id: Some(actor.identity_id),
                    channel: update.channel,
                    chat_id: &update.chat_id,
                    edit_message_id: None,
                };
                outbox::enqueue(&mut tx, to, reply).await?;
            }
        }
        tx.commit().await?;
        Ok(handled)
    }
}

/// Whether `intent` is a command whose replies carry Google content (its registry entry
/// says so): they are marked to be blanked in the outbox once delivered.
fn scrubs_replies(intent: &router::Intent) -> bool {
    matches!(intent, router::Intent::Command(line)
        if crate::handlers::commands::lookup(&line.name).is_some_and(|spec| spec.scrub_replies))
}

/// What a channel that answers button presses itself learns from handling one update.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Queued {
    /// How many replies were queued in the outbox.
    pub replies: usize,
    /// The answer to a press of someone else's button, shown by the channel instead of a
    /// message (Telegram: the callback answer's toast).
    pub notice: Option<String>,
}

/// The outcome of one attempt at an update.
#[derive(Debug, Default)]
struct Handled {
    replies: Vec<Reply>,
    notice: Option<String>,
    duplicate: bool,
}

/// Where the replies of an update go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delivery {
    /// Back to the caller (the console, tests).
    Return,
    /// Into the outbox, in the update's transaction (chat channels).
    Outbox,
    /// Into the outbox, but a refused button press is answered by the channel (Telegram).
    OutboxWithNotice,
}
