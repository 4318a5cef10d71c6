//! The plug-in point of Google sync: a [`SyncStep`] is one feature's sync (Calendar's
//! events, Gmail's threads), run by the worker for each due connection whose scopes it
//! needs, with a short-lived access token, outside any update's transaction. A step writes
//! what it fetched in its own short transactions through `store`. Steps never call the
//! model. The list the server runs is `google::steps::all` (a leaf: the steps import
//! this module).

use std::time::Duration;

use futures::future::BoxFuture;

use super::Feature;
use crate::config::Secret;
use crate::store::google_connections::Connection;
use crate::store::{self, Store};

/// What a step gets for one run.
pub struct SyncContext<'a> {
    pub store: &'a Store,
    pub connection: &'a Connection,
    /// Valid for a few minutes at least; never stored or logged by a step.
    pub access_token: &'a Secret,
    /// The base of Calendar and Gmail (`[google] api_url`, no trailing slash).
    pub api_url: &'a str,
    pub http: &'a reqwest::Client,
}

/// Why a step failed; the words never hold a token.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// 429 or a rate-limit reason: back off (at least `retry_after` when Google said).
    #[error("Google asks to slow down (rate limited)")]
    RateLimited { retry_after: Option<Duration> },
    /// 5xx or no answer: try again later.
    #[error("Google is unavailable: {0}")]
    Unavailable(String),
    /// 401: the access token was not accepted (the worker refreshes it and runs the step
    /// once more).
    #[error("Google did not accept the access token")]
    Unauthorized,
    /// Anything else (a 4xx, an unreadable answer).
    #[error("{0}")]
    Failed(String),
    #[error("database: {0}")]
    Store(#[from] store::Error),
}

/// One feature's sync.
pub trait SyncStep: Send + Sync {
    /// The feature it syncs.
    fn feature(&self) -> Feature;
    /// A short name for logs and `/google`'s last error ("calendar").
    fn name(&self) -> &'static str {
        self.feature().name()
    }
    /// Whether this connection granted the scope of the step's feature.
    fn wanted(&self, connection: &Connection) -> bool {
        connection.granted(self.feature().scope())
    }
    /// Fetches what changed since the last run and stores it.
    fn run<'a>(&'a self, cx: &'a SyncContext<'a>) -> BoxFuture<'a, Result<(), SyncError>>;
}
