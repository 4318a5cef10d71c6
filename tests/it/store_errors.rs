//! The store speaks its own error type: a taken unique key and a dangling foreign key are
//! `Conflict`s, a lost lock race is `Busy`, a missing row is `NotFound` — the same on both
//! backends — and only what another attempt can get past (`Busy`, a unique `Conflict`) is
//! retryable. The engine's retry of a unique race is covered by
//! `story::concurrent_duplicates_have_one_effect`.

use chatcrm::store::{Backend, Constraint, Error, Store, export_links};
use sqlx::{Connection, Executor};

use crate::common;

use common::{Chat, TestDb};

both_backends!(
    a_taken_key_and_a_dangling_key_are_conflicts,
    a_lost_lock_race_is_busy_and_retryable,
    a_missing_row_is_not_found
);

/// The id of a user the engine created for `name`.
async fn user_id(db: &TestDb, name: &str) -> (Store, chatcrm::crm::UserId) {
    let engine = db.engine().await;
    Chat::new(&engine, name).send("/help").await;
    let id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM users")
        .fetch_one(engine.store().pool())
        .await
        .unwrap();
    (engine.store().clone(), chatcrm::crm::UserId::new(id))
}

async fn a_taken_key_and_a_dangling_key_are_conflicts(db: TestDb) {
    let (store, ada) = user_id(&db, "ada").await;
    let mut tx = store.begin().await.unwrap();
    export_links::create(&mut tx, "token-1", ada, "a.zip", 1, 2)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.begin().await.unwrap();
    let taken = export_links::create(&mut tx, "token-1", ada, "b.zip", 1, 2)
        .await
        .unwrap_err();
    tx.rollback().await.unwrap();
    assert!(
        matches!(
            taken,
            Error::Conflict {
                constraint: Constraint::Unique,
                ..
            }
        ),
        "{taken:?}"
    );
    assert!(taken.is_retryable(), "a unique race is tried again");
    assert!(taken.is_deterministic(), "{taken:?}");

    let mut tx = store.begin().await.unwrap();
    let dangling = export_links::create(
        &mut tx,
        "token-2",
        chatcrm::crm::UserId::new(ada.get() + 1000),
        "c.zip",
        1,
        2,
    )
    .await
    .unwrap_err();
    tx.rollback().await.unwrap();
    assert!(
        matches!(
            dangling,
            Error::Conflict {
                constraint: Constraint::ForeignKey,
                ..
            }
        ),
        "{dangling:?}"
    );
    assert!(!dangling.is_retryable(), "a dangling key stays dangling");
}

async fn a_lost_lock_race_is_busy_and_retryable(db: TestDb) {
    let (store, ada) = user_id(&db, "ada").await;
    let mut tx = store.begin().await.unwrap();
    export_links::create(&mut tx, "token-1", ada, "a.zip", 1, 2)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let busy = match db.backend {
        // The store holds the write lock; a second writer that will not wait is refused.
        Backend::Sqlite => {
            let holder = store.begin().await.unwrap();
            let mut other = sqlx::AnyConnection::connect(&db.url).await.unwrap();
            other.execute("PRAGMA busy_timeout = 0").await.unwrap();
            let refused = other.execute("BEGIN IMMEDIATE").await.unwrap_err();
            holder.rollback().await.unwrap();
            Error::from(refused)
        }
        // A repeatable-read transaction updating a row another one changed since its
        // snapshot is refused as a serialization failure.
        Backend::Postgres => {
            let mut first = store.begin().await.unwrap();
            first
                .execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                .await
                .unwrap();
            first
                .execute("SELECT COUNT(*) FROM export_links")
                .await
                .unwrap();
            let mut second = store.begin().await.unwrap();
            export_links::redeem(&mut second, "token-1", 1)
                .await
                .unwrap();
            second.commit().await.unwrap();
            let refused = export_links::redeem(&mut first, "token-1", 1)
                .await
                .unwrap_err();
            first.rollback().await.unwrap();
            refused
        }
    };
    assert!(matches!(busy, Error::Busy(_)), "{busy:?}");
    assert!(busy.is_retryable());
    assert!(!busy.is_deterministic());
}

async fn a_missing_row_is_not_found(db: TestDb) {
    let store = db.store().await;
    let missing = sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE id = -1")
        .fetch_one(store.pool())
        .await
        .map_err(Error::from)
        .unwrap_err();
    assert!(matches!(missing, Error::NotFound(_)), "{missing:?}");
    assert!(!missing.is_retryable());
}
