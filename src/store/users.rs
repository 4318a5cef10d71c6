//! Users, their channel identities and their workspaces: resolving who sent an update,
//! creating the user and a personal workspace on first contact.

use super::statement::{self, args};
use super::{Tx, workspaces};
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
    let values = args![sender.channel, sender.external_id];
    let row: Option<ActorRow> = statement::optional(tx, ACTOR_BY_SENDER, values).await?;
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
        statement::run(tx, REACTIVATE, args![identity_id.get()]).await?;
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
                let region = workspaces::region_of(tx, workspace_id).await?;
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

const ACTOR_BY_SENDER: &str = "SELECT i.id, i.user_id, u.current_workspace_id, m.role, u.locale,
        u.display_name, u.time_zone, u.started_at, u.last_identity_id,
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
     WHERE i.channel = $1 AND i.external_id = $2";

const REACTIVATE: &str = "UPDATE identities SET active = 1 WHERE id = $1";

async fn create(tx: &mut Tx, sender: &Sender<'_>) -> Result<Actor> {
    let now = tx.now_millis();
    let locale = Locale::from_language_code(sender.language);
    let display_name = sender.display_name.trim();
    let display_name = if display_name.is_empty() {
        sender.external_id
    } else {
        display_name
    };
    let pseudonym = super::privacy::new_pseudonym();
    let values = args![display_name, locale.code(), now, pseudonym];
    let user_id = UserId::new(statement::value(tx, INSERT_USER, values).await?);
    let (channel, external_id, chat_id) = (sender.channel, sender.external_id, sender.chat_id);
    let values = args![user_id.get(), channel, external_id, chat_id, now];
    let identity_id = IdentityId::new(statement::value(tx, INSERT_IDENTITY, values).await?);
    let workspace_id = workspaces::create_personal(tx, user_id, display_name).await?;
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

const INSERT_USER: &str = "INSERT INTO users (display_name, locale, created_at, audit_pseudonym)
     VALUES ($1, $2, $3, $4) RETURNING id";

const INSERT_IDENTITY: &str =
    "INSERT INTO identities (user_id, channel, external_id, chat_id, created_at)
     VALUES ($1, $2, $3, $4, $5) RETURNING id";

async fn fallback_workspace(
    tx: &mut Tx,
    user_id: UserId,
    display_name: &str,
) -> Result<(WorkspaceId, Role)> {
    let other: Option<(i64, String)> =
        statement::optional(tx, FIRST_MEMBERSHIP, args![user_id.get()]).await?;
    match other {
        Some((workspace_id, role)) => {
            let workspace_id = WorkspaceId::new(workspace_id);
            workspaces::switch(tx, user_id, workspace_id).await?;
            Ok((workspace_id, workspaces::stored_role(&role)))
        }
        None => {
            let workspace_id = workspaces::create_personal(tx, user_id, display_name).await?;
            Ok((workspace_id, Role::Owner))
        }
    }
}

const FIRST_MEMBERSHIP: &str =
    "SELECT workspace_id, role FROM memberships WHERE user_id = $1 ORDER BY created_at LIMIT 1";

/// Marks that the user ran `/start` (first time only).
pub async fn mark_started(tx: &mut Tx, user_id: UserId) -> Result<()> {
    let now = tx.now_millis();
    statement::run(tx, MARK_STARTED, args![now, user_id.get()]).await?;
    Ok(())
}

const MARK_STARTED: &str = "UPDATE users SET started_at = $1 WHERE id = $2 AND started_at IS NULL";

/// Makes `identity_id` the chat the user is reached at (the one they wrote from last).
pub(super) async fn set_last_identity(
    tx: &mut Tx,
    user_id: UserId,
    identity_id: IdentityId,
) -> Result<()> {
    let values = args![identity_id.get(), user_id.get()];
    statement::run(tx, SET_LAST_IDENTITY, values).await?;
    Ok(())
}

const SET_LAST_IDENTITY: &str = "UPDATE users SET last_identity_id = $1 WHERE id = $2";

/// Stores the user's IANA time zone name.
pub async fn set_time_zone(tx: &mut Tx, user_id: UserId, time_zone: &str) -> Result<()> {
    statement::run(tx, SET_TIME_ZONE, args![time_zone, user_id.get()]).await?;
    Ok(())
}

const SET_TIME_ZONE: &str = "UPDATE users SET time_zone = $1 WHERE id = $2";

/// Stores the user's reply language.
pub async fn set_locale(tx: &mut Tx, user_id: UserId, locale: Locale) -> Result<()> {
    statement::run(tx, SET_LOCALE, args![locale.code(), user_id.get()]).await?;
    Ok(())
}

const SET_LOCALE: &str = "UPDATE users SET locale = $1 WHERE id = $2";

/// Stores the reply language of whoever owns the identity `external_id` on `channel`
/// (`chatcrm chat --lang es` for a console user who already exists); `false` when there is
/// no such identity yet (the first message creates the user in that language).
pub async fn set_identity_locale(
    tx: &mut Tx,
    channel: &str,
    external_id: &str,
    locale: Locale,
) -> Result<bool> {
    let values = args![locale.code(), channel, external_id];
    Ok(statement::run(tx, SET_IDENTITY_LOCALE, values).await? > 0)
}

const SET_IDENTITY_LOCALE: &str = "UPDATE users SET locale = $1
     WHERE id IN (SELECT user_id FROM identities WHERE channel = $2 AND external_id = $3)";

/// Marks that a digest was sent on `local_date`; `false` when one already was (another
/// instance won), so a digest goes out at most once a day.
pub async fn claim_digest(tx: &mut Tx, user_id: UserId, local_date: &str) -> Result<bool> {
    Ok(statement::run(tx, CLAIM_DIGEST, args![local_date, user_id.get()]).await? == 1)
}

const CLAIM_DIGEST: &str = "UPDATE users SET digest_sent_on = $1
     WHERE id = $2 AND (digest_sent_on IS NULL OR digest_sent_on <> $1)";

/// A user's reply language and time zone (UTC when the stored zone is unknown).
pub async fn locale_and_zone(
    tx: &mut Tx,
    user_id: UserId,
) -> Result<Option<(Locale, chrono_tz::Tz)>> {
    let row: Option<(String, String)> =
        statement::optional(tx, LOCALE_AND_ZONE, args![user_id.get()]).await?;
    Ok(row.map(|(locale, zone)| {
        (
            Locale::from_language_code(Some(&locale)),
            zone.parse().unwrap_or(chrono_tz::Tz::UTC),
        )
    }))
}

const LOCALE_AND_ZONE: &str = "SELECT locale, time_zone FROM users WHERE id = $1";

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
    let values = args![identity_id.get(), workspace_id.get()];
    let row: Option<Row> = statement::optional(tx, ACTOR_IN, values).await?;
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

const ACTOR_IN: &str = "SELECT u.id, m.role, u.locale, u.display_name, u.time_zone, u.started_at,
        u.button_tag, w.phone_region
     FROM identities i
     JOIN users u ON u.id = i.user_id
     JOIN memberships m ON m.user_id = u.id AND m.workspace_id = $2
     JOIN workspaces w ON w.id = m.workspace_id
     WHERE i.id = $1";
