//! Google Calendar and Gmail, connected with OAuth: [`oauth`] (the consent link with PKCE,
//! the code exchange, refresh, revoke and who is connected), [`tokens`] (tokens sealed at
//! rest with `crate::seal`, bound to their row and user), [`connect`] (what the OAuth
//! callback does), [`worker`] (the leased background loop that refreshes tokens, runs the
//! [`sync`] steps (listed in [`steps`]), disconnects and revokes), [`purge`] (what a disconnect deletes);
//! Gmail: [`gmail`] (the read-only client) and [`gmail_sync`] (its sync step and purge);
//! Calendar: [`calendar`] (the API client), [`calendar_sync`] (meetings and the event
//! cache's sync) and [`calendar_step`] (its sync step and purge hook); [`http_error`] is
//! what the three clients read from a failed call.
//! Nothing here runs inside an update's transaction, and nothing here calls the model.

pub mod calendar;
pub mod calendar_step;
pub mod calendar_sync;
pub mod connect;
pub mod gmail;
pub mod gmail_sync;
pub mod http_error;
pub mod last_error;
pub mod oauth;
pub mod purge;
pub mod steps;
pub mod sync;
pub mod tokens;
pub mod worker;

/// The fake Google of the story tests, shared by this module's unit tests.
#[cfg(test)]
#[path = "../../tests/it/common/fake_calendar.rs"]
mod fake_calendar;
#[cfg(test)]
#[path = "../../tests/it/common/fake_google.rs"]
mod fake_google;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use crate::config::Config;
use crate::seal::{SealError, Sealer};
use oauth::GoogleOAuth;

/// How long one call to Google may take.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(20);

/// The Google integration of this deployment: its OAuth client, the sealer of its tokens,
/// the API base, and a bell that wakes the worker (a connection was made or a disconnect
/// asked for).
pub struct Google {
    pub oauth: GoogleOAuth,
    pub sealer: Sealer,
    /// The base of Calendar and Gmail (`[google] api_url`).
    pub api_url: String,
    /// The HTTP client of the sync steps (redirects not followed, [`CALL_TIMEOUT`]).
    pub http: reqwest::Client,
    wake: Notify,
}

impl fmt::Debug for Google {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Google")
            .field("oauth", &self.oauth)
            .field("sealer", &self.sealer)
            .finish_non_exhaustive()
    }
}

/// Why the Google integration could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error(transparent)]
    Seal(#[from] SealError),
    #[error("[google] or [http] public_url do not make a valid OAuth client")]
    Client,
}

impl Google {
    /// The integration `config` asks for; `None` when `[google]` is not configured.
    pub fn from_config(config: &Config) -> Result<Option<Arc<Google>>, SetupError> {
        if !config.google.enabled() {
            return Ok(None);
        }
        let oauth = GoogleOAuth::new(&config.google, &config.http.public_url, CALL_TIMEOUT)
            .ok_or(SetupError::Client)?;
        let sealer = Sealer::from_settings(&config.security, config.database.url.expose())?;
        Ok(Some(Arc::new(Google::new(
            oauth,
            sealer,
            &config.google.api_url,
        ))))
    }

    pub fn new(oauth: GoogleOAuth, sealer: Sealer, api_url: &str) -> Google {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(CALL_TIMEOUT)
            .build()
            .unwrap_or_default();
        Google {
            oauth,
            sealer,
            api_url: api_url.trim_end_matches('/').to_string(),
            http,
            wake: Notify::new(),
        }
    }

    /// Wakes the worker (after a commit that made work for it).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Waits until [`Google::wake`] is called.
    pub async fn woken(&self) {
        self.wake.notified().await;
    }
}

/// The features a set of granted scopes enables, in the order they are named.
pub fn features(granted: impl Fn(&str) -> bool) -> Vec<Feature> {
    [Feature::Calendar, Feature::Gmail]
        .into_iter()
        .filter(|f| granted(f.scope()))
        .collect()
}

/// A feature of the Google connection, enabled by its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    Calendar,
    Gmail,
}

impl Feature {
    pub fn scope(self) -> &'static str {
        match self {
            Feature::Calendar => oauth::CALENDAR_SCOPE,
            Feature::Gmail => oauth::GMAIL_SCOPE,
        }
    }

    /// Its short name in logs and errors ("calendar").
    pub fn name(self) -> &'static str {
        match self {
            Feature::Calendar => "calendar",
            Feature::Gmail => "gmail",
        }
    }

    /// The locale key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Feature::Calendar => "google-feature-calendar",
            Feature::Gmail => "google-feature-gmail",
        }
    }
}

/// The features' names in `locale`, joined ("Calendar, Gmail"), or the "none" word.
pub fn feature_names(locale: crate::i18n::Locale, features: &[Feature]) -> String {
    if features.is_empty() {
        return locale.text("google-feature-none");
    }
    features
        .iter()
        .map(|f| locale.text(f.label_key()))
        .collect::<Vec<_>>()
        .join(", ")
}
