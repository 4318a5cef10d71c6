//! Google Calendar (issue 14 item 4) on both backends, against the fake Google: the first
//! sync fills the cache over a bounded window (paged), later syncs apply changes from the
//! sync token (added and cancelled events), a dead token (410) wipes and resyncs in full;
//! /calendar lists in the user's zone and says when it synced; /meet records a request,
//! the worker creates the event (the handle in its private extended property) and the
//! record's timeline shows it; bad input records nothing; a Gmail-only grant has no
//! Calendar; an access token Google refuses before its expiry is refreshed and the run goes
//! on; sync makes no model call; disconnect and account erasure leave no event bytes.

use crate::common;

use chatcrm::google::oauth::GMAIL_SCOPE;
use chatcrm::google::worker::Ran;
use chatcrm::store::google_connections;
use common::fake_llm::FakeLlm;
use common::google::{GoogleSetup, where_found};
use common::{Chat, TestDb, count};

both_backends!(
    first_sync_fills_the_cache_and_calendar_lists_in_the_users_zone,
    incremental_sync_applies_added_and_cancelled_events,
    a_refused_access_token_is_refreshed_in_the_same_run,
    a_dead_sync_token_wipes_the_cache_and_syncs_in_full,
    meet_creates_the_event_at_google_and_on_the_timeline,
    a_meet_during_a_running_sync_is_created_right_after_it,
    meet_refuses_bad_input_and_records_nothing,
    gmail_only_grant_has_no_calendar,
    disconnect_and_erasure_leave_no_event_bytes,
    all_day_events_fall_on_their_date_in_every_zone,
    reconnect_needed_shows_the_cache_with_a_note_and_meet_waits
);

/// Ada in Berlin, connected; the fake's calendar holds `events` before the first sync.
/// The clock is Friday 27 Nov 2026, 10:00 UTC (11:00 in Berlin).
async fn connected(db: &TestDb, events: &[(&str, &str, &str, &str)]) -> (GoogleSetup, Chat) {
    let setup = GoogleSetup::start(db).await;
    let mut ada = Chat::new(&setup.engine, "ada");
    ada.send("/start").await;
    ada.send("/timezone Europe/Berlin").await;
    for (id, summary, start, end) in events {
        setup.fake.calendar.add(id, summary, start, end);
    }
    setup.connect(&mut ada).await;
    (setup, ada)
}

const DEMO: (&str, &str, &str, &str) = (
    "demo1",
    "Demo with Acme",
    "2026-11-27T15:00:00+01:00",
    "2026-11-27T15:30:00+01:00",
);
/// Today in UTC, tomorrow in Berlin.
const LATE: (&str, &str, &str, &str) = (
    "late1",
    "Late call",
    "2026-11-27T23:30:00Z",
    "2026-11-28T00:15:00Z",
);
const NEXT_WEEK: (&str, &str, &str, &str) = (
    "week1",
    "Board review",
    "2026-12-02T09:00:00+01:00",
    "2026-12-02T10:00:00+01:00",
);
/// Beyond the 90 days of the first sync's window.
const FAR: (&str, &str, &str, &str) = (
    "far1",
    "Next summer",
    "2027-07-01T09:00:00+02:00",
    "2027-07-01T10:00:00+02:00",
);

async fn cached_ids(setup: &GoogleSetup) -> Vec<String> {
    sqlx::query_scalar("SELECT event_id FROM google_events ORDER BY event_id")
        .fetch_all(setup.engine.store().pool())
        .await
        .unwrap()
}

async fn first_sync_fills_the_cache_and_calendar_lists_in_the_users_zone(db: TestDb) {
    let llm = FakeLlm::start().await;
    let (setup, mut ada) = connected(&db, &[DEMO, LATE, NEXT_WEEK, FAR]).await;
    assert_eq!(
        ada.send("/calendar").await,
        "Your calendar has not been synced yet; the first sync runs right after connecting. \
         Try again in a minute."
    );
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    // The window (30 days back, 90 ahead) read in two pages; the far event is outside.
    assert_eq!(cached_ids(&setup).await, ["demo1", "late1", "week1"]);
    let queries = setup.fake.calendar.queries();
    assert_eq!(queries.len(), 2, "{queries:?}");
    assert_eq!(queries[0]["timeMin"], "2026-10-28T10:00:00+00:00");
    assert_eq!(queries[0]["timeMax"], "2027-02-25T10:00:00+00:00");
    assert_eq!(queries[0]["singleEvents"], "true");
    assert_eq!(queries[0]["orderBy"], "startTime");
    assert_eq!(queries[1]["pageToken"], "page-2");
    let token: String = sqlx::query_scalar("SELECT sync_token FROM google_calendar_state")
        .fetch_one(setup.engine.store().pool())
        .await
        .unwrap();
    assert_eq!(token, "sync-4");

    setup.clock.advance(chrono::Duration::minutes(2));
    assert_eq!(
        ada.send("/calendar").await,
        "Today: 1 event (synced today at 11:00)\n15:00–15:30 · Demo with Acme"
    );
    assert_eq!(
        ada.send("/calendar tomorrow").await,
        "Tomorrow: 1 event (synced today at 11:00)\n00:30–01:15 · Late call"
    );
    assert_eq!(
        ada.send("/calendar week").await,
        "The next 7 days: 3 events (synced today at 11:00)\n\
         27.11 15:00–15:30 · Demo with Acme\n\
         28.11 00:30–01:15 · Late call\n\
         02.12 09:00–10:00 · Board review"
    );
    assert_eq!(
        ada.send("/calendar someday").await,
        "Usage: /calendar [today|tomorrow|week] (today when nothing is given)"
    );
    // Syncing never called the model.
    common::ai::no_model_call(&setup.engine, &llm).await;
}

async fn incremental_sync_applies_added_and_cancelled_events(db: TestDb) {
    let llm = FakeLlm::start().await;
    let (setup, mut ada) = connected(&db, &[DEMO, NEXT_WEEK]).await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    setup.fake.calendar.cancel("demo1");
    setup.fake.calendar.add(
        "added1",
        "Coffee with Bob",
        "2026-11-27T17:00:00+01:00",
        "2026-11-27T17:30:00+01:00",
    );
    // Not due yet: nothing is asked of Google.
    assert_eq!(setup.worker.tick().await.unwrap(), []);
    setup.clock.advance(chrono::Duration::minutes(6));
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    let queries = setup.fake.calendar.queries();
    let last = queries.last().unwrap();
    assert_eq!(last.get("syncToken").map(String::as_str), Some("sync-2"));
    assert!(!last.contains_key("timeMin"));
    assert_eq!(cached_ids(&setup).await, ["added1", "week1"]);
    assert_eq!(
        ada.send("/calendar").await,
        "Today: 1 event (synced today at 11:06)\n17:00–17:30 · Coffee with Bob"
    );
    common::ai::no_model_call(&setup.engine, &llm).await;
}

async fn a_dead_sync_token_wipes_the_cache_and_syncs_in_full(db: TestDb) {
    let (setup, _ada) = connected(&db, &[DEMO, NEXT_WEEK]).await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    // A row Google no longer has (its deletion fell out of the token's history).
    let user_id: i64 = sqlx::query_scalar("SELECT user_id FROM google_connections")
        .fetch_one(setup.engine.store().pool())
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO google_events (user_id, event_id, summary, starts_at, ends_at, all_day,
             status, updated_at) VALUES ($1, 'stale1', 'Gone long ago', 0, 1, 0, 'confirmed', 0)",
    )
    .bind(user_id)
    .execute(setup.engine.store().pool())
    .await
    .unwrap();
    setup.fake.calendar.expire_sync_tokens();
    setup.clock.advance(chrono::Duration::minutes(6));
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    let queries = setup.fake.calendar.queries();
    // The first sync's page, the 410 on the token, then the full window again.
    assert_eq!(queries.len(), 3, "{queries:?}");
    assert_eq!(queries[1]["syncToken"], "sync-2");
    assert!(queries[2].contains_key("timeMin") && !queries[2].contains_key("syncToken"));
    assert_eq!(cached_ids(&setup).await, ["demo1", "week1"]);
    let (connections_ok, token): (i64, String) = (
        count(
            setup.engine.store(),
            "SELECT COUNT(*) FROM google_connections WHERE last_error IS NULL",
        )
        .await,
        sqlx::query_scalar("SELECT sync_token FROM google_calendar_state")
            .fetch_one(setup.engine.store().pool())
            .await
            .unwrap(),
    );
    // A token of the new listing (the old ones stay dead).
    assert_eq!((connections_ok, token.as_str()), (1, "sync-2-e1"));
}

async fn meet_creates_the_event_at_google_and_on_the_timeline(db: TestDb) {
    let llm = FakeLlm::start().await;
    let (setup, mut ada) = connected(&db, &[]).await;
    let store = setup.engine.store().clone();
    ada.send("/new_contact Anna Petrova, anna@example.com")
        .await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    // Friday today, so "friday" is next week's.
    assert_eq!(
        ada.send("/meet C1 friday 15:00 45m").await,
        "Adding “Meeting with Anna Petrova” (Fri 4 Dec 15:00, 45 minutes) to your Google \
         Calendar, linked to C1. I will tell you when it is there."
    );
    // Recorded, not sent from inside the update.
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_meet_requests").await,
        1
    );
    assert!(setup.fake.calendar.inserted().is_empty());
    // The connection is due at once (its next sync was 5 minutes away).
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    let inserted = setup.fake.calendar.inserted();
    assert_eq!(inserted.len(), 1);
    let body = &inserted[0];
    assert_eq!(
        body["extendedProperties"]["private"]["chatcrm_record"],
        "C1"
    );
    assert_eq!(body["summary"], "Meeting with Anna Petrova");
    assert_eq!(body["start"]["dateTime"], "2026-12-04T15:00:00+01:00");
    assert_eq!(body["start"]["timeZone"], "Europe/Berlin");
    assert_eq!(body["end"]["dateTime"], "2026-12-04T15:45:00+01:00");
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_meet_requests").await,
        0
    );
    let linked: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT summary, record_handle FROM google_events")
            .fetch_all(store.pool())
            .await
            .unwrap();
    assert_eq!(
        linked,
        [(
            "Meeting with Anna Petrova".to_string(),
            Some("C1".to_string())
        )]
    );
    let told = setup.outbox_texts().await;
    assert_eq!(
        told.last().unwrap(),
        "“Meeting with Anna Petrova” (Fri 4 Dec 15:00) is on your Google Calendar, linked to C1."
    );
    let timeline = ada.send("/timeline C1").await;
    assert!(
        timeline.contains(
            "ada: Meeting “Meeting with Anna Petrova” Fri 4 Dec 15:00 on Google Calendar"
        ),
        "{timeline}"
    );
    // A title of one's own, and the week shows it with its link.
    ada.send("/meet C1 tomorrow 9:30 Pricing call").await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    assert_eq!(setup.fake.calendar.inserted()[1]["summary"], "Pricing call");
    let week = ada.send("/calendar week").await;
    assert!(
        week.contains("28.11 09:30–10:00 · Pricing call (C1)"),
        "{week}"
    );
    // The next 7 days end before next Friday's meeting.
    assert!(!week.contains("Meeting with Anna Petrova"), "{week}");
    // The timeline tells the two meetings apart by their titles.
    let timeline = ada.send("/timeline C1").await;
    assert!(
        timeline.contains("ada: Meeting “Pricing call” tomorrow at 09:30 on Google Calendar"),
        "{timeline}"
    );
    common::ai::no_model_call(&setup.engine, &llm).await;
}

async fn meet_refuses_bad_input_and_records_nothing(db: TestDb) {
    let (setup, mut ada) = connected(&db, &[]).await;
    let store = setup.engine.store().clone();
    ada.send("/new_contact Anna Petrova, anna@example.com")
        .await;
    assert_eq!(
        ada.send("/meet C9 friday 15:00").await,
        "There is no C9 in this workspace."
    );
    assert_eq!(
        ada.send("/meet C1 someday at noon").await,
        "I could not read “someday” as a day and time. Try: /meet C1 friday 15:00"
    );
    assert_eq!(
        ada.send("/meet C1 friday").await,
        "Give a time for the meeting too, e.g. /meet C1 friday 15:00"
    );
    assert_eq!(
        ada.send("/meet C1 yesterday 15:00").await,
        "That time has already passed. Pick a moment ahead."
    );
    assert_eq!(
        ada.send("/meet C1 friday 15:00 20h").await,
        "A meeting lasts from 1 minute to 12 hours (e.g. 45m, 1h, 1h30m)."
    );
    // Only the first word is quoted, and only the handles /meet takes are named.
    assert_eq!(
        ada.send("/meet friday 15:00").await,
        "“friday” is not a contact, company or deal handle such as C1, O1 or D1."
    );
    assert_eq!(
        ada.send("/meet X1 friday 15:00 Pricing").await,
        "“X1” is not a contact, company or deal handle such as C1, O1 or D1."
    );
    assert_eq!(
        ada.send("/meet T1 friday 15:00").await,
        "“T1” is not a contact, company or deal handle such as C1, O1 or D1."
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_meet_requests").await,
        0
    );
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    assert!(setup.fake.calendar.inserted().is_empty());
}

async fn gmail_only_grant_has_no_calendar(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let mut ada = Chat::new(&setup.engine, "ada");
    ada.send("/start").await;
    let not_connected = "Your Google Calendar is not connected. Connect it with /connect_google.";
    assert_eq!(ada.send("/calendar").await, not_connected);
    ada.send("/new_contact Anna Petrova, anna@example.com")
        .await;
    assert_eq!(ada.send("/meet C1 friday 15:00").await, not_connected);
    setup.fake.grant_only(&["openid", "email", GMAIL_SCOPE]);
    setup.connect(&mut ada).await;
    let refused = "Google is connected without Calendar access, so I cannot see or add events. \
                   Connect again with /connect_google and allow Calendar.";
    assert_eq!(ada.send("/calendar").await, refused);
    assert_eq!(ada.send("/meet C1 friday 15:00").await, refused);
    setup.worker.tick().await.unwrap();
    assert!(setup.fake.calendar.queries().is_empty());
    assert_eq!(
        count(
            setup.engine.store(),
            "SELECT COUNT(*) FROM google_meet_requests"
        )
        .await,
        0
    );
}

const MARKER: &str = "Qzx7Cal";

async fn disconnect_and_erasure_leave_no_event_bytes(db: TestDb) {
    let marked = (
        "mark1",
        "Qzx7Cal board meeting",
        "2026-11-27T15:00:00+01:00",
        "2026-11-27T16:00:00+01:00",
    );
    let (setup, mut ada) = connected(&db, &[marked]).await;
    let store = setup.engine.store().clone();
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    assert_eq!(cached_ids(&setup).await, ["mark1"]);
    ada.send("/disconnect_google").await;
    ada.press("Disconnect Google").await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Disconnected]);
    for sql in [
        "SELECT COUNT(*) FROM google_events",
        "SELECT COUNT(*) FROM google_calendar_state",
    ] {
        assert_eq!(count(&store, sql).await, 0, "{sql}");
    }

    // Connected again: a clean first sync, no duplicates; then a pending /meet and the
    // cache go with the account.
    setup.connect(&mut ada).await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    assert_eq!(cached_ids(&setup).await, ["mark1"]);
    let created = ada
        .send("/new_contact Anna Petrova, anna@example.com")
        .await;
    assert!(created.contains("C1"), "{created}");
    let asked = ada.send("/meet C1 friday 15:00 Qzx7Cal pricing").await;
    assert!(asked.starts_with("Adding “Qzx7Cal pricing”"), "{asked}");
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_meet_requests").await,
        1
    );
    ada.send("/delete_account").await;
    ada.press("Delete my account").await;
    for sql in [
        "SELECT COUNT(*) FROM google_events",
        "SELECT COUNT(*) FROM google_calendar_state",
        "SELECT COUNT(*) FROM google_meet_requests",
    ] {
        assert_eq!(count(&store, sql).await, 0, "{sql}");
    }
    assert_eq!(
        where_found(&db, &setup.engine, &[MARKER]).await,
        Vec::<String>::new()
    );
}

/// Google ends the session before the access token's expiry (401 on every call with it):
/// the worker refreshes the token and the same run syncs, with no failure recorded.
async fn a_refused_access_token_is_refreshed_in_the_same_run(db: TestDb) {
    let (setup, mut ada) = connected(&db, &[DEMO]).await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    let (before, _, _, _) = setup.tokens().await;
    setup.fake.expire_access_tokens();
    setup.fake.calendar.add(
        "new1",
        "Follow-up call",
        "2026-11-27T16:00:00+01:00",
        "2026-11-27T16:30:00+01:00",
    );
    setup.clock.advance(chrono::Duration::minutes(6));
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    let (after, _, _, _) = setup.tokens().await;
    assert_ne!(before, after, "a new access token was stored");
    assert!(ada.send("/calendar").await.contains("Follow-up call"));
    let status = ada.send("/google").await;
    assert!(status.contains("Last error: none"), "{status}");
}

/// Walk-through defect: all-day events were midnights of the calendar's zone (Berlin), so a
/// user in UTC or New York saw tomorrow's holiday under "Today" and the week labelled it a
/// day early. They are dates: each user's today, tomorrow and week hold them on their date.
async fn all_day_events_fall_on_their_date_in_every_zone(db: TestDb) {
    let (setup, mut ada) = connected(&db, &[DEMO]).await;
    setup
        .fake
        .calendar
        .add_all_day("hol1", "Company holiday", "2026-11-28", "2026-11-29");
    setup
        .fake
        .calendar
        .add_all_day("trip1", "Trip", "2026-11-30", "2026-12-02");
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    // 10:00 UTC on Friday 27 November: still the 27th in New York (05:00) and Berlin.
    for zone in ["UTC", "Europe/Berlin", "America/New_York"] {
        ada.send(&format!("/timezone {zone}")).await;
        let today = ada.send("/calendar").await;
        assert!(today.starts_with("Today: 1 event"), "{zone}: {today}");
        assert!(today.contains("Demo with Acme"), "{zone}: {today}");
        let tomorrow = ada.send("/calendar tomorrow").await;
        assert!(
            tomorrow.starts_with("Tomorrow: 1 event")
                && tomorrow.ends_with("\nall day · Company holiday"),
            "{zone}: {tomorrow}"
        );
        let week = ada.send("/calendar week").await;
        assert!(
            week.starts_with("The next 7 days: 3 events"),
            "{zone}: {week}"
        );
        assert!(
            week.contains("\n28.11 all day · Company holiday\n30.11 all day · Trip"),
            "{zone}: {week}"
        );
    }
    // The trip's second day, 1 December, is the last day it holds.
    setup.clock.advance(chrono::Duration::days(4));
    ada.send("/timezone America/New_York").await;
    assert!(ada.send("/calendar").await.ends_with("\nall day · Trip"));
    let after = ada.send("/calendar tomorrow").await;
    assert!(!after.contains("Trip"), "{after}");
}

/// Walk-through defect: while the connection needs reconnecting, /calendar showed the
/// cache as if it were current and /meet said the calendar "is not synced". /calendar
/// shows the cache with a line saying sync has stopped; /meet says it cannot add the
/// meeting until the user connects again, and records nothing.
async fn reconnect_needed_shows_the_cache_with_a_note_and_meet_waits(db: TestDb) {
    let (setup, mut ada) = connected(&db, &[DEMO]).await;
    ada.send("/new_contact Anna Petrova, anna@example.com")
        .await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    let (_, refresh, _, _) = setup.tokens().await;
    setup.fake.revoke_outside(&refresh);
    setup.clock.advance(chrono::Duration::hours(2));
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::ReconnectNeeded]);

    assert_eq!(
        ada.send("/calendar").await,
        "Today: 1 event (synced today at 11:00)\n15:00–15:30 · Demo with Acme\n\n\
         Sync has stopped: Google no longer accepts ChatCRM's access, so this may be out of \
         date. Connect again with /connect_google."
    );
    assert_eq!(
        ada.send("/meet C1 tomorrow 15:00").await,
        "I cannot add the meeting until you connect Google again: it no longer accepts \
         ChatCRM's access. Connect again with /connect_google."
    );
    assert_eq!(
        count(
            setup.engine.store(),
            "SELECT COUNT(*) FROM google_meet_requests"
        )
        .await,
        0
    );
}

/// A /meet that arrives while the worker is syncing that connection does not wait for the
/// next scheduled run (5 minutes): the run's end leaves the connection due at once.
async fn a_meet_during_a_running_sync_is_created_right_after_it(db: TestDb) {
    let (setup, mut ada) = connected(&db, &[]).await;
    let store = setup.engine.store().clone();
    ada.send("/new_contact Anna Petrova, anna@example.com")
        .await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    setup.clock.advance(chrono::Duration::minutes(6));
    // The worker leases the connection for a run; the /meet arrives meanwhile.
    let now = store.now_millis();
    let leased = google_connections::lease_due(&store, now, now + 300_000, 10)
        .await
        .unwrap();
    assert_eq!(leased.len(), 1);
    ada.send("/meet C1 friday 15:00").await;
    // The run ends as the worker records a success.
    let mut tx = store.begin().await.unwrap();
    google_connections::record_success(&mut tx, leased[0].id, now + 300_000)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // The next look (seconds later) runs it and creates the meeting.
    setup.clock.advance(chrono::Duration::seconds(5));
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    assert_eq!(setup.fake.calendar.inserted().len(), 1);
}
