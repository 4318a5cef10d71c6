//! Text building blocks shared by the handlers: cards and list lines of every record kind,
//! field names, money and due times in the user's zone, and localized validation errors.

use iso_currency::Currency;

use super::Ctx;
use crate::crm::contact::FieldValue;
use crate::crm::contact::MAX_TEXT_CHARS;
use crate::crm::money::{NumberStyle, format_minor_in};
use crate::crm::when::format_local;
use crate::crm::{Company, Contact, ContactField, Deal, FieldError, Problem, Stage, Task};
use crate::i18n::Locale;
use crate::tr;

/// The localized name of a contact field.
pub fn field_label(locale: Locale, field: ContactField) -> String {
    locale.text(&format!("field-{}", field.as_str()))
}

/// The message for a value that failed validation, naming the field and saying that
/// nothing was saved.
pub fn field_error(locale: Locale, error: &FieldError, value: &str) -> String {
    format!(
        "{} {}",
        field_problem(locale, error, value),
        locale.text("nothing-saved")
    )
}

/// The message for a value that failed validation, naming the field.
pub fn field_problem(locale: Locale, error: &FieldError, value: &str) -> String {
    let field = field_label(locale, error.field);
    let value = shorten(value.trim(), 40);
    match error.problem {
        Problem::Empty => tr!(locale, "error-empty", field = field),
        Problem::TooLong => tr!(
            locale,
            "error-too-long",
            field = field,
            max = MAX_TEXT_CHARS
        ),
        Problem::InvalidPhone => tr!(locale, "error-invalid-phone", field = field, value = value),
        Problem::PhoneNeedsCountry => tr!(locale, "error-phone-needs-country", field = field),
        Problem::InvalidEmail => tr!(locale, "error-invalid-email", field = field, value = value),
        Problem::Repeated => tr!(locale, "error-repeated", field = field),
    }
}

/// A value as shown to users: phones in international format.
pub fn display_value(value: &FieldValue) -> String {
    match value {
        FieldValue::Phone(phone) => phone.display(),
        _ => value.as_str().to_string(),
    }
}

/// The full card of a contact, with its company and deals when known.
pub fn contact_card(
    ctx: &Ctx<'_>,
    contact: &Contact,
    company: Option<&Company>,
    deals: &[Deal],
) -> String {
    let mut card = format!("{} · {}", contact.handle(), contact.name);
    if let Some(position) = &contact.position {
        card.push_str(&format!("\n💼 {position}"));
    }
    if let Some(company) = company {
        card.push_str(&format!("\n🏢 {} · {}", company.handle(), company.name));
    }
    if let Some(phone) = &contact.phone {
        card.push_str(&format!("\n📞 {}", phone.display()));
    }
    if let Some(email) = &contact.email {
        card.push_str(&format!("\n✉️ {email}"));
    }
    for deal in deals {
        card.push_str(&format!("\n💰 {}", deal_line(ctx, deal)));
    }
    card
}

/// One line of a contact list.
pub fn contact_line(contact: &Contact) -> String {
    let mut line = format!("{} · {}", contact.handle(), contact.name);
    if let Some(phone) = &contact.phone {
        line.push_str(&format!(" · {}", phone.display()));
    }
    if let Some(email) = &contact.email {
        line.push_str(&format!(" · {email}"));
    }
    line
}

/// One line of a company list.
pub fn company_line(company: &Company) -> String {
    let mut line = format!("{} · {}", company.handle(), company.name);
    if let Some(domain) = &company.domain {
        line.push_str(&format!(" · {domain}"));
    }
    if let Some(phone) = &company.phone {
        line.push_str(&format!(" · {}", phone.display()));
    }
    line
}

/// A deal's amount in the user's number style ("12,500.00 EUR", "12 500,00 EUR"), if it
/// has one.
pub fn deal_amount(ctx: &Ctx<'_>, deal: &Deal) -> Option<String> {
    let currency = Currency::from_code(deal.currency.as_deref()?)?;
    Some(money_text(ctx, deal.amount_minor?, currency))
}

/// An amount in the user's number style.
pub fn money_text(ctx: &Ctx<'_>, minor: i64, currency: Currency) -> String {
    format_minor_in(
        minor,
        currency,
        NumberStyle::for_language(ctx.actor.locale.code()),
    )
}

/// The localized name of a stage.
pub fn stage_label(ctx: &Ctx<'_>, stage: Stage) -> String {
    ctx.t(&format!("stage-{}", stage.as_str()))
}

/// One line of a deal list: handle, title, amount, stage.
pub fn deal_line(ctx: &Ctx<'_>, deal: &Deal) -> String {
    let mut line = format!("{} · {}", deal.handle(), deal.title);
    if let Some(amount) = deal_amount(ctx, deal) {
        line.push_str(&format!(" · {amount}"));
    }
    line.push_str(&format!(" · {}", stage_label(ctx, deal.stage)));
    line
}

/// One line of a task list: handle, text, due time in the user's zone.
pub fn task_line(ctx: &Ctx<'_>, task: &Task) -> String {
    let mark = if task.done { "✅" } else { "☐" };
    let mut line = format!("{mark} {} · {}", task.handle(), task.body);
    if let Some(due) = task.due_at {
        line.push_str(&format!(" · {}", due_text(ctx, due)));
    }
    line
}

/// A stored time (Unix milliseconds) in the user's zone, to the minute: "2026-11-29 09:00".
pub fn minute_text(ctx: &Ctx<'_>, millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|at| {
            at.with_timezone(&ctx.tz)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// A due time in the user's zone, marked when overdue.
pub fn due_text(ctx: &Ctx<'_>, due_at: i64) -> String {
    let Some(due) = chrono::DateTime::from_timestamp_millis(due_at) else {
        return String::new();
    };
    let text = format_local(due, ctx.tz, ctx.now, ctx.actor.locale.code());
    if due < ctx.now {
        tr!(ctx.actor.locale, "overdue-since", when = text)
    } else {
        text
    }
}

pub use crate::shorten::shorten;
