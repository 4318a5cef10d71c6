//! /link: joins a Telegram identity and a WhatsApp identity (or a console one) into one
//! user. `/link` gives a one-time code valid for 10 minutes; `/link CODE` sent from the other
//! chat app makes that chat part of the same user, with the same workspaces and records.

use chrono::Duration;
use rand::Rng;
use rand::distr::Alphanumeric;

use super::{Ctx, Replies};
use crate::store::linking::{self, Redeemed};
use crate::tr;

/// Minutes a link code stays valid.
const CODE_MINUTES: i64 = 10;

/// Wrong codes an identity may send within [`FAILURE_WINDOW_MINUTES`].
pub const MAX_FAILURES: i64 = 5;
const FAILURE_WINDOW_MINUTES: i64 = 60;

pub async fn link(ctx: &mut Ctx<'_>, code: &str) -> Replies {
    if !ctx.private_chat {
        // Whoever reads a code can join the account; whoever sends one here shows it to all.
        return ctx.say(ctx.t("link-private-only"));
    }
    let code = code.trim();
    if code.is_empty() {
        let code: String = rand::rng()
            .sample_iter(&Alphanumeric)
            .take(8)
            .map(char::from)
            .collect::<String>()
            .to_uppercase();
        let expires = ctx.now + Duration::minutes(CODE_MINUTES);
        let channel = ctx.channel.as_str();
        let expires = expires.timestamp_millis();
        linking::create_code(ctx.tx, &code, ctx.actor.user_id, channel, expires).await?;
        let offer = tr!(
            ctx.actor.locale,
            "link-code",
            code = code,
            minutes = CODE_MINUTES
        );
        let warning = tr!(
            ctx.actor.locale,
            "link-code-warning",
            channel = ctx.t(&format!("channel-{channel}"))
        );
        return ctx.say(format!("{offer}\n{warning}"));
    }
    let window_start = ctx.now_millis() - FAILURE_WINDOW_MINUTES * 60_000;
    let (failures, oldest) =
        linking::failures_since(ctx.tx, ctx.actor.identity_id, window_start).await?;
    if failures >= MAX_FAILURES {
        // Not even the right code gets through until the oldest failure leaves the window.
        let free_at = oldest.unwrap_or(ctx.now_millis()) + FAILURE_WINDOW_MINUTES * 60_000;
        let minutes = ((free_at - ctx.now_millis()).max(0) + 59_999) / 60_000;
        return ctx.say(tr!(
            ctx.actor.locale,
            "link-throttled",
            minutes = minutes.max(1)
        ));
    }
    let code: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect::<String>()
        .to_uppercase();
    let now = ctx.now_millis();
    let target = match linking::redeem(ctx.tx, &code, ctx.channel.as_str(), now).await? {
        Redeemed::User(target) => target,
        refused => {
            linking::record_failure(ctx.tx, ctx.actor.identity_id, now, window_start).await?;
            let key = if refused == Redeemed::SameChannel {
                "link-same-channel"
            } else {
                "link-invalid"
            };
            return ctx.say(ctx.t(key));
        }
    };
    if target == ctx.actor.user_id {
        return ctx.say(ctx.t("link-same-user"));
    }
    // Audited before the move: when it empties this user, their audit entries (this one
    // too) move to the target's pseudonym with everything else.
    let target_ref = crate::store::privacy::pseudonym(ctx.tx, target).await?;
    ctx.audit("identity.linked", &target_ref).await?;
    linking::move_identity(
        ctx.tx,
        ctx.actor.identity_id,
        ctx.actor.user_id,
        target,
        now,
    )
    .await?;
    ctx.say(ctx.t("link-done"))
}
