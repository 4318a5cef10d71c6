//! The console channel (`chatcrm chat`): lines from standard input are messages, replies
//! go to standard output, choices are numbered and picked by typing their number. It needs
//! no token and no network. It opens with one line naming /help; at a terminal lines are
//! typed in a line editor with history ([`super::console_input`]). A command addressed to
//! another bot (`/help@OtherBot`) is not run: as in a Telegram group it is not ours, and
//! since the console has no other bots, a short line says so. Reminders and digests queued
//! for this user in the outbox are printed as they fall due, and so are the answers of the
//! AI worker; at the end of input the console waits (bounded by the model's timeout) for
//! this user's AI requests still being answered, so a piped script sees the card.

use std::time::Duration;

use tokio::io::{AsyncWrite, AsyncWriteExt};

pub use super::console_input::Lines;
use crate::engine::Engine;
use crate::i18n::Locale;
use crate::message::{Channel, Choice, Inbound, Payload, Reply};
use crate::store;
use crate::store::outbox;
use crate::tr;

/// Who is typing in the console.
#[derive(Debug, Clone)]
pub struct ConsoleUser {
    /// The local user name (`--as`), the identity's external id.
    pub name: String,
    /// The language code replies are chosen by ("en", "ru").
    pub language: Option<String>,
    /// With AI configured: how long, at the end of input, to wait for this user's AI
    /// requests still being answered (so a piped script sees the card).
    pub wait_for_ai: Option<Duration>,
}

/// Runs the conversation until `lines` end.
pub async fn run<W>(
    engine: &Engine,
    user: &ConsoleUser,
    mut lines: Lines,
    mut output: W,
) -> anyhow::Result<()>
where
    W: AsyncWrite + Unpin,
{
    let locale = Locale::from_language_code(user.language.as_deref());
    let mut offered: Vec<Choice> = Vec::new();
    let mut outbox_tick = tokio::time::interval(OUTBOX_POLL);
    output
        .write_all(format!("{}\n\n", locale.text("console-greeting")).as_bytes())
        .await?;
    output.flush().await?;
    lines.ready();
    loop {
        let line = tokio::select! {
            line = lines.next() => line,
            _ = outbox_tick.tick() => {
                let queued = deliver_queued(engine, user).await?;
                if !queued.is_empty() {
                    offered = buttons(&queued);
                    let mut number = 0;
                    let text: String = queued.iter().map(|r| render(r, &mut number)).collect();
                    // At a terminal, above the line being typed.
                    if !lines.print_above(&text) {
                        output.write_all(text.as_bytes()).await?;
                        output.flush().await?;
                    }
                }
                continue;
            }
        };
        let Some(line) = line else {
            if let Some(limit) = user.wait_for_ai {
                let text = wait_for_ai(engine, user, limit).await?;
                output.write_all(text.as_bytes()).await?;
                output.flush().await?;
            }
            break;
        };
        let line = line?;
        if line.trim().is_empty() {
            lines.ready();
            continue;
        }
        let replies = match other_bot(&line, engine.settings().bot_username.as_deref()) {
            Some(bot) => vec![Reply::text(tr!(
                locale,
                "console-other-bot",
                bot = bot.to_string()
            ))],
            None => {
                let payload = pick(&offered, &line).unwrap_or(Payload::Text(line));
                let update = Inbound {
                    channel: Channel::Console,
                    user_id: user.name.clone(),
                    chat_id: user.name.clone(),
                    display_name: user.name.clone(),
                    language: user.language.clone(),
                    update_id: None,
                    edit_message: None,
                    payload,
                };
                engine.handle_or_apologize(&update).await
            }
        };
        offered = buttons(&replies);
        let mut number = 0;
        for reply in &replies {
            output
                .write_all(render(reply, &mut number).as_bytes())
                .await?;
        }
        output.flush().await?;
        lines.ready();
    }
    Ok(())
}

/// The bot a command is addressed to (`/help@OtherBot` → `OtherBot`) when it is not this
/// one (`own`, without `@`; the console usually has no name of its own, so any).
fn other_bot<'a>(line: &'a str, own: Option<&str>) -> Option<&'a str> {
    let head = line.trim().strip_prefix('/')?.split_whitespace().next()?;
    let (_, mention) = head.split_once('@')?;
    match own {
        Some(own) if mention.eq_ignore_ascii_case(own) => None,
        _ => Some(mention),
    }
}

/// How often the console looks for reminders queued for its user.
const OUTBOX_POLL: Duration = Duration::from_secs(1);

/// Waits (at most `limit`) until no AI request of this console user is queued, then
/// returns everything queued for them meanwhile, rendered.
async fn wait_for_ai(
    engine: &Engine,
    user: &ConsoleUser,
    limit: Duration,
) -> anyhow::Result<String> {
    let store = engine.store();
    let deadline = tokio::time::Instant::now() + limit;
    let channel = Channel::Console.as_str();
    while store::ai_requests::queued_for(store, channel, &user.name).await? > 0
        && tokio::time::Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut number = 0;
    let queued = deliver_queued(engine, user).await?;
    Ok(queued.iter().map(|r| render(r, &mut number)).collect())
}

/// Takes the outbox rows queued for this console user and marks them delivered.
async fn deliver_queued(engine: &Engine, user: &ConsoleUser) -> Result<Vec<Reply>, store::Error> {
    let store = engine.store();
    let mut tx = store.begin().await?;
    let now = engine.clock().now().timestamp_millis();
    let rows = outbox::pending(
        &mut tx,
        store.backend(),
        Channel::Console.as_str(),
        Some(&user.name),
        now,
        20,
    )
    .await?;
    let mut replies = Vec::with_capacity(rows.len());
    for row in rows {
        replies.push(row.reply());
        outbox::mark_sent(&mut tx, row.id, None).await?;
    }
    tx.commit().await?;
    Ok(replies)
}

/// A typed number that picks one of the offered choices becomes that button's data.
fn pick(offered: &[Choice], line: &str) -> Option<Payload> {
    let index: usize = line.trim().parse().ok()?;
    let choice = offered.get(index.checked_sub(1)?)?;
    Some(Payload::Button(choice.data.clone()))
}

/// The choices of `replies` a typed number can pick (links are not picked: they are shown).
fn buttons(replies: &[Reply]) -> Vec<Choice> {
    replies
        .iter()
        .flat_map(|r| r.choices.iter().filter(|c| !c.is_link()).cloned())
        .collect()
}

/// A reply as printed: its text, its links as "label: address", then its other choices
/// numbered on from `number`.
fn render(reply: &Reply, number: &mut usize) -> String {
    let mut text = reply.text.clone();
    text.push('\n');
    for choice in &reply.choices {
        if let Some(url) = &choice.url {
            text.push_str(&format!("  {}: {url}\n", choice.label));
            continue;
        }
        *number += 1;
        text.push_str(&format!("  {number}) {}\n", choice.label));
    }
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_for_another_bot_are_recognized() {
        assert_eq!(other_bot("/help@OtherBot", None), Some("OtherBot"));
        assert_eq!(other_bot(" /contacts@x_bot acme", None), Some("x_bot"));
        assert_eq!(other_bot("/help@ChatCrmBot", Some("chatcrmbot")), None);
        assert_eq!(
            other_bot("/help@OtherBot", Some("chatcrmbot")),
            Some("OtherBot")
        );
        assert_eq!(other_bot("/new_contact Ann, ann@example.com", None), None);
        assert_eq!(other_bot("mail me at a@b.c", None), None);
    }

    #[test]
    fn numbers_pick_offered_choices_only() {
        let offered = vec![Choice::new("Skip", "skip"), Choice::new("Cancel", "cancel")];
        assert_eq!(
            pick(&offered, " 2 "),
            Some(Payload::Button("cancel".into()))
        );
        assert_eq!(pick(&offered, "3"), None);
        assert_eq!(pick(&offered, "0"), None);
        assert_eq!(pick(&[], "1"), None);
    }

    #[test]
    fn choices_are_numbered_across_replies() {
        let mut number = 0;
        let first = render(
            &Reply::text("a").with_choices(vec![Choice::new("x", "x")]),
            &mut number,
        );
        let second = render(
            &Reply::text("b").with_choices(vec![Choice::new("y", "y")]),
            &mut number,
        );
        assert_eq!(first, "a\n  1) x\n\n");
        assert_eq!(second, "b\n  2) y\n\n");
    }

    #[test]
    fn a_link_is_shown_as_its_address_and_not_numbered() {
        let reply = Reply::text("Connect:").with_choices(vec![
            Choice::link("Open Google", "https://accounts.example/auth"),
            Choice::new("Cancel", "cancel"),
        ]);
        let mut number = 0;
        assert_eq!(
            render(&reply, &mut number),
            "Connect:\n  Open Google: https://accounts.example/auth\n  1) Cancel\n\n"
        );
        let offered = buttons(&[reply]);
        assert_eq!(offered, [Choice::new("Cancel", "cancel")]);
        assert_eq!(pick(&offered, "1"), Some(Payload::Button("cancel".into())));
    }
}
