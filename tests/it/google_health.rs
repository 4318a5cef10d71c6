//! Google sync health in `/readyz` and `/metrics` (issue 14 item 6) on both backends,
//! against the fake Google: an instance with Google connected and syncing says only
//! "ready"; a grant Google refuses, a sync that keeps failing and a sync that has not run
//! for more than 30 minutes are each said in the body of a 200 (an outage every instance
//! shares must not pull an instance from the load balancer), and the gauges follow.

use std::future::pending;

use crate::common;

use chatcrm::channel::leases::Leases;
use chatcrm::channel::whatsapp::WhatsApp;
use chatcrm::google::worker::Ran;
use chatcrm::http::{self, HttpState};
use common::fake_graph::FakeGraph;
use common::google::GoogleSetup;
use common::{Chat, TestDb};

both_backends!(readyz_and_metrics_say_how_google_sync_goes);

/// Our endpoint over the setup's engine with a WhatsApp channel (`/readyz` needs a chat
/// channel to be ready at all); its address.
async fn endpoint(setup: &GoogleSetup, graph: &FakeGraph) -> String {
    let config = common::whatsapp::config(graph);
    let whatsapp = WhatsApp::new(&config.whatsapp, setup.engine.clone(), Leases::default());
    let state = HttpState {
        engine: setup.engine.clone(),
        telegram: None,
        telegram_secret: Default::default(),
        admin_token: Default::default(),
        export_dir: setup.exports.path().to_path_buf(),
        whatsapp: Some(whatsapp),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(http::serve(listener, state, pending()));
    base
}

async fn get(url: String) -> (u16, String) {
    let response = reqwest::get(url).await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn readyz_and_metrics_say_how_google_sync_goes(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let graph = FakeGraph::start().await;
    let base = endpoint(&setup, &graph).await;
    let mut ada = Chat::new(&setup.engine, "ada");
    ada.send("/start").await;
    setup.connect(&mut ada).await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    assert_eq!(
        get(format!("{base}/readyz")).await,
        (200, "ready".to_string())
    );

    // Calendar answers 503 on every call: the run fails, and /readyz says so.
    setup.fake.calendar.fail_with(Some(503));
    setup.clock.advance(chrono::Duration::minutes(6));
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Failed]);
    let (status, body) = get(format!("{base}/readyz")).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("google: 1 connection(s) failing to sync"),
        "{body}"
    );

    // Failing for 40 minutes: the last success is stale too.
    setup.clock.advance(chrono::Duration::minutes(40));
    let (status, body) = get(format!("{base}/readyz")).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("google: oldest sync 46 minutes ago"),
        "{body}"
    );
    let metrics = get(format!("{base}/metrics")).await.1;
    assert!(
        metrics.contains("chatcrm_google_oldest_sync_age_seconds 2760"),
        "{metrics}"
    );

    // Google answers again: ready with no note.
    setup.fake.calendar.fail_with(None);
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    assert_eq!(
        get(format!("{base}/readyz")).await,
        (200, "ready".to_string())
    );

    // The user revokes the access at Google: a reconnect is needed, said in /readyz.
    let (_, refresh, _, _) = setup.tokens().await;
    setup.fake.revoke_outside(&refresh);
    setup.clock.advance(chrono::Duration::hours(2));
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::ReconnectNeeded]);
    let (status, body) = get(format!("{base}/readyz")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, "ready; google: 1 connection(s) need a reconnect");
    let metrics = get(format!("{base}/metrics")).await.1;
    assert!(
        metrics.contains("chatcrm_google_connections{status=\"reconnect_needed\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("chatcrm_google_connections{status=\"active\"} 0"),
        "{metrics}"
    );
}
