//! The OAuth web-server flow with Google, on the oauth2 crate over our reqwest client
//! (redirects never followed): the consent-screen link with PKCE S256, a random state,
//! `access_type=offline` and granular consent; the code exchange with the verifier; refresh
//! (`invalid_grant` told apart, so a connection can say "reconnect needed"); revoke as a
//! plain form POST (`token=…`; oauth2's own revoke refuses non-https URLs, which a local
//! fake is); and the connected account's email from `userinfo_url`.
//!
//! Errors and `Debug` output hold no token, code, verifier or client secret.

use std::fmt;
use std::time::Duration;

use oauth2::basic::{BasicClient, BasicErrorResponseType};
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError, Scope,
    TokenResponse, TokenUrl,
};
use sha2::{Digest, Sha256};

use super::http_error::transport;
use crate::config::{GoogleConfig, Secret};

/// See and create Calendar events.
pub const CALENDAR_SCOPE: &str = "https://www.googleapis.com/auth/calendar.events";
/// Read Gmail (threads on contacts' timelines).
pub const GMAIL_SCOPE: &str = "https://www.googleapis.com/auth/gmail.readonly";
/// Everything a connection asks for; the user may grant less.
pub const SCOPES: [&str; 4] = ["openid", "email", CALENDAR_SCOPE, GMAIL_SCOPE];

type Client = BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

/// A started connection: the link to send the user, and what the callback needs to check
/// and finish it (kept server-side; the state is stored only as [`state_digest`]).
pub struct Started {
    pub url: String,
    pub state: Secret,
    pub verifier: Secret,
}

impl fmt::Debug for Started {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Started { .. }")
    }
}

/// Tokens from Google, and the scopes the user actually granted.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access_token: Secret,
    pub refresh_token: Option<Secret>,
    pub expires_in: Option<Duration>,
    pub scopes: Vec<String>,
}

impl Tokens {
    /// Whether the user granted `scope`.
    pub fn granted(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }
}

/// Why Google did not give what was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OAuthError {
    /// The grant is gone (revoked, expired, password changed): the user must connect again.
    #[error("Google no longer accepts this grant (invalid_grant)")]
    InvalidGrant,
    /// Google refused the request for another reason (a bad code, a wrong client).
    #[error("Google refused the request: {0}")]
    Refused(String),
    /// Google could not be reached or failed.
    #[error("Google is unavailable: {0}")]
    Unavailable(String),
    /// An answer that could not be read.
    #[error("Google's answer could not be read: {0}")]
    BadAnswer(String),
}

/// The digest a state is stored and looked up by: the state itself is never stored, and
/// comparing digests leaks nothing about the state through timing.
pub fn state_digest(state: &str) -> String {
    hex::encode(Sha256::digest(state.as_bytes()))
}

/// The OAuth client of this deployment.
pub struct GoogleOAuth {
    client: Client,
    http: reqwest::Client,
    revoke_url: String,
    userinfo_url: String,
}

impl fmt::Debug for GoogleOAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GoogleOAuth")
            .field("client_id", self.client.client_id())
            .finish_non_exhaustive()
    }
}

impl GoogleOAuth {
    /// The client `[google]` describes, redirecting to `{public_url}/oauth/google/callback`;
    /// `None` when Google is not configured (or a URL does not parse, which start-up checks).
    pub fn new(config: &GoogleConfig, public_url: &str, timeout: Duration) -> Option<GoogleOAuth> {
        if !config.enabled() {
            return None;
        }
        let client = BasicClient::new(ClientId::new(config.client_id.trim().to_string()))
            .set_client_secret(ClientSecret::new(config.client_secret.expose().to_string()))
            .set_auth_uri(AuthUrl::new(config.auth_url.clone()).ok()?)
            .set_token_uri(TokenUrl::new(config.token_url.clone()).ok()?)
            .set_redirect_uri(RedirectUrl::new(GoogleConfig::redirect_uri(public_url)).ok()?);
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .build()
            .ok()?;
        Some(GoogleOAuth {
            client,
            http,
            revoke_url: config.revoke_url.clone(),
            userinfo_url: config.userinfo_url.clone(),
        })
    }

    /// A new consent link: PKCE S256, a fresh random state, offline access with a consent
    /// prompt (so a refresh token comes back also on a reconnect), earlier grants included.
    pub fn start(&self) -> Started {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state) = self
            .client
            .authorize_url(CsrfToken::new_random)
            .add_scopes(SCOPES.iter().map(|s| Scope::new(s.to_string())))
            .set_pkce_challenge(challenge)
            .add_extra_param("access_type", "offline")
            .add_extra_param("prompt", "consent")
            .add_extra_param("include_granted_scopes", "true")
            .url();
        Started {
            url: url.to_string(),
            state: Secret::new(state.secret().clone()),
            verifier: Secret::new(verifier.secret().clone()),
        }
    }

    /// Exchanges the code the callback received, with the verifier of its start.
    pub async fn exchange(&self, code: &str, verifier: &Secret) -> Result<Tokens, OAuthError> {
        let answer = self
            .client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .set_pkce_verifier(PkceCodeVerifier::new(verifier.expose().to_string()))
            .request_async(&self.http)
            .await
            .map_err(classify)?;
        Ok(tokens(&answer))
    }

    /// A new access token for a refresh token.
    pub async fn refresh(&self, refresh_token: &Secret) -> Result<Tokens, OAuthError> {
        let answer = self
            .client
            .exchange_refresh_token(&RefreshToken::new(refresh_token.expose().to_string()))
            .request_async(&self.http)
            .await
            .map_err(classify)?;
        Ok(tokens(&answer))
    }

    /// Revokes the grant a token belongs to (every scope of it).
    pub async fn revoke(&self, token: &Secret) -> Result<(), OAuthError> {
        let response = self
            .http
            .post(&self.revoke_url)
            .form(&[("token", token.expose())])
            .send()
            .await
            .map_err(|e| OAuthError::Unavailable(transport(&e)))?;
        let status = response.status();
        if status.is_success() {
            Ok(())
        } else if status.is_server_error() {
            Err(OAuthError::Unavailable(status.to_string()))
        } else {
            Err(OAuthError::Refused(status.to_string()))
        }
    }

    /// The email of the account an access token belongs to.
    pub async fn account_email(&self, access_token: &Secret) -> Result<String, OAuthError> {
        let response = self
            .http
            .get(&self.userinfo_url)
            .bearer_auth(access_token.expose())
            .send()
            .await
            .map_err(|e| OAuthError::Unavailable(transport(&e)))?;
        let status = response.status();
        if status.is_server_error() {
            return Err(OAuthError::Unavailable(status.to_string()));
        }
        if !status.is_success() {
            return Err(OAuthError::Refused(status.to_string()));
        }
        let info: serde_json::Value = response
            .json()
            .await
            .map_err(|_| OAuthError::BadAnswer("userinfo is not JSON".into()))?;
        info["email"]
            .as_str()
            .filter(|email| email.contains('@'))
            .map(str::to_string)
            .ok_or_else(|| OAuthError::BadAnswer("userinfo has no email".into()))
    }
}

fn tokens(answer: &oauth2::basic::BasicTokenResponse) -> Tokens {
    Tokens {
        access_token: Secret::new(answer.access_token().secret().clone()),
        refresh_token: answer
            .refresh_token()
            .map(|t| Secret::new(t.secret().clone())),
        expires_in: answer.expires_in(),
        scopes: answer
            .scopes()
            .map(|scopes| scopes.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default(),
    }
}

type TokenError = RequestTokenError<
    oauth2::HttpClientError<reqwest::Error>,
    oauth2::StandardErrorResponse<BasicErrorResponseType>,
>;

fn classify(error: TokenError) -> OAuthError {
    match error {
        RequestTokenError::ServerResponse(response) => match response.error() {
            BasicErrorResponseType::InvalidGrant => OAuthError::InvalidGrant,
            other => OAuthError::Refused(other.to_string()),
        },
        RequestTokenError::Request(oauth2::HttpClientError::Reqwest(e)) => {
            OAuthError::Unavailable(transport(&e))
        }
        RequestTokenError::Request(_) => OAuthError::Unavailable("the request failed".into()),
        RequestTokenError::Parse(_, _) => OAuthError::BadAnswer("the token answer".into()),
        RequestTokenError::Other(message) => {
            OAuthError::Unavailable(message.chars().take(100).collect())
        }
    }
}

#[cfg(test)]
#[path = "oauth_tests.rs"]
mod tests;
