//! Starting an AI request from a user's message, in the update's transaction: AI must be
//! configured, the user must have consented (the first use asks, and the request waits for
//! the answer), and the workspace's daily token budget must not be used up. The request is
//! recorded (`crate::ai::request::record`) and the user is answered at once; the worker does
//! the rest outside this transaction.

use crate::ai::Feature;
use crate::ai::request::{self, Start};
use crate::crm::WorkspaceId;
use crate::handlers::{Ctx, Replies};
use crate::message::{Choice, Reply};
use crate::router::Button;
use crate::store::privacy::{self, ConsentKind};
use crate::store::{Tx, ai_usage};
use crate::tr;

/// Records a request of `feature` for `input` and answers at once ("Reading your note…"),
/// or says why it was not started (AI not configured, consent off, budget used up). On a
/// first AI use the user is asked for consent; the request waits for the answer.
pub async fn start(ctx: &mut Ctx<'_>, feature: Feature, input: &str) -> Replies {
    if !ctx.settings.ai.configured {
        return ctx.say(ctx.t("ai-not-configured"));
    }
    let Some(from) = ctx.from_user else {
        // Only a user's own message starts a request; anything else is a defect of ours.
        tracing::error!(
            feature = feature.as_str(),
            "an AI request without a user's message"
        );
        return ctx.say(ctx.t("error-internal"));
    };
    let consent = privacy::consent(ctx.tx, ctx.actor.user_id, ConsentKind::Ai).await?;
    match consent {
        Some((false, _)) => return ctx.say(ctx.t("ai-consent-off")),
        None => {
            request::record(
                ctx.tx,
                from,
                ctx.actor,
                feature,
                input,
                Start::AwaitingConsent,
            )
            .await?;
            return Ok(vec![consent_question(ctx)]);
        }
        Some((true, _)) => {}
    }
    if budget_used_up(
        ctx.tx,
        ctx.actor.workspace_id,
        ctx.settings.ai.daily_tokens_per_workspace,
    )
    .await?
    {
        return ctx.say(ctx.t("ai-budget-exhausted"));
    }
    request::record(ctx.tx, from, ctx.actor, feature, input, Start::Queued).await?;
    ctx.say(started(ctx, feature))
}

/// "Reading your note…" (capture) or "Working on it…".
pub fn started(ctx: &Ctx<'_>, feature: Feature) -> String {
    tr!(ctx.actor.locale, "ai-started", feature = feature.as_str())
}

/// Whether the workspace used its daily tokens (`limit` 0: no limit) today (UTC).
pub async fn budget_used_up(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    limit: u64,
) -> crate::store::Result<bool> {
    if limit == 0 {
        return Ok(false);
    }
    let today = ai_usage::day_of(tx.now_millis());
    Ok(ai_usage::used(tx, workspace_id, &today).await? >= limit)
}

/// The question asked on a first AI use: Yes turns AI processing on and goes on with the
/// request; No leaves it off and drops the request.
fn consent_question(ctx: &Ctx<'_>) -> Reply {
    let choice =
        |key: &str, granted| Choice::new(ctx.t(key), Button::AiConsent { granted }.encode());
    Reply::text(ctx.t("ai-consent-ask"))
        .with_choices(vec![
            choice("ai-consent-yes", true),
            choice("ai-consent-no", false),
        ])
        .asking()
}
