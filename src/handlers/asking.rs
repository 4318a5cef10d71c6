//! Questions of a flow: the dialogue the next message answers is saved, and the question is
//! asked with a Cancel button (and Skip where the step may be left empty).

use super::{Ctx, Replies};
use crate::message::{Choice, Reply};
use crate::router::{Button, Dialogue};
use crate::store;
use crate::store::dialogues;

/// Saves `dialogue` as what the next message answers and asks the question `key`.
pub async fn ask(ctx: &mut Ctx<'_>, dialogue: &Dialogue, key: &str, skippable: bool) -> Replies {
    dialogues::save(ctx.tx, ctx.actor.identity_id, dialogue).await?;
    Ok(vec![question(ctx, key, skippable)])
}

/// The question `key` with its buttons: Skip (when `skippable`) and Cancel.
pub fn question(ctx: &Ctx<'_>, key: &str, skippable: bool) -> Reply {
    let mut choices = Vec::new();
    if skippable {
        choices.push(Choice::new(ctx.t("choice-skip"), Button::Skip.encode()));
    }
    choices.push(Choice::new(ctx.t("choice-cancel"), Button::Cancel.encode()));
    Reply::text(ctx.t(key)).with_choices(choices)
}

/// The answer to a one-question flow: the text typed, which ends the flow; `None` when the
/// question was skipped (it stays open).
pub async fn answer(ctx: &mut Ctx<'_>, input: Option<String>) -> store::Result<Option<String>> {
    if input.is_some() {
        dialogues::clear(ctx.tx, ctx.actor.identity_id).await?;
    }
    Ok(input)
}
