//! `[google]`: the Google OAuth client and the Google endpoints (all overridable, so tests
//! and users can point them at fakes). Google is optional: it is on when `client_id` and
//! `client_secret` are set, and then needs `[http] public_url` for its redirect URI.

use serde::{Deserialize, Serialize};

use super::llm::outside_url;
use super::{ConfigError, Secret};

/// `[google]`: the OAuth client of a Google Cloud project and Google's endpoints.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GoogleConfig {
    /// The OAuth client id (`….apps.googleusercontent.com`).
    pub client_id: String,
    /// The OAuth client secret.
    pub client_secret: Secret,
    /// The consent screen.
    pub auth_url: String,
    /// Where codes and refresh tokens are exchanged for access tokens.
    pub token_url: String,
    /// Where a grant is revoked (form `token=…`).
    pub revoke_url: String,
    /// Who is connected (`email`).
    pub userinfo_url: String,
    /// The base of Calendar (`/calendar/v3/…`) and Gmail (`/gmail/v1/…`).
    pub api_url: String,
}

impl Default for GoogleConfig {
    fn default() -> Self {
        Self {
            client_id: String::new(),
            client_secret: Secret::default(),
            auth_url: "https://accounts.google.com/o/oauth2/v2/auth".into(),
            token_url: "https://oauth2.googleapis.com/token".into(),
            revoke_url: "https://oauth2.googleapis.com/revoke".into(),
            userinfo_url: "https://openidconnect.googleapis.com/v1/userinfo".into(),
            api_url: "https://www.googleapis.com".into(),
        }
    }
}

impl GoogleConfig {
    /// Whether Google can be connected: the client id and secret are set.
    pub fn enabled(&self) -> bool {
        !self.client_id.trim().is_empty() && !self.client_secret.is_empty()
    }

    /// The redirect URI registered with Google: `{public_url}/oauth/google/callback`.
    pub fn redirect_uri(public_url: &str) -> String {
        format!(
            "{}/oauth/google/callback",
            public_url.trim().trim_end_matches('/')
        )
    }

    pub(super) fn validate(&self, public_url: &str) -> Result<(), ConfigError> {
        let id_set = !self.client_id.trim().is_empty();
        if id_set == self.client_secret.is_empty() {
            return Err(ConfigError::BadValue {
                key: if id_set {
                    "google.client_secret"
                } else {
                    "google.client_id"
                },
                message: "Google needs client_id and client_secret together".into(),
            });
        }
        if !self.enabled() {
            return Ok(());
        }
        for (key, url, example) in [
            (
                "google.auth_url",
                &self.auth_url,
                "https://accounts.google.com/o/oauth2/v2/auth",
            ),
            (
                "google.token_url",
                &self.token_url,
                "https://oauth2.googleapis.com/token",
            ),
            (
                "google.revoke_url",
                &self.revoke_url,
                "https://oauth2.googleapis.com/revoke",
            ),
            (
                "google.userinfo_url",
                &self.userinfo_url,
                "https://openidconnect.googleapis.com/v1/userinfo",
            ),
            (
                "google.api_url",
                &self.api_url,
                "https://www.googleapis.com",
            ),
        ] {
            outside_url(key, url, example)?;
        }
        outside_url("http.public_url", public_url, "https://crm.example.com").map_err(|_| {
            ConfigError::BadValue {
                key: "http.public_url",
                message: "Google needs the public https:// address of this endpoint for its \
                          redirect URI ({public_url}/oauth/google/callback)"
                    .into(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::config::bad_key as key_of;

    #[test]
    fn google_is_optional_and_needs_its_pair_and_a_public_address() {
        let off = GoogleConfig::default();
        assert!(!off.enabled());
        assert!(off.validate("").is_ok());
        let half = GoogleConfig {
            client_id: "id.apps.googleusercontent.com".into(),
            ..GoogleConfig::default()
        };
        assert_eq!(
            key_of(half.validate("https://crm.example.com")),
            Some("google.client_secret")
        );
        let on = GoogleConfig {
            client_secret: Secret::new("GOCSPX-secret"),
            ..half
        };
        assert!(on.validate("https://crm.example.com").is_ok());
        assert_eq!(key_of(on.validate("")), Some("http.public_url"));
        let plain = GoogleConfig {
            token_url: "http://tokens.example.com/token".into(),
            ..on.clone()
        };
        assert_eq!(
            key_of(plain.validate("https://crm.example.com")),
            Some("google.token_url")
        );
        let local = GoogleConfig {
            token_url: "http://127.0.0.1:9/token".into(),
            ..on
        };
        assert!(local.validate("http://127.0.0.1:8080").is_ok());
        assert_eq!(
            GoogleConfig::redirect_uri("https://crm.example.com/"),
            "https://crm.example.com/oauth/google/callback"
        );
    }
}
