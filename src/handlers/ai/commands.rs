//! `/ask`, `/summary` and `/draft` as typed: without AI configured they say so; arguments
//! that cannot make a request (no question, an unknown handle, a task) are answered at once
//! and nothing is recorded; otherwise a request is recorded through `super::start`
//! (consent, budget) and the worker does the rest outside this transaction.

use super::{ask, draft, summary};
use crate::ai::Feature;
use crate::handlers::{Ctx, Replies};
use crate::store;

/// The command of `feature` with its argument text `input`.
pub async fn run(ctx: &mut Ctx<'_>, feature: Feature, input: &str) -> Replies {
    if ctx.settings.ai.configured
        && let Some(text) = refusal_of(ctx, feature, input).await?
    {
        return ctx.say(text);
    }
    super::start::start(ctx, feature, input.trim()).await
}

/// Why `input` can make no request of `feature`, if it cannot.
async fn refusal_of(
    ctx: &mut Ctx<'_>,
    feature: Feature,
    input: &str,
) -> store::Result<Option<String>> {
    match feature {
        Feature::Ask => Ok(ask::refusal_of(ctx, input)),
        Feature::Summary => summary::refusal_of(ctx, input).await,
        Feature::Draft => draft::refusal_of(ctx, input).await,
        // Capture starts from a message, not from a command.
        Feature::Capture => Ok(None),
    }
}
