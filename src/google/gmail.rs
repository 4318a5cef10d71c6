//! A small read-only Gmail client over our reqwest (`[google] api_url` + `/gmail/v1/…`):
//! the ids of the messages a search finds (`messages.list` with `q`), one message's
//! metadata (`messages.get?format=metadata`: From, To, Cc, Subject, Date, the snippet, its
//! thread and history id) and what changed since a history id (`history.list`: messages
//! added and deleted). Errors are classified for the worker's backoff: 429/5xx retryable,
//! 401 (refresh), 404 (a history id too old: sync the window in full again). Nothing here
//! logs, and no error holds a token, an address or a message's text.

use std::time::Duration;

use serde::Deserialize;

use super::http_error::{retry_after, transport};
use crate::config::Secret;

/// The window a full sync reads (`newer_than:`), in days.
pub const WINDOW_DAYS: u32 = 90;
/// Addresses per search query (Gmail caps the length of `q`).
pub const ADDRESSES_PER_QUERY: usize = 20;
/// Messages a search returns at most (one page of `messages.list`).
pub const MAX_RESULTS: u32 = 100;

/// Why a Gmail call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GmailError {
    /// 429 or a rate-limit reason: back off (at least `retry_after` when Google said).
    #[error("Gmail asks to slow down (rate limited)")]
    RateLimited { retry_after: Option<Duration> },
    /// 5xx or no answer at all.
    #[error("Gmail is unavailable: {0}")]
    Unavailable(String),
    /// 401: the access token was not accepted.
    #[error("Gmail did not accept the access token")]
    Unauthorized,
    /// 404: the history id is too old (or the message is gone).
    #[error("Gmail does not know this item (404)")]
    NotFound,
    /// Any other refusal or an unreadable answer.
    #[error("Gmail refused: {0}")]
    Failed(String),
}

impl GmailError {
    fn from_response(status: u16, retry_after: Option<Duration>, body: &str) -> GmailError {
        let rate_reason =
            body.contains("rateLimitExceeded") || body.contains("userRateLimitExceeded");
        match status {
            429 => GmailError::RateLimited { retry_after },
            403 if rate_reason => GmailError::RateLimited { retry_after },
            401 => GmailError::Unauthorized,
            404 => GmailError::NotFound,
            500..=599 => GmailError::Unavailable(format!("HTTP {status}")),
            _ => GmailError::Failed(format!("HTTP {status}")),
        }
    }
}

/// A message a search or the history named.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageRef {
    pub id: String,
    pub thread_id: String,
}

/// One message's metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    pub thread_id: String,
    pub history_id: u64,
    /// When Gmail received it, in milliseconds since the epoch.
    pub sent_at: i64,
    pub subject: String,
    /// Every address of From, To and Cc, lower-cased, each once, in header order.
    pub participants: Vec<String>,
    pub snippet: String,
}

/// What changed since a history id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<MessageRef>,
    pub deleted: Vec<MessageRef>,
    /// The history id to start from next time.
    pub history_id: Option<u64>,
}

/// Gmail for one access token.
pub struct Gmail<'a> {
    http: &'a reqwest::Client,
    base: String,
    token: &'a Secret,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListPage {
    #[serde(default)]
    messages: Vec<MessageRef>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMessage {
    id: String,
    thread_id: String,
    #[serde(default)]
    history_id: Option<String>,
    #[serde(default)]
    internal_date: Option<String>,
    #[serde(default)]
    snippet: String,
    #[serde(default)]
    payload: Option<Payload>,
}

#[derive(Deserialize)]
struct Payload {
    #[serde(default)]
    headers: Vec<Header>,
}

#[derive(Deserialize)]
struct Header {
    name: String,
    value: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HistoryPage {
    #[serde(default)]
    history: Vec<HistoryEntry>,
    #[serde(default)]
    history_id: Option<String>,
    #[serde(default)]
    next_page_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HistoryEntry {
    #[serde(default)]
    messages_added: Vec<Wrapped>,
    #[serde(default)]
    messages_deleted: Vec<Wrapped>,
}

#[derive(Deserialize)]
struct Wrapped {
    message: MessageRef,
}

/// History pages read per sync at most (then the rest waits for the next run).
const MAX_HISTORY_PAGES: usize = 20;

impl<'a> Gmail<'a> {
    /// Gmail at `api_url` (`[google] api_url`, without a trailing slash) for `token`.
    pub fn new(http: &'a reqwest::Client, api_url: &str, token: &'a Secret) -> Gmail<'a> {
        Gmail {
            http,
            base: format!("{}/gmail/v1/users/me", api_url.trim_end_matches('/')),
            token,
        }
    }

    async fn get<T: for<'de> Deserialize<'de>>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, GmailError> {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .query(query)
            .bearer_auth(self.token.expose())
            .send()
            .await
            .map_err(|e| GmailError::Unavailable(transport(&e)))?;
        let status = response.status().as_u16();
        if !response.status().is_success() {
            let retry_after = retry_after(&response);
            let body = response.text().await.unwrap_or_default();
            return Err(GmailError::from_response(status, retry_after, &body));
        }
        response
            .json()
            .await
            .map_err(|_| GmailError::Failed("an unreadable answer".into()))
    }

    /// The messages of the last [`WINDOW_DAYS`] days from, to or copied to any of
    /// `addresses` (one query per [`ADDRESSES_PER_QUERY`] addresses), each once.
    pub async fn search(&self, addresses: &[String]) -> Result<Vec<MessageRef>, GmailError> {
        let mut found: Vec<MessageRef> = Vec::new();
        let max = MAX_RESULTS.to_string();
        for chunk in addresses.chunks(ADDRESSES_PER_QUERY) {
            let q = query(chunk);
            let page: ListPage = self
                .get("/messages", &[("q", q.as_str()), ("maxResults", &max)])
                .await?;
            for message in page.messages {
                if !found.iter().any(|m| m.id == message.id) {
                    found.push(message);
                }
            }
        }
        Ok(found)
    }

    /// A message's metadata; `None` when it is gone (404).
    pub async fn message(&self, id: &str) -> Result<Option<Message>, GmailError> {
        let path = format!("/messages/{}", url_segment(id));
        let query = [
            ("format", "metadata"),
            ("metadataHeaders", "From"),
            ("metadataHeaders", "To"),
            ("metadataHeaders", "Cc"),
            ("metadataHeaders", "Subject"),
            ("metadataHeaders", "Date"),
        ];
        match self.get::<RawMessage>(&path, &query).await {
            Ok(raw) => Ok(Some(message(raw))),
            Err(GmailError::NotFound) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// What was added and deleted since `start` (every page, up to a cap). A history id
    /// Gmail no longer keeps is [`GmailError::NotFound`].
    pub async fn history(&self, start: u64) -> Result<Changes, GmailError> {
        let start = start.to_string();
        let mut changes = Changes::default();
        let mut page_token: Option<String> = None;
        for _ in 0..MAX_HISTORY_PAGES {
            let mut query = vec![
                ("startHistoryId", start.as_str()),
                ("historyTypes", "messageAdded"),
                ("historyTypes", "messageDeleted"),
            ];
            if let Some(token) = &page_token {
                query.push(("pageToken", token.as_str()));
            }
            let page: HistoryPage = self.get("/history", &query).await?;
            for entry in page.history {
                changes
                    .added
                    .extend(entry.messages_added.into_iter().map(|w| w.message));
                changes
                    .deleted
                    .extend(entry.messages_deleted.into_iter().map(|w| w.message));
            }
            if let Some(id) = page.history_id.and_then(|h| h.parse().ok()) {
                changes.history_id = Some(id);
            }
            match page.next_page_token {
                Some(token) => page_token = Some(token),
                None => break,
            }
        }
        Ok(changes)
    }
}

/// The search for `addresses`: `(from:a OR to:a OR cc:a OR …) newer_than:90d`.
pub fn query(addresses: &[String]) -> String {
    let terms: Vec<String> = addresses
        .iter()
        .flat_map(|a| [format!("from:{a}"), format!("to:{a}"), format!("cc:{a}")])
        .collect();
    format!("({}) newer_than:{WINDOW_DAYS}d", terms.join(" OR "))
}

fn message(raw: RawMessage) -> Message {
    let headers = raw.payload.map(|p| p.headers).unwrap_or_default();
    let header = |name: &str| {
        headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
            .collect::<Vec<_>>()
    };
    let mut participants: Vec<String> = Vec::new();
    for name in ["From", "To", "Cc"] {
        for value in header(name) {
            for address in addresses(value) {
                if !participants.contains(&address) {
                    participants.push(address);
                }
            }
        }
    }
    let sent_at = raw
        .internal_date
        .and_then(|d| d.parse::<i64>().ok())
        .or_else(|| {
            header("Date")
                .first()
                .and_then(|d| chrono::DateTime::parse_from_rfc2822(d).ok())
                .map(|d| d.timestamp_millis())
        })
        .unwrap_or(0);
    Message {
        id: raw.id,
        thread_id: raw.thread_id,
        history_id: raw.history_id.and_then(|h| h.parse().ok()).unwrap_or(0),
        sent_at,
        subject: header("Subject")
            .first()
            .map(|s| s.trim().to_string())
            .unwrap_or_default(),
        participants,
        snippet: unescape(&raw.snippet),
    }
}

/// The addresses of an address-list header (`Bob <bob@x.example>, "Doe, Jo" <jo@y.example>`),
/// lower-cased.
pub fn addresses(value: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let (mut current, mut quoted, mut angle) = (String::new(), false, false);
    for c in value.chars() {
        match c {
            '"' => quoted = !quoted,
            '<' if !quoted => angle = true,
            '>' if !quoted => angle = false,
            ',' | ';' if !quoted && !angle => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    parts
        .iter()
        .filter_map(|part| {
            let inner = match (part.rfind('<'), part.rfind('>')) {
                (Some(open), Some(close)) if open < close => &part[open + 1..close],
                _ => part.as_str(),
            };
            let address = inner.trim().trim_matches('"').to_lowercase();
            let (local, domain) = address.split_once('@')?;
            (!local.is_empty() && domain.contains('.') && !address.contains(char::is_whitespace))
                .then_some(address)
        })
        .collect()
}

/// Gmail's snippets are HTML-escaped; the common entities back to text.
fn unescape(snippet: &str) -> String {
    snippet
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A message id as one path segment (Gmail's ids are hex; anything else is encoded).
fn url_segment(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

#[cfg(test)]
#[path = "gmail_tests.rs"]
mod tests;
