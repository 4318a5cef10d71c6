//! Deals (`D` handles): the record, the default pipeline of stages and how a stage decides
//! the deal's status (won and lost close it).

use super::handle::{Handle, RecordKind};
use super::ids::{CompanyId, ContactId, DealId, WorkspaceId};

/// A stage of the sales pipeline, in pipeline order. Serialized as its stored name
/// ([`Stage::as_str`]).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Lead,
    Qualified,
    Proposal,
    Negotiation,
    Won,
    Lost,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::Lead,
        Stage::Qualified,
        Stage::Proposal,
        Stage::Negotiation,
        Stage::Won,
        Stage::Lost,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Lead => "lead",
            Stage::Qualified => "qualified",
            Stage::Proposal => "proposal",
            Stage::Negotiation => "negotiation",
            Stage::Won => "won",
            Stage::Lost => "lost",
        }
    }

    /// The stage stored as exactly `name` (its `as_str`); for the store's row mapping.
    pub fn from_stored(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Accepts the English name (or a unique prefix of it), in any case.
    pub fn parse(input: &str) -> Option<Stage> {
        let input = input.trim().to_lowercase();
        if input.is_empty() {
            return None;
        }
        let mut matches = Stage::ALL
            .into_iter()
            .filter(|s| s.as_str().starts_with(&input));
        match (matches.next(), matches.next()) {
            (Some(stage), None) => Some(stage),
            _ => Stage::ALL.into_iter().find(|s| s.as_str() == input),
        }
    }

    /// The status a deal has in this stage.
    pub fn status(self) -> Status {
        match self {
            Stage::Won => Status::Won,
            Stage::Lost => Status::Lost,
            _ => Status::Open,
        }
    }
}

/// Whether a deal is still being worked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    Won,
    Lost,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Open, Status::Won, Status::Lost];

    /// The status stored as exactly `name` (its `as_str`); for the store's row mapping.
    pub fn from_stored(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Won => "won",
            Status::Lost => "lost",
        }
    }
}

/// A deal's move from one stage to another, as its timeline entry records it:
/// `{"from":"lead","to":"won"}` (the stages' stored names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StageChange {
    pub from: Stage,
    pub to: Stage,
}

/// A stored deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deal {
    pub id: DealId,
    pub workspace_id: WorkspaceId,
    pub handle_no: i64,
    pub title: String,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    pub stage: Stage,
    pub status: Status,
    /// ISO date (YYYY-MM-DD).
    pub expected_close: Option<String>,
    pub contact_id: Option<ContactId>,
    pub company_id: Option<CompanyId>,
}

impl Deal {
    pub fn handle(&self) -> Handle {
        Handle::new(RecordKind::Deal, self.handle_no)
    }
}

/// A deal being created.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DealDraft {
    pub title: String,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    pub expected_close: Option<String>,
    pub contact_id: Option<ContactId>,
    pub company_id: Option<CompanyId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_parse_by_prefix_and_decide_status() {
        assert_eq!(Stage::parse("WON"), Some(Stage::Won));
        assert_eq!(Stage::parse("neg"), Some(Stage::Negotiation));
        assert_eq!(Stage::parse("l"), None, "lead and lost share a prefix");
        assert_eq!(Stage::parse("closed"), None);
        assert_eq!(Stage::Lost.status(), Status::Lost);
        assert_eq!(Stage::Proposal.status(), Status::Open);
    }

    #[test]
    fn stored_names_round_trip_exactly() {
        for stage in Stage::ALL {
            assert_eq!(Stage::from_stored(stage.as_str()), Some(stage));
        }
        for status in Status::ALL {
            assert_eq!(Status::from_stored(status.as_str()), Some(status));
        }
        // Stored names are exact: no prefixes, no other case.
        assert_eq!(Stage::from_stored("neg"), None);
        assert_eq!(Stage::from_stored("Won"), None);
        assert_eq!(Status::from_stored("closed"), None);
    }

    #[test]
    fn stages_serialize_as_their_stored_names() {
        for stage in Stage::ALL {
            let json = serde_json::to_value(stage).unwrap();
            assert_eq!(json, serde_json::Value::from(stage.as_str()));
            assert_eq!(serde_json::from_value::<Stage>(json).unwrap(), stage);
        }
        let change = StageChange {
            from: Stage::Lead,
            to: Stage::Won,
        };
        // The timeline's entries keep the shape every version wrote.
        assert_eq!(
            serde_json::to_value(change).unwrap().to_string(),
            r#"{"from":"lead","to":"won"}"#
        );
        assert!(serde_json::from_str::<StageChange>(r#"{"from":"lead","to":"closed"}"#).is_err());
    }
}
