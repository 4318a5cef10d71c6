//! `GET /webhooks/whatsapp`: Meta's verification handshake (the verify token compared in
//! constant time; 200 with the challenge, else 403). `POST /webhooks/whatsapp`: a delivery,
//! accepted only with a valid `X-Hub-Signature-256` over the raw body (401 and no effect
//! otherwise; over 3 MiB is 413; each refusal is counted by reason). A valid delivery is
//! recorded in the durable inbox before the 200, then processed by a task of its own right
//! away (or by the inbox worker, when an earlier delivery of the same sender is still
//! waiting: one sender's messages are handled in the order they were sent), so an
//! acknowledged delivery is never lost. A signed body that is not JSON is answered 200
//! (Meta would otherwise retry it for days) and logged.
use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;
use tracing::warn;

use super::HttpState;
use crate::channel::whatsapp::inbound::sender_order;
use crate::channel::whatsapp::signature::{SIGNATURE_HEADER, is_valid};
use crate::channel::whatsapp::{CHANNEL, inbox};
use crate::metrics;
use crate::store::webhook_inbox;

/// The largest delivery accepted.
pub const MAX_BODY_BYTES: usize = 3 * 1024 * 1024;

pub async fn verify(
    State(state): State<Arc<HttpState>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let Some(whatsapp) = &state.whatsapp else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let expected = whatsapp.verify_token.expose().as_bytes();
    let given = params
        .get("hub.verify_token")
        .map_or(&[][..], |t| t.as_bytes());
    let subscribe = params.get("hub.mode").map(String::as_str) == Some("subscribe");
    if !subscribe || expected.is_empty() || !bool::from(given.ct_eq(expected)) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let challenge = params.get("hub.challenge").cloned().unwrap_or_default();
    (StatusCode::OK, challenge).into_response()
}

pub async fn receive(
    State(state): State<Arc<HttpState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> StatusCode {
    let Some(whatsapp) = &state.whatsapp else {
        metrics::webhook_refused(CHANNEL, "not_configured");
        return StatusCode::NOT_FOUND;
    };
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            metrics::webhook_refused(CHANNEL, "too_large");
            return rejection.status();
        }
    };
    let signature = headers.get(SIGNATURE_HEADER).map(|v| v.as_bytes());
    if !is_valid(whatsapp.app_secret.expose().as_bytes(), &body, signature) {
        metrics::webhook_refused(CHANNEL, "signature");
        return StatusCode::UNAUTHORIZED;
    }
    let text = match std::str::from_utf8(&body) {
        Ok(text) if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() => text,
        _ => {
            metrics::webhook_refused(CHANNEL, "not_json");
            warn!(
                bytes = body.len(),
                "a signed WhatsApp delivery is not JSON; ignored"
            );
            return StatusCode::OK;
        }
    };
    let now = whatsapp.engine.store().now_millis();
    // With a free processing slot this request's task processes the delivery right after
    // recording it (leased, so the worker leaves it alone) — unless an earlier delivery of
    // the same sender is still waiting or being processed: then the worker takes it in turn.
    let permit = whatsapp.processing.clone().try_acquire_owned().ok();
    let claim_until = permit.as_ref().map(|_| now + inbox::LEASE_MS);
    let order = sender_order(text);
    let store = whatsapp.engine.store();
    let recorded =
        webhook_inbox::record(store, CHANNEL, order.as_ref(), text, now, claim_until).await;
    let (id, claimed) = match recorded {
        Ok(recorded) => recorded,
        Err(error) => {
            warn!(%error, "a WhatsApp delivery could not be recorded; Meta will deliver it again");
            return StatusCode::INTERNAL_SERVER_ERROR;
        }
    };
    match permit {
        Some(permit) if claimed => {
            let whatsapp = whatsapp.clone();
            let text = text.to_string();
            tokio::spawn(async move {
                inbox::process_row(&whatsapp, id, &text, 0).await;
                drop(permit);
            });
        }
        _ => whatsapp.inbox_wake.notify_one(),
    }
    StatusCode::OK
}
