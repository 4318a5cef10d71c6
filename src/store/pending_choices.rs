//! Pending choices: the buttons of the last question (confirmation card) sent to a channel
//! identity, stored as JSON with the chat they were sent to and an expiry, so a typed answer
//! still finds them after a restart. One row per identity; see `router::pending_choice`.

use serde::{Deserialize, Serialize};

use super::Tx;
use super::statement::{self, args};
use crate::crm::IdentityId;
use crate::message::{Choice, Question};
use crate::store::{Error, Result};

/// A question waiting for a typed answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingQuestion {
    pub choices: Vec<Choice>,
    /// [`Question::YesNo`]: yes/no words answer it too (a confirmation card);
    /// [`Question::Pick`]: only numbers and labels.
    pub question: Question,
}

/// The stored form: `{"yes_no": true, "choices": [[label, data], …]}`.
#[derive(Serialize, Deserialize)]
struct Stored {
    yes_no: bool,
    choices: Vec<(String, String)>,
}

/// The question waiting for `identity_id` in `chat_id`, unless expired at `now`.
pub async fn load(
    tx: &mut Tx,
    identity_id: IdentityId,
    chat_id: &str,
    now: i64,
) -> Result<Option<PendingQuestion>> {
    let values = args![identity_id.get(), chat_id, now];
    let stored: Option<String> = statement::value_opt(tx, LOAD, values).await?;
    // Choices written by another version that no longer parse are no question at all.
    Ok(stored
        .and_then(|s| serde_json::from_str::<Stored>(&s).ok())
        .map(|stored| PendingQuestion {
            choices: stored
                .choices
                .into_iter()
                .map(|(label, data)| Choice::new(label, data))
                .collect(),
            question: if stored.yes_no {
                Question::YesNo
            } else {
                Question::Pick
            },
        }))
}

const LOAD: &str = "SELECT choices FROM pending_choices
     WHERE identity_id = $1 AND chat_id = $2 AND expires_at > $3";

/// Makes `question` the one waiting for `identity_id` in `chat_id` until `expires_at`.
pub async fn save(
    tx: &mut Tx,
    identity_id: IdentityId,
    chat_id: &str,
    question: &PendingQuestion,
    expires_at: i64,
) -> Result<()> {
    let stored = Stored {
        yes_no: question.question == Question::YesNo,
        choices: question
            .choices
            .iter()
            .map(|c| (c.label.clone(), c.data.clone()))
            .collect(),
    };
    let json = serde_json::to_string(&stored).map_err(Error::encode)?;
    let values = args![identity_id.get(), chat_id, json, expires_at];
    statement::run(tx, SAVE, values).await?;
    Ok(())
}

const SAVE: &str =
    "INSERT INTO pending_choices (identity_id, chat_id, choices, expires_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (identity_id) DO UPDATE
     SET chat_id = excluded.chat_id, choices = excluded.choices, expires_at = excluded.expires_at";

/// Drops the question waiting for `identity_id`, if any.
pub async fn clear(tx: &mut Tx, identity_id: IdentityId) -> Result<()> {
    statement::run(tx, CLEAR, args![identity_id.get()]).await?;
    Ok(())
}

const CLEAR: &str = "DELETE FROM pending_choices WHERE identity_id = $1";
