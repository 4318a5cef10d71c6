//! The Google worker, started by `chatcrm serve`: every few seconds (and at once when woken
//! after a connect or a disconnect request) it leases the connections that are due — one
//! owner across instances (`SKIP LOCKED` on PostgreSQL) — and for each, outside any
//! transaction:
//! - disconnecting: revokes the grant at Google, then in one transaction deletes the tokens,
//!   the connection and every cached item (`purge`) — also when the revoke failed, and then
//!   the user is told to remove the access in their Google account too (a revoke Google did
//!   not answer — 5xx or no answer — goes to the revocation queue and is tried again);
//! - active: refreshes an expired access token (`invalid_grant` → "reconnect needed", sync
//!   stops, the user is told once), runs the [`SyncStep`]s its scopes allow, and records
//!   the last success or error; the next run is [`SYNC_EVERY`] later, or backs off after
//!   a failure (429/5xx: longer each time, at least what Google's Retry-After said).
//!
//! It also revokes the refresh tokens in the revocation queue (erased accounts', and
//! disconnects Google did not answer). It never calls the model.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use tracing::{debug, info, warn};

use super::oauth::OAuthError;
use super::sync::{SyncContext, SyncError, SyncStep};
use super::{Google, purge, tokens};
use crate::config::Secret;
use crate::message::Reply;
use crate::store::google_connections::{self, Connection, Status};
use crate::store::{self, Store, erasure, outbox, privacy, users};

/// How often an active connection is synced.
pub const SYNC_EVERY: Duration = Duration::from_secs(5 * 60);
/// How often the worker looks for due connections.
pub const POLL: Duration = Duration::from_secs(5);
/// How long a leased connection is the worker's.
const LEASE: Duration = Duration::from_secs(5 * 60);
/// Connections taken per look.
const BATCH: i64 = 10;
/// The first wait after a failure; it doubles per failure in a row up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_secs(60);
const MAX_BACKOFF: Duration = Duration::from_secs(60 * 60);
/// An access token this close to its expiry is refreshed first.
const REFRESH_MARGIN_MILLIS: i64 = 60_000;
/// Revocations of erased accounts are tried this many times.
const REVOKE_ATTEMPTS: i64 = 5;

/// The worker: the store, the Google integration and the sync steps of this build.
#[derive(Clone)]
pub struct Worker {
    store: Store,
    google: Arc<Google>,
    steps: Arc<Vec<Box<dyn SyncStep>>>,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field(
                "steps",
                &self.steps.iter().map(|s| s.name()).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

/// What one connection's run came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ran {
    Synced,
    Failed,
    ReconnectNeeded,
    Disconnected,
    /// Disconnected, but Google did not confirm the revoke.
    DisconnectedRevokeFailed,
}

impl Worker {
    pub fn new(store: Store, google: Arc<Google>, steps: Arc<Vec<Box<dyn SyncStep>>>) -> Worker {
        Worker {
            store,
            google,
            steps,
        }
    }

    /// Runs until `stop` is cancelled: a look every `poll`, and soon after a wake-up.
    pub async fn run(self, poll: Duration, stop: CancellationToken) {
        loop {
            if let Err(error) = self.tick().await {
                warn!(%error, "the Google worker failed; retrying at the next look");
            }
            tokio::select! {
                biased;
                _ = stop.cancelled() => return,
                _ = tokio::time::sleep(poll) => {}
                _ = self.google.woken() => {}
            }
        }
    }

    /// One look: the revocation queue, then every due connection. Returns what each
    /// connection's run came to.
    pub async fn tick(&self) -> store::Result<Vec<Ran>> {
        self.revocations().await?;
        let now = self.store.now_millis();
        let leased =
            google_connections::lease_due(&self.store, now, now + LEASE.as_millis() as i64, BATCH)
                .await?;
        let mut ran = Vec::with_capacity(leased.len());
        for connection in leased {
            let outcome = match connection.status {
                Status::Disconnecting => self.disconnect(&connection).await?,
                Status::Active => self.sync(&connection).await?,
                Status::ReconnectNeeded => continue,
            };
            crate::metrics::google_run(match outcome {
                Ran::Synced => "synced",
                Ran::Failed => "failed",
                Ran::ReconnectNeeded => "reconnect_needed",
                Ran::Disconnected => "disconnected",
                Ran::DisconnectedRevokeFailed => "revoke_failed",
            });
            ran.push(outcome);
        }
        Ok(ran)
    }

    /// Revokes the grant (outside any transaction), then purges in one transaction and
    /// tells the user; the deleted bytes are then scrubbed from the database files.
    async fn disconnect(&self, connection: &Connection) -> store::Result<Ran> {
        let refresh = tokens::refresh_token(&self.google.sealer, connection);
        let revoked = match &refresh {
            Ok(token) => self.google.oauth.revoke(token).await,
            Err(error) => Err(OAuthError::BadAnswer(error.to_string())),
        };
        if let Err(error) = &revoked {
            warn!(connection = connection.id, %error, "revoking the Google grant failed; purging anyway");
        }
        let mut tx = self.store.begin().await?;
        // Google did not answer: the revocation queue tries again (the user is still told
        // to remove the access themselves, as it may not succeed).
        if let (Err(OAuthError::Unavailable(_)), Ok(token)) = (&revoked, &refresh) {
            purge::queue_revocation(&mut tx, &self.google, token).await?;
        }
        purge::connection(&mut tx, connection).await?;
        let (action, key, ran) = match revoked {
            Ok(()) => (
                "google.disconnected",
                "google-disconnected",
                Ran::Disconnected,
            ),
            Err(_) => (
                "google.disconnected.revoke_failed",
                "google-disconnected-revoke-failed",
                Ran::DisconnectedRevokeFailed,
            ),
        };
        audit(&mut tx, connection.user_id, action).await?;
        let locale = locale_of(&mut tx, connection.user_id).await?;
        outbox::enqueue_for_user(&mut tx, connection.user_id, &Reply::text(locale.text(key)))
            .await?;
        tx.commit().await?;
        info!(connection = connection.id, "Google disconnected");
        erasure::vacuum(
            &self.store,
            ["google_connections", "google_oauth_states", "outbox"]
                .into_iter()
                .chain(super::calendar_step::TABLES)
                .chain(super::gmail_sync::TABLES),
        )
        .await?;
        Ok(ran)
    }

    /// Refreshes the access token when needed, runs the steps and records the outcome. A
    /// step whose token Google refuses before its expiry (401: the session ended at Google)
    /// gets a refreshed token and runs once more in the same run.
    async fn sync(&self, connection: &Connection) -> store::Result<Ran> {
        let mut access = match self.fresh_access_token(connection, false).await? {
            Ok(access) => access,
            Err(ran) => return Ok(ran),
        };
        let mut refreshed = false;
        for step in self.steps.iter().filter(|s| s.wanted(connection)) {
            let mut outcome = step.run(&self.context(connection, &access)).await;
            if matches!(outcome, Err(SyncError::Unauthorized)) && !refreshed {
                refreshed = true;
                access = match self.fresh_access_token(connection, true).await? {
                    Ok(access) => access,
                    Err(ran) => return Ok(ran),
                };
                outcome = step.run(&self.context(connection, &access)).await;
            }
            if let Err(error) = outcome {
                debug!(
                    connection = connection.id,
                    step = step.name(),
                    "a sync step failed"
                );
                let retry_after = match &error {
                    SyncError::RateLimited { retry_after } => *retry_after,
                    _ => None,
                };
                let words = format!("{}: {error}", step.name());
                return self.failed(connection, &words, retry_after).await;
            }
        }
        let mut tx = self.store.begin().await?;
        let next = tx.now_millis() + SYNC_EVERY.as_millis() as i64;
        google_connections::record_success(&mut tx, connection.id, next).await?;
        tx.commit().await?;
        Ok(Ran::Synced)
    }

    /// What a step gets to run for `connection` with `access`.
    fn context<'a>(&'a self, connection: &'a Connection, access: &'a Secret) -> SyncContext<'a> {
        SyncContext {
            store: &self.store,
            connection,
            access_token: access,
            api_url: &self.google.api_url,
            http: &self.google.http,
        }
    }

    /// The connection's access token, refreshed first when it is (nearly) expired or
    /// `force`d (Google refused it); or how the run ended when it could not be had.
    async fn fresh_access_token(
        &self,
        connection: &Connection,
        force: bool,
    ) -> store::Result<Result<Secret, Ran>> {
        let now = self.store.now_millis();
        if !force
            && connection.access_expires_at > now + REFRESH_MARGIN_MILLIS
            && let Ok(access) = tokens::access_token(&self.google.sealer, connection)
        {
            return Ok(Ok(access));
        }
        let refreshed = match tokens::refresh_token(&self.google.sealer, connection) {
            Ok(refresh) => self.google.oauth.refresh(&refresh).await,
            // A token that no longer opens (the key was lost) is as good as revoked.
            Err(_) => Err(OAuthError::InvalidGrant),
        };
        match refreshed {
            Ok(granted) => {
                let mut tx = self.store.begin().await?;
                let now = tx.now_millis();
                let expires_in = granted.expires_in.map_or(3600, |d| d.as_secs() as i64);
                let sealed = tokens::seal_connection(
                    &self.google.sealer,
                    connection.id,
                    connection.user_id,
                    "access_token",
                    &granted.access_token,
                );
                google_connections::set_access_token(
                    &mut tx,
                    connection.id,
                    &sealed,
                    now + expires_in * 1000,
                )
                .await?;
                tx.commit().await?;
                Ok(Ok(granted.access_token))
            }
            Err(OAuthError::InvalidGrant) => {
                let mut tx = self.store.begin().await?;
                let words = super::last_error::RECONNECT;
                if google_connections::mark_reconnect_needed(&mut tx, connection.id, words).await? {
                    audit(&mut tx, connection.user_id, "google.reconnect_needed").await?;
                    let locale = locale_of(&mut tx, connection.user_id).await?;
                    let text = locale.text("google-reconnect-needed");
                    outbox::enqueue_for_user(&mut tx, connection.user_id, &Reply::text(text))
                        .await?;
                }
                tx.commit().await?;
                info!(
                    connection = connection.id,
                    "Google connection needs a reconnect"
                );
                Ok(Err(Ran::ReconnectNeeded))
            }
            Err(error) => {
                let words = format!("{}: {error}", super::last_error::REFRESHING);
                self.failed(connection, &words, None).await.map(Err)
            }
        }
    }

    /// Records a failed run and schedules the next one with backoff.
    async fn failed(
        &self,
        connection: &Connection,
        words: &str,
        retry_after: Option<Duration>,
    ) -> store::Result<Ran> {
        let wait = backoff(connection.failures + 1).max(retry_after.unwrap_or_default());
        let mut tx = self.store.begin().await?;
        let next = tx.now_millis() + wait.as_millis() as i64;
        let words: String = words.chars().take(300).collect();
        google_connections::record_failure(&mut tx, connection.id, &words, next).await?;
        tx.commit().await?;
        Ok(Ran::Failed)
    }

    /// Revokes queued refresh tokens (of erased accounts, and of disconnects whose revoke
    /// Google did not answer); a row goes once the revoke was
    /// answered (or after [`REVOKE_ATTEMPTS`] tries of an unavailable Google).
    async fn revocations(&self) -> store::Result<()> {
        let now = self.store.now_millis();
        let due = google_connections::lease_revocations(
            &self.store,
            now,
            now + LEASE.as_millis() as i64,
            BATCH,
        )
        .await?;
        for revocation in due {
            let result = match tokens::open_revocation(&self.google.sealer, &revocation) {
                Ok(token) => self.google.oauth.revoke(&token).await,
                Err(_) => Ok(()),
            };
            let mut tx = self.store.begin().await?;
            match result {
                Err(OAuthError::Unavailable(_)) if revocation.attempts + 1 < REVOKE_ATTEMPTS => {
                    let next =
                        tx.now_millis() + backoff(revocation.attempts + 1).as_millis() as i64;
                    google_connections::retry_revocation(&mut tx, revocation.id, next).await?;
                }
                _ => google_connections::delete_revocation(&mut tx, revocation.id).await?,
            }
            tx.commit().await?;
        }
        Ok(())
    }
}

/// The wait after `failures` failed runs in a row: 1, 2, 4… minutes, at most an hour.
pub fn backoff(failures: i64) -> Duration {
    let doublings = u32::try_from(failures.clamp(1, 16) - 1).unwrap_or(0);
    FIRST_BACKOFF
        .saturating_mul(2u32.saturating_pow(doublings))
        .min(MAX_BACKOFF)
}

async fn audit(tx: &mut store::Tx, user_id: crate::crm::UserId, action: &str) -> store::Result<()> {
    let actor = privacy::pseudonym(tx, user_id).await?;
    let now = tx.now_millis();
    privacy::audit(tx, &actor, action, "google", now).await
}

async fn locale_of(
    tx: &mut store::Tx,
    user_id: crate::crm::UserId,
) -> store::Result<crate::i18n::Locale> {
    Ok(users::locale_and_zone(tx, user_id)
        .await?
        .map_or(crate::i18n::Locale::EN, |(locale, _)| locale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_a_minute_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::from_secs(60));
        assert_eq!(backoff(2), Duration::from_secs(120));
        assert_eq!(backoff(3), Duration::from_secs(240));
        assert_eq!(backoff(7), Duration::from_secs(3600));
        assert_eq!(backoff(1000), Duration::from_secs(3600));
    }
}
