//! Money: an exact amount in minor units (cents) of an ISO 4217 currency. Parsing takes
//! what people type ("12,500.50 EUR", "€99", "1 200 руб", "12.5k USD"); amounts are never
//! floats.

use std::str::FromStr;

use iso_currency::Currency;
use rust_decimal::Decimal;

use crate::i18n::Locale;

/// An exact amount of one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    /// The amount in the currency's minor unit (cents for EUR, yen for JPY).
    pub minor: i64,
    pub currency: Currency,
}

/// Why a typed amount was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("not an amount")]
    NotAnAmount,
    #[error("unknown currency")]
    UnknownCurrency,
    #[error("too many decimals for the currency")]
    TooPrecise,
    #[error("amount out of range")]
    OutOfRange,
}

impl Money {
    /// Parses an amount with a currency code or symbol; `default` is used when none is typed.
    pub fn parse(input: &str, default: Option<Currency>) -> Result<Money, MoneyError> {
        let (number, currency) = split_currency(input.trim())?;
        let currency = currency.or(default).ok_or(MoneyError::UnknownCurrency)?;
        let amount = parse_number(&number)?;
        if amount.is_sign_negative() {
            return Err(MoneyError::NotAnAmount);
        }
        let exponent = currency.exponent().unwrap_or(0) as u32;
        if amount.normalize().scale() > exponent {
            return Err(MoneyError::TooPrecise);
        }
        let minor = amount
            .checked_mul(Decimal::from(10_i64.pow(exponent)))
            .and_then(|m| i64::try_from(m.trunc()).ok())
            .filter(|m| *m <= 1_000_000_000_000_000)
            .ok_or(MoneyError::OutOfRange)?;
        Ok(Money { minor, currency })
    }

    /// The amount as a decimal in major units.
    pub fn amount(&self) -> Decimal {
        Decimal::new(self.minor, self.currency.exponent().unwrap_or(0) as u32)
    }

    /// "12,500.50 EUR": grouped thousands, the currency's decimals, the ISO code.
    pub fn display(&self) -> String {
        format_minor(self.minor, self.currency)
    }
}

/// How a language writes numbers, from CLDR's number symbols (`latn` system): the
/// thousands separator, the decimal mark, and `minimumGroupingDigits` (Spanish writes
/// "1234,00" but "12.345,00").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberStyle {
    pub group: char,
    pub decimal: char,
    pub min_grouping: usize,
}

impl NumberStyle {
    /// English: "31,122,026.00".
    pub const EN: NumberStyle = NumberStyle {
        group: ',',
        decimal: '.',
        min_grouping: 1,
    };
    /// The style of a language code ("ru", "es-AR"): its locale's `number-group`,
    /// `number-decimal` and `number-min-grouping` messages; English for a language we do
    /// not ship or a message that is not one character (a number).
    pub fn for_language(lang: &str) -> NumberStyle {
        let locale = Locale::from_language_code(Some(lang));
        let char_of = |key: &str| {
            let text = locale.text(key);
            let mut chars = text.chars();
            chars.next().filter(|_| chars.next().is_none())
        };
        let min_grouping = locale.text("number-min-grouping").trim().parse().ok();
        match (
            char_of("number-group"),
            char_of("number-decimal"),
            min_grouping,
        ) {
            (Some(group), Some(decimal), Some(min_grouping)) => NumberStyle {
                group,
                decimal,
                min_grouping,
            },
            _ => NumberStyle::EN,
        }
    }
}

/// Formats minor units of `currency` for people, English style ("12,500.50 EUR").
pub fn format_minor(minor: i64, currency: Currency) -> String {
    format_minor_in(minor, currency, NumberStyle::EN)
}

/// Formats minor units of `currency` in a language's style ("12 500,50 EUR").
pub fn format_minor_in(minor: i64, currency: Currency, style: NumberStyle) -> String {
    let exponent = currency.exponent().unwrap_or(0) as u32;
    let amount = Decimal::new(minor, exponent);
    let text = format!("{:.*}", exponent as usize, amount);
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let group = digits.len() >= 3 + style.min_grouping;
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if group && i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(style.group);
        }
        grouped.push(c);
    }
    let frac = if frac.is_empty() {
        String::new()
    } else {
        format!("{}{frac}", style.decimal)
    };
    format!("{sign}{grouped}{frac} {}", currency.code())
}

/// Parses a currency code ("eur") or symbol ("€").
pub fn parse_currency(input: &str) -> Option<Currency> {
    let input = input.trim();
    let by_symbol = match input.to_lowercase().as_str() {
        "€" | "eur" | "euro" | "euros" | "евро" => Some(Currency::EUR),
        "$" | "us$" | "usd" | "dollars" | "долларов" | "dólares" => Some(Currency::USD),
        "£" | "gbp" => Some(Currency::GBP),
        "₽" | "руб" | "руб." | "rub" | "рублей" => Some(Currency::RUB),
        "¥" | "jpy" => Some(Currency::JPY),
        "₴" | "грн" => Some(Currency::UAH),
        _ => None,
    };
    by_symbol.or_else(|| Currency::from_code(&input.to_uppercase()))
}

/// Splits "12,500 EUR", "€12,500", "12500eur" into the number and the currency.
fn split_currency(input: &str) -> Result<(String, Option<Currency>), MoneyError> {
    let is_number_char = |c: char| c.is_ascii_digit() || ",. '\u{a0}\u{202f}kKmM".contains(c);
    let start = input
        .find(|c: char| c.is_ascii_digit())
        .ok_or(MoneyError::NotAnAmount)?;
    let end = input[start..]
        .find(|c: char| !is_number_char(c))
        .map_or(input.len(), |i| start + i);
    let (before, number, after) = (&input[..start], &input[start..end], &input[end..]);
    let code = match (before.trim(), after.trim()) {
        ("", "") => None,
        (code, "") | ("", code) => Some(parse_currency(code).ok_or(MoneyError::UnknownCurrency)?),
        _ => return Err(MoneyError::NotAnAmount),
    };
    Ok((number.trim().to_string(), code))
}

/// "12,500.50", "12.500,50", "1 200", "12.5k", "2m" → an exact decimal.
fn parse_number(text: &str) -> Result<Decimal, MoneyError> {
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\'' | '\u{a0}' | '\u{202f}'))
        .collect();
    let (digits, multiplier) = match text.chars().last() {
        Some('k' | 'K') => (&text[..text.len() - 1], 1_000),
        Some('m' | 'M') => (&text[..text.len() - 1], 1_000_000),
        _ => (text.as_str(), 1),
    };
    let normalized = normalize_separators(digits).ok_or(MoneyError::NotAnAmount)?;
    let value = Decimal::from_str(&normalized).map_err(|_| MoneyError::NotAnAmount)?;
    value
        .checked_mul(Decimal::from(multiplier))
        .ok_or(MoneyError::OutOfRange)
}

/// Decides which of `,` and `.` is the decimal mark: the last one when both appear, a lone
/// one when it is followed by other than exactly three digits.
fn normalize_separators(digits: &str) -> Option<String> {
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    let last_sep = digits.rfind([',', '.']);
    let decimal_at = match last_sep {
        None => None,
        Some(at) => {
            let sep = digits.as_bytes()[at];
            let count = digits.bytes().filter(|b| *b == sep).count();
            let tail = digits.len() - at - 1;
            let both = digits.contains(',') && digits.contains('.');
            if both || (count == 1 && tail != 3) {
                Some(at)
            } else {
                None
            }
        }
    };
    // Every other separator groups thousands: 1 to 3 digits first, then groups of exactly
    // three ("31.12.2026" is a date, not 31,122,026).
    let integer = &digits[..decimal_at.unwrap_or(digits.len())];
    let mut groups = integer.split([',', '.']);
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    let grouped = integer.contains([',', '.']);
    if grouped && (!first_ok || groups.any(|g| g.len() != 3)) {
        return None;
    }
    Some(
        digits
            .char_indices()
            .filter_map(|(i, c)| match c {
                ',' | '.' if Some(i) == decimal_at => Some('.'),
                ',' | '.' => None,
                c => Some(c),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<String, MoneyError> {
        Money::parse(s, Some(Currency::EUR)).map(|m| m.display())
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse("12,500.50 USD").unwrap(), "12,500.50 USD");
        assert_eq!(parse("12.500,50 EUR").unwrap(), "12,500.50 EUR");
        assert_eq!(parse("€99").unwrap(), "99.00 EUR");
        assert_eq!(parse("1 200 руб").unwrap(), "1,200.00 RUB");
        assert_eq!(parse("12.5k usd").unwrap(), "12,500.00 USD");
        assert_eq!(parse("5000").unwrap(), "5,000.00 EUR");
        assert_eq!(parse("1,000").unwrap(), "1,000.00 EUR");
        assert_eq!(parse("0.1").unwrap(), "0.10 EUR");
        assert_eq!(parse("300 JPY").unwrap(), "300 JPY");
        assert_eq!(parse("2m usd").unwrap(), "2,000,000.00 USD");
        // With both marks the last one is the decimal mark, even before three digits.
        assert_eq!(parse("1,234.500 EUR").unwrap(), "1,234.50 EUR");
    }

    #[test]
    fn thousands_groups_have_three_digits() {
        assert_eq!(normalize_separators("31.12.2026"), None);
        assert_eq!(normalize_separators("31/12/2026"), None);
        assert_eq!(normalize_separators("1.234.567"), Some("1234567".into()));
        assert_eq!(normalize_separators("1,234.50"), Some("1234.50".into()));
        assert_eq!(normalize_separators("12,50,000"), None);
        assert_eq!(normalize_separators("1234,000"), None);
        assert!(Money::parse("31.12.2026", Some(Currency::EUR)).is_err());
    }

    #[test]
    fn only_digits_and_separators_are_a_number() {
        assert_eq!(normalize_separators("12.500,50"), Some("12500.50".into()));
        assert_eq!(normalize_separators(""), None);
        assert_eq!(normalize_separators("1k5"), None);
        assert_eq!(normalize_separators("1 000"), None);
    }

    #[test]
    fn symbols_and_words_name_their_currency() {
        for (typed, code) in [
            ("€5", "EUR"),
            ("5 euros", "EUR"),
            ("$5", "USD"),
            ("5 dollars", "USD"),
            ("5 долларов", "USD"),
            ("£5", "GBP"),
            ("5 рублей", "RUB"),
            ("¥5", "JPY"),
            ("₴5", "UAH"),
            ("5 грн", "UAH"),
            ("5 chf", "CHF"),
        ] {
            let money = Money::parse(typed, None).unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!(money.currency.code(), code, "{typed}");
        }
    }

    /// CLDR separators: ru groups with a no-break space, es with dots from five digits.
    #[test]
    fn amounts_are_written_in_the_users_language() {
        let eur =
            |minor, lang| format_minor_in(minor, Currency::EUR, NumberStyle::for_language(lang));
        assert_eq!(eur(3_112_202_600, "en"), "31,122,026.00 EUR");
        assert_eq!(eur(3_112_202_600, "ru"), "31\u{a0}122\u{a0}026,00 EUR");
        assert_eq!(eur(3_112_202_600, "es"), "31.122.026,00 EUR");
        assert_eq!(eur(123_450, "en"), "1,234.50 EUR");
        assert_eq!(eur(123_450, "ru"), "1\u{a0}234,50 EUR");
        assert_eq!(eur(123_450, "es"), "1234,50 EUR");
        assert_eq!(eur(1_234_550, "es"), "12.345,50 EUR");
        assert_eq!(eur(-50_000, "ru"), "-500,00 EUR");
        let yen = format_minor_in(1_000_000, Currency::JPY, NumberStyle::for_language("ru"));
        assert_eq!(yen, "1\u{a0}000\u{a0}000 JPY");
        // What we write, we read back.
        for lang in ["en", "ru", "es"] {
            let text = eur(3_112_202_600, lang);
            assert_eq!(
                Money::parse(&text, None).map(|m| m.minor),
                Ok(3_112_202_600),
                "{text}"
            );
        }
    }

    #[test]
    fn amounts_are_exact() {
        let a = Money::parse("0.10 EUR", None).unwrap();
        let b = Money::parse("0.20 EUR", None).unwrap();
        assert_eq!(a.minor + b.minor, 30);
        assert_eq!(
            Money::parse("19.99 EUR", None)
                .unwrap()
                .amount()
                .to_string(),
            "19.99"
        );
    }

    #[test]
    fn refuses_what_is_not_money() {
        assert_eq!(parse("lots"), Err(MoneyError::NotAnAmount));
        assert_eq!(parse("12 XYZ"), Err(MoneyError::UnknownCurrency));
        assert_eq!(parse("1.999 JPY"), Ok("1,999 JPY".into()));
        assert_eq!(parse("1.5 JPY"), Err(MoneyError::TooPrecise));
        assert_eq!(
            parse("99999999999999999999 EUR"),
            Err(MoneyError::OutOfRange)
        );
        assert_eq!(Money::parse("12", None), Err(MoneyError::UnknownCurrency));
        assert_eq!(parse("USD 5 EUR"), Err(MoneyError::NotAnAmount));
    }
}
