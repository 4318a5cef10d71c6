//! The tokens AI requests used per workspace and UTC day, as the model server reported
//! them (`usage.total_tokens`): the workspace's daily budget is checked against this.

use super::Tx;
use super::statement::{self, args};
use crate::crm::WorkspaceId;
use crate::store::Result;

/// The UTC day of `millis` as `YYYY-MM-DD`.
pub fn day_of(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .unwrap_or_default()
        .format("%Y-%m-%d")
        .to_string()
}

/// Tokens the workspace used on `day`.
pub async fn used(tx: &mut Tx, workspace_id: WorkspaceId, day: &str) -> Result<u64> {
    let tokens: Option<i64> =
        statement::value_opt(tx, USED, args![workspace_id.get(), day]).await?;
    Ok(tokens.map_or(0, |t| u64::try_from(t).unwrap_or(0)))
}

const USED: &str = "SELECT tokens FROM ai_usage WHERE workspace_id = $1 AND day = $2";

/// Adds `tokens` to the workspace's count for `day`.
pub async fn add(tx: &mut Tx, workspace_id: WorkspaceId, day: &str, tokens: u64) -> Result<()> {
    let tokens = i64::try_from(tokens).unwrap_or(i64::MAX);
    statement::run(tx, ADD, args![workspace_id.get(), day, tokens]).await?;
    Ok(())
}

const ADD: &str = "INSERT INTO ai_usage (workspace_id, day, tokens) VALUES ($1, $2, $3)
     ON CONFLICT (workspace_id, day) DO UPDATE SET tokens = ai_usage.tokens + excluded.tokens";

#[cfg(test)]
mod tests {
    #[test]
    fn days_are_utc_dates() {
        assert_eq!(super::day_of(0), "1970-01-01");
        assert_eq!(super::day_of(1_764_547_199_999), "2025-11-30");
    }
}
