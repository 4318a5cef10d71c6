//! The features the worker runs: one arm per feature, each calling its handler's
//! `prepare` (what to ask the model, in a short transaction, or an answer without it) and
//! `finish` (the model's answer turned into replies, in a new transaction).

use super::{Feature, ModelAnswer, ModelCall};
use crate::handlers::ai::capture;
use crate::handlers::{Ctx, Replies};
use crate::message::Reply;
use crate::store;

/// What a feature needs of the model for one request.
#[derive(Debug, Clone, PartialEq)]
pub enum Prepared {
    /// Ask the model this.
    Call(ModelCall),
    /// Answered without the model (e.g. an unknown handle).
    Done(Vec<Reply>),
}

/// What `feature` asks the model for `input`, read in the request's workspace.
pub async fn prepare(ctx: &mut Ctx<'_>, feature: Feature, input: &str) -> store::Result<Prepared> {
    match feature {
        Feature::Capture => capture::prepare(ctx, input).await,
        Feature::Ask | Feature::Summary | Feature::Draft => Ok(Prepared::Done(vec![Reply::text(
            ctx.t("ai-not-available-yet"),
        )])),
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
        Feature::Ask | Feature::Summary | Feature::Draft => ctx.say(ctx.t("ai-not-available-yet")),
    }
}
