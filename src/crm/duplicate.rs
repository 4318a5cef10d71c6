//! Likely duplicates: whether a contact about to be saved is probably one the workspace
//! already has — the same phone, the same email (ignoring case), or the same name once
//! folded like a search key (case, accents and punctuation ignored: "Zoë  Smith" is
//! "zoe smith") — and likewise a company with the same domain or folded name.

use super::search_key::search_key;
use super::{Company, CompanyDraft, Contact, ContactDraft, Email, Phone};

/// Why an existing contact looks like the one being saved, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    Phone,
    Email,
    Domain,
    Name,
}

impl Reason {
    /// The selector value of the `duplicate-contact` message.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Phone => "phone",
            Reason::Email => "email",
            Reason::Domain => "domain",
            Reason::Name => "name",
        }
    }
}

/// A name folded for comparison; empty when it has no letters or digits.
pub fn folded_name(name: &str) -> String {
    search_key([name])
}

/// Whether two names are the same once folded (case, accents and punctuation ignored);
/// names without letters or digits are never the same.
pub fn same_name(a: &str, b: &str) -> bool {
    let a = folded_name(a);
    !a.is_empty() && a == folded_name(b)
}

/// A `LIKE` pattern for search keys starting with the folded `name`, if it has a word. The
/// folded name has only letters, digits and spaces, so it is safe in a `LIKE` pattern.
pub fn name_prefix_pattern(name: &str) -> Option<String> {
    let name = folded_name(name);
    (!name.is_empty()).then(|| format!("{name}%"))
}

/// Why `existing` is a likely duplicate of `draft`, if it is one.
pub fn reason(draft: &ContactDraft, existing: &Contact) -> Option<Reason> {
    let same = |a: Option<&str>, b: Option<&str>| match (a, b) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        _ => false,
    };
    if same(
        draft.phone.as_ref().map(Phone::as_str),
        existing.phone.as_ref().map(Phone::as_str),
    ) {
        Some(Reason::Phone)
    } else if same(
        draft.email.as_ref().map(Email::as_str),
        existing.email.as_ref().map(Email::as_str),
    ) {
        Some(Reason::Email)
    } else if same_name(&draft.name, &existing.name) {
        Some(Reason::Name)
    } else {
        None
    }
}

/// The strongest likely duplicate among `candidates` (ties: the oldest handle first).
pub fn best<'c>(draft: &ContactDraft, candidates: &'c [Contact]) -> Option<(&'c Contact, Reason)> {
    candidates
        .iter()
        .filter_map(|c| reason(draft, c).map(|r| (c, r)))
        .min_by_key(|(c, r)| (*r, c.handle_no))
}

/// Why `existing` is a likely duplicate of the company `draft`, if it is one.
pub fn company_reason(draft: &CompanyDraft, existing: &Company) -> Option<Reason> {
    let same_domain = matches!(
        (draft.domain.as_deref(), existing.domain.as_deref()),
        (Some(a), Some(b)) if a.eq_ignore_ascii_case(b)
    );
    if same_domain {
        Some(Reason::Domain)
    } else if same_name(&draft.name, &existing.name) {
        Some(Reason::Name)
    } else {
        None
    }
}

/// The strongest likely duplicate of a company among `candidates`.
pub fn best_company<'c>(
    draft: &CompanyDraft,
    candidates: &'c [Company],
) -> Option<(&'c Company, Reason)> {
    candidates
        .iter()
        .filter_map(|c| company_reason(draft, c).map(|r| (c, r)))
        .min_by_key(|(c, r)| (*r, c.handle_no))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(no: i64, name: &str, phone: Option<&str>, email: Option<&str>) -> Contact {
        Contact {
            id: crate::crm::ContactId::new(no),
            workspace_id: crate::crm::WorkspaceId::new(1),
            handle_no: no,
            name: name.into(),
            phone: phone.map(|p| Phone::parse(p, None).unwrap()),
            email: email.map(|e| Email::parse(e).unwrap()),
            position: None,
            company_id: None,
            created_at: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn phone_email_and_folded_name_match() {
        let draft = ContactDraft {
            name: "Zoë  Smith".into(),
            phone: Some(Phone::parse("+4930123456", None).unwrap()),
            email: Some(Email::parse("zoe@example.com").unwrap()),
            position: None,
        };
        let others = [
            contact(1, "zoe smith", None, None),
            contact(2, "Z", None, Some("ZOE@example.com")),
            contact(3, "Y", Some("+4930123456"), None),
            contact(4, "Zoe Smithers", None, None),
        ];
        assert_eq!(reason(&draft, &others[0]), Some(Reason::Name));
        assert_eq!(reason(&draft, &others[1]), Some(Reason::Email));
        assert_eq!(reason(&draft, &others[3]), None);
        let (found, why) = best(&draft, &others).unwrap();
        assert_eq!((found.handle_no, why), (3, Reason::Phone));
        let nameless = ContactDraft {
            name: "!!".into(),
            ..ContactDraft::default()
        };
        assert_eq!(best(&nameless, &[contact(5, "??", None, None)]), None);
    }

    #[test]
    fn companies_match_by_domain_or_folded_name() {
        let company = |no: i64, name: &str, domain: Option<&str>| Company {
            id: crate::crm::CompanyId::new(no),
            workspace_id: crate::crm::WorkspaceId::new(1),
            handle_no: no,
            name: name.into(),
            domain: domain.map(Into::into),
            phone: None,
        };
        let draft = CompanyDraft {
            name: "ACME, Inc.".into(),
            domain: Some("acme.com".into()),
            phone: None,
        };
        let others = [
            company(1, "acme inc", None),
            company(2, "Road Runner", Some("acme.com")),
            company(3, "Acme Industries", None),
        ];
        assert_eq!(company_reason(&draft, &others[2]), None);
        let (found, why) = best_company(&draft, &others).unwrap();
        assert_eq!((found.handle_no, why), (2, Reason::Domain));
        assert_eq!(
            best_company(&draft, &others[..1]).map(|(c, r)| (c.handle_no, r)),
            Some((1, Reason::Name))
        );
    }
}
