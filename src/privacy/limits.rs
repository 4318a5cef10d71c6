//! In-process rate limits (governor) on the rights commands that cost the whole database.
//! Deleting an account ends with a WAL checkpoint (SQLite) or a VACUUM of every table that
//! held personal data (PostgreSQL), and the next message from the same chat is a new
//! account that could be deleted again at once; so deletions are limited per chat, not per
//! user. The limiter lives in memory: it restarts empty and each instance keeps its own.
//! A deletion that is retried after a lost database race takes a second token. The daily
//! export quota is counted from the audit log instead
//! (`handlers::privacy::export`), which survives restarts and holds across instances.
//! The limiter reads the application's [`Clock`], so a test that moves time moves it too.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use crate::clock::Clock;
use crate::message::Channel;

/// The application's clock as governor's time source: the time since the Unix epoch.
impl governor::clock::Clock for Clock {
    type Instant = Duration;

    fn now(&self) -> Duration {
        Duration::from_millis(u64::try_from(self.now_millis()).unwrap_or(0))
    }
}

type Deletions = RateLimiter<
    (Channel, String),
    DefaultKeyedStateStore<(Channel, String)>,
    Clock,
    NoOpMiddleware<Duration>,
>;

/// Account deletions one chat may confirm in an hour.
pub const DELETIONS_PER_HOUR: u32 = 2;

/// The limiters, shared by every update an engine handles.
pub struct RightsLimits {
    deletions: Deletions,
    clock: Clock,
}

impl Default for RightsLimits {
    fn default() -> Self {
        RightsLimits::with_clock(Clock::system())
    }
}

impl RightsLimits {
    /// Limits whose hours pass on `clock`.
    pub fn with_clock(clock: Clock) -> Self {
        // A burst of DELETIONS_PER_HOUR, then one more an hour later: never more than that
        // many in any hour (Quota::per_hour would refill one every 60/N minutes).
        let burst = NonZeroU32::new(DELETIONS_PER_HOUR).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(Duration::from_secs(3600))
            .unwrap_or(Quota::per_hour(NonZeroU32::MIN))
            .allow_burst(burst);
        RightsLimits {
            deletions: RateLimiter::new(quota, DefaultKeyedStateStore::default(), clock.clone()),
            clock,
        }
    }
}

impl std::fmt::Debug for RightsLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RightsLimits")
    }
}

impl RightsLimits {
    /// Takes one account deletion for `chat` on `channel`: `Ok` when allowed, else how long
    /// until the next one is.
    pub fn take_deletion(&self, channel: Channel, chat: &str) -> Result<(), Duration> {
        let now = governor::clock::Clock::now(&self.clock);
        self.deletions
            .check_key(&(channel, chat.to_string()))
            .map_err(|not_until| not_until.wait_time_from(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_chat_gets_its_own_deletions() {
        let limits = RightsLimits::default();
        for _ in 0..DELETIONS_PER_HOUR {
            assert!(limits.take_deletion(Channel::Telegram, "42").is_ok());
        }
        let wait = limits
            .take_deletion(Channel::Telegram, "42")
            .expect_err("the third deletion within the hour");
        assert!(
            wait > Duration::from_secs(3590) && wait <= Duration::from_secs(3600),
            "{wait:?}"
        );
        assert!(limits.take_deletion(Channel::Telegram, "43").is_ok());
        assert!(limits.take_deletion(Channel::WhatsApp, "42").is_ok());
    }
}
