//! The console channel (`chatcrm chat`): lines from standard input are messages, replies
//! go to standard output, choices are numbered and picked by typing their number. It needs
//! no token and no network. Reminders and digests queued for this user in the outbox are
//! printed as they fall due.

use std::io::IsTerminal;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWrite, AsyncWriteExt, BufReader};

use super::{Channel, Choice, Inbound, Payload, Reply};
use crate::engine::Engine;
use crate::store::outbox;

/// Who is typing in the console.
#[derive(Debug, Clone)]
pub struct ConsoleUser {
    /// The local user name (`--as`), the identity's external id.
    pub name: String,
    /// The language code replies are chosen by ("en", "ru").
    pub language: Option<String>,
}

/// Runs the conversation until `input` ends.
pub async fn run<R, W>(
    engine: &Engine,
    user: &ConsoleUser,
    input: R,
    mut output: W,
) -> anyhow::Result<()>
where
    R: tokio::io::AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let mut lines = BufReader::new(input).lines();
    let mut offered: Vec<Choice> = Vec::new();
    let mut outbox_tick = tokio::time::interval(OUTBOX_POLL);
    if interactive {
        output.write_all(b"> ").await?;
        output.flush().await?;
    }
    loop {
        let line = tokio::select! {
            line = lines.next_line() => line?,
            _ = outbox_tick.tick() => {
                let queued = deliver_queued(engine, user).await?;
                if !queued.is_empty() {
                    offered = queued.iter().flat_map(|r| r.choices.clone()).collect();
                    let mut number = 0;
                    for reply in &queued {
                        output.write_all(render(reply, &mut number).as_bytes()).await?;
                    }
                    output.flush().await?;
                }
                continue;
            }
        };
        let Some(line) = line else {
            break;
        };
        if line.trim().is_empty() {
            continue;
        }
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
        let replies = engine.handle_or_apologize(&update).await;
        offered = replies.iter().flat_map(|r| r.choices.clone()).collect();
        let mut number = 0;
        for reply in &replies {
            output
                .write_all(render(reply, &mut number).as_bytes())
                .await?;
        }
        if interactive {
            output.write_all(b"> ").await?;
        }
        output.flush().await?;
    }
    Ok(())
}

/// How often the console looks for reminders queued for its user.
const OUTBOX_POLL: Duration = Duration::from_secs(1);

/// Takes the outbox rows queued for this console user and marks them delivered.
async fn deliver_queued(engine: &Engine, user: &ConsoleUser) -> Result<Vec<Reply>, sqlx::Error> {
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

/// A reply as printed: its text, then its choices numbered on from `number`.
fn render(reply: &Reply, number: &mut usize) -> String {
    let mut text = reply.text.clone();
    text.push('\n');
    for choice in &reply.choices {
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
}
