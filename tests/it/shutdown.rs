//! Cooperative shutdown: stopping the server cancels the token its workers watch; they
//! take no more work, finish the send in flight and end, so no row is left leased. The
//! background jobs end on the same kind of token. The `update` span names the channel,
//! the update, the internal user and workspace and the command — never message text.

use crate::common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chatcrm::clock::Clock;
use chatcrm::jobs::{self, Retention};
use chatcrm::server::Server;
use common::fake_telegram::{self as tg, FakeTelegram};
use common::{Chat, TestDb, count};
use tokio_util::sync::CancellationToken;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

both_backends!(
    a_stop_finishes_the_send_in_flight,
    the_jobs_end_when_their_token_is_cancelled,
    the_update_span_carries_ids_but_no_text,
);

async fn a_stop_finishes_the_send_in_flight(db: TestDb) {
    let fake = FakeTelegram::start().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = Server::start(&fake.config(), db.engine().await, listener)
        .await
        .expect("server starts");
    let store = db.store().await;
    fake.push(tg::text(1, 901, "/help"));
    fake.wait_for(5, "the first reply", |f| f.texts_to(901).len() == 1)
        .await;

    // The next reply is held at the fake: it is in flight when the server is told to stop,
    // and a third one waits behind it in the same chat.
    fake.hold("sendMessage");
    fake.push(tg::text(2, 901, "/contacts"));
    fake.wait_for(5, "the reply to be in flight", |f| f.waiting() == 1)
        .await;
    fake.push(tg::text(3, 901, "/help"));
    let queued = "SELECT COUNT(*) FROM outbox";
    common::whatsapp::eventually(5, "the third reply to be queued", || async {
        count(&store, queued).await == 3
    })
    .await;
    server.stop_token().cancel();
    let stopping = tokio::spawn(server.stop());
    fake.release("sendMessage");
    tokio::time::timeout(Duration::from_secs(20), stopping)
        .await
        .expect("every worker ended")
        .expect("the stop did not panic");

    assert_eq!(
        fake.texts_to(901).len(),
        2,
        "the reply in flight arrived, no more"
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await,
        2,
        "the reply in flight was settled as sent"
    );
    // The reply not sent yet is not left leased: it is due now, for the next start.
    let due: i64 =
        sqlx::query_scalar("SELECT next_attempt_at FROM outbox WHERE status = 'pending'")
            .fetch_one(store.pool())
            .await
            .expect("one reply is pending");
    assert!(
        due <= store.now_millis(),
        "the pending reply is due now, not leased"
    );
}

async fn the_jobs_end_when_their_token_is_cancelled(db: TestDb) {
    let stop = CancellationToken::new();
    let jobs = jobs::spawn(
        db.store().await,
        Clock::system(),
        Duration::from_secs(3600),
        Retention::default(),
        stop.clone(),
    );
    stop.cancel();
    tokio::time::timeout(Duration::from_secs(20), jobs)
        .await
        .expect("the jobs ended")
        .expect("the jobs did not panic");
}

/// Every span field recorded: (span name, field, value).
type Fields = Arc<Mutex<Vec<(String, String, String)>>>;

struct Capture(Fields);

struct Visitor<'a> {
    span: &'a str,
    fields: &'a Fields,
}

impl Visit for Visitor<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let entry = (
            self.span.to_string(),
            field.name().to_string(),
            format!("{value:?}"),
        );
        self.fields.lock().unwrap().push(entry);
    }
}

impl<S> Layer<S> for Capture
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, _id: &Id, _ctx: Context<'_, S>) {
        let span = attrs.metadata().name();
        attrs.record(&mut Visitor {
            span,
            fields: &self.0,
        });
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        let span = ctx.span(id).map_or("?", |span| span.name());
        values.record(&mut Visitor {
            span,
            fields: &self.0,
        });
    }
}

async fn the_update_span_carries_ids_but_no_text(db: TestDb) {
    let fields = Fields::default();
    let subscriber = tracing_subscriber::registry().with(Capture(fields.clone()));
    let _guard = tracing::subscriber::set_default(subscriber);
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    // Tests on other threads may register the span's call site before this subscriber
    // exists (and cache "not wanted"): one update registers it, then its interest is
    // computed again with this subscriber present.
    ada.send("/help").await;
    tracing::callsite::rebuild_interest_cache();
    fields.lock().unwrap().clear();
    ada.send("/new_contact Zebediah Quux, zeb@example.com")
        .await;
    ada.send("Zebediah's secret plan").await;
    let fields = fields.lock().unwrap().clone();
    let update: Vec<(&str, &str)> = fields
        .iter()
        .filter(|(span, _, _)| span == "update")
        .map(|(_, field, value)| (field.as_str(), value.as_str()))
        .collect();
    for name in ["channel", "update_id", "user", "workspace", "command"] {
        assert!(
            update.iter().any(|(field, _)| *field == name),
            "the update span has {name}: {update:?}"
        );
    }
    assert!(update.contains(&("channel", "\"telegram\"")), "{update:?}");
    assert!(
        update.contains(&("command", "\"new_contact\"")),
        "{update:?}"
    );
    assert!(update.contains(&("command", "\"text\"")), "{update:?}");
    for (span, field, value) in &fields {
        for secret in ["Zebediah", "Quux", "zeb@example.com", "ada", "secret"] {
            assert!(
                !value.contains(secret),
                "span {span} field {field} carries {secret:?}: {value}"
            );
        }
    }
}
