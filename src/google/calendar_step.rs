//! Calendar plugged into the Google worker: [`CalendarStep`] (runs for connections that
//! granted the Calendar scope: waiting /meet requests, then the cache's sync) and
//! [`purge`], the hook that deletes the cached events, the sync token and waiting requests
//! when the connection goes (disconnect, account erasure).

use futures::FutureExt;
use futures::future::BoxFuture;

use super::Feature;
use super::calendar::{Calendar, CalendarError};
use super::calendar_sync::{self, StepError};
use super::sync::{SyncContext, SyncError, SyncStep};
use crate::store::google_connections::Connection;
use crate::store::{self, Tx, google_events};

/// Calendar's tables, scrubbed after a disconnect deleted their rows.
pub const TABLES: [&str; 3] = [
    "google_events",
    "google_calendar_state",
    "google_meet_requests",
];

/// Calendar's sync step.
#[derive(Debug, Clone, Copy, Default)]
pub struct CalendarStep;

impl SyncStep for CalendarStep {
    fn feature(&self) -> Feature {
        Feature::Calendar
    }

    fn run<'a>(&'a self, cx: &'a SyncContext<'a>) -> BoxFuture<'a, Result<(), SyncError>> {
        async move {
            let calendar = Calendar::new(cx.http, cx.api_url, cx.access_token);
            calendar_sync::run(cx.store, &calendar, cx.connection.user_id)
                .await
                .map(|_| ())
                .map_err(into_sync_error)
        }
        .boxed()
    }
}

fn into_sync_error(error: StepError) -> SyncError {
    match error {
        StepError::Store(error) => SyncError::Store(error),
        StepError::Calendar(CalendarError::RateLimited { retry_after }) => {
            SyncError::RateLimited { retry_after }
        }
        StepError::Calendar(CalendarError::Unavailable(words)) => SyncError::Unavailable(words),
        StepError::Calendar(CalendarError::Unauthorized) => SyncError::Unauthorized,
        StepError::Calendar(other) => SyncError::Failed(other.to_string()),
    }
}

/// The purge hook: everything Calendar keeps for the connection's user.
pub fn purge<'a>(tx: &'a mut Tx, connection: &'a Connection) -> BoxFuture<'a, store::Result<()>> {
    google_events::purge(tx, connection.user_id).boxed()
}
