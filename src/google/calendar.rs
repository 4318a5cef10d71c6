//! A small Google Calendar v3 client over our reqwest (no generated Google crates): list the
//! primary calendar's events in a window or the changes since a sync token (page by page,
//! keeping the last page's `nextSyncToken`), and create an event linked to a CRM record
//! through a private extended property. Answers are classified ([`CalendarError`]): 429 and
//! rate-limit reasons, 5xx, 401, 410. The access token is only ever sent as a bearer header:
//! it is never in a log, an error or a `Debug` output.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::http_error;
use crate::config::Secret;

/// The private extended property holding the linked record's handle ("C1").
pub const RECORD_PROPERTY: &str = "chatcrm_record";
/// Pages read at most in one listing (250 events each): a bound, not a limit in practice.
const MAX_PAGES: usize = 40;
const PAGE_SIZE: &str = "250";

/// Why a call failed; the words never hold a token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// 429, or 403 with `rateLimitExceeded`/`userRateLimitExceeded`: back off.
    #[error("Google Calendar asks to slow down (rate limited)")]
    RateLimited { retry_after: Option<Duration> },
    /// 5xx or no answer: try again later with backoff.
    #[error("Google Calendar is unavailable: {0}")]
    Unavailable(String),
    /// 401: the access token must be refreshed.
    #[error("Google Calendar did not accept the access token")]
    Unauthorized,
    /// 410: the sync token is dead; wipe the cache and sync in full.
    #[error("Google Calendar needs a full sync (sync token expired)")]
    Gone,
    /// 409 on create: an event with this id exists already.
    #[error("the event exists already")]
    Duplicate,
    /// Any other refusal or an unreadable answer.
    #[error("Google Calendar refused: {0}")]
    Failed(String),
}

impl CalendarError {
    /// Whether trying again later may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            CalendarError::RateLimited { .. }
                | CalendarError::Unavailable(_)
                | CalendarError::Unauthorized
        )
    }
}

/// One event as Google sends it (only what we keep).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub start: Option<EventTime>,
    #[serde(default)]
    pub end: Option<EventTime>,
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub extended_properties: Option<ExtendedProperties>,
}

/// A start or an end: `dateTime` for timed events, `date` for all-day ones.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventTime {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ExtendedProperties {
    #[serde(default)]
    pub private: std::collections::HashMap<String, String>,
}

impl Event {
    /// Whether Google deleted it (incremental changes list deleted events this way).
    pub fn is_cancelled(&self) -> bool {
        self.status.as_deref() == Some("cancelled")
    }

    /// The handle of the record it is linked to, from its private property.
    pub fn record_handle(&self) -> Option<&str> {
        self.extended_properties
            .as_ref()
            .and_then(|p| p.private.get(RECORD_PROPERTY))
            .map(String::as_str)
    }

    /// Start and end in UTC milliseconds and whether it lasts whole days. An all-day
    /// event's `date`s are dates, not instants: each is kept as midnight UTC of that date
    /// (the end exclusive), which [`all_day_date`] reads back as the same date in any zone.
    /// `None` when Google sent no readable times.
    pub fn span(&self) -> Option<(i64, i64, bool)> {
        let start = self.start.as_ref()?;
        let end = self.end.as_ref()?;
        let all_day = start.date_time.is_none();
        Some((start.millis()?, end.millis()?, all_day))
    }

    /// Google's `updated` in UTC milliseconds (0 when missing).
    pub fn updated_millis(&self) -> i64 {
        self.updated
            .as_deref()
            .and_then(|u| DateTime::parse_from_rfc3339(u).ok())
            .map_or(0, |at| at.timestamp_millis())
    }
}

impl EventTime {
    fn millis(&self) -> Option<i64> {
        if let Some(at) = &self.date_time {
            return DateTime::parse_from_rfc3339(at)
                .ok()
                .map(|at| at.timestamp_millis());
        }
        let date = NaiveDate::parse_from_str(self.date.as_deref()?, "%Y-%m-%d").ok()?;
        Some(all_day_millis(date))
    }
}

/// The date an all-day bound kept by [`Event::span`] stands for.
pub fn all_day_date(millis: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp_millis(millis).map(|at| at.date_naive())
}

/// How [`Event::span`] keeps the all-day `date` (midnight UTC of it).
pub fn all_day_millis(date: NaiveDate) -> i64 {
    date.and_time(NaiveTime::MIN).and_utc().timestamp_millis()
}

/// One page of a listing.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Page {
    #[serde(default)]
    items: Vec<Event>,
    #[serde(default)]
    next_page_token: Option<String>,
    #[serde(default)]
    next_sync_token: Option<String>,
}

/// A whole listing: its events (in order) and the token the next incremental sync uses.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub events: Vec<Event>,
    pub sync_token: Option<String>,
}

/// What to list.
#[derive(Debug, Clone, Copy)]
pub enum Query<'a> {
    /// Events overlapping `[from, to)`, recurring ones expanded, by start time.
    Window {
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    },
    /// Every change since this sync token (deleted events have `status: cancelled`).
    Changes { sync_token: &'a str },
}

/// The event /meet creates.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewEvent {
    pub id: String,
    pub summary: String,
    pub start: EventTime,
    pub end: EventTime,
    pub extended_properties: ExtendedProperties,
}

impl NewEvent {
    /// An event `[start, end)` written in `zone`, linked to the record `handle`.
    pub fn new(
        id: &str,
        summary: &str,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        zone: Tz,
        handle: &str,
    ) -> NewEvent {
        let at = |t: DateTime<Utc>| EventTime {
            date_time: Some(t.with_timezone(&zone).to_rfc3339()),
            date: None,
            time_zone: Some(zone.name().to_string()),
        };
        let mut private = std::collections::HashMap::new();
        private.insert(RECORD_PROPERTY.to_string(), handle.to_string());
        NewEvent {
            id: id.to_string(),
            summary: summary.to_string(),
            start: at(start),
            end: at(end),
            extended_properties: ExtendedProperties { private },
        }
    }
}

/// The primary calendar of one connection, reached with one access token.
pub struct Calendar<'a> {
    http: &'a reqwest::Client,
    events_url: String,
    token: &'a Secret,
}

impl std::fmt::Debug for Calendar<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Calendar")
            .field("events_url", &self.events_url)
            .finish_non_exhaustive()
    }
}

impl<'a> Calendar<'a> {
    /// `api_url` is the base of `/calendar/v3/…` (`[google] api_url`).
    pub fn new(http: &'a reqwest::Client, api_url: &str, token: &'a Secret) -> Calendar<'a> {
        Calendar {
            http,
            events_url: format!(
                "{}/calendar/v3/calendars/primary/events",
                api_url.trim_end_matches('/')
            ),
            token,
        }
    }

    /// Every page of `query`; the sync token is the last page's.
    pub async fn list(&self, query: Query<'_>) -> Result<Listing, CalendarError> {
        let mut listing = Listing::default();
        let mut page_token: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut params: Vec<(&str, String)> = vec![("maxResults", PAGE_SIZE.to_string())];
            match query {
                Query::Window { from, to } => {
                    params.push(("singleEvents", "true".into()));
                    params.push(("orderBy", "startTime".into()));
                    params.push(("timeMin", from.to_rfc3339()));
                    params.push(("timeMax", to.to_rfc3339()));
                }
                Query::Changes { sync_token } => {
                    params.push(("singleEvents", "true".into()));
                    params.push(("syncToken", sync_token.to_string()));
                }
            }
            if let Some(token) = &page_token {
                params.push(("pageToken", token.clone()));
            }
            let request = self
                .http
                .get(&self.events_url)
                .bearer_auth(self.token.expose())
                .query(&params);
            let page: Page = read(request.send().await).await?;
            listing.events.extend(page.items);
            match page.next_page_token {
                Some(next) => page_token = Some(next),
                None => {
                    listing.sync_token = page.next_sync_token;
                    return Ok(listing);
                }
            }
        }
        Err(CalendarError::Failed(format!(
            "more than {MAX_PAGES} pages of events"
        )))
    }

    /// Creates `event` on the primary calendar; returns it as Google stored it.
    pub async fn insert(&self, event: &NewEvent) -> Result<Event, CalendarError> {
        let request = self
            .http
            .post(&self.events_url)
            .bearer_auth(self.token.expose())
            .json(event);
        read(request.send().await).await
    }
}

/// Reads a JSON answer, or classifies the failure.
async fn read<T: serde::de::DeserializeOwned>(
    sent: Result<reqwest::Response, reqwest::Error>,
) -> Result<T, CalendarError> {
    // reqwest's error names the URL, which holds no secret (the token is a header).
    let response = sent.map_err(|e| CalendarError::Unavailable(e.without_url().to_string()))?;
    let status = response.status().as_u16();
    let retry_after = http_error::retry_after(&response);
    let body = response
        .text()
        .await
        .map_err(|e| CalendarError::Unavailable(e.without_url().to_string()))?;
    if (200..300).contains(&status) {
        return serde_json::from_str(&body)
            .map_err(|e| CalendarError::Failed(format!("unreadable answer: {e}")));
    }
    Err(classify(status, &body, retry_after))
}

/// The error an HTTP status and Google's JSON error body mean.
pub fn classify(status: u16, body: &str, retry_after: Option<Duration>) -> CalendarError {
    let error: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let reasons: Vec<&str> = error["error"]["errors"]
        .as_array()
        .map(|errors| errors.iter().filter_map(|e| e["reason"].as_str()).collect())
        .unwrap_or_default();
    let rate_limited = reasons
        .iter()
        .any(|r| matches!(*r, "rateLimitExceeded" | "userRateLimitExceeded"));
    match status {
        410 => CalendarError::Gone,
        429 => CalendarError::RateLimited { retry_after },
        403 if rate_limited => CalendarError::RateLimited { retry_after },
        401 => CalendarError::Unauthorized,
        409 => CalendarError::Duplicate,
        500..=599 => CalendarError::Unavailable(format!("HTTP {status}")),
        _ => {
            let message: String = error["error"]["message"]
                .as_str()
                .unwrap_or("")
                .chars()
                .take(200)
                .collect();
            CalendarError::Failed(format!("HTTP {status} {message}").trim().to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = include_str!("../../tests/fixtures/google/calendar_events_page.json");

    #[test]
    fn a_page_of_google_reads_with_its_link_and_cancellation() {
        let page: Page = serde_json::from_str(PAGE).unwrap();
        assert_eq!(page.items.len(), 2);
        assert_eq!(
            page.next_sync_token.as_deref(),
            Some("CPDAlvWDx70CEPDAlvWDx70CGAU=")
        );
        let demo = &page.items[0];
        assert_eq!(demo.record_handle(), Some("D7"));
        let (start, end, all_day) = demo.span().unwrap();
        assert_eq!(
            start,
            DateTime::parse_from_rfc3339("2026-12-02T14:00:00Z")
                .unwrap()
                .timestamp_millis()
        );
        assert_eq!(end - start, 30 * 60 * 1000);
        assert!(!all_day);
        assert!(page.items[1].is_cancelled());
        assert_eq!(page.items[1].span(), None);
    }

    #[test]
    fn all_day_dates_stay_dates() {
        let event: Event = serde_json::from_str(
            r#"{"id":"a","start":{"date":"2026-12-24","timeZone":"Europe/Berlin"},"end":{"date":"2026-12-25"}}"#,
        )
        .unwrap();
        let (start, end, all_day) = event.span().unwrap();
        assert!(all_day);
        let date = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
        assert_eq!(all_day_date(start), date("2026-12-24"));
        assert_eq!(all_day_date(end), date("2026-12-25"));
        assert_eq!(end - start, 24 * 3600 * 1000);
    }

    #[test]
    fn errors_are_classified() {
        let gone = include_str!("../../tests/fixtures/google/error_410.json");
        assert_eq!(classify(410, gone, None), CalendarError::Gone);
        let limited = r#"{"error":{"code":403,"errors":[{"reason":"userRateLimitExceeded"}]}}"#;
        assert_eq!(
            classify(403, limited, Some(Duration::from_secs(7))),
            CalendarError::RateLimited {
                retry_after: Some(Duration::from_secs(7))
            }
        );
        assert!(matches!(
            classify(403, r#"{"error":{"message":"Forbidden"}}"#, None),
            CalendarError::Failed(m) if m == "HTTP 403 Forbidden"
        ));
        assert_eq!(classify(401, "", None), CalendarError::Unauthorized);
        assert!(classify(503, "", None).is_retryable());
        assert!(!classify(400, "", None).is_retryable());
    }

    #[test]
    fn a_new_event_carries_the_handle_and_its_zone() {
        let start = DateTime::parse_from_rfc3339("2026-12-04T14:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let end = start + chrono::Duration::minutes(45);
        let event = NewEvent::new(
            "crm0abc",
            "Meeting",
            start,
            end,
            chrono_tz::Europe::Berlin,
            "C1",
        );
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(
            json["extendedProperties"]["private"]["chatcrm_record"],
            "C1"
        );
        assert_eq!(json["start"]["dateTime"], "2026-12-04T15:00:00+01:00");
        assert_eq!(json["start"]["timeZone"], "Europe/Berlin");
        assert_eq!(json["end"]["dateTime"], "2026-12-04T15:45:00+01:00");
    }
}
