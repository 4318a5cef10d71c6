//! Losing and ending a Google connection (issue 14) on both backends, against the fake
//! Google: a refresh refused with `invalid_grant` → "reconnect needed", sync stops, the
//! user is told once, and a reconnect works; /disconnect_google (typed "yes" answers the
//! confirmation) → the fake received the revoke, nothing of the tokens is left in the
//! database files or columns, and a reconnect starts clean; a failed revoke still purges
//! and tells the user to remove the access at Google, and one Google did not answer is
//! retried from the revocation queue until it reaches Google; /delete_account revokes too and
//! leaves no token bytes; /export holds the connection's metadata, never a token.

use crate::common;

use chatcrm::google::worker::Ran;
use chatcrm::message::Channel;
use common::google::{GoogleSetup, where_found};
use common::{Chat, TestDb, count};

both_backends!(
    invalid_grant_stops_sync_and_tells_the_user_once,
    disconnect_revokes_and_leaves_no_token_bytes,
    a_failed_revoke_still_purges_and_tells_the_user,
    delete_account_revokes_and_leaves_no_token_bytes,
    the_export_has_the_connection_but_no_token
);

async fn invalid_grant_stops_sync_and_tells_the_user_once(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let store = setup.engine.store().clone();
    let mut ada = Chat::new(&setup.engine, "ada");
    ada.send("/start").await;
    setup.connect(&mut ada).await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    let (_, refresh, _, _) = setup.tokens().await;

    // The user revokes the access in their Google account; the access token expires.
    setup.fake.revoke_outside(&refresh);
    setup.clock.advance(chrono::Duration::hours(2));
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::ReconnectNeeded]);
    let reconnect = "Google no longer accepts ChatCRM's access (it was revoked or expired), so \
                     syncing has stopped. Connect again with /connect_google.";
    let told = |texts: Vec<String>| texts.iter().filter(|t| *t == reconnect).count();
    assert_eq!(told(setup.outbox_texts().await), 1);
    // Sync has stopped: later looks take nothing and say nothing more.
    setup.clock.advance(chrono::Duration::hours(2));
    assert_eq!(setup.worker.tick().await.unwrap(), []);
    assert_eq!(told(setup.outbox_texts().await), 1);
    let status = ada.send("/google").await;
    assert!(
        status.contains("Status: reconnect needed (connect again with /connect_google)"),
        "{status}"
    );
    assert!(
        status.contains(
            "Last error: Google no longer accepts the access — connect again: /connect_google"
        ),
        "{status}"
    );
    assert_eq!(setup.audited("google.reconnect_needed").await, 1);

    // Connecting again replaces the dead connection: one, active, syncing.
    setup.connect(&mut ada).await;
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_connections").await,
        1
    );
    let status = ada.send("/google").await;
    assert!(status.contains("Status: active"), "{status}");
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
}

async fn disconnect_revokes_and_leaves_no_token_bytes(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let store = setup.engine.store().clone();
    let mut ada = Chat::new(&setup.engine, "ada");
    ada.send("/start").await;
    setup.connect(&mut ada).await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    let first_id: i64 = sqlx::query_scalar("SELECT id FROM google_connections")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let (access, refresh, sealed_access, sealed_refresh) = setup.tokens().await;

    let asked = ada.send("/disconnect_google").await;
    assert!(
        asked.starts_with("Disconnect Google (anna.petrova@example.com)?"),
        "{asked}"
    );
    assert_eq!(ada.labels(), ["Disconnect Google", "Cancel"]);
    // A typed "yes" answers the confirmation, as everywhere.
    assert_eq!(
        ada.send("yes").await,
        "Disconnecting Google: I am revoking the access and deleting the synced data. I will \
         tell you when it is done."
    );
    assert!(ada.send("/google").await.contains("Status: disconnecting"));
    assert!(
        ada.send("/connect_google")
            .await
            .starts_with("Your Google connection is being disconnected")
    );

    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Disconnected]);
    assert_eq!(setup.fake.revoked(), std::slice::from_ref(&refresh));
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_connections").await,
        0
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_oauth_states").await,
        0
    );
    assert!(
        setup.outbox_texts().await.contains(
            &"Google is disconnected: the access was revoked at Google, and the tokens and \
          everything synced were deleted."
                .to_string()
        )
    );
    assert_eq!(setup.audited("google.disconnected").await, 1);
    // Neither the tokens nor their sealed forms are left in the files or any column.
    assert_eq!(
        where_found(
            &db,
            &setup.engine,
            &[&access, &refresh, &sealed_access, &sealed_refresh]
        )
        .await,
        Vec::<String>::new()
    );
    assert_eq!(
        ada.send("/google").await,
        "Google is not connected. Connect it with /connect_google."
    );

    // A reconnect starts clean: one new connection, never synced.
    setup.connect(&mut ada).await;
    let rows: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT id, status, last_sync_at FROM google_connections")
            .fetch_all(store.pool())
            .await
            .unwrap();
    assert_eq!(rows.len(), 1);
    assert_ne!(rows[0].0, first_id);
    assert_eq!((rows[0].1.as_str(), rows[0].2), ("active", None));
}

async fn a_failed_revoke_still_purges_and_tells_the_user(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let store = setup.engine.store().clone();
    let mut ada = Chat::new(&setup.engine, "ada");
    ada.send("/start").await;
    setup.connect(&mut ada).await;
    let (access, refresh, _, _) = setup.tokens().await;
    setup.fake.fail_revokes();
    ada.send("/disconnect_google").await;
    ada.press("Disconnect Google").await;
    assert_eq!(
        setup.worker.tick().await.unwrap(),
        [Ran::DisconnectedRevokeFailed]
    );
    assert_eq!(setup.fake.revoked(), std::slice::from_ref(&refresh));
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_connections").await,
        0
    );
    let told = setup.outbox_texts().await;
    assert!(
        told.last().unwrap().contains(
            "Google did not confirm the revoke, so please also remove ChatCRM's access in your \
             Google account: https://myaccount.google.com/permissions"
        ),
        "{told:?}"
    );
    assert_eq!(setup.audited("google.disconnected.revoke_failed").await, 1);
    assert_eq!(
        where_found(&db, &setup.engine, &[&access, &refresh]).await,
        Vec::<String>::new()
    );

    // Google did not answer: the refresh token waits in the revocation queue (sealed again,
    // tied to no user). Still unavailable at the next look: tried again and kept.
    let queued = "SELECT COUNT(*) FROM google_revocations";
    assert_eq!(count(&store, queued).await, 1);
    assert_eq!(setup.worker.tick().await.unwrap(), []);
    assert_eq!(setup.fake.revoked(), [refresh.clone(), refresh.clone()]);
    assert_eq!(count(&store, queued).await, 1);
    // Google answers again: the retry after its backoff revokes the grant; the row goes.
    setup.fake.answer_revokes();
    setup.clock.advance(chrono::Duration::minutes(10));
    assert_eq!(setup.worker.tick().await.unwrap(), []);
    assert_eq!(
        setup.fake.revoked(),
        [refresh.clone(), refresh.clone(), refresh]
    );
    assert_eq!(count(&store, queued).await, 0);
}

async fn delete_account_revokes_and_leaves_no_token_bytes(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let store = setup.engine.store().clone();
    let mut ada = Chat::new(&setup.engine, "ada");
    ada.send("/start").await;
    setup.connect(&mut ada).await;
    let (access, refresh, sealed_access, sealed_refresh) = setup.tokens().await;
    ada.send("/delete_account").await;
    assert!(
        ada.press("Delete my account")
            .await
            .starts_with("Your account and personal data were deleted.")
    );
    // Erased at once: the connection is gone, the refresh token waits (sealed again, tied
    // to no user) for the worker to revoke it.
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_connections").await,
        0
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_revocations").await,
        1
    );
    assert_eq!(
        where_found(
            &db,
            &setup.engine,
            &[&access, &refresh, &sealed_access, &sealed_refresh]
        )
        .await,
        Vec::<String>::new()
    );
    let queued: String = sqlx::query_scalar("SELECT refresh_token FROM google_revocations")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(setup.worker.tick().await.unwrap(), []);
    assert_eq!(setup.fake.revoked(), std::slice::from_ref(&refresh));
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_revocations").await,
        0
    );
    // A checkpoint (SQLite) or a vacuum (PostgreSQL) later, not even the sealed copy is left.
    chatcrm::store::erasure::vacuum(&store, ["google_revocations"].into_iter())
        .await
        .unwrap();
    assert_eq!(
        where_found(&db, &setup.engine, &[&access, &refresh, &queued]).await,
        Vec::<String>::new()
    );
}

async fn the_export_has_the_connection_but_no_token(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let mut ada = Chat::new(&setup.engine, "ada");
    ada.channel = Channel::Console;
    ada.send("/start").await;
    setup.connect(&mut ada).await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    let (access, refresh, sealed_access, _) = setup.tokens().await;
    let ready = ada.send("/export").await;
    let path = ready
        .split_whitespace()
        .find(|w| w.ends_with(".zip"))
        .unwrap_or_else(|| panic!("no path in {ready}"));
    let entries = crate::export::unzip(path);
    let json = &entries["google_connection.json"];
    let csv = &entries["google_connection.csv"];
    for text in [json, csv] {
        assert!(text.contains("anna.petrova@example.com"), "{text}");
        assert!(text.contains("calendar.events"), "{text}");
        assert!(text.contains("active"), "{text}");
        for secret in [&access, &refresh, &sealed_access] {
            assert!(!text.contains(secret.as_str()), "{text}");
        }
        assert!(!text.contains("v1."), "{text}");
    }
    let rows: serde_json::Value = serde_json::from_str(json).unwrap();
    assert!(rows[0].get("access_token").is_none() && rows[0].get("refresh_token").is_none());
}
