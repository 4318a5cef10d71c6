//! /settings: the current workspace's settings. `/settings` shows them; `/settings region DE`
//! sets the region phone numbers typed without `+country` are read in (`/settings region -`
//! goes back to `[crm] default_region`). Only admins and owners change them (the registry's
//! access rule).

use super::parse_env::ParseEnv;
use super::{Ctx, Replies};
use crate::crm::contact::parse_region;
use crate::i18n::{fold, is_word};
use crate::store::workspaces;
use crate::tr;

/// The arguments of `/settings [region DE]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsArgs {
    /// `/settings`: show them.
    Show,
    /// `/settings region DE`: that region (a code the phone library knows, upper case);
    /// `/settings region -`: `None`, back to the default.
    Region(Option<String>),
}

impl SettingsArgs {
    pub fn parse(args: &str, env: &ParseEnv) -> Result<SettingsArgs, String> {
        let args = args.trim();
        if args.is_empty() {
            return Ok(SettingsArgs::Show);
        }
        let (name, value) = match args.split_once(char::is_whitespace) {
            Some((name, value)) => (name, value.trim()),
            None => (args, ""),
        };
        let is_region = is_word(&fold(name), "words-region");
        if !is_region || value.is_empty() {
            return Err(env.locale.text("settings-usage"));
        }
        if value == "-" {
            return Ok(SettingsArgs::Region(None));
        }
        match parse_region(value) {
            Some(region) => Ok(SettingsArgs::Region(Some(region))),
            None => Err(tr!(
                env.locale,
                "settings-region-unknown",
                value = super::render::shorten(value, 40)
            )),
        }
    }

    /// Whether this only shows the settings (anyone may) rather than changing them.
    pub fn only_shows(&self) -> bool {
        *self == SettingsArgs::Show
    }
}

/// `/settings`: the card; `/settings region …`: the change (the registry lets only admins
/// and owners through).
pub async fn settings(ctx: &mut Ctx<'_>, args: SettingsArgs) -> Replies {
    let region = match args {
        SettingsArgs::Show => return ctx.say(show(ctx)),
        SettingsArgs::Region(region) => region,
    };
    workspaces::set_region(ctx.tx, ctx.actor.workspace_id, region.as_deref()).await?;
    match &region {
        Some(region) => ctx.say(tr!(
            ctx.actor.locale,
            "settings-region-set",
            region = region.clone()
        )),
        None => {
            let text = ctx.t("settings-region-cleared");
            ctx.say(format!("{text}\n{}", describe_region(ctx, None)))
        }
    }
}

/// The settings card.
fn show(ctx: &Ctx<'_>) -> String {
    let mut text = ctx.t("settings-header");
    text.push('\n');
    text.push_str(&describe_region(ctx, ctx.actor.phone_region.as_deref()));
    text.push('\n');
    text.push_str(&ctx.t("settings-usage"));
    text
}

/// One line on the region in force: the workspace's own, the server default, or none.
fn describe_region(ctx: &Ctx<'_>, own: Option<&str>) -> String {
    let locale = ctx.actor.locale;
    match (own, ctx.settings.default_phone_region.as_deref()) {
        (Some(region), _) => tr!(locale, "settings-region-own", region = region.to_string()),
        (None, Some(region)) => tr!(
            locale,
            "settings-region-default",
            region = region.to_string()
        ),
        (None, None) => locale.text("settings-region-none"),
    }
}
