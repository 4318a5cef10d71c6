//! What a command's argument parser may read besides the text: the user's language (for
//! localized words and error messages), the time zone and the moment (for "tomorrow 10:00").
//! No database: arguments are read before the handler runs.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::Ctx;
use crate::crm::task::MAX_BODY_CHARS;
use crate::crm::when::DateOrder;
use crate::i18n::Locale;
use crate::tr;

/// The reader's surroundings for parsing command arguments.
#[derive(Debug, Clone, Copy)]
pub struct ParseEnv {
    pub locale: Locale,
    pub now: DateTime<Utc>,
    pub tz: Tz,
}

impl ParseEnv {
    /// The surroundings of the update `ctx` handles.
    pub fn of(ctx: &Ctx<'_>) -> ParseEnv {
        ParseEnv {
            locale: ctx.actor.locale,
            now: ctx.now,
            tz: ctx.tz,
        }
    }

    /// The text of a note or task: not empty (else the usage `usage_key`), at most
    /// [`MAX_BODY_CHARS`] characters.
    pub fn body(&self, body: &str, usage_key: &str) -> Result<String, String> {
        let body = body.trim();
        if body.is_empty() {
            return Err(self.locale.text(usage_key));
        }
        if body.chars().count() > MAX_BODY_CHARS {
            return Err(tr!(self.locale, "text-too-long", max = MAX_BODY_CHARS));
        }
        Ok(body.to_string())
    }

    /// How this user's slashed dates read ("12/31" month-first only in English).
    pub fn date_order(&self) -> DateOrder {
        DateOrder::for_language(self.locale.code())
    }
}
