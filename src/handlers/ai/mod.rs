//! The handler halves of the AI features: what a feature asks the model (`prepare`) and
//! what its answer becomes (`finish`), called by the AI worker through
//! `features`; the buttons of their cards; and the consent question a first
//! AI use asks.

pub mod ask;
pub mod capture;
pub mod commands;
pub(crate) mod consent;
pub mod draft;
pub mod features;
mod record_data;
pub mod start;
pub mod summary;

use crate::ai::Prepared;
use crate::ai::{AnswerSchema, Feature, ModelCall, prompts};
use crate::handlers::Ctx;
use crate::message::Reply;

/// The call a feature's template asks for, rendered with `context`; a template that does
/// not render (a defect of ours, logged) answers the internal-error reply instead.
pub(crate) fn model_call(
    ctx: &Ctx<'_>,
    feature: Feature,
    context: minijinja::Value,
    schema: Option<AnswerSchema>,
    max_tokens: u32,
) -> Prepared {
    match prompts::render(feature, context) {
        Ok(rendered) => Prepared::Call(ModelCall {
            system: rendered.system,
            user: rendered.user,
            schema,
            max_tokens,
            prompt_version: rendered.version,
        }),
        Err(error) => {
            tracing::error!(%error, feature = feature.as_str(), "a prompt could not be rendered");
            Prepared::Done(vec![Reply::text(ctx.t("error-internal"))])
        }
    }
}
