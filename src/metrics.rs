//! Operational metrics (the `metrics` facade with a Prometheus recorder): updates in and
//! replies out by channel, send failures and refused or dead-lettered webhook deliveries by
//! channel and reason, errors by kind, handling latency, outbox depth, AI requests by
//! feature and outcome and the tokens they used, Google sync runs and connection health.
//! Names and labels
//! carry no message content and no user ids.

use std::sync::OnceLock;
use std::time::Duration;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Buckets of the handling-latency histogram, in seconds.
const LATENCY_BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 5.0,
];

/// Installs the process-wide recorder once; later calls return the same handle. `None`
/// when another recorder was installed first.
pub fn install() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets_for_metric(
                    metrics_exporter_prometheus::Matcher::Full("chatcrm_update_seconds".into()),
                    &LATENCY_BUCKETS,
                )
                .ok()?
                .install_recorder()
                .ok()
        })
        .as_ref()
}

/// One inbound update handled (or a duplicate dropped) on `channel`.
pub fn update_handled(channel: &'static str, took: Duration, duplicate: bool) {
    metrics::counter!("chatcrm_updates_total", "channel" => channel).increment(1);
    if duplicate {
        metrics::counter!("chatcrm_duplicate_updates_total", "channel" => channel).increment(1);
    }
    metrics::histogram!("chatcrm_update_seconds", "channel" => channel).record(took.as_secs_f64());
}

/// An error of `kind` (database, rate_limited, transient, forbidden, refused, signature…).
pub fn error(channel: &'static str, kind: &'static str) {
    metrics::counter!("chatcrm_errors_total", "channel" => channel, "kind" => kind).increment(1);
}

/// A reply delivered on `channel`.
pub fn reply_sent(channel: &'static str) {
    metrics::counter!("chatcrm_replies_sent_total", "channel" => channel).increment(1);
}

/// The rows waiting in the outbox of `channel`.
pub fn outbox_depth(channel: &'static str, depth: i64) {
    metrics::gauge!("chatcrm_outbox_pending", "channel" => channel).set(depth as f64);
}

/// A send to `channel` that failed, by `reason` (throttled, transient, refused,
/// outside_window, token_expired, blocked…).
pub fn send_failed(channel: &'static str, reason: &'static str) {
    metrics::counter!("chatcrm_send_failures_total", "channel" => channel, "reason" => reason)
        .increment(1);
}

/// A webhook delivery refused before it was read, by `reason` (signature, secret,
/// not_json, not_configured).
pub fn webhook_refused(channel: &'static str, reason: &'static str) {
    metrics::counter!("chatcrm_webhook_refused_total", "channel" => channel, "reason" => reason)
        .increment(1);
}

/// A webhook delivery given up on for good (dead-lettered).
pub fn webhook_dead_letter(channel: &'static str) {
    metrics::counter!("chatcrm_webhook_dead_letters_total", "channel" => channel).increment(1);
}

/// An AI request of `feature` ended with `outcome` (done, timeout, unavailable, consent,
/// budget, user_rate…), using `tokens` as the model server counted them.
pub fn ai_request(feature: &'static str, outcome: &'static str, tokens: u64) {
    metrics::counter!("chatcrm_ai_requests_total", "feature" => feature, "outcome" => outcome)
        .increment(1);
    metrics::counter!("chatcrm_ai_tokens_total", "feature" => feature).increment(tokens);
}

/// One run of the Google worker on a connection, by `outcome` (synced, failed,
/// rate_limited, reconnect_needed, disconnected, revoke_failed).
pub fn google_run(outcome: &'static str) {
    metrics::counter!("chatcrm_google_runs_total", "outcome" => outcome).increment(1);
}

/// Google connections by status, and the age of the oldest last sync of an active one.
pub fn google_health(by_status: &[(&'static str, i64)], oldest_sync_age_secs: Option<i64>) {
    for (status, count) in by_status {
        metrics::gauge!("chatcrm_google_connections", "status" => *status).set(*count as f64);
    }
    metrics::gauge!("chatcrm_google_oldest_sync_age_seconds")
        .set(oldest_sync_age_secs.unwrap_or(0) as f64);
}
