//! The end of the OAuth flow, behind `GET /oauth/google/callback`: the state is looked up
//! by its digest and taken (single use), its expiry checked; Google's `error` (the user
//! refused) or a state that is unknown, used or expired stores nothing and is audited (a
//! refusal is also told to the chat that asked for the link, once).
//! Otherwise the code is exchanged with the sealed verifier and the account's email read —
//! outside any transaction — and then, in one new transaction, a previous connection of the
//! user is purged (a reconnect starts clean), the new one stored with its tokens sealed,
//! the connection audited and the chat told which account and which features are connected.
//! The code, the state and the tokens are never logged.

use tracing::{info, warn};

use super::oauth::{OAuthError, Tokens, state_digest};
use super::{Google, feature_names, features, purge, tokens};
use crate::config::Secret;
use crate::i18n::Locale;
use crate::message::{Channel, Reply};
use crate::store::google_connections;
use crate::store::google_states::{self, PendingState};
use crate::store::outbox::{self, Destination};
use crate::store::{self, Store, privacy, users};
use crate::tr;

/// What the callback was given (query parameters).
#[derive(Debug, Default, Clone)]
pub struct Callback {
    pub state: Option<Secret>,
    pub code: Option<Secret>,
    pub error: Option<String>,
}

/// How the callback ended, for the page shown in the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Connected: the page says so in the user's language.
    Connected { locale: Locale, email: String },
    /// The user did not allow access on Google's screen.
    Denied { locale: Locale },
    /// No such state, or it was used already.
    UnknownState,
    /// The link is older than 10 minutes.
    Expired { locale: Locale },
    /// Google refused the code or could not be reached.
    Failed { locale: Locale },
}

/// Who the audit log names for a callback whose state matched no user.
const NOBODY: &str = "oauth-callback";

/// Finishes a connection (see the module doc).
pub async fn finish(store: &Store, google: &Google, callback: Callback) -> store::Result<Outcome> {
    let Some(state) = callback.state.filter(|s| !s.is_empty()) else {
        audit_anonymous(store, "google.connect.bad_state").await?;
        return Ok(Outcome::UnknownState);
    };
    let digest = state_digest(state.expose());
    let mut tx = store.begin().await?;
    let Some(pending) = google_states::take(&mut tx, &digest).await? else {
        let now = tx.now_millis();
        privacy::audit(&mut tx, NOBODY, "google.connect.bad_state", "", now).await?;
        tx.commit().await?;
        return Ok(Outcome::UnknownState);
    };
    let locale = users::locale_and_zone(&mut tx, pending.user_id)
        .await?
        .map_or(Locale::EN, |(locale, _)| locale);
    let now = tx.now_millis();
    let early_end = if pending.expires_at <= now {
        Some(("google.connect.expired", Outcome::Expired { locale }))
    } else if callback.error.is_some() || callback.code.is_none() {
        Some(("google.connect.denied", Outcome::Denied { locale }))
    } else {
        None
    };
    if let Some((action, outcome)) = early_end {
        audit_user(&mut tx, pending.user_id, action).await?;
        if let Outcome::Denied { .. } = outcome {
            // The state is single use: the chat is told once.
            let text = locale.text("google-connect-denied");
            tell(&mut tx, &pending, &Reply::text(text)).await?;
        }
        tx.commit().await?;
        return Ok(outcome);
    }
    // The state is used up whatever follows.
    tx.commit().await?;
    let code = callback.code.unwrap_or_default();
    let Ok(verifier) =
        tokens::open_verifier(&google.sealer, &digest, pending.user_id, &pending.verifier)
    else {
        warn!("a connect state's verifier does not open (key changed?)");
        return failed(store, &pending, locale).await;
    };
    let (granted, email) = match exchange(google, &code, &verifier).await {
        Ok(done) => done,
        Err(error) => {
            warn!(%error, "connecting Google failed");
            return failed(store, &pending, locale).await;
        }
    };
    let Some(refresh) = granted.refresh_token.clone() else {
        warn!("Google gave no refresh token; the connection could not be kept");
        let _ = google.oauth.revoke(&granted.access_token).await;
        return failed(store, &pending, locale).await;
    };
    let mut tx = store.begin().await?;
    if let Some(previous) = google_connections::of_user(&mut tx, pending.user_id).await? {
        purge::connection(&mut tx, &previous).await?;
    }
    let scopes = granted.scopes.join(" ");
    let id = google_connections::insert(&mut tx, pending.user_id, &email, &scopes).await?;
    let now = tx.now_millis();
    let expires_in = granted.expires_in.map_or(3600, |d| d.as_secs() as i64);
    let access = tokens::seal_connection(
        &google.sealer,
        id,
        pending.user_id,
        "access_token",
        &granted.access_token,
    );
    let refresh = tokens::seal_connection(
        &google.sealer,
        id,
        pending.user_id,
        "refresh_token",
        &refresh,
    );
    google_connections::set_tokens(&mut tx, id, &access, now + expires_in * 1000, &refresh).await?;
    audit_user(&mut tx, pending.user_id, "google.connected").await?;
    let enabled = features(|scope| granted.granted(scope));
    let text = tr!(
        locale,
        "google-connected",
        email = email.clone(),
        features = feature_names(locale, &enabled)
    );
    // It names the account: kept only until delivered.
    tell(&mut tx, &pending, &Reply::text(text).scrubbed_after_send()).await?;
    tx.commit().await?;
    info!(connection = id, "Google connected");
    google.wake();
    Ok(Outcome::Connected { locale, email })
}

/// The code exchanged and the account read, outside any transaction.
async fn exchange(
    google: &Google,
    code: &Secret,
    verifier: &Secret,
) -> Result<(Tokens, String), OAuthError> {
    let granted = google.oauth.exchange(code.expose(), verifier).await?;
    match google.oauth.account_email(&granted.access_token).await {
        Ok(email) => Ok((granted, email)),
        Err(error) => {
            // Not kept, so not left granted either.
            if let Some(refresh) = &granted.refresh_token {
                let _ = google.oauth.revoke(refresh).await;
            }
            Err(error)
        }
    }
}

async fn failed(store: &Store, pending: &PendingState, locale: Locale) -> store::Result<Outcome> {
    let mut tx = store.begin().await?;
    audit_user(&mut tx, pending.user_id, "google.connect.failed").await?;
    tell(
        &mut tx,
        pending,
        &Reply::text(locale.text("google-connect-failed")),
    )
    .await?;
    tx.commit().await?;
    Ok(Outcome::Failed { locale })
}

/// Queues `reply` to the chat that asked for the link (or the user's last chat when that
/// identity is gone).
async fn tell(tx: &mut store::Tx, pending: &PendingState, reply: &Reply) -> store::Result<()> {
    let channel = google_states::active_channel(tx, pending.identity_id)
        .await?
        .and_then(|name| Channel::from_name(&name));
    match channel {
        Some(channel) => {
            let to = Destination {
                identity_id: Some(pending.identity_id),
                channel,
                chat_id: &pending.chat_id,
                edit_message_id: None,
            };
            outbox::enqueue(tx, to, reply).await
        }
        None => outbox::enqueue_for_user(tx, pending.user_id, reply)
            .await
            .map(|_| ()),
    }
}

async fn audit_user(
    tx: &mut store::Tx,
    user_id: crate::crm::UserId,
    action: &str,
) -> store::Result<()> {
    let actor = privacy::pseudonym(tx, user_id).await?;
    let now = tx.now_millis();
    privacy::audit(tx, &actor, action, "google", now).await
}

async fn audit_anonymous(store: &Store, action: &str) -> store::Result<()> {
    let mut tx = store.begin().await?;
    let now = tx.now_millis();
    privacy::audit(&mut tx, NOBODY, action, "", now).await?;
    tx.commit().await
}
