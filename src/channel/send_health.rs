//! How sending goes on one channel: every send counted in the metrics (replies sent,
//! failures by reason), the run of consecutive failed sends (a success ends it) that
//! `/readyz` reports as degraded sending, and failures logged at warn at most once a
//! minute per reason (with how many went unlogged since). Refusals that concern one
//! recipient only (a user who blocked the bot, a closed 24-hour window) are counted but do
//! not make the channel degraded.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tracing::warn;

/// Consecutive failed sends from which the channel is reported as degraded.
pub const DEGRADED_AFTER: u64 = 3;
/// At most one warn line per reason in this time.
const LOG_EVERY: Duration = Duration::from_secs(60);
/// Reasons that say something about one recipient, not about the channel.
const RECIPIENT_REASONS: [&str; 2] = ["blocked", "outside_window"];

#[derive(Debug, Default)]
struct State {
    consecutive: u64,
    last_reason: &'static str,
    /// Per reason: when it was last logged and how many failures were not logged since.
    logged: HashMap<&'static str, (Instant, u64)>,
}

/// The sending health of one channel (shared by its sender tasks).
#[derive(Debug)]
pub struct SendHealth {
    channel: &'static str,
    state: Mutex<State>,
}

impl SendHealth {
    pub fn new(channel: &'static str) -> SendHealth {
        SendHealth {
            channel,
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A message went out.
    pub fn sent(&self) {
        crate::metrics::reply_sent(self.channel);
        self.state().consecutive = 0;
    }

    /// A send failed for `reason` (a short label: throttled, transient, refused,
    /// token_expired, blocked, outside_window); `detail` is logged, never a secret.
    pub fn failed(&self, reason: &'static str, detail: &dyn Display) {
        crate::metrics::send_failed(self.channel, reason);
        let now = Instant::now();
        let (log, unlogged, consecutive) = {
            let mut state = self.state();
            if !RECIPIENT_REASONS.contains(&reason) {
                state.consecutive += 1;
                state.last_reason = reason;
            }
            let consecutive = state.consecutive;
            let entry = state.logged.entry(reason).or_insert((now, u64::MAX));
            if entry.1 == u64::MAX || now.duration_since(entry.0) >= LOG_EVERY {
                let unlogged = if entry.1 == u64::MAX { 0 } else { entry.1 };
                *entry = (now, 0);
                (true, unlogged, consecutive)
            } else {
                entry.1 += 1;
                (false, 0, consecutive)
            }
        };
        if log {
            warn!(
                channel = self.channel,
                reason,
                consecutive_failures = consecutive,
                not_logged_since_last = unlogged,
                "a send failed: {detail}"
            );
        }
    }

    /// "whatsapp sending degraded: last 3 sends failed (refused)" while the last
    /// [`DEGRADED_AFTER`] or more sends failed; `None` otherwise.
    pub fn degraded(&self) -> Option<String> {
        let state = self.state();
        (state.consecutive >= DEGRADED_AFTER).then(|| {
            format!(
                "{} sending degraded: last {} sends failed ({})",
                self.channel, state.consecutive, state.last_reason
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degraded_after_consecutive_failures_until_a_success() {
        let health = SendHealth::new("whatsapp");
        health.failed("refused", &"131026");
        health.failed("refused", &"131026");
        assert_eq!(health.degraded(), None);
        health.failed("blocked", &"the user blocked the bot");
        assert_eq!(health.degraded(), None);
        health.failed("transient", &"HTTP 502");
        assert_eq!(
            health.degraded().as_deref(),
            Some("whatsapp sending degraded: last 3 sends failed (transient)")
        );
        health.sent();
        assert_eq!(health.degraded(), None);
    }

    #[test]
    fn a_reason_is_logged_at_most_once_a_minute() {
        let health = SendHealth::new("telegram");
        health.failed("transient", &"HTTP 502");
        health.failed("transient", &"HTTP 502");
        health.failed("transient", &"HTTP 502");
        health.failed("refused", &"400");
        let state = health.state();
        assert_eq!(state.logged["transient"].1, 2, "two were not logged");
        assert_eq!(
            state.logged["refused"].1, 0,
            "another reason has its own minute"
        );
    }
}
