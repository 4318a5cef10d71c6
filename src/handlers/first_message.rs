//! The terms on a user's first message. Commands work without `/start`, so the acceptance
//! `/start` records could otherwise never exist: the first message of a new user, whatever it
//! is (a command, text, a button, a file), records acceptance of the terms and the privacy
//! policy (with time and policy version, audited) before its handler stores anything, and
//! its reply ends with the short terms line. `/start` shows the line in its welcome already.

use super::{self as handlers, Ctx, Replies};
use crate::message::Reply;
use crate::router::Intent;

/// Handles `intent`; on a user's first message the terms are accepted first and shown with
/// the reply. A command addressed to another bot is not a message to us: nothing is recorded.
pub async fn dispatch(ctx: &mut Ctx<'_>, intent: Intent) -> Replies {
    if intent == Intent::Ignored {
        return handlers::dispatch(ctx, intent).await;
    }
    let first = !ctx.actor.terms_accepted;
    if first {
        handlers::privacy::accept_terms(ctx).await?;
    }
    let mut replies = handlers::dispatch(ctx, intent).await?;
    if first && !ctx.erased {
        let line = crate::tr!(
            ctx.actor.locale,
            "terms-accepted",
            url = ctx.settings.policy_url.clone()
        );
        show(&mut replies, &line);
    }
    Ok(replies)
}

/// Ends the first reply with the terms `line`, unless a reply shows it already (`/start`).
fn show(replies: &mut Vec<Reply>, line: &str) {
    if replies.iter().any(|reply| reply.text.contains(line)) {
        return;
    }
    match replies.first_mut() {
        Some(reply) => reply.text = format!("{}\n\n{line}", reply.text),
        None => replies.push(Reply::text(line)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_goes_once_at_the_end_of_the_first_reply() {
        let mut replies = vec![Reply::text("Saved C1."), Reply::text("b")];
        show(&mut replies, "Terms.");
        assert_eq!(replies[0].text, "Saved C1.\n\nTerms.");
        assert_eq!(replies[1].text, "b");
        let mut welcome = vec![Reply::text("Hi\nTerms.\nhelp")];
        show(&mut welcome, "Terms.");
        assert_eq!(welcome[0].text, "Hi\nTerms.\nhelp");
        let mut none = Vec::new();
        show(&mut none, "Terms.");
        assert_eq!(none[0].text, "Terms.");
    }
}
