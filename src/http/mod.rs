//! The HTTP endpoint (axum, one port): health and readiness, Prometheus metrics, the admin
//! API, the Telegram and WhatsApp webhooks, and the Google OAuth callback.

mod admin;
mod exports;
mod google_callback;
mod params;
mod telegram_webhook;
mod whatsapp_webhook;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use tokio::net::TcpListener;

use crate::channel::telegram::Telegram;
use crate::channel::whatsapp::CHANNEL;
use crate::channel::whatsapp::WhatsApp;
use crate::config::Secret;
use crate::engine::Engine;
use crate::message::Channel;
use crate::store::google_connections::{self, Status};
use crate::store::{outbox, webhook_inbox};

/// What the handlers share.
#[derive(Debug, Clone)]
pub struct HttpState {
    pub engine: Engine,
    pub telegram: Option<Telegram>,
    pub telegram_secret: Secret,
    /// Bearer token of the admin API; empty disables it.
    pub admin_token: Secret,
    /// Where export files wait for their one-time download.
    pub export_dir: std::path::PathBuf,
    pub whatsapp: Option<WhatsApp>,
}

/// The routes of the endpoint.
pub fn router(state: HttpState) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_text))
        .route("/admin/workspaces", get(admin::workspaces))
        .route("/admin/usage", get(admin::usage))
        .route("/admin/users", get(admin::user))
        .route("/admin/audit", get(admin::audit_log))
        .route("/exports/{token}", get(exports::download))
        .route("/oauth/google/callback", get(google_callback::callback))
        .route("/admin/users/{id}/delete", post(admin::delete_user))
        .route("/admin/users/{id}/export", get(admin::export_user))
        .route("/webhooks/telegram", post(telegram_webhook::receive))
        .route(
            "/webhooks/whatsapp",
            get(whatsapp_webhook::verify)
                .post(whatsapp_webhook::receive)
                .layer(DefaultBodyLimit::max(whatsapp_webhook::MAX_BODY_BYTES)),
        )
        .with_state(Arc::new(state))
}

/// Serves `router` on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    state: HttpState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Ready when the database answers, every shipped migration is applied, a chat channel is
/// configured and none has lost its credentials; the body says what is wrong otherwise.
/// Sending that keeps failing (Meta or Telegram down) and dead-lettered deliveries are
/// said in the body of a 200: a load balancer must not pull an instance for an outage
/// every instance shares.
async fn readyz(State(state): State<Arc<HttpState>>) -> (StatusCode, String) {
    if state.whatsapp.as_ref().is_some_and(WhatsApp::token_expired) {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "whatsapp access token expired".into(),
        );
    }
    let store = state.engine.store();
    if sqlx::query("SELECT 1").execute(store.pool()).await.is_err() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "database unreachable".into(),
        );
    }
    match store.migration_status().await {
        Ok((shipped, applied)) if applied >= shipped => {}
        Ok((shipped, applied)) => {
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                format!("migrations: {applied} of {shipped} applied"),
            );
        }
        Err(_) => {
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                "migrations unreadable".into(),
            );
        }
    }
    if state.telegram.is_none() && state.whatsapp.is_none() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "no chat channel configured".into(),
        );
    }
    let mut body = String::from("ready");
    let degraded = [
        state.telegram.as_ref().map(|t| &t.send_health),
        state.whatsapp.as_ref().map(|w| &w.send_health),
    ];
    for note in degraded.into_iter().flatten().filter_map(|h| h.degraded()) {
        body.push_str("; ");
        body.push_str(&note);
    }
    if let Some(note) = google_note(&state).await {
        body.push_str("; ");
        body.push_str(&note);
    }
    let hour_ago = store.now_millis() - 3_600_000;
    if state.whatsapp.is_some()
        && let Ok(dead) = webhook_inbox::dead_letters_since(store, CHANNEL, hour_ago).await
        && dead > 0
    {
        let deliveries = if dead == 1 { "delivery" } else { "deliveries" };
        body.push_str(&format!(
            "; {dead} whatsapp {deliveries} dead-lettered in the last hour"
        ));
    }
    (StatusCode::OK, body)
}

/// Prometheus text: counters and histograms, plus the outbox depth read now.
async fn metrics_text(
    State(state): State<Arc<HttpState>>,
) -> (StatusCode, [(&'static str, &'static str); 1], String) {
    let content_type = [("content-type", "text/plain; version=0.0.4")];
    let Some(handle) = crate::metrics::install() else {
        return (StatusCode::SERVICE_UNAVAILABLE, content_type, String::new());
    };
    if state.engine.google().is_some()
        && let Ok(health) = google_connections::health(state.engine.store()).await
    {
        let now = state.engine.store().now_millis();
        let by_status: Vec<(&'static str, i64)> = [
            Status::Active,
            Status::ReconnectNeeded,
            Status::Disconnecting,
        ]
        .into_iter()
        .map(|status| {
            let count = health
                .by_status
                .iter()
                .find(|(name, _)| name == status.as_str())
                .map_or(0, |(_, n)| *n);
            (status.as_str(), count)
        })
        .collect();
        let age = health.oldest_sync_at.map(|at| (now - at).max(0) / 1000);
        crate::metrics::google_health(&by_status, age);
    }
    for channel in [Channel::Telegram, Channel::WhatsApp, Channel::Console] {
        if let Ok(depth) = outbox::depth(state.engine.store().pool(), channel.as_str()).await {
            crate::metrics::outbox_depth(channel.as_str(), depth);
        }
    }
    (StatusCode::OK, content_type, handle.render())
}

/// Google sync health for /readyz (said in the body of a 200, like a channel outage):
/// connections that need a reconnect, and active ones whose last success is older than
/// [`STALE_SYNC_MILLIS`] or whose last run failed. `None` when all is well or Google is off.
async fn google_note(state: &HttpState) -> Option<String> {
    state.engine.google()?;
    let store = state.engine.store();
    let health = google_connections::health(store).await.ok()?;
    let count = |status: Status| {
        health
            .by_status
            .iter()
            .find(|(name, _)| name == status.as_str())
            .map_or(0, |(_, n)| *n)
    };
    let mut notes = Vec::new();
    let reconnect = count(Status::ReconnectNeeded);
    if reconnect > 0 {
        notes.push(format!(
            "google: {reconnect} connection(s) need a reconnect"
        ));
    }
    if health.failing > 0 {
        notes.push(format!(
            "google: {} connection(s) failing to sync",
            health.failing
        ));
    }
    let now = store.now_millis();
    if let Some(oldest) = health.oldest_sync_at
        && now - oldest > STALE_SYNC_MILLIS
    {
        notes.push(format!(
            "google: oldest sync {} minutes ago",
            (now - oldest) / 60_000
        ));
    }
    (!notes.is_empty()).then(|| notes.join("; "))
}

/// An active connection not synced for this long is reported stale (30 minutes: six
/// missed runs).
const STALE_SYNC_MILLIS: i64 = 30 * 60 * 1000;
