//! `/ask`, `/summary` and `/draft` as typed: without AI configured they say so; arguments
//! that cannot make a request (no question, an unknown handle, a task) are answered at once
//! and nothing is recorded; otherwise a request is recorded through `crate::ai::start`
//! (consent, budget) and the worker does the rest outside this transaction.

use super::{ask, draft, summary};
use crate::ai::{self, Feature};
use crate::handlers::{Ctx, Replies};

pub async fn ask(ctx: &mut Ctx<'_>, question: &str) -> Replies {
    let refusal = if ctx.settings.ai.configured {
        ask::refusal_of(ctx, question)
    } else {
        None
    };
    start(ctx, Feature::Ask, question, refusal).await
}

pub async fn summary(ctx: &mut Ctx<'_>, handle: &str) -> Replies {
    let refusal = if ctx.settings.ai.configured {
        summary::refusal_of(ctx, handle).await?
    } else {
        None
    };
    start(ctx, Feature::Summary, handle, refusal).await
}

pub async fn draft(ctx: &mut Ctx<'_>, args: &str) -> Replies {
    let refusal = if ctx.settings.ai.configured {
        draft::refusal_of(ctx, args).await?
    } else {
        None
    };
    start(ctx, Feature::Draft, args, refusal).await
}

async fn start(
    ctx: &mut Ctx<'_>,
    feature: Feature,
    input: &str,
    refusal: Option<String>,
) -> Replies {
    match refusal {
        Some(text) => ctx.say(text),
        None => ai::start(ctx, feature, input.trim()).await,
    }
}
