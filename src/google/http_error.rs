//! What the Google clients (OAuth, Calendar, Gmail) read from a failed call: the words of a
//! call that got no answer, and how long an answer asked us to wait.

use std::time::Duration;

/// What a failed reqwest call is reported as (never its URL, which may carry a token).
pub fn transport(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "timed out".into()
    } else if error.is_connect() {
        "could not connect".into()
    } else {
        "the connection failed".into()
    }
}

/// The answer's `Retry-After` in seconds, if it sent one (the HTTP-date form is not read).
pub fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
}
