//! `POST /webhooks/telegram`: one update per delivery. The secret header is compared in
//! constant time (401 and no effect when missing or wrong; refusals are counted by reason); the update is committed with
//! its replies queued before the 200, so an acknowledged update is never lost. A body that
//! is not an update is answered 200 (Telegram would otherwise retry it forever) and logged.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use subtle::ConstantTimeEq;
use teloxide_core::types::Update;
use tracing::warn;

use super::HttpState;
use crate::metrics;

/// The header Telegram puts the webhook secret in.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

pub async fn receive(
    State(state): State<Arc<HttpState>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let Some(telegram) = &state.telegram else {
        metrics::webhook_refused("telegram", "not_configured");
        return StatusCode::NOT_FOUND;
    };
    let expected = state.telegram_secret.expose().as_bytes();
    let given = headers
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if expected.is_empty() || !bool::from(given.ct_eq(expected)) {
        metrics::webhook_refused("telegram", "secret");
        return StatusCode::UNAUTHORIZED;
    }
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(error) => {
            metrics::webhook_refused("telegram", "not_json");
            warn!(%error, bytes = body.len(), "a Telegram webhook body is not an update; ignored");
            return StatusCode::OK;
        }
    };
    match telegram.handle_update(&update).await {
        Ok(()) => StatusCode::OK,
        Err(error) => {
            warn!(%error, "a Telegram update failed; Telegram will deliver it again");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
