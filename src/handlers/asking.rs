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

/// `text` with two buttons, its answer awaited: `yes_key` on `yes`, and `no_key` on Cancel.
pub fn confirm(ctx: &Ctx<'_>, text: String, yes_key: &str, yes: Button, no_key: &str) -> Replies {
    let choices = vec![
        Choice::new(ctx.t(yes_key), yes.encode()),
        Choice::new(ctx.t(no_key), Button::Cancel.encode()),
    ];
    Ok(vec![Reply::text(text).with_choices(choices).asking()])
}

/// One step of a multi-step creation flow and the question it asks; every step but the
/// first may be left empty.
pub trait Step: Copy + PartialEq {
    /// The step the flow starts with.
    const FIRST: Self;

    fn question_key(self) -> &'static str;

    fn skippable(self) -> bool {
        self != Self::FIRST
    }
}

/// Saves `dialogue` as what the next message answers and asks the question of `step`.
pub async fn ask_step(ctx: &mut Ctx<'_>, dialogue: &Dialogue, step: impl Step) -> Replies {
    ask(ctx, dialogue, step.question_key(), step.skippable()).await
}

/// The question of `step` again (after an answer that could not be used).
pub fn step_question(ctx: &Ctx<'_>, step: impl Step) -> Reply {
    question(ctx, step.question_key(), step.skippable())
}

/// The answer to a one-question flow: the text typed, which ends the flow; `None` when the
/// question was skipped (it stays open).
pub async fn answer(ctx: &mut Ctx<'_>, input: Option<String>) -> store::Result<Option<String>> {
    if input.is_some() {
        dialogues::clear(ctx.tx, ctx.actor.identity_id).await?;
    }
    Ok(input)
}
