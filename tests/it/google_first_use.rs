//! A new user's first steps with Google, on both backends against the fake Google: a
//! refused consent is told in the chat once (not only on the browser page); /google's
//! last error reads in the user's language; /delete_account says that a connected Google
//! account's access is revoked and its synced data deleted.

use crate::common;

use chatcrm::google::worker::Ran;
use common::google::GoogleSetup;
use common::{Chat, TestDb};

both_backends!(
    a_refused_consent_is_told_in_the_chat_once,
    the_last_google_error_reads_in_the_users_language,
    delete_account_says_what_happens_to_google
);

/// Connects `chat` whatever its language (`GoogleSetup::connect` reads the English page).
async fn connect(setup: &GoogleSetup, chat: &mut Chat) {
    let location = setup.consent(chat).await;
    let (status, page) = setup.callback(&location).await;
    assert_eq!(status, 200, "{page}");
}

async fn a_refused_consent_is_told_in_the_chat_once(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let mut ada = Chat::new(&setup.engine, "ada");
    ada.send("/start").await;
    setup.fake.deny();
    let location = setup.consent(&mut ada).await;
    assert!(location.contains("error=access_denied"), "{location}");
    let denied = "Google access was not allowed, so nothing was connected. Try again with \
                  /connect_google.";
    let told = |texts: Vec<String>| texts.iter().filter(|t| *t == denied).count();
    assert_eq!(setup.callback(&location).await.0, 200);
    assert_eq!(told(setup.outbox_texts().await), 1);
    // The link is used up: opening it again tells nothing more.
    assert_eq!(setup.callback(&location).await.0, 400);
    assert_eq!(told(setup.outbox_texts().await), 1);

    let mut ivan = Chat::new(&setup.engine, "ivan").language("ru");
    ivan.send("/start").await;
    let location = setup.consent(&mut ivan).await;
    setup.callback(&location).await;
    let russian = "Доступ к Google не разрешён, поэтому ничего не подключено. Попробуйте снова: \
                   /connect_google.";
    assert!(
        setup.outbox_texts().await.iter().any(|t| t == russian),
        "{:?}",
        setup.outbox_texts().await
    );
}

async fn the_last_google_error_reads_in_the_users_language(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let mut ivan = Chat::new(&setup.engine, "ivan").language("ru");
    ivan.send("/start").await;
    connect(&setup, &mut ivan).await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);

    // Calendar refuses every token, even a fresh one.
    setup.fake.calendar.fail_with(Some(401));
    setup.clock.advance(chrono::Duration::minutes(6));
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Failed]);
    let status = ivan.send("/google").await;
    assert!(
        status.contains("Последняя ошибка: Календарь: Google не принял токен доступа"),
        "{status}"
    );
    // Unavailable: said in Russian, the HTTP status after it.
    setup.fake.calendar.fail_with(Some(503));
    setup.clock.advance(chrono::Duration::hours(1));
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Failed]);
    let status = ivan.send("/google").await;
    assert!(
        status.contains("Последняя ошибка: Календарь: Google недоступен (HTTP 503"),
        "{status}"
    );
    // The grant revoked at Google.
    setup.fake.calendar.fail_with(None);
    let (_, refresh, _, _) = setup.tokens().await;
    setup.fake.revoke_outside(&refresh);
    setup.clock.advance(chrono::Duration::hours(2));
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::ReconnectNeeded]);
    let status = ivan.send("/google").await;
    assert!(
        status.contains(
            "Последняя ошибка: Google больше не принимает доступ — подключите снова: \
             /connect_google"
        ),
        "{status}"
    );
    assert!(!status.contains("grant"), "{status}");
}

async fn delete_account_says_what_happens_to_google(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let mut ada = Chat::new(&setup.engine, "ada");
    ada.send("/start").await;
    let google = "Your Google account anna.petrova@example.com is connected: I will revoke \
                  ChatCRM's access at Google and delete everything synced from it.";
    assert!(!ada.send("/delete_account").await.contains(google));
    ada.send("/cancel").await;
    setup.connect(&mut ada).await;
    let explain = ada.send("/delete_account").await;
    assert!(explain.contains(google), "{explain}");
    assert!(explain.ends_with("This cannot be undone."), "{explain}");
    let mut eva = Chat::new(&setup.engine, "eva").language("es");
    eva.send("/start").await;
    connect(&setup, &mut eva).await;
    let explain = eva.send("/delete_account").await;
    assert!(
        explain.contains("Tu cuenta de Google anna.petrova@example.com está conectada"),
        "{explain}"
    );
}
