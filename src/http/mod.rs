//! The HTTP endpoint (axum, one port): health and readiness, the Telegram webhook and the
//! WhatsApp webhook.

mod telegram_webhook;
mod whatsapp_webhook;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use tokio::net::TcpListener;

use crate::channel::telegram::Telegram;
use crate::channel::whatsapp::WhatsApp;
use crate::config::Secret;
use crate::engine::Engine;

/// What the handlers share.
#[derive(Debug, Clone)]
pub struct HttpState {
    pub engine: Engine,
    pub telegram: Option<Telegram>,
    pub telegram_secret: Secret,
    pub whatsapp: Option<WhatsApp>,
}

/// The routes of the endpoint.
pub fn router(state: HttpState) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
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

/// Ready when the database answers and no channel has lost its credentials.
async fn readyz(State(state): State<Arc<HttpState>>) -> (StatusCode, &'static str) {
    if state.whatsapp.as_ref().is_some_and(WhatsApp::token_expired) {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "whatsapp access token expired",
        );
    }
    match sqlx::query("SELECT 1")
        .execute(state.engine.store().pool())
        .await
    {
        Ok(_) => (StatusCode::OK, "ready"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unreachable"),
    }
}
