//! The OAuth client against the fake Google the story tests use.

use crate::google::fake_google;

use std::collections::HashMap;

use fake_google::{CLIENT_ID, CLIENT_SECRET, EMAIL, FakeGoogle};

use super::*;

fn config(fake: &FakeGoogle) -> GoogleConfig {
    GoogleConfig {
        client_id: CLIENT_ID.into(),
        client_secret: Secret::new(CLIENT_SECRET),
        auth_url: fake.auth_url(),
        token_url: fake.token_url(),
        revoke_url: fake.revoke_url(),
        userinfo_url: fake.userinfo_url(),
        api_url: fake.api_url(),
    }
}

const PUBLIC: &str = "http://127.0.0.1:9";

fn oauth(fake: &FakeGoogle) -> GoogleOAuth {
    GoogleOAuth::new(&config(fake), PUBLIC, Duration::from_secs(5)).unwrap()
}

/// Follows the consent link as a browser would, up to the redirect back to us; returns the
/// callback's query.
/// A fresh start and the consent page's answer to it.
async fn consented(oauth: &GoogleOAuth) -> (Started, HashMap<String, String>) {
    let started = oauth.start();
    let back = consent(&started.url).await;
    (started, back)
}

/// A start, its consent and the exchange of its code.
async fn signed_in(oauth: &GoogleOAuth) -> (Started, HashMap<String, String>, Tokens) {
    let (started, back) = consented(oauth).await;
    let tokens = oauth
        .exchange(&back["code"], &started.verifier)
        .await
        .unwrap();
    (started, back, tokens)
}

/// The error of exchanging `code` with the verifier of `started` (it must fail).
async fn exchange_error(oauth: &GoogleOAuth, code: &str, started: &Started) -> OAuthError {
    oauth.exchange(code, &started.verifier).await.unwrap_err()
}

async fn consent(url: &str) -> HashMap<String, String> {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = http.get(url).send().await.unwrap();
    assert_eq!(
        response.status().as_u16(),
        303,
        "{}",
        response.text().await.unwrap()
    );
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with(&format!("{PUBLIC}/oauth/google/callback?")),
        "{location}"
    );
    url::Url::parse(&location)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

#[test]
fn not_configured_means_no_client() {
    assert!(GoogleOAuth::new(&GoogleConfig::default(), PUBLIC, Duration::from_secs(1)).is_none());
}

#[tokio::test]
async fn the_link_asks_offline_access_with_pkce_and_a_fresh_state() {
    let fake = FakeGoogle::start().await;
    let oauth = oauth(&fake);
    let first = oauth.start();
    let second = oauth.start();
    assert_ne!(first.state.expose(), second.state.expose());
    assert_ne!(first.verifier.expose(), second.verifier.expose());
    let url = url::Url::parse(&first.url).unwrap();
    let q: HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["access_type"], "offline");
    assert_eq!(q["prompt"], "consent");
    assert_eq!(q["state"], first.state.expose());
    assert_eq!(q["redirect_uri"], format!("{PUBLIC}/oauth/google/callback"));
    assert!(q["scope"].contains(CALENDAR_SCOPE) && q["scope"].contains(GMAIL_SCOPE));
    assert!(
        !first.url.contains(first.verifier.expose()),
        "the verifier stays with us"
    );
    assert!(!format!("{first:?}").contains(first.state.expose()));
    assert_eq!(state_digest("abc").len(), 64);
    assert_ne!(state_digest("abc"), "abc");
}

#[tokio::test]
async fn a_code_is_exchanged_with_its_verifier_once_and_names_the_account() {
    let fake = FakeGoogle::start().await;
    let oauth = oauth(&fake);
    let (started, back) = consented(&oauth).await;
    assert_eq!(back["state"], started.state.expose());

    let wrong = oauth.start();
    let refused = exchange_error(&oauth, &back["code"], &wrong).await;
    assert_eq!(
        refused,
        OAuthError::InvalidGrant,
        "another start's verifier does not match the challenge"
    );
    // The fake spends a code on any attempt, like Google; start again.
    let (started, back, tokens) = signed_in(&oauth).await;
    assert!(tokens.granted(CALENDAR_SCOPE) && tokens.granted(GMAIL_SCOPE));
    assert!(tokens.refresh_token.is_some());
    assert_eq!(
        oauth.account_email(&tokens.access_token).await.unwrap(),
        EMAIL
    );
    let refused = exchange_error(&oauth, &back["code"], &started).await;
    assert_eq!(refused, OAuthError::InvalidGrant, "a code is single use");
    assert!(!format!("{tokens:?}").contains(tokens.access_token.expose()));
}

#[tokio::test]
async fn granular_consent_shows_in_the_scopes_and_denial_comes_back_as_an_error() {
    let fake = FakeGoogle::start().await;
    let oauth = oauth(&fake);
    fake.grant_only(&[
        "openid",
        "https://www.googleapis.com/auth/userinfo.email",
        CALENDAR_SCOPE,
    ]);
    let (_, _, tokens) = signed_in(&oauth).await;
    assert!(tokens.granted(CALENDAR_SCOPE));
    assert!(!tokens.granted(GMAIL_SCOPE));

    fake.deny();
    let back = consent(&oauth.start().url).await;
    assert_eq!(back.get("error").map(String::as_str), Some("access_denied"));
    assert!(!back.contains_key("code"));
}

#[tokio::test]
async fn refresh_works_until_the_grant_is_revoked_then_says_invalid_grant() {
    let fake = FakeGoogle::start().await;
    let oauth = oauth(&fake);
    let (_, _, tokens) = signed_in(&oauth).await;
    let refresh = tokens.refresh_token.clone().unwrap();
    let renewed = oauth.refresh(&refresh).await.unwrap();
    assert_ne!(renewed.access_token.expose(), tokens.access_token.expose());

    oauth.revoke(&refresh).await.unwrap();
    assert_eq!(fake.revoked(), vec![refresh.expose().to_string()]);
    assert_eq!(
        oauth.refresh(&refresh).await.unwrap_err(),
        OAuthError::InvalidGrant
    );
    // Revoking what Google does not know is refused, and a failing revoke says unavailable.
    assert!(matches!(
        oauth.revoke(&refresh).await,
        Err(OAuthError::Refused(_))
    ));
    fake.fail_revokes();
    assert!(matches!(
        oauth.revoke(&refresh).await,
        Err(OAuthError::Unavailable(_))
    ));
}

#[tokio::test]
async fn an_unreachable_google_is_unavailable_without_the_url_or_token() {
    let dead = GoogleConfig {
        client_id: CLIENT_ID.into(),
        client_secret: Secret::new(CLIENT_SECRET),
        token_url: "http://127.0.0.1:1/token".into(),
        revoke_url: "http://127.0.0.1:1/revoke".into(),
        ..GoogleConfig::default()
    };
    let oauth = GoogleOAuth::new(&dead, PUBLIC, Duration::from_secs(2)).unwrap();
    let token = Secret::new("1//very-secret-refresh");
    for error in [
        oauth.refresh(&token).await.unwrap_err(),
        oauth.revoke(&token).await.unwrap_err(),
    ] {
        assert!(matches!(error, OAuthError::Unavailable(_)), "{error}");
        assert!(!error.to_string().contains("very-secret"), "{error}");
    }
}
