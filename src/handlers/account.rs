//! /delete_account: explains what is deleted and what stays with the team (and, with Google
//! connected, that its access is revoked and the synced data deleted), refuses while
//! the user owns a team workspace with other members, and after confirmation deletes the
//! account (see `store::erasure`), leaving only a pseudonymous audit entry. A Google
//! connection goes first (`google::purge::for_erasure`): no token stays with the account. One chat may
//! delete at most `DELETIONS_PER_HOUR` accounts an hour (`privacy::limits`).

use super::{Ctx, Replies, asking};
use crate::privacy::limits::DELETIONS_PER_HOUR;
use crate::router::Button;
use crate::store::privacy::pseudonym;
use crate::store::{self, erasure, google_connections};
use crate::tr;

pub async fn ask(ctx: &mut Ctx<'_>) -> Replies {
    if let Some(refused) = owner_refusal(ctx).await? {
        return ctx.say(refused);
    }
    let mut text = ctx.t("delete-account-explain");
    // A connected Google account: its access is revoked and what was synced deleted.
    if let Some(google) = google_connections::of_user(ctx.tx, ctx.actor.user_id).await? {
        text.push(' ');
        text.push_str(&tr!(
            ctx.actor.locale,
            "delete-account-google",
            email = google.account_email
        ));
    }
    text.push(' ');
    text.push_str(&ctx.t("delete-account-final"));
    let yes = "choice-delete-account";
    asking::confirm(ctx, text, yes, Button::DeleteAccount, "choice-cancel")
}

pub async fn delete(ctx: &mut Ctx<'_>) -> Replies {
    if let Some(refused) = owner_refusal(ctx).await? {
        return ctx.say(refused);
    }
    if let Err(wait) = ctx.limits.take_deletion(ctx.channel, ctx.chat_id) {
        let minutes = wait.as_secs().div_ceil(60) as i64;
        let text = tr!(
            ctx.actor.locale,
            "delete-account-limit",
            limit = DELETIONS_PER_HOUR as i64,
            minutes = minutes
        );
        return ctx.say(text);
    }
    let who = pseudonym(ctx.tx, ctx.actor.user_id).await?;
    ctx.audit("account.deleted", &who).await?;
    // Google first: its refresh token goes to the revocation queue (sealed, tied to no
    // user) and the connection with its cache is deleted; the worker revokes the grant.
    let google = ctx.settings.google.clone();
    ctx.wake_google =
        crate::google::purge::for_erasure(ctx.tx, google.as_deref(), ctx.actor.user_id).await?;
    erasure::delete_user(ctx.tx, ctx.actor.user_id, &ctx.actor.display_name).await?;
    crate::privacy::export::remove_files_of(&ctx.settings.export_dir, ctx.actor.user_id);
    ctx.erased = true;
    ctx.say(ctx.t("delete-account-done"))
}

/// Why the account may not be deleted yet: the user owns a team workspace with other
/// members (the name of one such workspace is in the message).
async fn owner_refusal(ctx: &mut Ctx<'_>) -> store::Result<Option<String>> {
    let owned = erasure::owned_team_with_others(ctx.tx, ctx.actor.user_id).await?;
    let locale = ctx.actor.locale;
    Ok(owned.map(|name| tr!(locale, "delete-account-owner", workspace = name)))
}
