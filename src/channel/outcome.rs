//! What happened to one outbox row a sender tried: the outcomes every channel shares and
//! the channel's own final ones, whether the row is done with, and the retry backoff.

use super::leases::MAX_ATTEMPTS;

/// What happened to one row; `Own` holds the channel's own ways of being done with it.
#[derive(Debug)]
pub enum Outcome<Own> {
    /// Delivered, with the channel's message id when it gives one.
    Sent(Option<String>),
    /// Worth another try at `at`, until [`MAX_ATTEMPTS`].
    Retry { at: i64, error: String },
    /// Not tried now; due again at `at` (no attempt counted).
    Postpone { at: i64 },
    /// Refused for good.
    Failed(String),
    /// The channel's own outcome; always final.
    Own(Own),
}

impl<Own> Outcome<Own> {
    /// Whether the row is done with after this outcome (sent, given up on, or the
    /// channel's own final outcome).
    pub fn is_final(&self, attempts: i64) -> bool {
        match self {
            Outcome::Sent(_) | Outcome::Failed(_) | Outcome::Own(_) => true,
            Outcome::Retry { .. } => attempts + 1 >= MAX_ATTEMPTS,
            Outcome::Postpone { .. } => false,
        }
    }
}

/// 1 s, 2 s, 4 s … up to 256 s (under the 5-minute cap).
pub fn backoff_ms(attempts: i64) -> i64 {
    1000 * (1_i64 << attempts.clamp(0, 8)).min(300)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_outcomes_are_final_and_retries_end_at_the_last_attempt() {
        assert!(Outcome::Own(()).is_final(0));
        assert!(Outcome::<()>::Sent(None).is_final(0));
        assert!(!Outcome::<()>::Postpone { at: 0 }.is_final(MAX_ATTEMPTS));
        let retry = || Outcome::<()>::Retry {
            at: 0,
            error: String::new(),
        };
        assert!(!retry().is_final(MAX_ATTEMPTS - 2));
        assert!(retry().is_final(MAX_ATTEMPTS - 1));
        assert_eq!(backoff_ms(0), 1000);
        assert_eq!(backoff_ms(8), 256_000);
        assert_eq!(backoff_ms(20), 256_000);
    }
}
