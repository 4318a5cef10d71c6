//! One WhatsApp sender's messages are handled in the order they were sent, on both
//! backends: a burst through the webhook keeps its order (another sender's messages go on
//! beside it), and the inbox hands out one delivery per sender at a time, earliest sent
//! first, whoever asks (a request task, the worker, another instance).

use crate::common;

use chatcrm::channel::whatsapp::inbound::sender_order;
use chatcrm::store::Store;
use chatcrm::store::webhook_inbox::{self, SenderOrder};
use common::TestDb;
use common::fake_graph::FakeGraph;
use common::whatsapp::{self as wa, FROM, Wa, fixture, settled};

both_backends!(
    a_message_waits_for_the_slow_document_sent_before_it,
    a_burst_from_one_sender_is_handled_in_order,
    the_inbox_hands_out_one_delivery_per_sender_earliest_sent_first,
);

const OTHER: &str = "34612345678";
const BURST: usize = 16;

/// The names of the contacts in `owner`'s personal workspace, in handle order: the order in
/// which their `/new_contact` messages were handled.
async fn names_in_handle_order(store: &Store, prefix: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT name FROM contacts WHERE name LIKE $1 ORDER BY workspace_id, handle_no",
    )
    .bind(format!("{prefix}%"))
    .fetch_all(store.pool())
    .await
    .unwrap()
}

/// The case that used to go wrong: a CSV document (its download takes a while) and, right
/// after it, a command. The command's answer must come after the document's: before the
/// ordering, the command ran in a task of its own and was answered first.
async fn a_message_waits_for_the_slow_document_sent_before_it(db: TestDb) {
    let fake = FakeGraph::start().await;
    fake.add_media(
        "1037543291543636",
        b"Name,Email\nDana Scully,dana@fbi.example\n",
    );
    fake.slow_downloads(std::time::Duration::from_millis(700));
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    let csv = fixture("webhook_document.json")
        .replace("contacts.vcf", "x-files.csv")
        .replace("text/vcard", "text/csv");
    assert_eq!(wa.post_signed(&csv).await, 200);
    let text = wa::text(
        "wamid.AFTER",
        FROM,
        "/new_contact Fox Mulder, fox@fbi.example",
    );
    assert_eq!(wa.post_signed(&text).await, 200);
    fake.wait_for(10, "both replies", |f| f.texts_to(FROM).len() >= 2)
        .await;
    let replies = fake.texts_to(FROM);
    assert!(
        replies[0].starts_with("x-files.csv: 1 contact"),
        "the document's answer came first: {replies:?}"
    );
    assert!(replies[1].starts_with("Saved C1."), "{replies:?}");
    wa.stop().await;
}

async fn a_burst_from_one_sender_is_handled_in_order(db: TestDb) {
    let fake = FakeGraph::start().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    // Each delivery is acknowledged before the next is posted (as Meta sends them), and
    // another sender's messages are interleaved; before the ordering each delivery ran in
    // a task of its own and the handles came out shuffled.
    for i in 0..BURST {
        let mine = wa::text(
            &format!("wamid.ORDER{i}"),
            FROM,
            &format!("/new_contact Person {i:02}, p{i}@example.com"),
        );
        assert_eq!(wa.post_signed(&mine).await, 200);
        let theirs = wa::text(
            &format!("wamid.OTHER{i}"),
            OTHER,
            &format!("/new_contact Other {i:02}, o{i}@example.com"),
        );
        assert_eq!(wa.post_signed(&theirs).await, 200);
    }
    let store = db.store().await;
    settled(&store).await;
    let expected = |prefix: &str| {
        (0..BURST)
            .map(|i| format!("{prefix} {i:02}"))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names_in_handle_order(&store, "Person").await,
        expected("Person")
    );
    assert_eq!(
        names_in_handle_order(&store, "Other").await,
        expected("Other")
    );
    // Every message was answered, in order: "Saved C1." … "Saved C16." for each sender.
    fake.wait_for(10, "every reply", |f| {
        f.texts_to(FROM).len() >= BURST && f.texts_to(OTHER).len() >= BURST
    })
    .await;
    for to in [FROM, OTHER] {
        let saved: Vec<String> = fake
            .texts_to(to)
            .into_iter()
            .filter_map(|t| {
                t.split_whitespace()
                    .nth(1)
                    .map(|h| h.trim_end_matches('.').to_string())
            })
            .collect();
        let handles: Vec<String> = (1..=BURST).map(|n| format!("C{n}")).collect();
        assert_eq!(saved, handles, "replies to {to}");
    }
    wa.stop().await;
}

async fn record(
    store: &Store,
    sender: &str,
    sent_at: i64,
    text: &str,
    claim: bool,
) -> (chatcrm::crm::InboxId, bool) {
    let body = wa::text(&format!("wamid.{sender}.{sent_at}"), sender, text);
    let order = SenderOrder {
        sender: sender.to_string(),
        sent_at,
    };
    let now = store.now_millis();
    webhook_inbox::record(
        store,
        "whatsapp",
        Some(&order),
        &body,
        now,
        claim.then_some(now + 60_000),
    )
    .await
    .unwrap()
}

async fn lease(store: &Store) -> Vec<chatcrm::crm::InboxId> {
    let now = store.now_millis();
    webhook_inbox::lease_due(store, "whatsapp", now, now + 60_000, 20)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.id)
        .collect()
}

async fn the_inbox_hands_out_one_delivery_per_sender_earliest_sent_first(db: TestDb) {
    let store = db.store().await;
    // The reference payload's order key: its sender and its timestamp in milliseconds.
    let order = sender_order(&wa::text("wamid.X", FROM, "hi")).expect("a message has an order");
    assert_eq!(order.sender, FROM);
    assert!(order.sent_at > 1_600_000_000_000, "{}", order.sent_at);
    assert_eq!(sender_order(&wa::status("wamid.X", "read")), None);

    // Arrival: 3 s, 1 s, 2 s (sent times) from one sender, and one from another sender.
    let (late, _) = record(&store, FROM, 3_000, "third", false).await;
    let (early, _) = record(&store, FROM, 1_000, "first", false).await;
    let (middle, _) = record(&store, FROM, 2_000, "second", false).await;
    let (other, _) = record(&store, OTHER, 5_000, "other", false).await;

    // The earliest sent of each sender; a second taker (another instance) gets nothing more.
    assert_eq!(lease(&store).await, [early, other]);
    assert!(lease(&store).await.is_empty());
    // A request task may not take a new delivery of a sender whose earlier one is running…
    let (newest, claimed) = record(&store, FROM, 9_000, "fourth", true).await;
    assert!(
        !claimed,
        "claimed while an earlier delivery of the sender was running"
    );
    // …while a sender with nothing pending is taken at once.
    let (_, claimed) = record(&store, "447700900123", 1_000, "hello", true).await;
    assert!(claimed);

    // Processed one by one, in the order sent — also when a processor stops halfway.
    webhook_inbox::mark_processed(&store, early, store.now_millis())
        .await
        .unwrap();
    assert_eq!(lease(&store).await, [middle]);
    webhook_inbox::mark_processed(&store, middle, store.now_millis())
        .await
        .unwrap();
    assert_eq!(lease(&store).await, [late]);
    // A failure waits for its retry and holds the sender's later deliveries meanwhile.
    webhook_inbox::retry_later(&store, late, store.now_millis() + 60_000, "boom")
        .await
        .unwrap();
    assert!(lease(&store).await.is_empty());
    webhook_inbox::mark_processed(&store, late, store.now_millis())
        .await
        .unwrap();
    assert_eq!(lease(&store).await, [newest]);
    webhook_inbox::mark_processed(&store, newest, store.now_millis())
        .await
        .unwrap();

    // A delivery that arrives after a later-sent one of its sender (which another instance
    // may be leasing at this very moment) is never taken by the request: the worker takes
    // the two in the order sent.
    let (later_sent, _) = record(&store, FROM, 20_000, "sent later", false).await;
    let (earlier_sent, claimed) = record(&store, FROM, 19_000, "sent earlier", true).await;
    assert!(
        !claimed,
        "claimed beside another waiting delivery of the sender"
    );
    assert_eq!(lease(&store).await, [earlier_sent]);
    webhook_inbox::mark_processed(&store, earlier_sent, store.now_millis())
        .await
        .unwrap();
    assert_eq!(lease(&store).await, [later_sent]);
}
