//! /timezone and /language: the user's own settings.

use super::{Ctx, Replies};
use crate::crm::when::parse_time_zone;
use crate::i18n::Locale;
use crate::message::{Choice, Reply};
use crate::router::Button;
use crate::store::users;
use crate::tr;

pub async fn timezone(ctx: &mut Ctx<'_>, input: &str) -> Replies {
    let input = input.trim();
    if input.is_empty() {
        let now = ctx.now.with_timezone(&ctx.tz).format("%H:%M").to_string();
        return ctx.say(tr!(
            ctx.actor.locale,
            "timezone-current",
            zone = ctx.tz.name(),
            time = now
        ));
    }
    let Some(zone) = parse_time_zone(input) else {
        let value = super::render::shorten(input, 40);
        return ctx.say(tr!(ctx.actor.locale, "timezone-unknown", value = value));
    };
    users::set_time_zone(ctx.tx, ctx.actor.user_id, zone.name()).await?;
    let now = ctx.now.with_timezone(&zone).format("%H:%M").to_string();
    ctx.say(tr!(
        ctx.actor.locale,
        "timezone-set",
        zone = zone.name(),
        time = now
    ))
}

pub async fn language(ctx: &mut Ctx<'_>, input: &str) -> Replies {
    let code = input.trim().to_lowercase();
    if code.is_empty() {
        let choices = Locale::all()
            .iter()
            .map(|locale| {
                let code = locale.code().into();
                Choice::new(
                    locale.text("language-name"),
                    Button::SetLanguage { code }.encode(),
                )
            })
            .collect();
        return Ok(vec![
            Reply::text(ctx.t("language-choose")).with_choices(choices),
        ]);
    }
    let Some(locale) = Locale::named(&code) else {
        let languages: Vec<String> = Locale::all()
            .iter()
            .map(|l| format!("{} ({})", l.text("language-name"), l.code()))
            .collect();
        let languages = languages.join(", ");
        return ctx.say(tr!(
            ctx.actor.locale,
            "language-unknown",
            languages = languages
        ));
    };
    users::set_locale(ctx.tx, ctx.actor.user_id, locale).await?;
    Ok(vec![Reply::text(locale.text("language-set"))])
}
