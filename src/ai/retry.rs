//! Retrying a call to the model: a 429, a 5xx or a refused connection is tried again up to
//! `max_retries` times, waiting what the server asks (`Retry-After` seconds or
//! `retry-after-ms`) or a short doubling backoff — but never longer than `max_wait`: a
//! server that asks for more is not waited for, so a request gets its answer (or its
//! failure) within seconds, never after a 15-minute backoff loop. async-openai's own retry
//! layer waits whatever `Retry-After` says; this service replaces it.

use std::time::Duration;

use async_openai::error::OpenAIError;
use async_openai::middleware::{HttpRequestFactory, ReqwestService};
use reqwest013::Response;
use reqwest013::header::HeaderMap;
use tower::Service;

/// How a call is retried.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub max_retries: u32,
    pub max_wait: Duration,
}

impl RetryPolicy {
    /// The wait before retry number `attempt` (0-based) when the server names none.
    fn backoff(&self, attempt: u32) -> Duration {
        Duration::from_millis(500)
            .saturating_mul(2_u32.saturating_pow(attempt))
            .min(self.max_wait)
    }

    /// Whether to retry after `result`, and how long to wait first.
    fn wait_after(&self, result: &Result<Response, OpenAIError>, attempt: u32) -> Option<Duration> {
        if attempt >= self.max_retries {
            return None;
        }
        let wait = match result {
            Ok(response) => {
                let status = response.status();
                if status.as_u16() != 429 && !status.is_server_error() {
                    return None;
                }
                retry_after(response.headers()).unwrap_or_else(|| self.backoff(attempt))
            }
            Err(OpenAIError::Reqwest(error)) if error.is_connect() => self.backoff(attempt),
            Err(_) => return None,
        };
        (wait <= self.max_wait).then_some(wait)
    }
}

/// The time a response asks the client to wait: `retry-after-ms`, else `Retry-After` in
/// seconds (an HTTP date is not honoured: the backoff applies).
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(ms) = header("retry-after-ms").and_then(|v| v.trim().parse::<f64>().ok()) {
        return (ms.is_finite() && ms >= 0.0).then(|| Duration::from_millis(ms as u64));
    }
    header("retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
}

/// A tower service sending through `http`, retrying as `policy` says.
pub fn service(
    http: reqwest013::Client,
    policy: RetryPolicy,
) -> impl Service<
    HttpRequestFactory,
    Response = Response,
    Error = OpenAIError,
    Future = impl Future<Output = Result<Response, OpenAIError>> + Send + 'static,
> + Clone
+ Send
+ Sync
+ 'static {
    let inner = ReqwestService::new(http);
    tower::service_fn(move |request: HttpRequestFactory| {
        let mut inner = inner.clone();
        async move {
            let mut attempt = 0;
            loop {
                let result = inner.call(request.clone()).await;
                match policy.wait_after(&result, attempt) {
                    Some(wait) => {
                        tracing::debug!(
                            attempt,
                            wait_ms = wait.as_millis() as u64,
                            "model call retried"
                        );
                        tokio::time::sleep(wait).await;
                        attempt += 1;
                    }
                    None => return result,
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest013::header::HeaderValue;

    #[test]
    fn retry_after_reads_milliseconds_then_seconds() {
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert("retry-after", HeaderValue::from_static("3"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
        headers.insert("retry-after-ms", HeaderValue::from_static("250"));
        assert_eq!(retry_after(&headers), Some(Duration::from_millis(250)));
        let mut date = HeaderMap::new();
        date.insert(
            "retry-after",
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&date), None);
    }

    #[test]
    fn the_backoff_doubles_and_stops_at_the_cap() {
        let policy = RetryPolicy {
            max_retries: 5,
            max_wait: Duration::from_secs(3),
        };
        assert_eq!(policy.backoff(0), Duration::from_millis(500));
        assert_eq!(policy.backoff(1), Duration::from_secs(1));
        assert_eq!(policy.backoff(3), Duration::from_secs(3));
        assert_eq!(policy.backoff(30), Duration::from_secs(3));
    }
}
