//! /connect_google, /google and /disconnect_google. Connecting answers with a one-time
//! link to Google's consent screen (the state is stored as a digest, the PKCE verifier
//! sealed; the callback in `http/` and `google::connect` finish it). /google shows the
//! connection: account, features, status, last successful sync and last error (in the
//! user's language, read from the worker's words by `google::last_error`).
//! Disconnecting asks first, then marks the connection and answers at once: the Google
//! worker revokes the grant and purges outside this transaction. All three only in the
//! user's private chat: the link is theirs, and the account's email is personal.

use super::{Ctx, Replies, asking};
use crate::crm::when::format_local;
use crate::google::last_error::{self, Cause, During};
use crate::google::oauth::state_digest;
use crate::google::{feature_names, features, tokens};
use crate::i18n::Locale;
use crate::message::{Choice, Reply};
use crate::router::Button;
use crate::store::google_connections::{self, Connection, Status};
use crate::store::google_states::{self, NewState};
use crate::tr;

/// `/connect_google`: the consent link, or why not.
pub async fn connect(ctx: &mut Ctx<'_>) -> Replies {
    if !ctx.private_chat {
        return ctx.say(ctx.t("google-private-only"));
    }
    let Some(google) = ctx.settings.google.clone() else {
        return ctx.say(ctx.t("google-not-configured"));
    };
    if let Some(existing) = google_connections::of_user(ctx.tx, ctx.actor.user_id).await? {
        match existing.status {
            Status::Active => {
                let text = tr!(
                    ctx.actor.locale,
                    "google-already-connected",
                    email = existing.account_email.clone()
                );
                return ctx.say(text);
            }
            Status::Disconnecting => return ctx.say(ctx.t("google-disconnecting")),
            // A reconnect: the new grant replaces the dead one.
            Status::ReconnectNeeded => {}
        }
    }
    let started = google.oauth.start();
    let digest = state_digest(started.state.expose());
    let sealed = tokens::seal_verifier(
        &google.sealer,
        &digest,
        ctx.actor.user_id,
        &started.verifier,
    );
    let chat_id = ctx.chat_id.to_string();
    google_states::create(
        ctx.tx,
        NewState {
            digest: &digest,
            user_id: ctx.actor.user_id,
            identity_id: ctx.actor.identity_id,
            chat_id: &chat_id,
            sealed_verifier: &sealed,
        },
    )
    .await?;
    ctx.audit("google.connect.started", "google").await?;
    let text = ctx.t("google-connect-link");
    let link = Choice::link(ctx.t("choice-google-connect"), started.url);
    Ok(vec![Reply::text(text).with_choices(vec![link])])
}

/// `/google`: the connection's state.
pub async fn status(ctx: &mut Ctx<'_>) -> Replies {
    if !ctx.private_chat {
        return ctx.say(ctx.t("google-private-only"));
    }
    let Some(connection) = google_connections::of_user(ctx.tx, ctx.actor.user_id).await? else {
        let key = if ctx.settings.google.is_some() {
            "google-none"
        } else {
            "google-not-configured"
        };
        return ctx.say(ctx.t(key));
    };
    ctx.say(describe(ctx, &connection))
}

fn describe(ctx: &Ctx<'_>, connection: &Connection) -> String {
    let locale = ctx.actor.locale;
    let when = |millis: Option<i64>| {
        millis
            .and_then(chrono::DateTime::from_timestamp_millis)
            .map_or_else(
                || locale.text("google-never"),
                |at| format_local(at, ctx.tz, ctx.now, locale.code()),
            )
    };
    let status = locale.text(match connection.status {
        Status::Active => "google-status-active",
        Status::ReconnectNeeded => "google-status-reconnect",
        Status::Disconnecting => "google-status-disconnecting",
    });
    let enabled = features(|scope| connection.granted(scope));
    tr!(
        locale,
        "google-summary",
        email = connection.account_email.clone(),
        features = feature_names(locale, &enabled),
        status = status,
        connected = when(Some(connection.connected_at)),
        synced = when(connection.last_sync_at),
        error = connection.last_error.as_deref().map_or_else(
            || locale.text("google-no-error"),
            |words| last_error(locale, words)
        )
    )
}

/// The stored last error in `locale`: what the worker was doing, then what went wrong;
/// words of an unknown shape stay Google's after a localized prefix.
fn last_error(locale: Locale, words: &str) -> String {
    let (during, cause) = last_error::read(words);
    let what = match cause {
        Cause::Reconnect => locale.text("google-error-reconnect"),
        Cause::Unauthorized => locale.text("google-error-unauthorized"),
        Cause::RateLimited => locale.text("google-error-rate-limited"),
        Cause::Unavailable(detail) => {
            tr!(
                locale,
                "google-error-unavailable",
                detail = detail.to_string()
            )
        }
        Cause::Other(words) => tr!(locale, "google-error-other", words = words.to_string()),
    };
    let during = match during {
        During::Sync(feature) => locale.text(feature.label_key()),
        During::Refresh => locale.text("google-error-refresh"),
        During::Unknown => return what,
    };
    format!("{during}: {what}")
}

/// `/disconnect_google`: asks first.
pub async fn disconnect(ctx: &mut Ctx<'_>) -> Replies {
    if !ctx.private_chat {
        return ctx.say(ctx.t("google-private-only"));
    }
    let Some(connection) = google_connections::of_user(ctx.tx, ctx.actor.user_id).await? else {
        return status(ctx).await;
    };
    if connection.status == Status::Disconnecting {
        return ctx.say(ctx.t("google-disconnecting"));
    }
    let text = tr!(
        ctx.actor.locale,
        "google-disconnect-confirm",
        email = connection.account_email.clone()
    );
    let yes = "choice-google-disconnect";
    asking::confirm(ctx, text, yes, Button::DisconnectGoogle, "choice-cancel")
}

/// The confirmation: marked for the worker, answered at once.
pub async fn disconnect_confirmed(ctx: &mut Ctx<'_>) -> Replies {
    if !google_connections::request_disconnect(ctx.tx, ctx.actor.user_id).await? {
        let exists = google_connections::of_user(ctx.tx, ctx.actor.user_id)
            .await?
            .is_some();
        let key = if exists {
            "google-disconnecting"
        } else {
            "google-none"
        };
        return ctx.say(ctx.t(key));
    }
    ctx.audit("google.disconnect.requested", "google").await?;
    ctx.wake_google = true;
    ctx.say(ctx.t("google-disconnect-started"))
}
