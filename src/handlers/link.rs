//! /link: joins a Telegram identity and a WhatsApp identity (or a console one) into one
//! user. `/link` gives a one-time code valid for 10 minutes; `/link CODE` sent from the other
//! chat app makes that chat part of the same user, with the same workspaces and records.

use chrono::Duration;
use rand::Rng;
use rand::distr::Alphanumeric;

use super::{Ctx, Replies};
use crate::store::linking;
use crate::tr;

/// Minutes a link code stays valid.
const CODE_MINUTES: i64 = 10;

pub async fn link(ctx: &mut Ctx<'_>, code: &str) -> Replies {
    let code = code.trim();
    if code.is_empty() {
        let code: String = rand::rng()
            .sample_iter(&Alphanumeric)
            .take(8)
            .map(char::from)
            .collect::<String>()
            .to_uppercase();
        let expires = ctx.now + Duration::minutes(CODE_MINUTES);
        linking::create_code(ctx.tx, &code, ctx.actor.user_id, expires.timestamp_millis()).await?;
        return ctx.say(tr!(
            ctx.actor.locale,
            "link-code",
            code = code,
            minutes = CODE_MINUTES
        ));
    }
    let code: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect::<String>()
        .to_uppercase();
    let Some(target) = linking::redeem(ctx.tx, &code, ctx.now_millis()).await? else {
        return ctx.say(ctx.t("link-invalid"));
    };
    if target == ctx.actor.user_id {
        return ctx.say(ctx.t("link-same-user"));
    }
    // Audited before the move: when it empties this user, their audit entries (this one
    // too) move to the target's pseudonym with everything else.
    let target_ref = crate::store::privacy::pseudonym(ctx.tx, target).await?;
    ctx.audit("identity.linked", &target_ref).await?;
    linking::move_identity(ctx.tx, ctx.actor.identity_id, ctx.actor.user_id, target).await?;
    ctx.say(ctx.t("link-done"))
}
