//! Retention: what ChatCRM keeps only for a while is purged on every job run — processed
//! update ids (deduplication memory), abandoned dialogues, used or expired invite and link
//! codes, expired Google connect links, delivered outbox rows (message text), attached files whose record is gone,
//! expired export links with their files, and any export file older than an export may live
//! (one whose chat document could never be delivered, or left behind by a crash).

use chrono::{DateTime, Duration, Utc};

use crate::config::{PrivacyConfig, RetentionConfig};
use crate::store;
use crate::store::Store;

/// How long each kind of short-lived data is kept, in days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retention {
    pub processed_updates_days: i64,
    pub dialogues_days: i64,
    pub delivered_messages_days: i64,
    /// Where export files wait for their one-time download or their delivery.
    pub export_dir: std::path::PathBuf,
    /// No export file is kept longer than this (`[privacy] export_link_hours`).
    pub export_hours: i64,
}

impl Retention {
    /// The retention a configuration asks for.
    pub fn from_config(config: &RetentionConfig, privacy: &PrivacyConfig) -> Retention {
        Retention {
            processed_updates_days: i64::from(config.processed_updates_days),
            dialogues_days: i64::from(config.dialogues_days),
            delivered_messages_days: i64::from(config.delivered_messages_days),
            export_dir: privacy.export_dir.clone(),
            export_hours: i64::from(privacy.export_link_hours),
        }
    }
}

/// The built-in configuration's retention (the configuration is the one source of defaults).
impl Default for Retention {
    fn default() -> Self {
        Retention::from_config(&RetentionConfig::default(), &PrivacyConfig::default())
    }
}

/// Deletes what is past its retention at `now`; returns how many rows went.
pub async fn purge(store: &Store, retention: &Retention, now: DateTime<Utc>) -> store::Result<u64> {
    let before = |days: i64| (now - Duration::days(days)).timestamp_millis();
    let now_ms = now.timestamp_millis();
    let mut tx = store.begin().await?;
    let mut purged = 0;
    for (sql, cutoff) in [
        (
            "DELETE FROM processed_inbound WHERE processed_at < $1",
            before(retention.processed_updates_days),
        ),
        (
            "DELETE FROM dialogues WHERE updated_at < $1",
            before(retention.dialogues_days),
        ),
        (
            "DELETE FROM invites WHERE expires_at < $1 OR used_at IS NOT NULL",
            now_ms,
        ),
        ("DELETE FROM link_codes WHERE expires_at < $1", now_ms),
        ("DELETE FROM pending_choices WHERE expires_at < $1", now_ms),
        // A note that waited a day for an AI consent answer that never came: its text is
        // not kept without the consent.
        (
            "DELETE FROM ai_requests WHERE status = 'consent' AND created_at < $1",
            now_ms - 86_400_000,
        ),
        (
            "DELETE FROM google_oauth_states WHERE expires_at < $1",
            now_ms,
        ),
        (
            "DELETE FROM link_attempts WHERE attempted_at < $1",
            now_ms - 3_600_000,
        ),
        (
            "DELETE FROM outbox WHERE status IN ('sent', 'failed', 'dropped') AND created_at < $1",
            before(retention.delivered_messages_days),
        ),
    ] {
        purged += sqlx::query(sql)
            .bind(cutoff)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    }
    purged += crate::store::files::purge_orphans(&mut tx).await?;
    let files = crate::store::export_links::purge(&mut tx, now_ms).await?;
    tx.commit().await?;
    for file in &files {
        // Files of used links were removed at download; expired ones go now.
        let _ = std::fs::remove_file(retention.export_dir.join(file));
    }
    let stale = remove_stale_exports(
        &retention.export_dir,
        now - Duration::hours(retention.export_hours),
    );
    Ok(purged + files.len() as u64 + stale)
}

/// Removes export files (finished or half-written) last written before `cutoff`; returns
/// how many went.
fn remove_stale_exports(dir: &std::path::Path, cutoff: DateTime<Utc>) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let cutoff = std::time::SystemTime::from(cutoff);
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_export = name.starts_with("chatcrm-export-") || name.starts_with(".chatcrm-export-");
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|modified| modified < cutoff);
        if is_export && stale && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}
