//! Retention on both backends: processed update ids go after 7 days, abandoned dialogues
//! after 30, used or expired invite and link codes at once, delivered messages after 7.

use crate::common;

use chatcrm::clock::Clock;
use chatcrm::jobs::{self, Retention};
use chrono::{Duration, TimeZone, Utc};
use common::{Chat, TestDb, count};

both_backends!(short_lived_data_is_purged);

async fn short_lived_data_is_purged(db: TestDb) {
    let start = Utc.with_ymd_and_hms(2026, 11, 1, 10, 0, 0).unwrap();
    let clock = Clock::manual(start);
    let engine = db.engine_at(&clock).await;
    let store = engine.store().clone();
    let mut rae = Chat::new(&engine, "rae");
    rae.send("/start").await;
    rae.send("/invite").await;
    rae.send("/link").await;
    rae.send("/new_contact").await; // a dialogue left waiting for the name
    // Rows stamped with the real time would not age with the manual clock: stamp them now.
    let now = start.timestamp_millis();
    for sql in [
        "UPDATE processed_inbound SET processed_at = $1",
        "UPDATE dialogues SET updated_at = $1",
    ] {
        sqlx::query(sql)
            .bind(now)
            .execute(store.pool())
            .await
            .unwrap();
    }
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM processed_inbound").await,
        4
    );
    let retention = Retention::default();

    clock.advance(Duration::days(1));
    jobs::run_with(&store, &clock, &retention).await.unwrap();
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM link_codes").await,
        0,
        "link codes expire in 10 minutes"
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM invites").await,
        1,
        "invites last 72 hours"
    );

    clock.advance(Duration::days(5));
    jobs::run_with(&store, &clock, &retention).await.unwrap();
    assert_eq!(count(&store, "SELECT COUNT(*) FROM invites").await, 0);
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM processed_inbound").await,
        4,
        "kept for 7 days"
    );

    clock.advance(Duration::days(2));
    jobs::run_with(&store, &clock, &retention).await.unwrap();
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM processed_inbound").await,
        0
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM dialogues").await, 1);

    clock.advance(Duration::days(23));
    jobs::run_with(&store, &clock, &retention).await.unwrap();
    assert_eq!(count(&store, "SELECT COUNT(*) FROM dialogues").await, 0);
    // The records themselves are never purged.
    assert_eq!(count(&store, "SELECT COUNT(*) FROM users").await, 1);
}
