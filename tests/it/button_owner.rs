//! Buttons are bound to the user they were shown to, on both backends: in a Telegram group
//! another member's press of them is refused with a notice on the press (no message, no
//! edit, no effect), while their owner's presses work; a button from before binding is
//! refused in a group.

use crate::common;

use chatcrm::handlers::Settings;
use chatcrm::server::Server;
use common::fake_telegram::{self as tg, FakeTelegram};
use common::{TestDb, count};

both_backends!(a_group_members_buttons_are_refused_to_others);

const GROUP: i64 = -100_900;
const ANNA: i64 = 901;
const BORIS: i64 = 902;
const NOT_YOURS: &str = "This button is not for you.";

/// The message id the fake gave the `index`th message sent (it counts from 1001).
fn message_id(index: usize) -> i64 {
    1001 + index as i64
}

/// Sends `text` as Anna in the group and waits for the group's reply; returns the index of
/// that reply among the messages sent.
async fn anna_says(fake: &FakeTelegram, update_id: i64, text: &str) -> usize {
    let before = fake.calls("sendMessage").len();
    fake.push(tg::group_text(update_id, GROUP, ANNA, text, false));
    fake.wait_for(5, text, |f| f.calls("sendMessage").len() > before)
        .await;
    before
}

/// The data of the button labelled `label` on the `index`th message sent.
fn button(fake: &FakeTelegram, index: usize, label: &str) -> String {
    let message = &fake.calls("sendMessage")[index];
    message.body["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .find(|b| b["text"] == label)
        .and_then(|b| b["callback_data"].as_str().map(str::to_string))
        .unwrap_or_else(|| panic!("no button {label:?} in {}", message.body))
}

/// Presses a button and waits until the press is answered; returns the answer's text.
async fn press(fake: &FakeTelegram, update_id: i64, user: i64, index: usize, data: &str) -> String {
    let answered = fake.calls("answerCallbackQuery").len();
    fake.push(tg::group_callback(
        update_id,
        GROUP,
        user,
        message_id(index),
        data,
    ));
    fake.wait_for(5, "the press to be answered", |f| {
        f.calls("answerCallbackQuery").len() > answered
    })
    .await;
    let answer = fake.calls("answerCallbackQuery").pop().unwrap().body;
    assert_eq!(answer["callback_query_id"], format!("cb{update_id}"));
    answer["text"].as_str().unwrap_or_default().to_string()
}

async fn a_group_members_buttons_are_refused_to_others(db: TestDb) {
    let fake = FakeTelegram::start().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let settings = Settings {
        page_size: 2,
        ..Settings::default()
    };
    let engine = db.engine().await.with_settings(settings);
    let server = Server::start(&fake.config(), engine, listener)
        .await
        .expect("server starts");
    let store = db.store().await;

    // Anna's contacts take two pages; Boris has one contact of his own.
    for (i, name) in ["One", "Two", "Three"].iter().enumerate() {
        let command = format!("/new_contact Ann {name}, ann{i}@example.com");
        anna_says(&fake, 10 + i as i64, &command).await;
    }
    let before = fake.calls("sendMessage").len();
    fake.push(tg::group_text(
        19,
        GROUP,
        BORIS,
        "/new_contact Boris Own, boris@example.com",
        false,
    ));
    fake.wait_for(5, "Boris's contact", |f| {
        f.calls("sendMessage").len() > before
    })
    .await;
    let list = anna_says(&fake, 20, "/contacts").await;
    let consent = anna_says(&fake, 21, "/consent").await;
    let delete = anna_says(&fake, 22, "/delete_account").await;
    let next = button(&fake, list, "Next ▶");
    let ai_on = button(&fake, consent, "Turn AI on");
    let delete_me = button(&fake, delete, "Delete my account");
    for data in [&next, &ai_on, &delete_me] {
        assert!(data.len() <= 64, "{data}");
        assert!(!data.contains("901"), "no chat id in {data}");
    }

    // Boris presses each of Anna's buttons: a notice on the press, and nothing else.
    let sent = fake.calls("sendMessage").len();
    assert_eq!(press(&fake, 30, BORIS, list, &next).await, NOT_YOURS);
    assert_eq!(press(&fake, 31, BORIS, consent, &ai_on).await, NOT_YOURS);
    assert_eq!(press(&fake, 32, BORIS, delete, &delete_me).await, NOT_YOURS);
    // A button of Anna's from before buttons were bound has no owner: refused in a group.
    assert_eq!(
        press(&fake, 33, ANNA, delete, "account:delete").await,
        "That button is no longer valid. Send /help to start again."
    );
    let anna_exists =
        "SELECT COUNT(*) FROM identities WHERE channel = 'telegram' AND external_id = '901'";
    assert_eq!(count(&store, anna_exists).await, 1);
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM consents WHERE kind IN ('ai', 'marketing')"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM outbox WHERE status = 'pending'"
        )
        .await,
        0
    );

    // Anna's own presses work and edit her messages.
    assert_eq!(press(&fake, 40, ANNA, list, &next).await, "");
    fake.wait_for(5, "page 2", |f| f.calls("editMessageText").len() == 1)
        .await;
    let page = &fake.calls("editMessageText")[0].body;
    assert_eq!(page["message_id"], message_id(list));
    let text = page["text"].as_str().unwrap();
    assert!(text.contains("Ann") && !text.contains("Boris"), "{text}");
    // The group's replies go out in order: by now anything the refused presses had sent or
    // edited would be there too.
    assert_eq!(fake.calls("editMessageText").len(), 1, "only Anna's edit");
    assert_eq!(
        fake.calls("sendMessage").len(),
        sent,
        "no message for the refused presses"
    );
    assert_eq!(press(&fake, 41, ANNA, consent, &ai_on).await, "");
    fake.wait_for(5, "the consent", |f| f.calls("editMessageText").len() == 2)
        .await;
    assert!(
        fake.calls("editMessageText")[1].body["text"]
            .as_str()
            .unwrap()
            .contains("AI processing of your messages: on")
    );
    assert_eq!(press(&fake, 42, ANNA, delete, &delete_me).await, "");
    fake.wait_for(5, "the deletion", |f| f.calls("editMessageText").len() == 3)
        .await;
    assert_eq!(count(&store, anna_exists).await, 0);
    server.stop().await;
}
