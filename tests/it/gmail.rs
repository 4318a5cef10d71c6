//! Gmail on contacts' timelines (issue 14 item 5) on both backends, against the fake
//! Google: a thread with a contact's address shows on that contact's timeline and in /mail
//! for the user who connected, not for a teammate until shared; incremental sync adds new
//! and drops deleted messages; a history id too old (404) resyncs the window without
//! duplicates; a Calendar-only grant makes /mail say Gmail is not granted; sync makes no
//! model call; disconnecting and deleting the account leave no byte of the cached mail.

use crate::common;

use chatcrm::google::oauth::CALENDAR_SCOPE;
use chatcrm::google::worker::Ran;
use common::fake_llm::FakeLlm;
use common::google::{GoogleSetup, where_found};
use common::{Chat, TestDb, count, join_command};

both_backends!(
    a_thread_shows_for_the_connecting_user_and_not_a_teammate_until_shared,
    incremental_sync_adds_and_deletes_messages,
    an_expired_history_resyncs_the_window_without_duplicates,
    a_calendar_only_grant_says_gmail_is_not_granted,
    disconnect_and_account_deletion_leave_no_cached_mail,
    a_draft_uses_the_last_own_thread_for_that_request_only,
    mail_words_are_read_in_every_language_and_named_in_the_users,
    a_teammate_is_told_whose_threads_they_see,
    reconnect_needed_shows_the_cached_mail_with_a_note
);

const BOB: &str = "Bob Stone <bob@acme.example>";
const ME: &str = "Anna Petrova <anna.petrova@example.com>";

/// Ada connected in Olga's team workspace, with contact C1 (bob@acme.example) there.
async fn team(setup: &GoogleSetup) -> (Chat, Chat) {
    let mut olga = Chat::new(&setup.engine, "olga");
    let mut ada = Chat::new(&setup.engine, "ada");
    olga.send("/start").await;
    ada.send("/start").await;
    let invite = olga.send("/invite").await;
    ada.send(&join_command(&invite)).await;
    ada.send("/new_contact Bob Stone, bob@acme.example").await;
    olga.send("/new_contact Carol Other, carol@other.example")
        .await;
    setup.connect(&mut ada).await;
    (ada, olga)
}

/// [`team`], with one synced thread of Ada's with C1 ("Demo follow-up").
async fn team_with_a_thread(setup: &GoogleSetup) -> (Chat, Chat) {
    let chats = team(setup).await;
    setup
        .fake
        .add_mail("t-demo", BOB, ME, "Demo follow-up", "The quote?");
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    chats
}

/// The next scheduled sync (the worker runs a connection every five minutes).
async fn sync(setup: &GoogleSetup) {
    setup.clock.advance(chrono::Duration::minutes(6));
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
}

async fn a_thread_shows_for_the_connecting_user_and_not_a_teammate_until_shared(db: TestDb) {
    let llm = FakeLlm::start().await;
    let setup = GoogleSetup::start(&db).await;
    let (mut ada, mut olga) = team(&setup).await;
    setup.fake.add_mail(
        "t-demo",
        BOB,
        ME,
        "Demo follow-up",
        "Could you send the quote for 20 seats?",
    );
    setup.fake.add_mail(
        "t-carol",
        "carol@other.example",
        ME,
        "Carol private matter",
        "Not Bob's",
    );
    setup
        .fake
        .add_mail("t-spam", "news@shop.example", ME, "Newsletter", "Sale");
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    // Only the mail with a contact's address was fetched and kept; the model was never asked.
    common::ai::no_model_call(&setup.engine, &llm).await;
    let calls = setup.fake.gmail_calls();
    assert_eq!(calls.queries.len(), 1, "{:?}", calls.queries);
    assert!(
        calls.queries[0].contains("from:bob@acme.example"),
        "{:?}",
        calls.queries
    );
    assert!(
        calls.queries[0].ends_with("newer_than:90d"),
        "{:?}",
        calls.queries
    );
    assert_eq!(
        count(setup.engine.store(), "SELECT COUNT(*) FROM gmail_threads").await,
        2
    );

    let timeline = ada.send("/timeline C1").await;
    assert!(timeline.contains("Gmail:"), "{timeline}");
    assert!(
        timeline.contains(
            "✉ Demo follow-up (bob@acme.example, anna.petrova@example.com) — Could you send the quote for 20 seats?"
        ),
        "{timeline}"
    );
    assert!(!timeline.contains("Carol private matter"), "{timeline}");
    let mail = ada.send("/mail C1").await;
    assert!(mail.starts_with("Gmail threads with C1"), "{mail}");
    assert!(mail.contains("Demo follow-up"), "{mail}");
    assert!(mail.contains("Only you see your threads."), "{mail}");

    // The teammate sees the contact, not Ada's mail.
    let theirs = olga.send("/timeline C1").await;
    assert!(theirs.starts_with("Timeline of C1"), "{theirs}");
    assert!(!theirs.contains("Demo follow-up"), "{theirs}");
    assert_eq!(
        olga.send("/mail C1").await,
        "Gmail is not connected. Connect your Google account with /connect_google and allow Gmail (read-only)."
    );

    // Shared: the teammate sees it; private again: not any more.
    assert_eq!(
        ada.send("/mail C1 share").await,
        "Your team now sees your Gmail threads with C1 on its timeline and in /mail."
    );
    assert!(olga.send("/timeline C1").await.contains("Demo follow-up"));
    assert!(olga.send("/mail C1").await.contains("Demo follow-up"));
    // Sharing C1 shares nothing about another contact.
    assert!(
        !olga
            .send("/timeline C2")
            .await
            .contains("Carol private matter")
    );
    ada.send("/mail C1 private").await;
    assert!(!olga.send("/timeline C1").await.contains("Demo follow-up"));

    // Bad input changes nothing.
    assert!(ada.send("/mail D1").await.starts_with("Usage: /mail C1"));
    assert!(
        ada.send("/mail C1 everyone")
            .await
            .starts_with("Usage: /mail C1")
    );
    assert_eq!(
        ada.send("/mail C9").await,
        "There is no C9 in this workspace."
    );
    assert_eq!(
        count(setup.engine.store(), "SELECT COUNT(*) FROM gmail_shares").await,
        0
    );
    common::ai::no_model_call(&setup.engine, &llm).await;
}

async fn incremental_sync_adds_and_deletes_messages(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let (mut ada, _olga) = team(&setup).await;
    let first = setup
        .fake
        .add_mail("t-demo", BOB, ME, "Demo follow-up", "First");
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    let history_calls = setup.fake.gmail_calls().history.len();
    assert_eq!(history_calls, 0);

    setup
        .fake
        .add_mail("t-demo", ME, BOB, "Re: Demo follow-up", "Here is the quote");
    setup
        .fake
        .add_mail("t-new", BOB, ME, "Contract", "Signed copy attached");
    sync(&setup).await;
    let calls = setup.fake.gmail_calls();
    assert_eq!(calls.history.len(), 1, "incremental: {calls:?}");
    assert_eq!(calls.queries.len(), 1, "no second search: {calls:?}");
    let mail = ada.send("/mail C1").await;
    assert!(mail.contains("✉ Contract"), "{mail}");
    assert!(mail.contains("✉ Re: Demo follow-up"), "{mail}");
    assert!(mail.contains("Here is the quote"), "{mail}");
    let store = setup.engine.store();
    assert_eq!(count(store, "SELECT COUNT(*) FROM gmail_threads").await, 2);
    assert_eq!(count(store, "SELECT COUNT(*) FROM gmail_messages").await, 3);

    // A deleted message leaves the cache; its thread stays while it has others.
    setup.fake.delete_mail(&first);
    sync(&setup).await;
    assert_eq!(count(store, "SELECT COUNT(*) FROM gmail_messages").await, 2);
    assert_eq!(count(store, "SELECT COUNT(*) FROM gmail_threads").await, 2);

    // A contact added later: their older mail is searched for once.
    setup
        .fake
        .add_mail("t-dan", "dan@later.example", ME, "Dan's question", "Hello");
    ada.send("/new_contact Dan Later, dan@later.example").await;
    sync(&setup).await;
    let calls = setup.fake.gmail_calls();
    assert_eq!(calls.queries.len(), 2, "{calls:?}");
    assert!(calls.queries[1].contains("dan@later.example"));
    assert!(!calls.queries[1].contains("bob@acme.example"));
    assert!(ada.send("/mail C3").await.contains("Dan's question"));
}

async fn an_expired_history_resyncs_the_window_without_duplicates(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let (mut ada, _olga) = team(&setup).await;
    let gone = setup
        .fake
        .add_mail("t-old", BOB, ME, "Old thread", "Will be deleted");
    setup
        .fake
        .add_mail("t-demo", BOB, ME, "Demo follow-up", "First");
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    setup
        .fake
        .add_mail("t-demo", ME, BOB, "Re: Demo follow-up", "Second");
    setup.fake.delete_mail(&gone);
    setup.fake.expire_gmail_history();
    sync(&setup).await;
    let calls = setup.fake.gmail_calls();
    assert_eq!(calls.history.len(), 1, "{calls:?}");
    assert_eq!(calls.queries.len(), 2, "a full search again: {calls:?}");
    let store = setup.engine.store();
    assert_eq!(count(store, "SELECT COUNT(*) FROM gmail_threads").await, 1);
    assert_eq!(count(store, "SELECT COUNT(*) FROM gmail_messages").await, 2);
    assert_eq!(
        count(store, "SELECT COUNT(*) FROM gmail_thread_contacts").await,
        1
    );
    let mail = ada.send("/mail C1").await;
    assert_eq!(mail.matches("✉").count(), 1, "{mail}");
    assert!(!mail.contains("Old thread"), "{mail}");
    // And incremental again afterwards.
    setup
        .fake
        .add_mail("t-demo", BOB, ME, "Re: Re: Demo follow-up", "Third");
    sync(&setup).await;
    assert_eq!(setup.fake.gmail_calls().history.len(), 2);
    assert_eq!(count(store, "SELECT COUNT(*) FROM gmail_messages").await, 3);
}

async fn a_calendar_only_grant_says_gmail_is_not_granted(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    setup.fake.grant_only(&["openid", CALENDAR_SCOPE]);
    let (mut ada, _olga) = team(&setup).await;
    setup
        .fake
        .add_mail("t-demo", BOB, ME, "Demo follow-up", "First");
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    // Gmail was not read at all.
    let calls = setup.fake.gmail_calls();
    assert!(
        calls.queries.is_empty() && calls.gets.is_empty(),
        "{calls:?}"
    );
    assert_eq!(
        ada.send("/mail C1").await,
        "Your Google connection does not include Gmail: only Calendar was allowed. Connect again with /connect_google and allow Gmail (read-only)."
    );
    assert!(
        ada.send("/mail C1 share")
            .await
            .starts_with("Your Google connection does not include Gmail")
    );
    assert!(!ada.send("/timeline C1").await.contains("Gmail:"));
}

async fn disconnect_and_account_deletion_leave_no_cached_mail(db: TestDb) {
    const MARK: &str = "Qzx7GmailSubject";
    let setup = GoogleSetup::start(&db).await;
    let store = setup.engine.store().clone();
    let (mut ada, _olga) = team(&setup).await;
    setup
        .fake
        .add_mail("t-demo", BOB, ME, MARK, "Qzx7GmailSnippet");
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    ada.send("/mail C1 share").await;
    assert!(!where_found(&db, &setup.engine, &[MARK]).await.is_empty());

    ada.send("/disconnect_google").await;
    ada.send("yes").await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Disconnected]);
    for table in [
        "gmail_threads",
        "gmail_messages",
        "gmail_shares",
        "gmail_sync",
    ] {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    assert_eq!(
        where_found(&db, &setup.engine, &[MARK, "Qzx7GmailSnippet"]).await,
        Vec::<String>::new()
    );

    // Reconnect, sync, delete the account: the cache goes with it, byte for byte.
    setup.connect(&mut ada).await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM gmail_threads").await, 1);
    ada.send("/delete_account").await;
    assert!(
        ada.press("Delete my account")
            .await
            .starts_with("Your account and personal data were deleted.")
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM gmail_messages").await,
        0
    );
    assert_eq!(
        where_found(&db, &setup.engine, &[MARK, "Qzx7GmailSnippet"]).await,
        Vec::<String>::new()
    );
}

/// The `last_email_thread` fence of the one /draft request the fake model received
/// (`draft_calls` requests in all so far).
fn thread_fence(llm: &FakeLlm, draft_calls: usize) -> String {
    let bodies = llm.bodies();
    assert_eq!(bodies.len(), draft_calls, "one model call per /draft");
    let user = bodies[draft_calls - 1]["messages"][1]["content"]
        .as_str()
        .unwrap()
        .to_string();
    let start = user
        .find("<data source=\"last_email_thread\">")
        .unwrap_or_else(|| panic!("no thread fence in {user}"));
    let end = user[start..].find("</data>").unwrap() + start;
    user[start..end].to_string()
}

/// Issue 14 item 8: `/draft C1` sends the newest thread of the user's own Gmail with the
/// contact (fenced as data) for that request only — it is not stored with the request; a
/// teammate's draft never gets it, even when shared; after disconnecting nothing is sent.
async fn a_draft_uses_the_last_own_thread_for_that_request_only(db: TestDb) {
    let llm = FakeLlm::start().await;
    let setup = GoogleSetup::start(&db).await;
    let (_ada, _olga) = team(&setup).await;
    setup
        .fake
        .add_mail("t-intro", BOB, ME, "First intro", "Nice to meet you");
    setup.fake.add_mail(
        "t-demo",
        BOB,
        ME,
        "Demo follow-up",
        "Could you send the quote for 20 seats?",
    );
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);

    let ai = setup.with_ai(&llm);
    let mut ada = Chat::new(&ai.engine, "ada");
    let mut olga = Chat::new(&ai.engine, "olga");
    ada.send("/consent ai on").await;
    olga.send("/consent ai on").await;
    llm.respond_with(|_| {
        common::fake_llm::FakeReply::text("Subject: Your quote\n\nHi Bob,\n\nhere it is.", 120)
    });

    ada.send("/draft C1 the quote").await;
    let draft = ai.answers(&mut ada).await;
    assert!(draft.contains("Hi Bob"), "{draft}");
    let fence = thread_fence(&llm, 1);
    assert!(fence.contains("Demo follow-up"), "{fence}");
    assert!(
        fence.contains("Could you send the quote for 20 seats?"),
        "{fence}"
    );
    assert!(fence.contains("bob@acme.example"), "{fence}");
    assert!(
        !fence.contains("First intro"),
        "only the newest thread: {fence}"
    );
    // Delivered, the draft (which may quote the mail) is not kept in the outbox.
    assert_eq!(
        count(
            setup.engine.store(),
            "SELECT COUNT(*) FROM outbox WHERE body LIKE '%Hi Bob%'"
        )
        .await,
        0
    );
    // Read for the request, not kept with it.
    assert_eq!(
        count(
            setup.engine.store(),
            "SELECT COUNT(*) FROM ai_requests WHERE input LIKE '%quote for 20%'"
        )
        .await,
        0
    );

    // A teammate's draft never carries Ada's mail, even shared with the team.
    ada.send("/mail C1 share").await;
    olga.send("/draft C1 the quote").await;
    ai.answers(&mut olga).await;
    let fence = thread_fence(&llm, 2);
    assert!(!fence.contains("Demo follow-up"), "{fence}");

    // Disconnected: the cache is gone and the next draft has no thread.
    ada.send("/disconnect_google").await;
    ada.send("yes").await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Disconnected]);
    ada.send("/draft C1 the quote").await;
    ai.answers(&mut ada).await;
    let fence = thread_fence(&llm, 3);
    assert!(!fence.contains("Demo follow-up"), "{fence}");
}

/// Walk-through defect: `/mail C1 compartir` was refused. The words of every shipped
/// language (`words-mail-*`) are read, English everywhere; the texts name the user's own.
async fn mail_words_are_read_in_every_language_and_named_in_the_users(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let (mut ada, _olga) = team_with_a_thread(&setup).await;
    let store = setup.engine.store().clone();
    let shares = async || count(&store, "SELECT COUNT(*) FROM gmail_shares").await;

    ada.send("/language es").await;
    let usage = ada.send("/mail C1 todos").await;
    assert!(
        usage.contains("/mail C1 compartir") && usage.contains("/mail C1 privado"),
        "{usage}"
    );
    assert!(!usage.contains("share"), "{usage}");
    assert_eq!(shares().await, 0);
    assert!(
        ada.send("/help")
            .await
            .contains("/mail C1 [compartir|privado] — ")
    );
    // Each word, then the footer naming the other one in Spanish.
    for (command, reply, shared, footer) in [
        (
            "/mail C1 Compartir",
            "Ahora tu equipo ve tus hilos de Gmail con C1 en su historial y en /mail.",
            1,
            "Para dejar de compartirlos, envía /mail C1 privado.",
        ),
        (
            "/mail C1 privado",
            "Tus hilos de Gmail con C1 vuelven a ser privados: solo tú los ves.",
            0,
            "Para que tu equipo los vea en C1, envía /mail C1 compartir.",
        ),
    ] {
        assert_eq!(ada.send(command).await, reply);
        assert_eq!(shares().await, shared);
        let mail = ada.send("/mail C1").await;
        assert!(mail.ends_with(footer), "{mail}");
    }
    // English is read in every language.
    ada.send("/mail C1 share").await;
    assert_eq!(shares().await, 1);

    ada.send("/language ru").await;
    assert_eq!(
        ada.send("/mail C1 скрыть").await,
        "Ваша переписка Gmail с C1 снова видна только вам."
    );
    assert_eq!(shares().await, 0);
    assert!(ada.send("/mail C1").await.ends_with("/mail C1 поделиться."));
    ada.send("/mail C1 поделиться").await;
    assert_eq!(shares().await, 1);
    assert!(
        ada.send("/help")
            .await
            .contains("/mail C1 [поделиться|скрыть] — ")
    );
}

/// Walk-through defect: a teammate's /mail of shared threads ended "Only you see your
/// threads…". The teammate is told whose mailbox each shared thread is from, on /mail and
/// the timeline, and gets no footer about sharing threads that are not theirs.
async fn a_teammate_is_told_whose_threads_they_see(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let (mut ada, mut olga) = team_with_a_thread(&setup).await;
    ada.send("/mail C1 share").await;

    let theirs = olga.send("/mail C1").await;
    assert!(
        theirs.contains("✉ Demo follow-up (bob@acme.example, anna.petrova@example.com) — The quote? · shared by ada"),
        "{theirs}"
    );
    assert!(!theirs.contains("your threads"), "{theirs}");
    assert!(!theirs.contains("/mail C1 share"), "{theirs}");
    assert!(!theirs.contains("/mail C1 private"), "{theirs}");
    let timeline = olga.send("/timeline C1").await;
    assert!(
        timeline.contains("The quote? · shared by ada"),
        "{timeline}"
    );

    // The owner's own view names no one and keeps the footer about their sharing.
    let own = ada.send("/mail C1").await;
    assert!(!own.contains("shared by"), "{own}");
    assert!(
        own.ends_with("Your team sees your threads with C1. To stop it, send /mail C1 private."),
        "{own}"
    );
    assert!(!ada.send("/timeline C1").await.contains("shared by"));
}

/// Walk-through defect: while the connection needs reconnecting, /mail showed the cache
/// as if it were current. It still shows it, with a line saying sync has stopped.
async fn reconnect_needed_shows_the_cached_mail_with_a_note(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let (mut ada, _olga) = team_with_a_thread(&setup).await;
    let fresh = ada.send("/mail C1").await;
    assert!(!fresh.contains("/connect_google"), "{fresh}");
    let (_, refresh, _, _) = setup.tokens().await;
    setup.fake.revoke_outside(&refresh);
    setup.clock.advance(chrono::Duration::hours(2));
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::ReconnectNeeded]);

    let stopped = "Sync has stopped: Google no longer accepts ChatCRM's access, so this may be \
                   out of date. Connect again with /connect_google.";
    let stale = ada.send("/mail C1").await;
    assert!(stale.contains("Demo follow-up"), "{stale}");
    assert!(stale.ends_with(stopped), "{stale}");
    // No thread with C2: the "none yet" answer does not promise a sync either.
    let none = ada.send("/mail C2").await;
    assert!(none.starts_with("No Gmail threads with C2"), "{none}");
    assert!(none.ends_with(stopped), "{none}");
}
