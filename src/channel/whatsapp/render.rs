//! A channel-agnostic [`Reply`] as WhatsApp messages: plain text; up to 3 choices as reply
//! buttons (titles ≤ 20 characters); more as a list (≤ 10 rows, titles ≤ 24, descriptions
//! ≤ 72: the rest of a long label goes into the description). An interactive body holds at
//! most 1,024 characters: a longer text goes first as a plain message, then the choices
//! with a short body. A link is a `cta_url` message (one per message: its text is the body;
//! other choices follow in a message of their own).

use serde_json::{Value, json};

use crate::message::{Choice, Reply};
use crate::shorten::shorten;

const MAX_BUTTONS: usize = 3;
const MAX_BUTTON_TITLE: usize = 20;
const MAX_ROWS: usize = 10;
const MAX_ROW_TITLE: usize = 24;
const MAX_ROW_DESCRIPTION: usize = 72;
const MAX_BODY: usize = 1024;
const MAX_LIST_BUTTON: usize = 20;
const MAX_ID: usize = 200;

/// The few words the channel adds itself, in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// The label of the button that opens a list ("Choose").
    pub list_button: String,
    /// The body of choices whose text went separately or is empty ("Choose an option:").
    pub choose: String,
}

/// The messages that carry `reply` to `to`, in order (none for an empty reply).
pub fn messages(to: &str, reply: &Reply, words: &Words) -> Vec<Value> {
    let text = reply.text.trim_end();
    if reply.choices.is_empty() {
        return if text.trim().is_empty() {
            Vec::new()
        } else {
            vec![text_message(to, text)]
        };
    }
    let mut out = Vec::new();
    let body = if text.trim().is_empty() {
        words.choose.as_str()
    } else if text.chars().count() > MAX_BODY {
        out.push(text_message(to, text));
        words.choose.as_str()
    } else {
        text
    };
    if let Some(link) = reply.choices.iter().find(|c| c.is_link()) {
        out.push(envelope(to, "interactive", cta_url(body, link)));
        let rest: Vec<Choice> = reply
            .choices
            .iter()
            .filter(|c| !c.is_link())
            .cloned()
            .collect();
        if !rest.is_empty() {
            let rest = Reply::text("").with_choices(rest);
            out.extend(messages(to, &rest, words));
        }
        return out;
    }
    let choices = unique(&reply.choices);
    let interactive = if choices.len() <= MAX_BUTTONS {
        buttons(body, &choices)
    } else {
        list(body, &choices, &words.list_button)
    };
    out.push(envelope(to, "interactive", interactive));
    out
}

/// A document message for uploaded media `media_id`, shown as `file_name`, with `caption`
/// (at most 1,024 characters; a longer one is cut).
pub fn document_message(to: &str, media_id: &str, file_name: &str, caption: &str) -> Value {
    let mut document = json!({ "id": media_id, "filename": file_name });
    let caption: String = caption.trim_end().chars().take(MAX_BODY).collect();
    if !caption.is_empty() {
        document["caption"] = Value::String(caption);
    }
    envelope(to, "document", document)
}

/// A re-engagement template, in English.
pub fn template_message(to: &str, name: &str) -> Value {
    envelope(
        to,
        "template",
        json!({ "name": name, "language": { "code": "en" } }),
    )
}

fn envelope(to: &str, kind: &str, content: Value) -> Value {
    let mut message = json!({
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": kind,
    });
    message[kind] = content;
    message
}

fn text_message(to: &str, text: &str) -> Value {
    envelope(to, "text", json!({ "preview_url": false, "body": text }))
}

/// A call-to-action button opening the link's address.
fn cta_url(body: &str, link: &Choice) -> Value {
    json!({
        "type": "cta_url",
        "body": { "text": body },
        "action": { "name": "cta_url", "parameters": {
            "display_text": shorten(&link.label, MAX_BUTTON_TITLE),
            "url": link.url.clone().unwrap_or_default(),
        } },
    })
}

fn buttons(body: &str, choices: &[&Choice]) -> Value {
    let buttons: Vec<Value> = choices
        .iter()
        .map(|c| {
            json!({ "type": "reply", "reply": {
                "id": shorten(&c.data, MAX_ID),
                "title": shorten(&c.label, MAX_BUTTON_TITLE),
            } })
        })
        .collect();
    json!({ "type": "button", "body": { "text": body }, "action": { "buttons": buttons } })
}

fn list(body: &str, choices: &[&Choice], button: &str) -> Value {
    // More than ten: the first nine and the last (usually "Next" or "Cancel").
    let shown: Vec<&Choice> = if choices.len() > MAX_ROWS {
        choices[..MAX_ROWS - 1]
            .iter()
            .chain(choices.last())
            .copied()
            .collect()
    } else {
        choices.to_vec()
    };
    let rows: Vec<Value> = shown
        .iter()
        .map(|c| {
            let (title, description) = row_text(&c.label);
            let mut row = json!({ "id": shorten(&c.data, MAX_ID), "title": title });
            if let Some(description) = description {
                row["description"] = json!(description);
            }
            row
        })
        .collect();
    json!({
        "type": "list",
        "body": { "text": body },
        "action": { "button": shorten(button, MAX_LIST_BUTTON), "sections": [{ "rows": rows }] },
    })
}

/// A list row's title and description: a label that is too long is split at " — " when
/// its head fits, else cut, and the rest goes into the description.
fn row_text(label: &str) -> (String, Option<String>) {
    let label = label.trim();
    if label.chars().count() <= MAX_ROW_TITLE {
        return (label.to_string(), None);
    }
    if let Some((head, tail)) = label.split_once(" — ")
        && !head.trim().is_empty()
        && head.chars().count() <= MAX_ROW_TITLE
    {
        return (
            head.trim().to_string(),
            Some(shorten(tail.trim(), MAX_ROW_DESCRIPTION)),
        );
    }
    // Cut at the last space that keeps at least half a title, else mid-word.
    let room: String = label.chars().take(MAX_ROW_TITLE - 1).collect();
    let cut = room
        .rfind(' ')
        .filter(|at| room[..*at].chars().count() >= MAX_ROW_TITLE / 2)
        .unwrap_or(room.len());
    let title = format!("{}…", room[..cut].trim_end());
    let rest = label[cut..].trim_start();
    (
        title,
        Some(shorten(&format!("…{rest}"), MAX_ROW_DESCRIPTION)),
    )
}

/// Choices with distinct data (WhatsApp refuses repeated ids).
fn unique(choices: &[Choice]) -> Vec<&Choice> {
    let mut seen = std::collections::HashSet::new();
    choices
        .iter()
        .filter(|c| seen.insert(c.data.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Words {
        Words {
            list_button: "Choose".into(),
            choose: "Choose an option:".into(),
        }
    }

    /// `text` with `choices`, as the messages to one number.
    fn rendered(text: impl Into<String>, choices: Vec<Choice>) -> Vec<Value> {
        messages("1", &Reply::text(text).with_choices(choices), &words())
    }

    /// Message `i` of `sent`: an interactive one of `kind` whose body is `body`.
    fn interactive<'a>(sent: &'a [Value], i: usize, kind: &str, body: &str) -> &'a Value {
        let interactive = &sent[i]["interactive"];
        assert_eq!(interactive["type"], kind);
        assert_eq!(interactive["body"]["text"], body);
        interactive
    }

    fn choices(n: usize) -> Vec<Choice> {
        (1..=n)
            .map(|i| Choice::new(format!("Option {i}"), format!("opt:{i}")))
            .collect()
    }

    #[test]
    fn a_link_is_a_call_to_action_button() {
        let sent = rendered(
            "Open Google to connect.",
            vec![
                Choice::link("Connect Google", "https://accounts.example/auth?state=s"),
                Choice::new("Cancel", "cancel"),
            ],
        );
        assert_eq!(sent.len(), 2);
        let cta = interactive(&sent, 0, "cta_url", "Open Google to connect.");
        assert_eq!(cta["action"]["name"], "cta_url");
        assert_eq!(
            cta["action"]["parameters"]["display_text"],
            "Connect Google"
        );
        assert_eq!(
            cta["action"]["parameters"]["url"],
            "https://accounts.example/auth?state=s"
        );
        let cancel = interactive(&sent, 1, "button", "Choose an option:");
        assert_eq!(cancel["action"]["buttons"][0]["reply"]["id"], "cancel");
    }

    #[test]
    fn text_and_reply_buttons() {
        let plain = messages("4915112345678", &Reply::text("Saved C1."), &words());
        assert_eq!(plain.len(), 1);
        assert_eq!(plain[0]["text"]["body"], "Saved C1.");
        assert_eq!(plain[0]["text"]["preview_url"], false);
        assert!(messages("1", &Reply::text(""), &words()).is_empty());

        let sent = rendered(
            "Delete C1?",
            vec![
                Choice::new("Yes, delete this contact now", "del:1:yes"),
                Choice::new("Cancel", "del:1:no"),
            ],
        );
        assert_eq!(sent.len(), 1);
        let buttons = interactive(&sent, 0, "button", "Delete C1?");
        let first = &buttons["action"]["buttons"][0]["reply"];
        assert_eq!(first["id"], "del:1:yes");
        assert_eq!(first["title"], "Yes, delete this co…");
        assert_eq!(first["title"].as_str().unwrap().chars().count(), 20);
    }

    #[test]
    fn lists_cap_rows_and_move_overflow_into_descriptions() {
        let mut many = choices(12);
        many[0].label = "/new_contact — Add a contact step by step".into();
        many[1].label = "A very long label without any dash at all here".into();
        let sent = rendered("Pick one", many);
        let list = interactive(&sent, 0, "list", "Pick one");
        assert_eq!(list["action"]["button"], "Choose");
        let rows = list["action"]["sections"][0]["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 10);
        assert_eq!(rows[9]["id"], "opt:12", "the last choice is kept");
        assert_eq!(rows[0]["title"], "/new_contact");
        assert_eq!(rows[0]["description"], "Add a contact step by step");
        assert_eq!(rows[1]["title"], "A very long label…");
        assert_eq!(rows[1]["description"], "…without any dash at all here");
        assert!(
            rows.iter()
                .all(|r| r["title"].as_str().unwrap().chars().count() <= 24)
        );
        assert!(rows[2].get("description").is_none());
    }

    #[test]
    fn a_long_text_goes_first_and_the_choices_follow_with_a_short_body() {
        let long = "ж".repeat(1500);
        let sent = rendered(long.clone(), choices(2));
        assert_eq!(sent.len(), 2);
        assert_eq!(sent[0]["text"]["body"], long.as_str());
        interactive(&sent, 1, "button", "Choose an option:");
        let template = template_message("1", "hello_again");
        assert_eq!(template["type"], "template");
        assert_eq!(template["template"]["language"]["code"], "en");
    }
}
