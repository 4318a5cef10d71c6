//! A thin WhatsApp Cloud API (Graph) client over reqwest: sending messages, uploading,
//! deleting and reading media, and errors classified by what the sender should do (back
//! off, stop free-form sends to that user, report an expired token, give up). The access token travels in the
//! `Authorization` header only; no request, URL or header is ever logged or put in an
//! error.

use std::fmt;
use std::time::Duration;

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde::Deserialize;
use serde_json::Value;

use crate::channel::api_client;
use crate::channel::download::{Download, declared_too_large, read_capped};
use crate::config::Secret;

/// A Graph API error, classified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GraphError {
    /// Throughput (130429), pair rate (131056) or another rate limit: back off and retry.
    #[error("throttled ({code}): {message}")]
    Throttled { code: i64, message: String },
    /// 131047: more than 24 hours since the user last wrote; only a template may go out.
    #[error("131047: {0}")]
    OutsideWindow(String),
    /// 190: the access token expired or was revoked.
    #[error("190: access token expired or invalid: {0}")]
    TokenExpired(String),
    /// 5xx, a network error or an unreadable answer: try again later.
    #[error("temporary failure: {0}")]
    Transient(String),
    /// Any other refusal: retrying will not help.
    #[error("{code}: {message}")]
    Permanent { code: i64, message: String },
}

/// Graph's error envelope.
#[derive(Debug, Default, Deserialize)]
struct ErrorEnvelope {
    error: Option<ErrorBody>,
}

#[derive(Debug, Default, Deserialize)]
struct ErrorBody {
    #[serde(default)]
    code: i64,
    #[serde(default)]
    message: String,
    #[serde(default)]
    error_data: Option<ErrorData>,
}

#[derive(Debug, Default, Deserialize)]
struct ErrorData {
    #[serde(default)]
    details: String,
}

/// Classifies a failed answer from its HTTP status and body.
pub fn classify(status: u16, body: &str) -> GraphError {
    let error = serde_json::from_str::<ErrorEnvelope>(body)
        .ok()
        .and_then(|e| e.error);
    let Some(error) = error else {
        return if status >= 500 || status == 429 {
            GraphError::Transient(format!("HTTP {status}"))
        } else {
            GraphError::Permanent {
                code: i64::from(status),
                message: format!("HTTP {status}"),
            }
        };
    };
    let mut message: String = error.message.chars().take(300).collect();
    if let Some(details) = error.error_data.filter(|d| !d.details.is_empty()) {
        message = format!(
            "{message} ({})",
            details.details.chars().take(300).collect::<String>()
        );
    }
    match error.code {
        // Throughput, pair rate, and the app- and account-level rate limits.
        130429 | 131056 | 4 | 80007 => GraphError::Throttled {
            code: error.code,
            message,
        },
        131047 => GraphError::OutsideWindow(message),
        190 => GraphError::TokenExpired(message),
        // "Unknown" and "service unavailable" are Graph's temporary failures.
        1 | 2 => GraphError::Transient(format!("{}: {message}", error.code)),
        _ if status >= 500 || status == 429 => {
            GraphError::Transient(format!("{}: {message}", error.code))
        }
        code => GraphError::Permanent { code, message },
    }
}

/// How long an upload of up to the Cloud API's 100 MB for a document (see
/// [`crate::message::Channel::max_document_bytes`]) may take.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(600);

/// The Graph API at `{graph_url}/{version}` for one phone number.
#[derive(Clone)]
pub struct GraphApi {
    client: reqwest::Client,
    base: String,
    phone_number_id: String,
    token: Secret,
}

impl fmt::Debug for GraphApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GraphApi")
            .field("base", &self.base)
            .field("phone_number_id", &self.phone_number_id)
            .field("token", &self.token)
            .finish()
    }
}

fn transient(error: reqwest::Error) -> GraphError {
    GraphError::Transient(error.without_url().to_string())
}

/// Sends `request`: the JSON of a successful answer; a failed one classified.
async fn json_answer(request: reqwest::RequestBuilder) -> Result<Value, GraphError> {
    let response = request.send().await.map_err(transient)?;
    let status = response.status();
    let text = response.text().await.map_err(transient)?;
    if !status.is_success() {
        return Err(classify(status.as_u16(), &text));
    }
    serde_json::from_str(&text)
        .map_err(|e| GraphError::Transient(format!("unreadable answer: {e}")))
}

impl GraphApi {
    pub fn new(graph_url: &str, version: &str, phone_number_id: &str, token: Secret) -> GraphApi {
        GraphApi {
            client: api_client(),
            base: format!(
                "{}/{}",
                graph_url.trim_end_matches('/'),
                version.trim_matches('/')
            ),
            phone_number_id: phone_number_id.trim().to_string(),
            token,
        }
    }

    /// A `method` call to `url` with the token, taking at most `timeout`.
    fn request(&self, method: Method, url: &str, timeout: Duration) -> reqwest::RequestBuilder {
        self.client
            .request(method, url)
            .bearer_auth(self.token.expose())
            .timeout(timeout)
    }

    /// Sends one message (the JSON of `/messages`); returns its id (the wamid).
    pub async fn send(&self, message: &Value) -> Result<String, GraphError> {
        let url = format!("{}/{}/messages", self.base, self.phone_number_id);
        let request = self.request(Method::POST, &url, Duration::from_secs(30));
        let answer = json_answer(request.json(message)).await?;
        Ok(answer["messages"][0]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// Uploads the file at `path` (streamed from disk) as media of `mime` type; returns the
    /// media id a document message refers to. A missing file is a permanent failure.
    pub async fn upload_media(
        &self,
        path: &std::path::Path,
        file_name: &str,
        mime: &str,
    ) -> Result<String, GraphError> {
        let gone = |e: std::io::Error| GraphError::Permanent {
            code: 0,
            message: format!("the file to send is unreadable: {}", e.kind()),
        };
        let file = tokio::fs::File::open(path).await.map_err(gone)?;
        let length = file.metadata().await.map_err(gone)?.len();
        let stream = tokio_util::io::ReaderStream::new(file);
        let part = Part::stream_with_length(reqwest::Body::wrap_stream(stream), length)
            .file_name(file_name.to_string())
            .mime_str(mime)
            .map_err(transient)?;
        let form = Form::new()
            .text("messaging_product", "whatsapp")
            .text("type", mime.to_string())
            .part("file", part);
        let url = format!("{}/{}/media", self.base, self.phone_number_id);
        let request = self.request(Method::POST, &url, UPLOAD_TIMEOUT);
        let answer = json_answer(request.multipart(form)).await?;
        answer["id"]
            .as_str()
            .filter(|id| !id.is_empty())
            .map(str::to_string)
            .ok_or_else(|| GraphError::Transient("the upload answer has no media id".into()))
    }

    /// Deletes media we uploaded (an export whose message was refused).
    pub async fn delete_media(&self, media_id: &str) -> Result<(), GraphError> {
        self.media_call(Method::DELETE, media_id).await.map(|_| ())
    }

    /// `method` on the media object `media_id` (digits only), read as JSON.
    async fn media_call(&self, method: Method, media_id: &str) -> Result<Value, GraphError> {
        if media_id.is_empty() || !media_id.chars().all(|c| c.is_ascii_digit()) {
            return Err(GraphError::Permanent {
                code: 0,
                message: "not a media id".into(),
            });
        }
        let url = format!("{}/{media_id}", self.base);
        json_answer(self.request(method, &url, Duration::from_secs(20))).await
    }

    /// Downloads a media object sent to us (its short-lived URL first, then the bytes, both
    /// with the token), at most `max` bytes: a larger `file_size` in the lookup refuses it
    /// without downloading, and a body longer than `max` is abandoned while it streams.
    pub async fn download_media(&self, media_id: &str, max: usize) -> Result<Download, GraphError> {
        let media = self.media_call(Method::GET, media_id).await?;
        if declared_too_large(media["file_size"].as_u64(), max) {
            return Ok(Download::TooLarge);
        }
        let url = media["url"].as_str().ok_or_else(|| GraphError::Permanent {
            code: 0,
            message: "the media has no url".into(),
        })?;
        let response = self
            .request(Method::GET, url, Duration::from_secs(120))
            .send()
            .await
            .map_err(transient)?;
        let status = response.status();
        if !status.is_success() {
            return Err(classify(status.as_u16(), ""));
        }
        read_capped(response, max).await.map_err(transient)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_classified_by_code_then_status() {
        let body = |code: i64| {
            format!(r#"{{"error":{{"message":"m","code":{code},"error_data":{{"details":"d"}}}}}}"#)
        };
        assert!(matches!(
            classify(400, &body(130429)),
            GraphError::Throttled { code: 130429, .. }
        ));
        assert!(matches!(
            classify(400, &body(131056)),
            GraphError::Throttled { code: 131056, .. }
        ));
        assert_eq!(
            classify(400, &body(131047)),
            GraphError::OutsideWindow("m (d)".into())
        );
        assert!(matches!(
            classify(401, &body(190)),
            GraphError::TokenExpired(_)
        ));
        assert!(matches!(
            classify(503, &body(131000)),
            GraphError::Transient(_)
        ));
        assert!(matches!(classify(502, "<html>"), GraphError::Transient(_)));
        assert_eq!(
            classify(400, &body(131026)),
            GraphError::Permanent {
                code: 131026,
                message: "m (d)".into()
            }
        );
        assert_eq!(
            classify(404, ""),
            GraphError::Permanent {
                code: 404,
                message: "HTTP 404".into()
            }
        );
    }
}
