//! The AI worker: leases queued requests ([`super::request::lease`], `SKIP LOCKED` on
//! PostgreSQL), and for each one checks the user's rate limit (governor, per user, in
//! memory), their consent and the workspace's daily token budget, then runs the feature's
//! `prepare` in a short transaction, calls the model OUTSIDE any transaction, and in a new
//! transaction runs `finish`, queues the replies through the outbox to the request's chat,
//! marks the request done and adds the tokens the server reported. A timeout, a failing
//! server or an unreadable answer gets a clear reply, never silence. A request leased by a
//! worker that stopped is taken again when its lease ends, so requests survive restarts.
//!
//! This is the one caller of `Model::complete`, and it calls it only for a
//! [`UserInitiated`] request.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tracing::{debug, warn};

use super::Prepared;
use super::client::Model;
use super::request::{self, UserInitiated};
use super::{Feature, ModelAnswer, ModelCall};
use crate::clock::Clock;
use crate::config::LlmConfig;
use crate::crm::{Actor, UserId};
use crate::engine::Engine;
use crate::handlers::ai::features;
use crate::handlers::{Ctx, Settings};
use crate::message::Reply;
use crate::privacy::limits::RightsLimits;
use crate::router::{owner, pending_choice};
use crate::store::ai_requests::{self, DONE, FAILED, Outcome};
use crate::store::outbox::{self, Destination};
use crate::store::privacy::{self, ConsentKind};
use crate::store::{self, Store, Tx, ai_usage, button_tags, users};
use crate::tr;

/// Requests leased per round (answered concurrently).
const BATCH: i64 = 8;
/// Leases a request may take before it is given up (a worker died on it each time).
const MAX_ATTEMPTS: i64 = 3;
/// How long to wait before a request whose database work failed is taken again.
const RETRY_MS: i64 = 5_000;
/// How often the worker looks for queued requests when nothing woke it.
const POLL: Duration = Duration::from_millis(250);

type PerUser = RateLimiter<UserId, DefaultKeyedStateStore<UserId>, Clock, NoOpMiddleware<Duration>>;

/// The AI worker of one process.
#[derive(Clone)]
pub struct Worker {
    store: Store,
    settings: Settings,
    model: Model,
    limits: Arc<RightsLimits>,
    per_user: Arc<PerUser>,
    lease_ms: i64,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("model", &self.model)
            .finish_non_exhaustive()
    }
}

impl Worker {
    /// The worker over `engine`'s store and settings, or `None` when AI is not configured.
    pub fn new(engine: &Engine, config: &LlmConfig) -> Option<Worker> {
        let model = Model::new(config)?;
        let clock = engine.clock().clone();
        let per_minute =
            NonZeroU32::new(config.requests_per_minute_per_user).unwrap_or(NonZeroU32::MIN);
        let per_user =
            RateLimiter::dashmap_with_clock(Quota::per_minute(per_minute), clock.clone());
        // Long enough for every attempt the client makes and the waits between them.
        let retries = u64::from(config.max_retries);
        let lease_secs =
            config.timeout_secs * (retries + 1) + config.max_retry_wait_secs * retries + 30;
        Some(Worker {
            store: engine.store().clone(),
            settings: engine.settings().clone(),
            model,
            limits: Arc::new(RightsLimits::with_clock(clock)),
            per_user: Arc::new(per_user),
            lease_ms: i64::try_from(lease_secs * 1000).unwrap_or(i64::MAX),
        })
    }

    /// Starts answering requests until `stop` is cancelled (the requests under way are
    /// finished first).
    pub fn spawn(self, stop: CancellationToken) -> JoinHandle<()> {
        tokio::spawn(async move { self.run(stop).await })
    }

    async fn run(self, stop: CancellationToken) {
        while !stop.is_cancelled() {
            let taken = match self.process_due().await {
                Ok(taken) => taken,
                Err(error) => {
                    warn!(%error, "AI requests could not be read; retrying");
                    0
                }
            };
            if taken == 0 {
                tokio::select! {
                    _ = tokio::time::sleep(POLL) => {}
                    _ = stop.cancelled() => {}
                }
            }
        }
    }

    /// Answers the requests due now; returns how many were taken.
    pub async fn process_due(&self) -> store::Result<usize> {
        let now = self.store.now_millis();
        if !ai_requests::any_due(&self.store, now).await? {
            return Ok(0);
        }
        let leased = request::lease(&self.store, now, now + self.lease_ms, BATCH).await?;
        // Users are answered side by side; one user's requests in the order they were sent
        // (so the budget one uses is seen by their next request).
        let mut by_user: Vec<Vec<&UserInitiated>> = Vec::new();
        for request in &leased {
            match by_user
                .iter_mut()
                .find(|group| group[0].user_id() == request.user_id())
            {
                Some(group) => group.push(request),
                None => by_user.push(vec![request]),
            }
        }
        let answers = by_user.into_iter().map(|group| async move {
            for request in group {
                self.answer(request).await;
            }
        });
        futures::future::join_all(answers).await;
        Ok(leased.len())
    }

    /// Answers one request; a database failure hands it back for another attempt.
    pub async fn answer(&self, request: &UserInitiated) {
        if let Err(error) = self.try_answer(request).await {
            warn!(%error, request = request.id(), "an AI request failed; it will be retried");
            let at = self.store.now_millis() + RETRY_MS;
            if let Err(error) = ai_requests::retry_at(&self.store, request.id(), at).await {
                warn!(%error, request = request.id(), "could not hand an AI request back");
            }
        }
    }

    async fn try_answer(&self, request: &UserInitiated) -> store::Result<()> {
        let feature = request.feature();
        let mut tx = self.store.begin().await?;
        let Some(actor) = requester(&mut tx, request).await? else {
            tx.commit().await?;
            return Ok(());
        };
        let refusal = if request.attempts() > MAX_ATTEMPTS {
            Some((
                "attempts",
                tr!(actor.locale, "ai-failed", kind = "unavailable"),
            ))
        } else if self.per_user.check_key(&request.user_id()).is_err() {
            Some(("user_rate", actor.locale.text("ai-too-many")))
        } else if privacy::consent(&mut tx, actor.user_id, ConsentKind::Ai)
            .await?
            .map(|c| c.0)
            != Some(true)
        {
            Some(("consent", actor.locale.text("ai-consent-off")))
        } else if crate::handlers::ai::start::budget_used_up(
            &mut tx,
            actor.workspace_id,
            self.settings.ai.daily_tokens_per_workspace,
        )
        .await?
        {
            Some(("budget", actor.locale.text("ai-budget-exhausted")))
        } else {
            None
        };
        if let Some((kind, text)) = refusal {
            return self
                .deliver(
                    tx,
                    request,
                    &actor,
                    vec![Reply::text(text)],
                    failed(kind),
                    0,
                )
                .await;
        }
        let prepared = {
            let mut ctx = self.ctx(&mut tx, &actor, request);
            features::prepare(&mut ctx, feature, request.input()).await?
        };
        let call = match prepared {
            Prepared::Done(replies) => {
                return self.deliver(tx, request, &actor, replies, done(0), 0).await;
            }
            Prepared::Call(call) => call,
        };
        tx.commit().await?;
        // The model is called with no transaction open.
        let result = self.call_model(request, &call).await;
        let mut tx = self.store.begin().await?;
        let Some(actor) = requester(&mut tx, request).await? else {
            tx.commit().await?;
            return Ok(());
        };
        match result {
            Ok(answer) => {
                let replies = {
                    let mut ctx = self.ctx(&mut tx, &actor, request);
                    features::finish(&mut ctx, feature, request.input(), &answer).await?
                };
                let tokens = answer.total_tokens;
                self.deliver(tx, request, &actor, replies, done(tokens), tokens)
                    .await
            }
            Err(error) => {
                debug!(%error, request = request.id(), "the model gave no answer");
                let kind = error.kind();
                let text = tr!(actor.locale, "ai-failed", kind = kind);
                self.deliver(
                    tx,
                    request,
                    &actor,
                    vec![Reply::text(text)],
                    failed(kind),
                    0,
                )
                .await
            }
        }
    }

    /// The one call of the model, for a request a user started.
    async fn call_model(
        &self,
        request: &UserInitiated,
        call: &ModelCall,
    ) -> Result<ModelAnswer, super::client::ModelError> {
        debug!(request = request.id(), feature = request.feature().as_str(), version = %call.prompt_version, "calling the model");
        self.model.complete(call).await
    }

    /// A handler context for the request: its actor in its workspace, its chat, now. It
    /// carries no `FromUser`, so nothing it runs can record another request.
    fn ctx<'a>(&'a self, tx: &'a mut Tx, actor: &'a Actor, request: &'a UserInitiated) -> Ctx<'a> {
        Ctx {
            tx,
            actor,
            settings: &self.settings,
            backend: self.store.backend(),
            channel: request.channel(),
            now: self.store.clock().now(),
            tz: actor.time_zone.parse().unwrap_or(chrono_tz::Tz::UTC),
            chat_id: request.chat_id(),
            // Whether the chat was private is not recorded: treated as shared, the safe side.
            private_chat: false,
            limits: &self.limits,
            erased: false,
            discard: Vec::new(),
            from_user: None,
            ai_request: Some(request.id()),
            wake_google: false,
        }
    }

    /// Finishes the request and queues `replies` (bound to the user, their questions
    /// pending for typed answers) in one transaction, with the tokens it used.
    async fn deliver(
        &self,
        mut tx: Tx,
        request: &UserInitiated,
        actor: &Actor,
        mut replies: Vec<Reply>,
        outcome: Outcome,
        tokens: u64,
    ) -> store::Result<()> {
        if !finish(&mut tx, request, outcome).await? {
            // Another worker answered it after this one's lease ran out.
            tx.rollback().await?;
            return Ok(());
        }
        let tag = button_tags::tag_of(&mut tx, actor.user_id, actor.button_tag.as_deref()).await?;
        owner::stamp_replies(&mut replies, &tag);
        let now = tx.now_millis();
        let pending = pending_choice::Pending::default();
        pending_choice::after(
            &mut tx,
            actor.identity_id,
            request.chat_id(),
            pending,
            &replies,
            now,
        )
        .await?;
        for reply in &replies {
            let to = Destination {
                identity_id: Some(request.identity_id()),
                channel: request.channel(),
                chat_id: request.chat_id(),
                edit_message_id: None,
            };
            outbox::enqueue(&mut tx, to, reply).await?;
        }
        if tokens > 0 {
            let today = ai_usage::day_of(now);
            ai_usage::add(&mut tx, request.workspace_id(), &today, tokens).await?;
        }
        tx.commit().await?;
        metrics(request.feature(), outcome.label(), tokens);
        Ok(())
    }
}

async fn finish(tx: &mut Tx, request: &UserInitiated, outcome: Outcome) -> store::Result<bool> {
    ai_requests::finish(tx, request.id(), outcome).await
}

fn done(tokens: u64) -> Outcome {
    Outcome {
        status: DONE,
        tokens,
        error_kind: None,
    }
}

fn failed(kind: &'static str) -> Outcome {
    Outcome {
        status: FAILED,
        tokens: 0,
        error_kind: Some(kind),
    }
}

fn metrics(feature: Feature, outcome: &'static str, tokens: u64) {
    crate::metrics::ai_request(feature.as_str(), outcome, tokens);
}

/// Who asked, as they are now (read again after the model call); when the identity or the
/// membership is gone there is nobody to answer, and the request ends as "gone".
async fn requester(tx: &mut Tx, request: &UserInitiated) -> store::Result<Option<Actor>> {
    let actor = users::actor_in(tx, request.identity_id(), request.workspace_id()).await?;
    if actor.is_none() {
        finish(tx, request, failed("gone")).await?;
        metrics(request.feature(), "gone", 0);
    }
    Ok(actor)
}
