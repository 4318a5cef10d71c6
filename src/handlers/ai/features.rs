//! The features the worker runs: one arm per feature, each calling its handler's
//! `prepare` (what to ask the model, in a short transaction, or an answer without it) and
//! `finish` (the model's answer turned into replies, in a new transaction).

use super::{ask, capture, draft, summary};
use crate::ai::{Feature, ModelAnswer, Prepared};
use crate::handlers::{Ctx, Replies};
use crate::store;

/// What `feature` asks the model for `input`, read in the request's workspace.
pub async fn prepare(ctx: &mut Ctx<'_>, feature: Feature, input: &str) -> store::Result<Prepared> {
    match feature {
        Feature::Capture => capture::prepare(ctx, input).await,
        Feature::Ask => ask::prepare(ctx, input).await,
        Feature::Summary => summary::prepare(ctx, input).await,
        Feature::Draft => draft::prepare(ctx, input).await,
    }
}

/// The replies to `input` given the model's `answer`.
pub async fn finish(
    ctx: &mut Ctx<'_>,
    feature: Feature,
    input: &str,
    answer: &ModelAnswer,
) -> Replies {
    match feature {
        Feature::Capture => capture::finish(ctx, input, answer).await,
        Feature::Ask => ask::finish(ctx, input, answer).await,
        Feature::Summary => summary::finish(ctx, input, answer).await,
        Feature::Draft => draft::finish(ctx, input, answer).await,
    }
}
