//! Text building blocks shared by the handlers: contact cards, list lines, field names and
//! localized validation errors.

use crate::crm::contact::MAX_TEXT_CHARS;
use crate::crm::{Contact, ContactField, FieldError, Phone, Problem};
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
pub fn display_value(field: ContactField, value: &str) -> String {
    match field {
        ContactField::Phone => Phone::display(value),
        _ => value.to_string(),
    }
}

/// The full card of a contact.
pub fn contact_card(contact: &Contact) -> String {
    let mut card = format!("{} · {}", contact.handle(), contact.name);
    if let Some(phone) = &contact.phone {
        card.push_str(&format!("\n📞 {}", Phone::display(phone)));
    }
    if let Some(email) = &contact.email {
        card.push_str(&format!("\n✉️ {email}"));
    }
    if let Some(position) = &contact.position {
        card.push_str(&format!("\n💼 {position}"));
    }
    card
}

/// One line of a contact list.
pub fn contact_line(contact: &Contact) -> String {
    let mut line = format!("{} · {}", contact.handle(), contact.name);
    if let Some(phone) = &contact.phone {
        line.push_str(&format!(" · {}", Phone::display(phone)));
    }
    if let Some(email) = &contact.email {
        line.push_str(&format!(" · {email}"));
    }
    line
}

/// At most `max` characters of `text`, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}
