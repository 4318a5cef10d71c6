//! The answer to the consent question a first AI use asks: Yes turns AI processing on
//! (recorded and audited like `/consent ai on`) and queues the requests that waited for it;
//! No records the refusal and deletes those requests, so their text is kept nowhere.

use crate::ai::Feature;
use crate::handlers::privacy::record;
use crate::handlers::{Ctx, Replies};
use crate::store::ai_requests;
use crate::store::privacy::ConsentKind;

pub async fn answered(ctx: &mut Ctx<'_>, granted: bool) -> Replies {
    record(ctx, ConsentKind::Ai, granted).await?;
    if !granted {
        ai_requests::drop_waiting(ctx.tx, ctx.actor.user_id).await?;
        return ctx.say(ctx.t("ai-consent-refused"));
    }
    let released = ai_requests::release_waiting(ctx.tx, ctx.actor.user_id).await?;
    let mut text = ctx.t("ai-consent-granted");
    if let Some(feature) = released.iter().find_map(|f| Feature::from_stored(f)) {
        text.push('\n');
        text.push_str(&super::start::started(ctx, feature));
    }
    ctx.say(text)
}
