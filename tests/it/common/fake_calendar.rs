//! Google Calendar inside the fake Google: `GET /calendar/v3/calendars/primary/events` (a
//! window with `timeMin`/`timeMax`, or the changes since a `syncToken`, paged two events a
//! page with `pageToken`, `nextSyncToken` on the last page, cancelled events as
//! `{"id", "status": "cancelled"}`, 410 `fullSyncRequired` for a token it no longer
//! knows), and `POST` of the same path (insert; 409 for an id it has). Every call needs a
//! live access token of the fake. It records the queries and the inserted bodies.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

pub const EVENTS_PATH: &str = "/calendar/v3/calendars/primary/events";
const PAGE: usize = 2;

/// Whether a bearer token is live (the fake Google's access tokens).
pub type TokenCheck = Arc<dyn Fn(&str) -> bool + Send + Sync>;

#[derive(Default)]
pub struct Calendar {
    /// Change number → the event as it is after that change (live or cancelled).
    log: Mutex<Vec<Value>>,
    /// Sync tokens of an older epoch answer 410 (tokens are `sync-N` in epoch 0, then
    /// `sync-N-eE`).
    epoch: Mutex<usize>,
    queries: Mutex<Vec<HashMap<String, String>>>,
    inserted: Mutex<Vec<Value>>,
    /// The next answers' status, when set (e.g. 429, 503).
    fail_with: Mutex<Option<u16>>,
}

impl Calendar {
    /// The current state of every event ever seen, by id, in change order.
    fn current(&self, up_to: usize) -> Vec<(usize, Value)> {
        let log = self.log.lock().unwrap();
        let mut latest: Vec<(usize, Value)> = Vec::new();
        for (n, event) in log.iter().enumerate().take(up_to) {
            latest.retain(|(_, e)| e["id"] != event["id"]);
            latest.push((n, event.clone()));
        }
        latest
    }

    fn push(&self, event: Value) -> Value {
        self.log.lock().unwrap().push(event.clone());
        event
    }

    /// Adds (or changes) an event from `start` to `end` (RFC 3339).
    pub fn add(&self, id: &str, summary: &str, start: &str, end: &str) {
        self.push(event(id, summary, start, end, None));
    }

    /// Adds an all-day event from date `start` to the exclusive date `end` ("2026-11-28").
    pub fn add_all_day(&self, id: &str, summary: &str, start: &str, end: &str) {
        let mut event = event(id, summary, start, end, None);
        event["start"] = json!({ "date": start });
        event["end"] = json!({ "date": end });
        self.push(event);
    }

    /// Deletes an event: changes list it as cancelled.
    pub fn cancel(&self, id: &str) {
        self.push(json!({"kind": "calendar#event", "id": id, "status": "cancelled"}));
    }

    /// Every sync token handed out so far is dead (410) from now on.
    pub fn expire_sync_tokens(&self) {
        *self.epoch.lock().unwrap() += 1;
    }

    /// Answers every call with `status` from now on (`None`: normally again).
    pub fn fail_with(&self, status: Option<u16>) {
        *self.fail_with.lock().unwrap() = status;
    }

    /// The query parameters of each listing call, in order.
    pub fn queries(&self) -> Vec<HashMap<String, String>> {
        self.queries.lock().unwrap().clone()
    }

    /// The bodies of the inserts, in order.
    pub fn inserted(&self) -> Vec<Value> {
        self.inserted.lock().unwrap().clone()
    }
}

fn event(id: &str, summary: &str, start: &str, end: &str, private: Option<Value>) -> Value {
    let mut event = json!({
        "kind": "calendar#event", "id": id, "status": "confirmed", "summary": summary,
        "updated": "2026-11-21T10:00:01.000Z",
        "start": {"dateTime": start, "timeZone": "Europe/Berlin"},
        "end": {"dateTime": end, "timeZone": "Europe/Berlin"}
    });
    if let Some(private) = private {
        event["extendedProperties"] = json!({ "private": private });
    }
    event
}

pub fn routes(calendar: Arc<Calendar>, check: TokenCheck) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(list).post(insert))
        .with_state((calendar, check))
}

type Shared = (Arc<Calendar>, TokenCheck);

fn authorized(check: &TokenCheck, headers: &HeaderMap) -> bool {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|token| check(token))
}

fn refusal(calendar: &Calendar, check: &TokenCheck, headers: &HeaderMap) -> Option<Response> {
    if !authorized(check, headers) {
        return Some(StatusCode::UNAUTHORIZED.into_response());
    }
    let status = (*calendar.fail_with.lock().unwrap())?;
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    Some((status, Json(json!({"error": {"code": status.as_u16()}}))).into_response())
}

async fn list(
    State((calendar, check)): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    calendar.queries.lock().unwrap().push(q.clone());
    if let Some(refused) = refusal(&calendar, &check, &headers) {
        return refused;
    }
    let now = calendar.log.lock().unwrap().len();
    let items: Vec<Value> = match q.get("syncToken") {
        Some(token) => {
            let epoch = *calendar.epoch.lock().unwrap();
            let since = token.strip_prefix("sync-").and_then(|rest| {
                let (n, e) = rest.split_once("-e").unwrap_or((rest, "0"));
                (e.parse::<usize>().ok() == Some(epoch))
                    .then(|| n.parse::<usize>().ok())
                    .flatten()
            });
            let Some(since) = since else {
                let gone: Value =
                    serde_json::from_str(include_str!("../../fixtures/google/error_410.json"))
                        .unwrap();
                return (StatusCode::GONE, Json(gone)).into_response();
            };
            calendar
                .current(now)
                .into_iter()
                .filter(|(n, _)| *n >= since)
                .map(|(_, e)| e)
                .collect()
        }
        None => {
            let (Some(min), Some(max)) = (q.get("timeMin"), q.get("timeMax")) else {
                return (StatusCode::BAD_REQUEST, "a window or a sync token").into_response();
            };
            if q.get("singleEvents").map(String::as_str) != Some("true")
                || q.get("orderBy").map(String::as_str) != Some("startTime")
            {
                return (StatusCode::BAD_REQUEST, "singleEvents and orderBy").into_response();
            }
            let instant = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok();
            // A `date` (all day) counts from its midnight in UTC: close enough for a window.
            let moment = |time: &Value| {
                time["dateTime"].as_str().and_then(instant).or_else(|| {
                    let date = time["date"].as_str()?;
                    instant(&format!("{date}T00:00:00Z"))
                })
            };
            let (min, max) = (instant(min), instant(max));
            let mut live: Vec<Value> = calendar
                .current(now)
                .into_iter()
                .map(|(_, e)| e)
                .filter(|e| e["status"] != "cancelled")
                .filter(|e| {
                    let start = moment(&e["start"]);
                    let end = moment(&e["end"]);
                    start < max && end > min
                })
                .collect();
            live.sort_by_key(|e| moment(&e["start"]));
            live
        }
    };
    let offset: usize = q
        .get("pageToken")
        .and_then(|p| p.strip_prefix("page-"))
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let page: Vec<Value> = items.iter().skip(offset).take(PAGE).cloned().collect();
    let mut answer = json!({
        "kind": "calendar#events", "summary": super::fake_google::EMAIL,
        "timeZone": "Europe/Berlin", "items": page
    });
    if offset + PAGE < items.len() {
        answer["nextPageToken"] = json!(format!("page-{}", offset + PAGE));
    } else {
        let epoch = *calendar.epoch.lock().unwrap();
        answer["nextSyncToken"] = json!(match epoch {
            0 => format!("sync-{now}"),
            e => format!("sync-{now}-e{e}"),
        });
    }
    Json(answer).into_response()
}

async fn insert(
    State((calendar, check)): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    calendar.inserted.lock().unwrap().push(body.clone());
    if let Some(refused) = refusal(&calendar, &check, &headers) {
        return refused;
    }
    let id = body["id"].as_str().unwrap_or_default().to_string();
    if id.is_empty() {
        return (StatusCode::BAD_REQUEST, "no id").into_response();
    }
    let now = calendar.log.lock().unwrap().len();
    if calendar.current(now).iter().any(|(_, e)| e["id"] == id) {
        return (
            StatusCode::CONFLICT,
            Json(json!({"error": {"code": 409, "message": "The requested identifier already exists."}})),
        )
            .into_response();
    }
    let (Some(start), Some(end)) = (
        body["start"]["dateTime"].as_str(),
        body["end"]["dateTime"].as_str(),
    ) else {
        return (StatusCode::BAD_REQUEST, "start and end").into_response();
    };
    let created = event(
        &id,
        body["summary"].as_str().unwrap_or_default(),
        start,
        end,
        body["extendedProperties"].get("private").cloned(),
    );
    Json(calendar.push(created)).into_response()
}
