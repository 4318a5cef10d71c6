//! Users, their channel identities and their workspaces: resolving who sent an update,
//! creating the user and a personal workspace on first contact.

use super::Tx;
use crate::crm::{Actor, IdentityId, Role, UserId, WorkspaceId};
use crate::i18n::Locale;
use crate::store::Result;

/// Who an inbound update comes from, as the channel tells it.
#[derive(Debug, Clone)]
pub struct Sender<'a> {
    pub channel: &'a str,
    pub external_id: &'a str,
    pub chat_id: &'a str,
    pub display_name: &'a str,
    pub language: Option<&'a str>,
}

type ActorRow = (
    i64,
    i64,
    Option<i64>,
    Option<String>,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    i64,
    i64,
    Option<String>,
    Option<String>,
    i64,
    i64,
);

/// The actor behind `sender`, created with a personal workspace on first contact. Two
/// concurrent first contacts of one identity make the second transaction fail with a
/// unique violation; the caller retries it and then finds the user.
pub async fn resolve(tx: &mut Tx, sender: &Sender<'_>) -> Result<Actor> {
    let row: Option<ActorRow> = sqlx::query_as(
        "SELECT i.id, i.user_id, u.current_workspace_id, m.role, u.locale, u.display_name,
                u.time_zone, u.started_at, u.last_identity_id,
                CASE WHEN d.identity_id IS NULL THEN 0 ELSE 1 END, i.active, u.button_tag,
                w.phone_region,
                CASE WHEN t.user_id IS NULL THEN 0 ELSE 1 END,
                CASE WHEN p.identity_id IS NULL THEN 0 ELSE 1 END
         FROM identities i
         JOIN users u ON u.id = i.user_id
         LEFT JOIN memberships m ON m.workspace_id = u.current_workspace_id AND m.user_id = u.id
         LEFT JOIN workspaces w ON w.id = m.workspace_id
         LEFT JOIN dialogues d ON d.identity_id = i.id
         LEFT JOIN consents t ON t.user_id = u.id AND t.kind = 'terms'
         LEFT JOIN pending_choices p ON p.identity_id = i.id
         WHERE i.channel = $1 AND i.external_id = $2",
    )
    .bind(sender.channel)
    .bind(sender.external_id)
    .fetch_optional(&mut **tx)
    .await?;

    let Some((
        identity_id,
        user_id,
        workspace_id,
        role,
        locale,
        display_name,
        time_zone,
        started,
        last_identity,
        in_dialogue,
        active,
        button_tag,
        phone_region,
        terms_accepted,
        has_question,
    )) = row
    else {
        return create(tx, sender).await;
    };
    let (identity_id, user_id) = (IdentityId::new(identity_id), UserId::new(user_id));
    let last_identity = last_identity.map(IdentityId::new);
    let workspace_id = workspace_id.map(WorkspaceId::new);
    if active == 0 {
        // They blocked us once and now write again: deliver to them again.
        sqlx::query("UPDATE identities SET active = 1 WHERE id = $1")
            .bind(identity_id.get())
            .execute(&mut **tx)
            .await?;
    }
    if last_identity != Some(identity_id) {
        // Reminders go to the chat the user wrote from last; written only when it changes.
        set_last_identity(tx, user_id, identity_id).await?;
    }
    let locale = Locale::from_language_code(Some(&locale));
    let (workspace_id, role, phone_region) =
        match (workspace_id, role.as_deref().and_then(Role::parse)) {
            (Some(workspace_id), Some(role)) => (workspace_id, role, phone_region),
            // The current workspace is gone (deleted, or membership revoked): fall back to
            // another membership, or a fresh personal workspace.
            _ => {
                let (workspace_id, role) = fallback_workspace(tx, user_id, &display_name).await?;
                let region = crate::store::workspaces::region_of(tx, workspace_id).await?;
                (workspace_id, role, region)
            }
        };
    Ok(Actor {
        user_id,
        identity_id,
        workspace_id,
        role,
        locale,
        display_name,
        time_zone,
        started: started.is_some(),
        is_new: false,
        in_dialogue: in_dialogue != 0,
        button_tag,
        phone_region,
        terms_accepted: terms_accepted != 0,
        has_question: has_question != 0,
    })
}

async fn create(tx: &mut Tx, sender: &Sender<'_>) -> Result<Actor> {
    let now = tx.now_millis();
    let locale = Locale::from_language_code(sender.language);
    let display_name = sender.display_name.trim();
    let display_name = if display_name.is_empty() {
        sender.external_id
    } else {
        display_name
    };
    let user_id = UserId::new(sqlx::query_scalar(
        "INSERT INTO users (display_name, locale, created_at, audit_pseudonym) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(display_name)
    .bind(locale.code())
    .bind(now)
    .bind(crate::store::privacy::new_pseudonym())
    .fetch_one(&mut **tx)
    .await?);
    let identity_id = IdentityId::new(
        sqlx::query_scalar(
            "INSERT INTO identities (user_id, channel, external_id, chat_id, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(user_id.get())
        .bind(sender.channel)
        .bind(sender.external_id)
        .bind(sender.chat_id)
        .bind(now)
        .fetch_one(&mut **tx)
        .await?,
    );
    let workspace_id = create_personal_workspace(tx, user_id, display_name).await?;
    set_last_identity(tx, user_id, identity_id).await?;
    Ok(Actor {
        user_id,
        identity_id,
        workspace_id,
        role: Role::Owner,
        locale,
        display_name: display_name.to_string(),
        time_zone: "UTC".into(),
        started: false,
        is_new: true,
        in_dialogue: false,
        button_tag: None,
        phone_region: None,
        terms_accepted: false,
        has_question: false,
    })
}

async fn fallback_workspace(
    tx: &mut Tx,
    user_id: UserId,
    display_name: &str,
) -> Result<(WorkspaceId, Role)> {
    let other: Option<(i64, String)> = sqlx::query_as(
        "SELECT workspace_id, role FROM memberships WHERE user_id = $1 ORDER BY created_at LIMIT 1",
    )
    .bind(user_id.get())
    .fetch_optional(&mut **tx)
    .await?;
    let (workspace_id, role) = match other {
        Some((workspace_id, role)) => (
            WorkspaceId::new(workspace_id),
            Role::parse(&role).unwrap_or(Role::Member),
        ),
        None => (
            create_personal_workspace(tx, user_id, display_name).await?,
            Role::Owner,
        ),
    };
    sqlx::query("UPDATE users SET current_workspace_id = $1 WHERE id = $2")
        .bind(workspace_id.get())
        .bind(user_id.get())
        .execute(&mut **tx)
        .await?;
    Ok((workspace_id, role))
}

/// A personal workspace owned by `user_id`, made the user's current one.
pub(crate) async fn create_personal_workspace(
    tx: &mut Tx,
    user_id: UserId,
    name: &str,
) -> Result<WorkspaceId> {
    let now = tx.now_millis();
    let workspace_id = WorkspaceId::new(sqlx::query_scalar(
        "INSERT INTO workspaces (name, kind, created_at) VALUES ($1, 'personal', $2) RETURNING id",
    )
    .bind(name)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?);
    sqlx::query(
        "INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES ($1, $2, 'owner', $3)",
    )
    .bind(workspace_id.get())
    .bind(user_id.get())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE users SET current_workspace_id = $1 WHERE id = $2")
        .bind(workspace_id.get())
        .bind(user_id.get())
        .execute(&mut **tx)
        .await?;
    Ok(workspace_id)
}

/// Marks that the user ran `/start` (first time only).
pub async fn mark_started(tx: &mut Tx, user_id: UserId) -> Result<()> {
    sqlx::query("UPDATE users SET started_at = $1 WHERE id = $2 AND started_at IS NULL")
        .bind(tx.now_millis())
        .bind(user_id.get())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn set_last_identity(tx: &mut Tx, user_id: UserId, identity_id: IdentityId) -> Result<()> {
    sqlx::query("UPDATE users SET last_identity_id = $1 WHERE id = $2")
        .bind(identity_id.get())
        .bind(user_id.get())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Stores the user's IANA time zone name.
pub async fn set_time_zone(tx: &mut Tx, user_id: UserId, time_zone: &str) -> Result<()> {
    sqlx::query("UPDATE users SET time_zone = $1 WHERE id = $2")
        .bind(time_zone)
        .bind(user_id.get())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Stores the user's reply language.
pub async fn set_locale(tx: &mut Tx, user_id: UserId, locale: Locale) -> Result<()> {
    sqlx::query("UPDATE users SET locale = $1 WHERE id = $2")
        .bind(locale.code())
        .bind(user_id.get())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Stores the reply language of whoever owns the identity `external_id` on `channel`
/// (`chatcrm chat --lang es` for a console user who already exists); `false` when there is
/// no such identity yet (the first message creates the user in that language).
pub async fn set_identity_locale(
    tx: &mut Tx,
    channel: &str,
    external_id: &str,
    locale: Locale,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE users SET locale = $1
         WHERE id IN (SELECT user_id FROM identities WHERE channel = $2 AND external_id = $3)",
    )
    .bind(locale.code())
    .bind(channel)
    .bind(external_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Marks that a digest was sent on `local_date`; `false` when one already was (another
/// instance won), so a digest goes out at most once a day.
pub async fn claim_digest(tx: &mut Tx, user_id: UserId, local_date: &str) -> Result<bool> {
    let result = sqlx::query(
        "UPDATE users SET digest_sent_on = $1
         WHERE id = $2 AND (digest_sent_on IS NULL OR digest_sent_on <> $1)",
    )
    .bind(local_date)
    .bind(user_id.get())
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// A user's reply language and time zone (UTC when the stored zone is unknown).
pub async fn locale_and_zone(
    tx: &mut Tx,
    user_id: UserId,
) -> Result<Option<(Locale, chrono_tz::Tz)>> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT locale, time_zone FROM users WHERE id = $1")
            .bind(user_id.get())
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.map(|(locale, zone)| {
        (
            Locale::from_language_code(Some(&locale)),
            zone.parse().unwrap_or(chrono_tz::Tz::UTC),
        )
    }))
}

/// The actor behind channel identity `identity_id` acting in `workspace_id` (the AI worker
/// answers a request in the workspace it was sent from); `None` when the identity is gone
/// or the user is no longer a member there. Reads only: nothing is created or switched.
pub async fn actor_in(
    tx: &mut Tx,
    identity_id: IdentityId,
    workspace_id: WorkspaceId,
) -> Result<Option<Actor>> {
    type Row = (
        i64,
        String,
        String,
        String,
        String,
        Option<i64>,
        Option<String>,
        Option<String>,
    );
    let row: Option<Row> = sqlx::query_as(
        "SELECT u.id, m.role, u.locale, u.display_name, u.time_zone, u.started_at, u.button_tag,
                w.phone_region
         FROM identities i
         JOIN users u ON u.id = i.user_id
         JOIN memberships m ON m.user_id = u.id AND m.workspace_id = $2
         JOIN workspaces w ON w.id = m.workspace_id
         WHERE i.id = $1",
    )
    .bind(identity_id.get())
    .bind(workspace_id.get())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.and_then(
        |(user_id, role, locale, display_name, time_zone, started, button_tag, phone_region)| {
            Some(Actor {
                user_id: UserId::new(user_id),
                identity_id,
                workspace_id,
                role: Role::parse(&role)?,
                locale: Locale::from_language_code(Some(&locale)),
                display_name,
                time_zone,
                started: started.is_some(),
                is_new: false,
                in_dialogue: false,
                button_tag,
                phone_region,
                terms_accepted: true,
                has_question: false,
            })
        },
    ))
}
