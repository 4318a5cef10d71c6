//! Task reminders when a task falls due, and once a day at the user's 09:00 a digest of
//! today's and overdue tasks. Each claim and its outbox row are one transaction, so a
//! restart neither sends twice nor skips: missed reminders go out at the next run.

use chrono::{DateTime, Days, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

use crate::crm::Task;
use crate::crm::when::format_local;
use crate::i18n::Locale;
use crate::message::{Choice, Reply};
use crate::router::Button;
use crate::router::owner;
use crate::store::{self, Store, button_tags, outbox, tasks, users};
use crate::tr;

/// Tasks claimed per transaction.
const BATCH: i64 = 100;
/// The local hour of the daily digest.
const DIGEST_HOUR: u32 = 9;
/// The local hour after which a digest missed (downtime) is no longer sent that day.
const DIGEST_LAST_HOUR: u32 = 12;

/// Queues a reminder for every open task due by `now` that has none yet.
pub async fn send_due_reminders(store: &Store, now: DateTime<Utc>) -> store::Result<usize> {
    let mut sent = 0;
    loop {
        let mut tx = store.begin().await?;
        let due =
            tasks::claim_due_reminders(&mut tx, store.backend(), now.timestamp_millis(), BATCH)
                .await?;
        let claimed = due.len();
        for task in &due {
            let Some(assignee) = task.assignee_user_id else {
                continue;
            };
            let Some((locale, tz)) = users::locale_and_zone(&mut tx, assignee).await? else {
                continue;
            };
            let mut reply = [reminder(task, locale, tz, now)];
            // The Done button is the assignee's, like every button the engine sends.
            let tag = button_tags::tag_of(&mut tx, assignee, None).await?;
            owner::stamp_replies(&mut reply, &tag);
            if outbox::enqueue_for_user(&mut tx, assignee, &reply[0]).await? {
                sent += 1;
            }
        }
        tx.commit().await?;
        if claimed < BATCH as usize {
            return Ok(sent);
        }
    }
}

fn reminder(task: &Task, locale: Locale, tz: Tz, now: DateTime<Utc>) -> Reply {
    let due = task
        .due_at
        .and_then(DateTime::from_timestamp_millis)
        .map(|at| format_local(at, tz, now, locale.code()))
        .unwrap_or_default();
    let text = tr!(
        locale,
        "reminder",
        handle = task.handle().to_string(),
        body = task.body.clone(),
        due = due
    );
    let done = Choice::new(
        locale.text("choice-done"),
        Button::DoneTask { task_id: task.id }.encode(),
    );
    Reply::text(text).with_choices(vec![done])
}

/// Queues the daily digest for every user whose local time is between 09:00 and noon, who
/// has open tasks due today or overdue, and who has not had today's digest. The window lets
/// a digest missed during a restart still go out, but not in the evening.
pub async fn send_digests(store: &Store, now: DateTime<Utc>) -> store::Result<usize> {
    let mut tx = store.begin().await?;
    // Any local "end of today" is less than 24 hours ahead.
    let horizon = (now + chrono::Duration::hours(24)).timestamp_millis();
    let candidates = tasks::digest_candidates(&mut tx, horizon).await?;
    let mut sent = 0;
    for (user_id, zone, locale, last_sent) in candidates {
        let tz: Tz = zone.parse().unwrap_or(Tz::UTC);
        let local = now.with_timezone(&tz);
        let today = local.date_naive().to_string();
        let hour = local.hour();
        if !(DIGEST_HOUR..DIGEST_LAST_HOUR).contains(&hour)
            || last_sent.as_deref() == Some(today.as_str())
        {
            continue;
        }
        let end_of_today = local
            .date_naive()
            .checked_add_days(Days::new(1))
            .and_then(|d| {
                tz.from_local_datetime(&d.and_time(NaiveTime::MIN))
                    .earliest()
            })
            .map_or(horizon, |at| at.timestamp_millis());
        let due = tasks::open_due_before(&mut tx, user_id, end_of_today).await?;
        if due.is_empty() || !users::claim_digest(&mut tx, user_id, &today).await? {
            continue;
        }
        let locale = Locale::from_language_code(Some(&locale));
        let mut text = tr!(locale, "digest-header", count = due.len());
        for task in &due {
            let when = task
                .due_at
                .and_then(DateTime::from_timestamp_millis)
                .map(|at| format_local(at, tz, now, locale.code()))
                .unwrap_or_default();
            text.push_str(&format!("\n☐ {} · {} · {when}", task.handle(), task.body));
        }
        if outbox::enqueue_for_user(&mut tx, user_id, &Reply::text(text)).await? {
            sent += 1;
        }
    }
    tx.commit().await?;
    Ok(sent)
}
