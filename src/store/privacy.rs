//! Consents (terms, AI processing, marketing) with time and policy version, the audit log
//! of sensitive actions (actor, action, target, time — never message content), and the
//! counts `/privacy` shows of what ChatCRM holds about a user.

use sqlx::FromRow;

use super::Tx;
use super::statement::{self, args};
use crate::crm::UserId;
use crate::store::Result;

/// What a consent is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentKind {
    /// Terms of service and privacy policy, accepted at /start.
    Terms,
    /// Processing of the user's text by an AI service, for actions they start.
    Ai,
    /// Marketing messages.
    Marketing,
}

impl ConsentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentKind::Terms => "terms",
            ConsentKind::Ai => "ai",
            ConsentKind::Marketing => "marketing",
        }
    }
}

/// Records a consent decision (replacing the previous one of that kind).
pub async fn set_consent(
    tx: &mut Tx,
    user_id: UserId,
    kind: ConsentKind,
    granted: bool,
    policy_version: &str,
    at: i64,
) -> Result<()> {
    let (kind, granted) = (kind.as_str(), i64::from(granted));
    let values = args![user_id.get(), kind, granted, policy_version, at];
    statement::run(tx, SET_CONSENT, values).await?;
    Ok(())
}

const SET_CONSENT: &str =
    "INSERT INTO consents (user_id, kind, granted, policy_version, changed_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id, kind) DO UPDATE SET granted = excluded.granted,
         policy_version = excluded.policy_version, changed_at = excluded.changed_at";

/// Records the user's acceptance of the terms unless it is recorded already; `true` when
/// this call recorded it.
pub async fn accept_terms_once(
    tx: &mut Tx,
    user_id: UserId,
    policy_version: &str,
    at: i64,
) -> Result<bool> {
    let values = args![user_id.get(), policy_version, at];
    Ok(statement::run(tx, ACCEPT_TERMS_ONCE, values).await? == 1)
}

const ACCEPT_TERMS_ONCE: &str =
    "INSERT INTO consents (user_id, kind, granted, policy_version, changed_at)
     VALUES ($1, 'terms', 1, $2, $3) ON CONFLICT (user_id, kind) DO NOTHING";

/// The user's decision on `kind`, with its time, if they made one.
pub async fn consent(
    tx: &mut Tx,
    user_id: UserId,
    kind: ConsentKind,
) -> Result<Option<(bool, i64)>> {
    let row: Option<(i64, i64)> =
        statement::optional(tx, CONSENT, args![user_id.get(), kind.as_str()]).await?;
    Ok(row.map(|(granted, at)| (granted != 0, at)))
}

const CONSENT: &str = "SELECT granted, changed_at FROM consents WHERE user_id = $1 AND kind = $2";

/// The user's pseudonym in the audit log: random, stored with the user when they are
/// created and never derived from their id, so it names no person and entries kept after
/// the user's deletion can never attach to a later user.
pub async fn pseudonym(tx: &mut Tx, user_id: UserId) -> Result<String> {
    statement::value(tx, PSEUDONYM, args![user_id.get()]).await
}

const PSEUDONYM: &str = "SELECT audit_pseudonym FROM users WHERE id = $1";

/// A fresh pseudonym for a new user: `user:` and 16 random bytes in hex.
pub fn new_pseudonym() -> String {
    format!("user:{:032x}", rand::random::<u128>())
}

/// Appends an audit entry.
pub async fn audit(tx: &mut Tx, actor: &str, action: &str, target: &str, at: i64) -> Result<()> {
    statement::run(tx, AUDIT, args![actor, action, target, at]).await?;
    Ok(())
}

const AUDIT: &str =
    "INSERT INTO audit_log (actor, action, target, created_at) VALUES ($1, $2, $3, $4)";

/// How many records of each kind ChatCRM holds about or by a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromRow)]
pub struct Holdings {
    pub identities: i64,
    pub workspaces: i64,
    pub contacts_created: i64,
    pub companies_created: i64,
    pub deals_created: i64,
    pub notes_written: i64,
    pub tasks_assigned: i64,
    pub activities: i64,
    pub consents: i64,
}

pub async fn holdings(tx: &mut Tx, user_id: UserId) -> Result<Holdings> {
    statement::one(tx, HOLDINGS, args![user_id.get()]).await
}

const HOLDINGS: &str = "SELECT
        (SELECT COUNT(*) FROM identities WHERE user_id = $1) AS identities,
        (SELECT COUNT(*) FROM memberships WHERE user_id = $1) AS workspaces,
        (SELECT COUNT(*) FROM contacts WHERE created_by = $1) AS contacts_created,
        (SELECT COUNT(*) FROM companies WHERE created_by = $1) AS companies_created,
        (SELECT COUNT(*) FROM deals WHERE created_by = $1) AS deals_created,
        (SELECT COUNT(*) FROM notes WHERE author_user_id = $1) AS notes_written,
        (SELECT COUNT(*) FROM tasks WHERE assignee_user_id = $1) AS tasks_assigned,
        (SELECT COUNT(*) FROM activities WHERE actor_user_id = $1) AS activities,
        (SELECT COUNT(*) FROM consents WHERE user_id = $1) AS consents";

/// How many audit entries `actor` has with `action` since `since` (milliseconds).
pub async fn count_actions(tx: &mut Tx, actor: &str, action: &str, since: i64) -> Result<i64> {
    statement::value(tx, COUNT_ACTIONS, args![actor, action, since]).await
}

const COUNT_ACTIONS: &str =
    "SELECT COUNT(*) FROM audit_log WHERE actor = $1 AND action = $2 AND created_at >= $3";
