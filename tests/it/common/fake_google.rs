//! A fake Google (axum on port 0) for the OAuth flow: the consent screen (it redirects back
//! at once with a code, or with `error=access_denied`, granting all or only some scopes),
//! the token endpoint (checks the client, the redirect URI and the PKCE verifier against
//! the challenge; codes are single use; refresh tokens until revoked), revoke (form
//! `token=`), and userinfo; Calendar's events are its sibling `fake_calendar`. It records
//! what it was sent, so tests can check the revoke.
//!
//! Self-contained with its sibling `fake_calendar` (axum, tokio, serde_json, sha2): the
//! library's own tests include both too.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use serde_json::json;
use sha2::{Digest, Sha256};

#[path = "fake_gmail.rs"]
mod gmail;

pub const CLIENT_ID: &str = "test-client.apps.googleusercontent.com";
pub const CLIENT_SECRET: &str = "GOCSPX-test-client-secret";
pub const EMAIL: &str = "anna.petrova@example.com";

#[derive(Default)]
struct Inner {
    /// code → (challenge, redirect_uri, granted scopes)
    codes: Mutex<HashMap<String, (String, String, String)>>,
    /// access token → email
    access: Mutex<HashMap<String, String>>,
    /// refresh token → (granted scopes, revoked)
    refresh: Mutex<HashMap<String, (String, bool)>>,
    revoked: Mutex<Vec<String>>,
    deny: Mutex<bool>,
    grant_only: Mutex<Option<Vec<String>>>,
    revoke_fails: Mutex<bool>,
    counter: Mutex<u64>,
    gmail: Mutex<gmail::Mailbox>,
}

impl Inner {
    fn next(&self, prefix: &str) -> String {
        let mut n = self.counter.lock().unwrap();
        *n += 1;
        format!("{prefix}{n:04}")
    }
}

/// The running fake.
#[derive(Clone)]
pub struct FakeGoogle {
    inner: Arc<Inner>,
    base: String,
    /// Google Calendar (`super::fake_calendar`).
    pub calendar: Arc<super::fake_calendar::Calendar>,
}

impl FakeGoogle {
    pub async fn start() -> FakeGoogle {
        let inner = Arc::new(Inner::default());
        let app = Router::new()
            .route("/o/oauth2/v2/auth", get(authorize))
            .route("/token", post(token))
            .route("/revoke", post(revoke))
            .route("/v1/userinfo", get(userinfo))
            .route("/gmail/v1/users/me/messages", get(gmail::gmail_list))
            .route("/gmail/v1/users/me/messages/{id}", get(gmail::gmail_get))
            .route("/gmail/v1/users/me/history", get(gmail::gmail_history))
            .with_state(inner.clone());
        let calendar = Arc::new(super::fake_calendar::Calendar::default());
        let live = inner.clone();
        let check: super::fake_calendar::TokenCheck =
            Arc::new(move |token| live.access.lock().unwrap().contains_key(token));
        let app = app.merge(super::fake_calendar::routes(calendar.clone(), check));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeGoogle {
            inner,
            base: format!("http://{addr}"),
            calendar,
        }
    }

    pub fn auth_url(&self) -> String {
        format!("{}/o/oauth2/v2/auth", self.base)
    }
    pub fn token_url(&self) -> String {
        format!("{}/token", self.base)
    }
    pub fn revoke_url(&self) -> String {
        format!("{}/revoke", self.base)
    }
    pub fn userinfo_url(&self) -> String {
        format!("{}/v1/userinfo", self.base)
    }
    pub fn api_url(&self) -> String {
        self.base.clone()
    }

    /// The consent screen answers `error=access_denied` from now on.
    pub fn deny(&self) {
        *self.inner.deny.lock().unwrap() = true;
    }
    /// The user grants only these scopes from now on (granular consent).
    pub fn grant_only(&self, scopes: &[&str]) {
        *self.inner.grant_only.lock().unwrap() =
            Some(scopes.iter().map(|s| s.to_string()).collect());
    }
    /// Revoke answers 503 from now on.
    pub fn fail_revokes(&self) {
        *self.inner.revoke_fails.lock().unwrap() = true;
    }
    /// Revoke answers again (Google is back).
    pub fn answer_revokes(&self) {
        *self.inner.revoke_fails.lock().unwrap() = false;
    }
    /// Tokens revoked so far (what `token=` carried).
    pub fn revoked(&self) -> Vec<String> {
        self.inner.revoked.lock().unwrap().clone()
    }
    /// Every access token handed out so far stops working before its expiry (Google ended
    /// the session); refresh tokens still work.
    pub fn expire_access_tokens(&self) {
        self.inner.access.lock().unwrap().clear();
    }
    /// Revokes a refresh token as the user would in their Google account.
    pub fn revoke_outside(&self, refresh_token: &str) {
        if let Some(entry) = self.inner.refresh.lock().unwrap().get_mut(refresh_token) {
            entry.1 = true;
        }
    }
}

/// base64url without padding, as PKCE's S256 wants it.
pub fn base64url(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

async fn authorize(
    State(inner): State<Arc<Inner>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let redirect = q.get("redirect_uri").cloned().unwrap_or_default();
    let state = q.get("state").cloned().unwrap_or_default();
    if q.get("client_id").map(String::as_str) != Some(CLIENT_ID)
        || q.get("code_challenge_method").map(String::as_str) != Some("S256")
        || q.get("access_type").map(String::as_str) != Some("offline")
    {
        return (StatusCode::BAD_REQUEST, "bad authorization request").into_response();
    }
    if *inner.deny.lock().unwrap() {
        return Redirect::to(&format!("{redirect}?error=access_denied&state={state}"))
            .into_response();
    }
    let asked = q.get("scope").cloned().unwrap_or_default();
    let granted = match inner.grant_only.lock().unwrap().as_ref() {
        Some(only) => only.join(" "),
        None => asked
            .split(' ')
            .map(|s| {
                if s == "email" {
                    "https://www.googleapis.com/auth/userinfo.email"
                } else {
                    s
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    };
    let code = inner.next("4/code-");
    inner.codes.lock().unwrap().insert(
        code.clone(),
        (
            q.get("code_challenge").cloned().unwrap_or_default(),
            redirect.clone(),
            granted,
        ),
    );
    Redirect::to(&format!("{redirect}?code={code}&state={state}")).into_response()
}

fn invalid_grant() -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": "invalid_grant", "error_description": "Token has been expired or revoked."})),
    )
        .into_response()
}

fn client_ok(headers: &HeaderMap, form: &HashMap<String, String>) -> bool {
    let basic = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .map(str::to_string);
    let expected = base64_std(format!("{CLIENT_ID}:{CLIENT_SECRET}").as_bytes());
    basic.as_deref() == Some(&expected)
        || (form.get("client_id").map(String::as_str) == Some(CLIENT_ID)
            && form.get("client_secret").map(String::as_str) == Some(CLIENT_SECRET))
}

fn base64_std(bytes: &[u8]) -> String {
    let mut s = base64url(bytes).replace('-', "+").replace('_', "/");
    while !s.len().is_multiple_of(4) {
        s.push('=');
    }
    s
}

async fn token(
    State(inner): State<Arc<Inner>>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    if !client_ok(&headers, &form) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "invalid_client"})),
        )
            .into_response();
    }
    let scopes = match form.get("grant_type").map(String::as_str) {
        Some("authorization_code") => {
            let code = form.get("code").cloned().unwrap_or_default();
            let Some((challenge, redirect, granted)) = inner.codes.lock().unwrap().remove(&code)
            else {
                return invalid_grant();
            };
            let verifier = form.get("code_verifier").cloned().unwrap_or_default();
            if base64url(&Sha256::digest(verifier.as_bytes())) != challenge
                || form.get("redirect_uri") != Some(&redirect)
            {
                return invalid_grant();
            }
            granted
        }
        Some("refresh_token") => {
            let refresh = form.get("refresh_token").cloned().unwrap_or_default();
            match inner.refresh.lock().unwrap().get(&refresh) {
                Some((granted, false)) => granted.clone(),
                _ => return invalid_grant(),
            }
        }
        _ => {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({"error": "unsupported_grant_type"})),
            )
                .into_response();
        }
    };
    let access = inner.next("ya29.access-");
    inner
        .access
        .lock()
        .unwrap()
        .insert(access.clone(), EMAIL.to_string());
    let mut answer = json!({
        "access_token": access, "expires_in": 3599, "scope": scopes, "token_type": "Bearer",
        "id_token": "eyJhbGciOiJSUzI1NiJ9.e30.sig"
    });
    if form.get("grant_type").map(String::as_str) == Some("authorization_code") {
        let refresh = inner.next("1//refresh-");
        inner
            .refresh
            .lock()
            .unwrap()
            .insert(refresh.clone(), (scopes, false));
        answer["refresh_token"] = json!(refresh);
    }
    Json(answer).into_response()
}

async fn revoke(
    State(inner): State<Arc<Inner>>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let token = form.get("token").cloned().unwrap_or_default();
    inner.revoked.lock().unwrap().push(token.clone());
    if *inner.revoke_fails.lock().unwrap() {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let known_refresh = match inner.refresh.lock().unwrap().get_mut(&token) {
        Some(entry) if !entry.1 => {
            entry.1 = true;
            true
        }
        _ => false,
    };
    let known_access = inner.access.lock().unwrap().remove(&token).is_some();
    if known_refresh || known_access {
        StatusCode::OK.into_response()
    } else {
        (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "invalid_token"})),
        )
            .into_response()
    }
}

async fn userinfo(State(inner): State<Arc<Inner>>, headers: HeaderMap) -> Response {
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .to_string();
    match inner.access.lock().unwrap().get(&token) {
        Some(email) => {
            Json(json!({"sub": "110248495921238986420", "email": email, "email_verified": true}))
                .into_response()
        }
        None => StatusCode::UNAUTHORIZED.into_response(),
    }
}
