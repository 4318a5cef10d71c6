//! The Telegram channel against a fake Bot API on both backends: polling and webhook (good
//! and bad secret), a conversation with buttons, 429 then success, 403, a 10,000-character
//! reply, hostile characters, the same update twice (also concurrently), groups, documents,
//! shared contacts, forwarded messages, and a restart with rows still in the outbox.

use crate::common;

use std::time::Duration;

use chatcrm::config::{Config, Secret, TelegramMode};
use chatcrm::message::{Channel, Reply};
use chatcrm::server::Server;
use chatcrm::store::outbox::{self, Destination};
use common::fake_telegram::{self as tg, FakeTelegram};
use common::{TestDb, count};
use serde_json::json;

both_backends!(
    a_conversation_with_buttons_over_polling,
    the_webhook_checks_its_secret_and_dedupes,
    rate_limits_blocks_and_long_replies,
    a_user_who_unblocks_and_writes_at_once_is_answered,
    groups_documents_contacts_and_forwards,
    queued_replies_survive_a_restart,
);

const SECRET: &str = "s3cr3t-Token_1";

pub(crate) fn config(fake: &FakeTelegram, mode: TelegramMode) -> Config {
    let mut config = fake.config();
    config.telegram.mode = mode;
    config.telegram.webhook_secret = Secret::new(SECRET);
    config.http.public_url = "https://crm.example.com".into();
    config
}

pub(crate) async fn start(db: &TestDb, config: &Config) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    Server::start(config, db.engine().await, listener)
        .await
        .expect("server starts")
}

async fn a_conversation_with_buttons_over_polling(db: TestDb) {
    let fake = FakeTelegram::start().await;
    let server = start(&db, &config(&fake, TelegramMode::Polling)).await;
    // The command menu is published per language from the router's list.
    let menus = fake.calls("setMyCommands");
    assert_eq!(menus.len(), 3);
    // One menu per locale folder, English (the default menu) first.
    assert!(
        menus[0]
            .body
            .get("language_code")
            .is_none_or(|code| code.is_null())
    );
    assert!(menus.iter().any(|m| m.body["language_code"] == "ru"));
    assert!(
        menus[0].body["commands"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["command"] == "new_contact")
    );
    assert_eq!(fake.calls("deleteWebhook").len(), 1);

    fake.push(tg::text(
        10,
        501,
        "/new_contact Anna Petrova, +49 151 12345678, anna@example.com",
    ));
    fake.wait_for(5, "the contact reply", |f| {
        f.texts_to(501).iter().any(|t| t.starts_with("Saved C1."))
    })
    .await;
    fake.push(tg::text(11, 501, "/delete C1"));
    fake.wait_for(5, "the question", |f| {
        f.texts_to(501).iter().any(|t| t.contains("Delete C1"))
    })
    .await;
    let question = fake.calls("sendMessage").into_iter().last().unwrap();
    let buttons = &question.body["reply_markup"]["inline_keyboard"][0];
    assert_eq!(buttons[0]["text"], "Yes, delete");
    let data = buttons[0]["callback_data"].as_str().unwrap().to_string();
    assert!(data.len() <= 64);
    // The bot's message id is what the fake answered for that send.
    let message_id = 1000 + fake.calls("sendMessage").len() as i64;
    fake.push(tg::callback(12, 501, message_id, &data));
    fake.wait_for(5, "the edited message", |f| {
        !f.calls("editMessageText").is_empty()
    })
    .await;
    let edit = &fake.calls("editMessageText")[0].body;
    assert_eq!(edit["text"], "C1 deleted.");
    assert_eq!(edit["message_id"], message_id);
    assert_eq!(
        fake.calls("answerCallbackQuery")[0].body["callback_query_id"],
        "cb12"
    );
    // Nothing sent uses a parse mode: user text is never markup.
    assert!(
        fake.calls("sendMessage")
            .iter()
            .all(|c| c.body.get("parse_mode").is_none())
    );

    // The offset is stored: a restart neither replays nor skips.
    fake.wait_for(5, "the offset to advance", |f| f.offsets().contains(&13))
        .await;
    server.stop().await;
    let sent_before = fake.calls("sendMessage").len();
    let server = start(&db, &config(&fake, TelegramMode::Polling)).await;
    fake.push(tg::text(13, 501, "/contacts"));
    fake.wait_for(5, "the reply after restart", |f| {
        f.texts_to(501)
            .iter()
            .any(|t| t.contains("You have no contacts yet"))
    })
    .await;
    assert_eq!(fake.calls("sendMessage").len(), sent_before + 1);
    server.stop().await;
}

async fn the_webhook_checks_its_secret_and_dedupes(db: TestDb) {
    let fake = FakeTelegram::start().await;
    let server = start(&db, &config(&fake, TelegramMode::Webhook)).await;
    let hook = &fake.calls("setWebhook")[0].body;
    assert_eq!(hook["url"], "https://crm.example.com/webhooks/telegram");
    assert_eq!(hook["secret_token"], SECRET);
    let url = format!("http://{}/webhooks/telegram", server.addr);
    let client = reqwest::Client::new();
    let update = tg::text(20, 601, "/new_contact Mallory, m@example.com");

    for secret in [None, Some("wrong"), Some("s3cr3t-Token_")] {
        let mut request = client.post(&url).json(&update);
        if let Some(secret) = secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        assert_eq!(request.send().await.unwrap().status(), 401, "{secret:?}");
    }
    let metrics = client
        .get(format!("http://{}/metrics", server.addr))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains(r#"chatcrm_webhook_refused_total{channel="telegram",reason="secret"}"#),
        "{metrics}"
    );
    assert_eq!(
        count(&db.store().await, "SELECT COUNT(*) FROM contacts").await,
        0
    );

    // The same update delivered twice at once, then once more: one effect, one reply.
    let send = || {
        client
            .post(&url)
            .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
            .json(&update)
            .send()
    };
    let (a, b) = tokio::join!(send(), send());
    assert_eq!(
        (a.unwrap().status().as_u16(), b.unwrap().status().as_u16()),
        (200, 200)
    );
    assert_eq!(send().await.unwrap().status(), 200);
    // A later update of the chat is answered after everything queued before it: once its
    // reply is there, a second reply to the duplicates would have been too.
    let marker = client
        .post(&url)
        .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
        .json(&tg::text(21, 601, "/cancel"))
        .send()
        .await
        .unwrap();
    assert_eq!(marker.status(), 200);
    fake.wait_for(5, "the reply to the later update", |f| {
        f.texts_to(601)
            .iter()
            .any(|t| t == "There is nothing to cancel.")
    })
    .await;
    let texts = fake.texts_to(601);
    assert_eq!(texts.len(), 2, "one reply to the duplicates: {texts:?}");
    assert!(texts[0].starts_with("Saved C1."), "{texts:?}");
    assert_eq!(
        count(&db.store().await, "SELECT COUNT(*) FROM contacts").await,
        1
    );
    // A body that is not an update is acknowledged (no retry storm) and ignored.
    let junk = client
        .post(&url)
        .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(junk.status(), 200);
    server.stop().await;
}

async fn rate_limits_blocks_and_long_replies(db: TestDb) {
    let fake = FakeTelegram::start().await;
    let server = start(&db, &config(&fake, TelegramMode::Polling)).await;
    // 429 first, then success after retry_after.
    fake.script("sendMessage", 429, json!({ "ok": false, "error_code": 429, "description": "Too Many Requests: retry after 1", "parameters": { "retry_after": 1 } }));
    fake.push(tg::text(30, 701, "/help"));
    fake.wait_for(8, "the reply after 429", |f| f.texts_to(701).len() == 2)
        .await;
    let sends = fake.calls("sendMessage");
    assert!(
        sends[1].at.duration_since(sends[0].at) >= Duration::from_millis(900),
        "retry_after honoured"
    );

    // A 5xx is retried with backoff.
    fake.script(
        "sendMessage",
        502,
        json!({ "ok": false, "error_code": 502, "description": "Bad Gateway" }),
    );
    fake.push(tg::text(31, 702, "/contacts"));
    fake.wait_for(8, "the reply after 502", |f| f.texts_to(702).len() == 2)
        .await;

    // Hostile characters arrive exactly as typed.
    let hostile = "<b>Zoë</b> & _Co_ *Ltd* [x](http://evil) `y`";
    fake.push(tg::text(
        32,
        703,
        &format!("/new_contact {hostile}, z@example.com"),
    ));
    fake.wait_for(5, "the hostile reply", |f| {
        f.texts_to(703).iter().any(|t| t.contains(hostile))
    })
    .await;

    // 403: the user blocked the bot; the identity is marked inactive and nothing more goes out.
    fake.block(704);
    fake.push(tg::text(33, 704, "/help"));
    fake.wait_for(5, "the 403", |f| f.texts_to(704).len() == 1)
        .await;
    let store = db.store().await;
    common::whatsapp::eventually(5, "the identity to go inactive", || async {
        count(
            &store,
            "SELECT COUNT(*) FROM identities WHERE external_id = '704' AND active = 0",
        )
        .await
            == 1
    })
    .await;
    fake.push(tg::text(34, 704, "/contacts"));
    // Writing again reactivates the identity, so that reply is attempted (and blocked again).
    fake.wait_for(5, "the second attempt", |f| f.texts_to(704).len() == 2)
        .await;
    // Unblocked, the next message is answered; nothing was retried before it.
    fake.unblock(704);
    fake.push(tg::text(35, 704, "/cancel"));
    fake.wait_for(5, "the reply once unblocked", |f| {
        f.texts_to(704).len() >= 3
    })
    .await;
    let texts = fake.texts_to(704);
    assert_eq!(texts.len(), 3, "no retry of a blocked reply: {texts:?}");
    assert_eq!(texts[2], "There is nothing to cancel.");

    // A group that removed the bot refuses the first queued reply: the rest queued to it
    // are dropped with it, none stays pending to hold the group back, and once the bot is
    // added again the group is answered.
    fake.block(-2002);
    let group = Destination {
        identity_id: None,
        channel: Channel::Telegram,
        chat_id: "-2002",
        edit_message_id: None,
    };
    let mut tx = store.begin().await.unwrap();
    for text in ["first", "second", "third"] {
        outbox::enqueue(&mut tx, group, &Reply::text(text))
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    common::whatsapp::eventually(5, "the group's rows to be settled", || async {
        count(
            &store,
            "SELECT COUNT(*) FROM outbox WHERE chat_id = '-2002' AND status = 'pending'",
        )
        .await
            == 0
    })
    .await;
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM outbox WHERE chat_id = '-2002' AND status = 'dropped'"
        )
        .await,
        2
    );
    fake.unblock(-2002);
    fake.push(tg::group_text(36, -2002, 801, "/help", false));
    fake.wait_for(5, "the group answered again", |f| {
        f.texts_to(-2002)
            .iter()
            .any(|t| t.starts_with("Here is what I can do"))
    })
    .await;

    // A 10,000-character reply arrives as several messages of at most 4,096 characters.
    let long = (0..1000)
        .map(|i| format!("row {i:05}"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(long.len() > 9_000);
    let identity: i64 = sqlx::query_scalar("SELECT id FROM identities WHERE external_id = '701'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let mut tx = store.begin().await.unwrap();
    let to = Destination {
        identity_id: Some(chatcrm::crm::IdentityId::new(identity)),
        channel: Channel::Telegram,
        chat_id: "701",
        edit_message_id: None,
    };
    outbox::enqueue(&mut tx, to, &Reply::text(long.clone()))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    fake.wait_for(8, "the long reply", |f| f.texts_to(701).len() == 5)
        .await;
    let pieces: Vec<String> = fake.texts_to(701)[2..].to_vec();
    assert!(pieces.iter().all(|p| p.chars().count() <= 4096));
    assert_eq!(pieces.join("\n"), long);
    server.stop().await;
}

async fn groups_documents_contacts_and_forwards(db: TestDb) {
    let fake = FakeTelegram::start().await;
    let server = start(&db, &config(&fake, TelegramMode::Polling)).await;
    // Groups: commands (also /cmd@ourbot) and replies to the bot; other chatter ignored.
    fake.push(tg::group_text(40, -100500, 801, "hello everyone", false));
    fake.push(tg::group_text(41, -100500, 801, "/help@OtherBot", false));
    fake.push(tg::group_text(
        42,
        -100500,
        801,
        "/contacts@ChatCrmBot",
        false,
    ));
    fake.push(tg::group_text(43, -100500, 801, "C1", true));
    fake.wait_for(5, "the group replies", |f| f.texts_to(-100500).len() == 2)
        .await;
    let texts = fake.texts_to(-100500);
    assert!(texts[0].contains("You have no contacts yet"), "{texts:?}");
    assert!(texts[1].contains("There is no C1"), "{texts:?}");

    // A CSV document is downloaded and previewed for import.
    fake.add_file(
        "file-1",
        b"Name,Email\nDana Scully,dana@fbi.example\nFox Mulder,fox@fbi.example\n",
    );
    fake.push(tg::document(44, 802, "file-1", "x-files.csv"));
    fake.wait_for(5, "the import preview", |f| {
        f.texts_to(802)
            .iter()
            .any(|t| t.starts_with("x-files.csv: 2 contacts to import"))
    })
    .await;
    assert!(
        !fake.calls("sendChatAction").is_empty(),
        "typing is shown while a document is read"
    );
    let preview = fake.calls("sendMessage").into_iter().last().unwrap();
    let import = preview.body["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        .as_str()
        .unwrap()
        .to_string();
    let message_id = 1000 + fake.calls("sendMessage").len() as i64;
    fake.push(tg::callback(45, 802, message_id, &import));
    fake.wait_for(5, "the import", |f| {
        f.texts_to(802)
            .iter()
            .any(|t| t.contains("Contacts created: 2"))
    })
    .await;

    // A shared contact card becomes a contact; a forward from a known name goes on its timeline.
    fake.push(tg::shared_contact(
        46,
        802,
        "Walter",
        "Skinner",
        "+1 202 555 0143",
    ));
    fake.wait_for(5, "the shared contact", |f| {
        f.texts_to(802)
            .iter()
            .any(|t| t.contains("C3 · Walter Skinner"))
    })
    .await;
    fake.push(tg::forwarded(
        47,
        802,
        "Dana Scully",
        "The truth is out there",
    ));
    fake.wait_for(5, "the forward", |f| {
        f.texts_to(802)
            .iter()
            .any(|t| t.contains("Logged on the timeline of C1 · Dana Scully."))
    })
    .await;
    fake.push(tg::forwarded(48, 802, "Cigarette Man", "Trust no one"));
    fake.wait_for(5, "the offer", |f| {
        f.texts_to(802)
            .iter()
            .any(|t| t.contains("No contact is called “Cigarette Man”"))
    })
    .await;
    let offer = fake.calls("sendMessage").into_iter().last().unwrap();
    let offer_id = 1000 + fake.calls("sendMessage").len() as i64;
    let add = offer.body["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        .as_str()
        .unwrap()
        .to_string();
    // Unsupported kinds are answered politely.
    let mut sticker = tg::text(49, 802, "");
    sticker["message"].as_object_mut().unwrap().remove("text");
    sticker["message"]["sticker"] = json!({ "file_id": "s", "file_unique_id": "s", "type": "regular", "width": 512, "height": 512, "is_animated": false, "is_video": false });
    fake.push(sticker);
    fake.wait_for(5, "the sticker answer", |f| {
        f.texts_to(802)
            .iter()
            .any(|t| t.contains("I can't handle sticker messages"))
    })
    .await;
    // Edited messages change nothing.
    fake.push(
        json!({ "update_id": 50, "edited_message": tg::text(50, 802, "/delete C1")["message"] }),
    );
    // "Add as contact" creates the sender and logs the message on their timeline.
    fake.push(tg::callback(51, 802, offer_id, &add));
    fake.wait_for(5, "the added sender", |f| {
        f.texts_to(802)
            .iter()
            .any(|t| t.contains("Logged on the timeline of C4 · Cigarette Man."))
    })
    .await;
    // Updates of a chat are handled in order: the edit, pushed before, changed nothing.
    assert!(!fake.texts_to(802).iter().any(|t| t.contains("Delete C1")));
    server.stop().await;
}

async fn queued_replies_survive_a_restart(db: TestDb) {
    let fake = FakeTelegram::start().await;
    // An update is committed with its reply queued, then the process dies before sending.
    let engine = db.engine().await;
    let update = chatcrm::message::Inbound {
        channel: Channel::Telegram,
        user_id: "901".into(),
        chat_id: "901".into(),
        display_name: "Crash Test".into(),
        language: Some("en".into()),
        update_id: Some("77".into()),
        edit_message: None,
        payload: chatcrm::message::Payload::Text(
            "/new_contact Before Crash, bc@example.com".into(),
        ),
    };
    assert_eq!(engine.handle_into_outbox(&update).await.unwrap(), 1);
    engine.store().close().await;
    drop(engine);
    assert!(fake.texts_to(901).is_empty());
    // After the restart the sender delivers it.
    let server = start(&db, &config(&fake, TelegramMode::Polling)).await;
    fake.wait_for(5, "the queued reply", |f| {
        f.texts_to(901).iter().any(|t| t.starts_with("Saved C1."))
    })
    .await;
    // The fake has the message as soon as it is asked; the row is marked sent when the
    // answer is back (a stop in between would hand the row back: at-least-once).
    let store = db.store().await;
    common::whatsapp::eventually(5, "the row to be marked sent", || async {
        count(&store, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await == 1
    })
    .await;
    server.stop().await;
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM outbox WHERE status <> 'sent'").await,
        0
    );
    assert_eq!(fake.texts_to(901).len(), 1);
}

/// The refusal of a reply (403: blocked) comes back while the user, having unblocked the bot,
/// already wrote again: the newer message's reply is not dropped with the refused one, and
/// the identity stays active, so it goes out. (Before, every pending row of the identity was
/// dropped with the refusal and the user heard nothing.)
async fn a_user_who_unblocks_and_writes_at_once_is_answered(db: TestDb) {
    let fake = FakeTelegram::start().await;
    let server = start(&db, &config(&fake, TelegramMode::Polling)).await;
    let store = db.store().await;
    fake.push(tg::text(90, 705, "/contacts"));
    fake.wait_for(5, "the first reply", |f| f.texts_to(705).len() == 1)
        .await;
    // The next reply is refused as blocked, and held at the fake until released.
    fake.script(
        "sendMessage",
        403,
        json!({ "ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user" }),
    );
    fake.hold("sendMessage");
    fake.push(tg::text(91, 705, "/help"));
    fake.wait_for(5, "the /help reply to be in flight", |f| f.waiting() == 1)
        .await;
    // Unblocked, the user writes again while the refusal is still on its way.
    fake.push(tg::text(92, 705, "/cancel"));
    common::whatsapp::eventually(5, "the /cancel reply to be queued", || async {
        count(
            &store,
            "SELECT COUNT(*) FROM outbox WHERE chat_id = '705' AND status = 'pending'",
        )
        .await
            == 2
    })
    .await;
    fake.release("sendMessage");
    fake.wait_for(5, "the reply to the newer message", |f| {
        f.texts_to(705)
            .iter()
            .any(|t| t == "There is nothing to cancel.")
    })
    .await;
    let texts = fake.texts_to(705);
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(texts[1].starts_with("Here is what I can do"), "{texts:?}");
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM identities WHERE external_id = '705' AND active = 1"
        )
        .await,
        1
    );
    server.stop().await;
}
