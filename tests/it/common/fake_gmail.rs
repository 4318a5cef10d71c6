//! Gmail (read-only) inside the fake Google: one mailbox for every valid access token.
//! `messages.list` matches the addresses after `from:`/`to:`/`cc:` in `q`; `messages.get`
//! answers the metadata format; `history.list` answers what changed after
//! `startHistoryId`, and 404 when that id is older than the oldest history kept
//! ([`FakeGoogle::expire_gmail_history`]). A child of `fake_google` (it shares the fake's
//! tokens), in a file of its own.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::{EMAIL, FakeGoogle, Inner};

/// One message of the fake mailbox.
#[derive(Clone)]
struct FakeMail {
    id: String,
    thread_id: String,
    from: String,
    to: String,
    subject: String,
    snippet: String,
    internal_date: i64,
    history_id: u64,
    deleted: bool,
}

#[derive(Default)]
pub(super) struct Mailbox {
    mails: Vec<FakeMail>,
    /// (history id, message id, added?)
    history: Vec<(u64, String, bool)>,
    /// The newest history id; history ids start at 1000.
    last_history: u64,
    /// A `startHistoryId` below this is 404.
    oldest_history: u64,
    /// Every `q` of `messages.list`, every `messages.get` id, every `startHistoryId`.
    queries: Vec<String>,
    gets: Vec<String>,
    history_calls: Vec<String>,
    /// Answer every Gmail call with this status from now on.
    fail_with: Option<u16>,
}

impl Mailbox {
    fn next_history(&mut self) -> u64 {
        if self.last_history == 0 {
            self.last_history = 1000;
        }
        self.last_history += 1;
        self.last_history
    }
}

/// What the fake's Gmail was asked.
#[derive(Debug, Clone, Default)]
pub struct GmailCalls {
    pub queries: Vec<String>,
    pub gets: Vec<String>,
    pub history: Vec<String>,
}

impl FakeGoogle {
    /// Delivers a message to the mailbox (a new history entry); returns its id. A
    /// `thread` already used groups the message into that thread.
    pub fn add_mail(
        &self,
        thread: &str,
        from: &str,
        to: &str,
        subject: &str,
        snippet: &str,
    ) -> String {
        let mut mailbox = self.inner.gmail.lock().unwrap();
        let history_id = mailbox.next_history();
        let id = format!("18c{:013x}", history_id);
        mailbox.mails.push(FakeMail {
            id: id.clone(),
            thread_id: thread.to_string(),
            from: from.to_string(),
            to: to.to_string(),
            subject: subject.to_string(),
            snippet: snippet.to_string(),
            internal_date: 1_764_403_200_000 + history_id as i64 * 60_000,
            history_id,
            deleted: false,
        });
        mailbox.history.push((history_id, id.clone(), true));
        id
    }
    /// Deletes a message (a new history entry).
    pub fn delete_mail(&self, id: &str) {
        let mut mailbox = self.inner.gmail.lock().unwrap();
        let history_id = mailbox.next_history();
        if let Some(mail) = mailbox.mails.iter_mut().find(|m| m.id == id) {
            mail.deleted = true;
        }
        mailbox.history.push((history_id, id.to_string(), false));
    }
    /// An access token the fake accepts, as if a grant had been made.
    pub fn issue_access_token(&self) -> String {
        let token = self.inner.next("ya29.access-");
        self.inner
            .access
            .lock()
            .unwrap()
            .insert(token.clone(), EMAIL.to_string());
        token
    }
    /// Forgets the history so far: a `startHistoryId` from before now is 404.
    pub fn expire_gmail_history(&self) {
        let mut mailbox = self.inner.gmail.lock().unwrap();
        mailbox.oldest_history = mailbox.next_history();
    }
    /// Every Gmail call answers `status` from now on (`None`: normal again).
    pub fn fail_gmail(&self, status: Option<u16>) {
        self.inner.gmail.lock().unwrap().fail_with = status;
    }
    /// What Gmail was asked so far.
    pub fn gmail_calls(&self) -> GmailCalls {
        let mailbox = self.inner.gmail.lock().unwrap();
        GmailCalls {
            queries: mailbox.queries.clone(),
            gets: mailbox.gets.clone(),
            history: mailbox.history_calls.clone(),
        }
    }
}

/// The fake's answer when the bearer token is unknown or a failure was asked for.
fn gmail_refusal(inner: &Inner, headers: &HeaderMap) -> Option<Response> {
    if let Some(status) = inner.gmail.lock().unwrap().fail_with {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body =
            json!({"error": {"code": status.as_u16(), "message": "failure asked by the test"}});
        return Some((status, [("retry-after", "7")], Json(body)).into_response());
    }
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if inner.access.lock().unwrap().contains_key(token) {
        None
    } else {
        Some(
            (
                StatusCode::UNAUTHORIZED,
                Json(json!({"error": {"code": 401, "message": "Invalid Credentials", "status": "UNAUTHENTICATED"}})),
            )
                .into_response(),
        )
    }
}

fn gmail_not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({"error": {"code": 404, "message": "Requested entity was not found.",
            "errors": [{"message": "Requested entity was not found.", "domain": "global", "reason": "notFound"}],
            "status": "NOT_FOUND"}})),
    )
        .into_response()
}

fn param<'a>(q: &'a [(String, String)], name: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

pub(super) async fn gmail_list(
    State(inner): State<Arc<Inner>>,
    headers: HeaderMap,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    if let Some(refusal) = gmail_refusal(&inner, &headers) {
        return refusal;
    }
    let query = param(&q, "q").unwrap_or_default().to_string();
    let max: usize = param(&q, "maxResults")
        .and_then(|m| m.parse().ok())
        .unwrap_or(100);
    let wanted: Vec<String> = query
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter_map(|term| {
            ["from:", "to:", "cc:"]
                .iter()
                .find_map(|p| term.strip_prefix(p))
                .map(str::to_lowercase)
        })
        .collect();
    let mut mailbox = inner.gmail.lock().unwrap();
    mailbox.queries.push(query);
    let messages: Vec<serde_json::Value> = mailbox
        .mails
        .iter()
        .rev()
        .filter(|m| !m.deleted)
        .filter(|m| {
            let all = format!("{} {}", m.from, m.to).to_lowercase();
            wanted.iter().any(|w| all.contains(w.as_str()))
        })
        .take(max)
        .map(|m| json!({"id": m.id, "threadId": m.thread_id}))
        .collect();
    let estimate = messages.len();
    if messages.is_empty() {
        return Json(json!({"resultSizeEstimate": 0})).into_response();
    }
    Json(json!({"messages": messages, "resultSizeEstimate": estimate})).into_response()
}

pub(super) async fn gmail_get(
    State(inner): State<Arc<Inner>>,
    headers: HeaderMap,
    axum::extract::Path(id): axum::extract::Path<String>,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    if let Some(refusal) = gmail_refusal(&inner, &headers) {
        return refusal;
    }
    if param(&q, "format") != Some("metadata") {
        return (
            StatusCode::BAD_REQUEST,
            "the fake answers format=metadata only",
        )
            .into_response();
    }
    let mut mailbox = inner.gmail.lock().unwrap();
    mailbox.gets.push(id.clone());
    let Some(m) = mailbox
        .mails
        .iter()
        .find(|m| m.id == id && !m.deleted)
        .cloned()
    else {
        return gmail_not_found();
    };
    let date = chrono::DateTime::from_timestamp_millis(m.internal_date)
        .map(|d| d.to_rfc2822())
        .unwrap_or_default();
    Json(json!({
        "id": m.id, "threadId": m.thread_id, "labelIds": ["INBOX"],
        "snippet": m.snippet, "historyId": m.history_id.to_string(),
        "internalDate": m.internal_date.to_string(), "sizeEstimate": 2048,
        "payload": {"mimeType": "multipart/alternative", "headers": [
            {"name": "From", "value": m.from},
            {"name": "To", "value": m.to},
            {"name": "Subject", "value": m.subject},
            {"name": "Date", "value": date}
        ]}
    }))
    .into_response()
}

pub(super) async fn gmail_history(
    State(inner): State<Arc<Inner>>,
    headers: HeaderMap,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    if let Some(refusal) = gmail_refusal(&inner, &headers) {
        return refusal;
    }
    let mut mailbox = inner.gmail.lock().unwrap();
    let start_text = param(&q, "startHistoryId").unwrap_or_default().to_string();
    mailbox.history_calls.push(start_text.clone());
    let Ok(start) = start_text.parse::<u64>() else {
        return (StatusCode::BAD_REQUEST, "startHistoryId").into_response();
    };
    if start < mailbox.oldest_history {
        return gmail_not_found();
    }
    let thread_of = |id: &str| {
        mailbox
            .mails
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.thread_id.clone())
            .unwrap_or_default()
    };
    let history: Vec<serde_json::Value> = mailbox
        .history
        .iter()
        .filter(|(h, ..)| *h > start)
        .map(|(h, id, added)| {
            let message = json!({"message": {"id": id, "threadId": thread_of(id)}});
            if *added {
                json!({"id": h.to_string(), "messagesAdded": [message]})
            } else {
                json!({"id": h.to_string(), "messagesDeleted": [message]})
            }
        })
        .collect();
    let last = mailbox.last_history.max(1000).to_string();
    Json(json!({"history": history, "historyId": last})).into_response()
}
