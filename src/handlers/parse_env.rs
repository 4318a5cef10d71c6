//! What a command's argument parser may read besides the text: the user's language (for
//! localized words and error messages), the time zone and the moment (for "tomorrow 10:00").
//! No database: arguments are read before the handler runs.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::Ctx;
use crate::crm::when::DateOrder;
use crate::i18n::Locale;

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

    /// How this user's slashed dates read ("12/31" month-first only in English).
    pub fn date_order(&self) -> DateOrder {
        DateOrder::for_language(self.locale.code())
    }
}
