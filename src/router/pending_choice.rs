//! Typed answers to a question. A reply marked as a question (a confirmation card, see
//! [`Reply::asking`]) leaves its buttons pending for the user in that chat for
//! [`PENDING_HOURS`] hours (`store::pending_choices`, so they survive a restart). The next
//! text from that user is matched against them: the button's number (1-based, as the console
//! and WhatsApp number them), its label (case and accents folded), or — for a confirmation
//! card ([`Question::YesNo`]) — a yes/no word of any shipped locale (`answer-yes` /
//! `answer-no` in the locale files: yes is the card's first button, no its last); a choice
//! between named options ([`Question::Pick`], "Open C1" / "Save anyway") takes no yes/no. A match becomes a press of that button — its data, bound to its
//! owner, goes through the same owner check as a real press. Other text keeps the question
//! pending and gets a reminder of the options; a command, a button press or any other
//! message ends it (unless its reply asks again).

use crate::crm::IdentityId;
use crate::i18n::{Locale, fold, is_word};
use crate::message::{Choice, Inbound, Payload, Question, Reply};
use crate::store;
use crate::store::Tx;
use crate::store::pending_choices::{self, PendingQuestion};
use crate::tr;

/// How long a question waits for a typed answer.
pub const PENDING_HOURS: i64 = 24;

/// What the engine does with an update, given the question waiting for its sender.
#[derive(Debug)]
pub enum Resolution {
    /// Handle the update as it came.
    AsIs,
    /// Handle the update as a press of the button with this (owner-bound) data.
    Pressed(Payload),
    /// Answer with this reminder and do nothing else: the question stays.
    Remind(Reply),
}

/// The question waiting for one update's sender, from [`before`] to [`after`].
#[derive(Debug, Default)]
pub struct Pending {
    waiting: bool,
}

/// Looks for a question waiting for the sender of `update` in its chat and resolves the
/// update against it. `has_question` comes with the actor (`Actor::has_question`): without
/// a stored question no statement runs.
pub async fn before(
    tx: &mut Tx,
    identity_id: IdentityId,
    has_question: bool,
    locale: Locale,
    update: &Inbound,
    now: i64,
) -> store::Result<(Pending, Resolution)> {
    if !has_question {
        return Ok((Pending::default(), Resolution::AsIs));
    }
    let Some(question) = pending_choices::load(tx, identity_id, &update.chat_id, now).await? else {
        return Ok((Pending::default(), Resolution::AsIs));
    };
    let pending = Pending { waiting: true };
    let resolution = match &update.payload {
        Payload::Text(text) if !text.trim().starts_with('/') => match answer(&question, text) {
            Some(choice) => Resolution::Pressed(Payload::Button(choice.data.clone())),
            None => Resolution::Remind(reminder(locale, &question)),
        },
        _ => Resolution::AsIs,
    };
    Ok((pending, resolution))
}

/// Remembers the question the replies ask, or ends the one that was waiting.
pub async fn after(
    tx: &mut Tx,
    identity_id: IdentityId,
    chat_id: &str,
    pending: Pending,
    replies: &[Reply],
    now: i64,
) -> store::Result<()> {
    let asking: Vec<&Reply> = replies
        .iter()
        .filter(|r| r.question != Question::None)
        .collect();
    let asked = PendingQuestion {
        choices: asking
            .iter()
            .flat_map(|r| r.choices.iter().cloned())
            .collect(),
        question: if asking.iter().all(|r| r.question == Question::YesNo) {
            Question::YesNo
        } else {
            Question::Pick
        },
    };
    if !asked.choices.is_empty() {
        let expires_at = now + PENDING_HOURS * 3_600_000;
        pending_choices::save(tx, identity_id, chat_id, &asked, expires_at).await
    } else if pending.waiting {
        pending_choices::clear(tx, identity_id).await
    } else {
        Ok(())
    }
}

/// The choice `text` answers: its number, its label, or (for a confirmation card) yes (the
/// first) / no (the last).
pub fn answer<'a>(question: &'a PendingQuestion, text: &str) -> Option<&'a Choice> {
    let choices = &question.choices;
    let typed = fold(text);
    if typed.is_empty() {
        return None;
    }
    if let Ok(number) = typed.parse::<usize>() {
        return choices.get(number.checked_sub(1)?);
    }
    if let Some(choice) = choices.iter().find(|c| fold(&c.label) == typed) {
        return Some(choice);
    }
    if choices.len() < 2 || question.question != Question::YesNo {
        return None;
    }
    if is_word(&typed, "answer-yes") {
        choices.first()
    } else if is_word(&typed, "answer-no") {
        choices.last()
    } else {
        None
    }
}

/// "Please answer with one of: 1) Yes, delete · 2) No …", with the same buttons again.
fn reminder(locale: Locale, question: &PendingQuestion) -> Reply {
    let options = question
        .choices
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{}) {}", i + 1, c.label))
        .collect::<Vec<_>>()
        .join(" · ");
    Reply {
        question: question.question,
        ..Reply::text(tr!(locale, "choice-reminder", options = options))
            .with_choices(question.choices.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> PendingQuestion {
        confirm(vec![
            Choice::new("Yes, delete", "~abcdefdel:1:yes"),
            Choice::new("No", "~abcdefdel:1:no"),
        ])
    }

    fn confirm(choices: Vec<Choice>) -> PendingQuestion {
        PendingQuestion {
            choices,
            question: Question::YesNo,
        }
    }

    #[test]
    fn numbers_labels_and_yes_no_words_pick_a_choice() {
        let choices = card();
        let pick = |text: &str| answer(&choices, text).map(|c| c.label.as_str());
        for yes in [
            "1",
            " 1 ",
            "yes",
            "Y",
            "YES!",
            "да",
            "Д",
            "sí",
            "si",
            "S",
            "yes, delete",
        ] {
            assert_eq!(pick(yes), Some("Yes, delete"), "{yes}");
        }
        for no in ["2", "no", "N", "нет", "Нет.", "no"] {
            assert_eq!(pick(no), Some("No"), "{no}");
        }
        for other in ["3", "0", "maybe", "C1", "", "yess"] {
            assert_eq!(pick(other), None, "{other}");
        }
    }

    #[test]
    fn labels_match_without_case_or_accents() {
        let choices = confirm(vec![
            Choice::new("Sí, eliminar", "a"),
            Choice::new("Да, удалить", "b"),
            Choice::new("Cancelar", "c"),
        ]);
        assert_eq!(answer(&choices, "si, ELIMINAR").unwrap().data, "a");
        assert_eq!(answer(&choices, "да, удалить").unwrap().data, "b");
        assert_eq!(answer(&choices, "cancelar").unwrap().data, "c");
        assert_eq!(fold("  ¡Sí! "), "si");
    }

    #[test]
    fn a_single_button_is_not_answered_by_yes_or_no() {
        let choices = confirm(vec![Choice::new("Import", "import:yes")]);
        assert!(answer(&choices, "yes").is_none());
        assert_eq!(answer(&choices, "import").unwrap().data, "import:yes");
    }

    #[test]
    fn a_choice_between_named_options_takes_no_yes_or_no() {
        let choices = PendingQuestion {
            choices: vec![
                Choice::new("Open C1", "open:c:1"),
                Choice::new("Save anyway", "dup:save"),
            ],
            question: Question::Pick,
        };
        assert!(answer(&choices, "yes").is_none());
        assert!(answer(&choices, "no").is_none());
        assert_eq!(answer(&choices, "2").unwrap().data, "dup:save");
        assert_eq!(answer(&choices, "save ANYWAY").unwrap().data, "dup:save");
        assert_eq!(answer(&choices, "open c1").unwrap().data, "open:c:1");
    }
}
