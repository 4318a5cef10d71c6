//! Connecting Google (issue 14) on both backends, against the fake Google and our real
//! HTTP endpoint: the chat link → Google's consent → our callback → "connected" in the
//! browser and in the chat, tokens only sealed; `chatcrm serve` syncs right after; a
//! wrong, replayed or expired state and a refusal store nothing and are audited; granular
//! consent (Calendar without Gmail) names only Calendar.

use crate::common;

use chatcrm::google::oauth::CALENDAR_SCOPE;
use chatcrm::google::worker::Ran;
use chatcrm::message::{Channel, Inbound, Payload};
use chatcrm::server::Server;
use common::google::{GoogleSetup, where_found};
use common::{Chat, TestDb, count, fake_google};

both_backends!(
    the_chat_link_leads_to_a_connected_account,
    serve_syncs_right_after_connecting,
    bad_replayed_expired_and_refused_states_store_nothing,
    calendar_without_gmail_names_only_calendar,
    without_google_configured_connect_says_so
);

async fn the_chat_link_leads_to_a_connected_account(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let store = setup.engine.store().clone();
    let mut ada = Chat::new(&setup.engine, "ada");
    ada.send("/start").await;
    assert_eq!(
        ada.send("/google").await,
        "Google is not connected. Connect it with /connect_google."
    );

    // In a group the link is not given.
    let group = Inbound {
        chat_id: "-100200".into(),
        ..ada.inbound(Payload::Text("/connect_google".into()), None)
    };
    let replies = setup.engine.handle(&group).await.unwrap();
    assert!(
        replies[0]
            .text
            .starts_with("Your Google connection is personal"),
        "{replies:?}"
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_oauth_states").await,
        0
    );

    let location = setup.consent(&mut ada).await;
    assert!(
        ada.last[0]
            .text
            .contains("The link works once, for 10 minutes")
    );
    assert_eq!(ada.labels(), ["Connect Google"]);
    // The state is stored only as its digest, the verifier only sealed.
    let (digest, verifier): (String, String) =
        sqlx::query_as("SELECT state_digest, verifier FROM google_oauth_states")
            .fetch_one(store.pool())
            .await
            .unwrap();
    let state = location.split("state=").nth(1).unwrap().to_string();
    assert_eq!(digest, chatcrm::google::oauth::state_digest(&state));
    assert!(verifier.starts_with("v1."), "{verifier}");

    let (status, page) = setup.callback(&location).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Connected anna.petrova@example.com — you can go back to the chat."),
        "{page}"
    );
    assert_eq!(
        setup.outbox_texts().await,
        [
            "Google connected: anna.petrova@example.com. Features: Calendar, Gmail (read-only). \
          See the status with /google; disconnect any time with /disconnect_google."
        ]
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_connections").await,
        1
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_oauth_states").await,
        0
    );
    assert_eq!(setup.audited("google.connected").await, 1);

    // Tokens are sealed: the plain tokens are nowhere in the database.
    let (access, refresh, sealed_access, sealed_refresh) = setup.tokens().await;
    assert!(access.starts_with("ya29.") && refresh.starts_with("1//"));
    assert!(sealed_access.starts_with("v1.") && sealed_refresh.starts_with("v1."));
    assert_eq!(
        where_found(&db, &setup.engine, &[&access, &refresh]).await,
        Vec::<String>::new()
    );

    let status = ada.send("/google").await;
    assert!(
        status.starts_with(
            "Google account: anna.petrova@example.com\nFeatures: Calendar, Gmail (read-only)\nStatus: active"
        ),
        "{status}"
    );
    assert!(status.contains("Last successful sync: never"), "{status}");
    assert!(status.contains("Last error: none"), "{status}");

    // The first sync is due at once.
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    let status = ada.send("/google").await;
    assert!(!status.contains("Last successful sync: never"), "{status}");
    // Not again before its time.
    assert_eq!(setup.worker.tick().await.unwrap(), []);

    assert_eq!(
        ada.send("/connect_google").await,
        "Google is already connected with anna.petrova@example.com. To use another account, \
         disconnect first with /disconnect_google."
    );

    // The same callback again (a replayed state) is refused and changes nothing.
    let (status, page) = setup.callback(&location).await;
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("not valid or was already used"), "{page}");
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_connections").await,
        1
    );
    assert_eq!(setup.audited("google.connect.bad_state").await, 1);
    assert_eq!(setup.outbox_texts().await.len(), 1);
}

/// `chatcrm serve` runs the Google worker: the callback wakes it and the first sync
/// happens right after connecting.
async fn serve_syncs_right_after_connecting(db: TestDb) {
    let fake = fake_google::FakeGoogle::start().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let config = common::google::config(&db, &fake, &base);
    let google = chatcrm::google::Google::from_config(&config)
        .unwrap()
        .unwrap();
    let engine = db.engine().await.with_google(google);
    let server = Server::start(&config, engine.clone(), listener)
        .await
        .unwrap();
    let mut ada = Chat::new(&engine, "ada");
    assert_eq!(common::google::connect_through_link(&mut ada).await, 200);
    let mut synced = 0;
    for _ in 0..50 {
        synced = count(
            engine.store(),
            "SELECT COUNT(*) FROM google_connections WHERE last_sync_at IS NOT NULL",
        )
        .await;
        if synced == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(synced, 1, "the worker did not sync within 5 s");
    let http = reqwest::Client::new();
    let metrics = http
        .get(format!("{base}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("chatcrm_google_connections{status=\"active\"}"),
        "{metrics}"
    );
    assert!(metrics.contains("chatcrm_google_runs_total{outcome=\"synced\"}"));
    server.stop().await;
}

async fn bad_replayed_expired_and_refused_states_store_nothing(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let store = setup.engine.store().clone();
    let mut ada = Chat::new(&setup.engine, "ada");
    ada.send("/start").await;
    let callback = format!("{}/oauth/google/callback", setup.base);

    // A state we never issued, and none at all.
    let (status, page) = setup
        .callback(&format!("{callback}?code=4/forged&state=forged-state"))
        .await;
    assert_eq!(status, 400);
    assert!(
        page.contains("This link is not valid or was already used"),
        "{page}"
    );
    let (status, _) = setup.callback(&format!("{callback}?code=4/forged")).await;
    assert_eq!(status, 400);
    assert_eq!(setup.audited("google.connect.bad_state").await, 2);

    // A link older than 10 minutes.
    let location = setup.consent(&mut ada).await;
    setup.clock.advance(chrono::Duration::minutes(11));
    let (status, page) = setup.callback(&location).await;
    assert_eq!(status, 410, "{page}");
    assert!(page.contains("This link has expired"), "{page}");
    assert_eq!(setup.audited("google.connect.expired").await, 1);
    // …and it is used up.
    let (status, _) = setup.callback(&location).await;
    assert_eq!(status, 400);

    // The user refuses on Google's screen.
    setup.fake.deny();
    let location = setup.consent(&mut ada).await;
    assert!(location.contains("error=access_denied"), "{location}");
    let (status, page) = setup.callback(&location).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Access was not allowed"), "{page}");
    assert_eq!(setup.audited("google.connect.denied").await, 1);

    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_connections").await,
        0
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_oauth_states").await,
        0
    );
    // Only the refusal is told in the chat (the page says it too).
    assert_eq!(
        setup.outbox_texts().await,
        [
            "Google access was not allowed, so nothing was connected. Try again with \
          /connect_google."
        ]
    );
    assert_eq!(setup.audited("google.connected").await, 0);
    assert_eq!(setup.fake.revoked(), Vec::<String>::new());

    // A link never used is purged by retention once expired.
    ada.send("/connect_google").await;
    let retention = chatcrm::jobs::Retention {
        export_dir: setup.exports.path().to_path_buf(),
        ..chatcrm::jobs::Retention::default()
    };
    chatcrm::jobs::retention::purge(&store, &retention, setup.clock.now())
        .await
        .unwrap();
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_oauth_states").await,
        1
    );
    setup.clock.advance(chrono::Duration::minutes(11));
    chatcrm::jobs::retention::purge(&store, &retention, setup.clock.now())
        .await
        .unwrap();
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM google_oauth_states").await,
        0
    );
}

async fn calendar_without_gmail_names_only_calendar(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    setup.fake.grant_only(&[
        "openid",
        "https://www.googleapis.com/auth/userinfo.email",
        CALENDAR_SCOPE,
    ]);
    let mut ada = Chat::new(&setup.engine, "ada").language("es");
    ada.send("/start").await;
    let location = setup.consent(&mut ada).await;
    let (status, page) = setup.callback(&location).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("ya puedes volver al chat"), "{page}");
    let told = setup.outbox_texts().await;
    assert_eq!(told.len(), 1);
    assert!(told[0].contains("Funciones: Calendar."), "{told:?}");
    assert!(!told[0].contains("Gmail"), "{told:?}");
    let status = ada.send("/google").await;
    assert!(status.contains("Funciones: Calendar\n"), "{status}");
    let scopes: String = sqlx::query_scalar("SELECT scopes FROM google_connections")
        .fetch_one(setup.engine.store().pool())
        .await
        .unwrap();
    assert!(!scopes.contains("gmail"), "{scopes}");
}

async fn without_google_configured_connect_says_so(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    ada.send("/start").await;
    assert!(
        ada.send("/connect_google")
            .await
            .starts_with("Google is not set up on this ChatCRM server")
    );
    let mut console = Chat::new(&engine, "bo");
    console.channel = Channel::Console;
    console.send("/start").await;
    assert!(
        console
            .send("/google")
            .await
            .starts_with("Google is not set up on this ChatCRM server")
    );
}
