//! Companies (organisations, `O` handles): the record and the validation of its fields.

use super::contact::MAX_TEXT_CHARS;
use super::handle::{Handle, RecordKind};
use super::ids::{CompanyId, WorkspaceId};
use super::phone::Phone;

/// A stored company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Company {
    pub id: CompanyId,
    pub workspace_id: WorkspaceId,
    pub handle_no: i64,
    pub name: String,
    pub domain: Option<String>,
    pub phone: Option<Phone>,
}

impl Company {
    pub fn handle(&self) -> Handle {
        Handle::new(RecordKind::Company, self.handle_no)
    }
}

/// A company being created.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CompanyDraft {
    pub name: String,
    pub domain: Option<String>,
    pub phone: Option<Phone>,
}

/// Which part of a company's input was wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompanyField {
    Name,
    Domain,
    Phone,
}

impl CompanyDraft {
    /// Parses `Name, domain, phone`: a part with a dot and no spaces is the domain, a part
    /// of digits is the phone.
    pub fn parse(
        input: &str,
        region: Option<&str>,
    ) -> Result<CompanyDraft, (CompanyField, String)> {
        let mut parts = super::split_parts(input).into_iter();
        let name = parts.next().unwrap_or("").to_string();
        if name.is_empty() || name.chars().count() > MAX_TEXT_CHARS {
            return Err((CompanyField::Name, name));
        }
        let mut draft = CompanyDraft {
            name,
            ..CompanyDraft::default()
        };
        for part in parts {
            if let Some(domain) = parse_domain(part) {
                draft.domain = Some(domain);
            } else if let Ok(phone) = Phone::parse(part, region) {
                draft.phone = Some(phone);
            } else if part.chars().any(|c| c.is_ascii_digit()) {
                return Err((CompanyField::Phone, part.to_string()));
            } else {
                return Err((CompanyField::Domain, part.to_string()));
            }
        }
        Ok(draft)
    }
}

/// "https://www.Acme.com/about" → "acme.com"; `None` when it is not a domain.
pub fn parse_domain(input: &str) -> Option<String> {
    let input = input.trim().to_lowercase();
    let rest = input
        .strip_prefix("https://")
        .or_else(|| input.strip_prefix("http://"))
        .unwrap_or(&input);
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .trim_start_matches("www.");
    let valid_label = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !l.starts_with('-')
    };
    let labels: Vec<&str> = host.split('.').collect();
    let tld_ok = labels
        .last()
        .is_some_and(|t| t.chars().all(char::is_alphabetic) && t.len() >= 2);
    (labels.len() >= 2 && host.len() <= 253 && labels.iter().all(|l| valid_label(l)) && tld_ok)
        .then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_name_domain_and_phone() {
        let draft =
            CompanyDraft::parse("Acme GmbH, https://www.Acme.de/about, +49 30 123456", None)
                .unwrap();
        assert_eq!(draft.name, "Acme GmbH");
        assert_eq!(draft.domain.as_deref(), Some("acme.de"));
        assert_eq!(draft.phone.as_ref().map(Phone::as_str), Some("+4930123456"));
        assert_eq!(
            CompanyDraft::parse("Acme, not a domain", None),
            Err((CompanyField::Domain, "not a domain".into()))
        );
        assert_eq!(
            CompanyDraft::parse("Acme, +49 1", None),
            Err((CompanyField::Phone, "+49 1".into()))
        );
        assert!(CompanyDraft::parse(" , ; ", None).is_err());
    }

    #[test]
    fn domains() {
        for (input, domain) in [
            ("xn--80ak6aa92e.com", Some("xn--80ak6aa92e.com")),
            ("пример.рф", Some("пример.рф")),
            ("localhost", None),
            ("a..b", None),
            ("acme.c0m", None),
        ] {
            assert_eq!(parse_domain(input).as_deref(), domain, "{input}");
        }
    }
}
