//! Access control on both backends: /link only in private chats, codes bound to another
//! channel kind and throttled per identity, /unlink, invites never posted to a group by
//! accident, removing members, /leave, and listing and revoking invites. Every change is
//! audited, and whoever lost access sees nothing of the team afterwards.

use crate::common;
use crate::common::join_command;

use chatcrm::clock::Clock;
use chatcrm::message::{Channel, Payload};
use chrono::{Duration, TimeZone, Utc};
use common::{Chat, TestDb, count};

both_backends!(
    link_is_refused_in_groups,
    a_code_never_works_from_its_own_channel_kind,
    wrong_codes_are_throttled,
    unlink_separates_the_identities,
    invites_are_posted_in_groups_only_on_purpose,
    admins_remove_members_who_then_see_nothing,
    leaving_a_workspace,
    open_invites_are_listed_and_revoked,
);

/// Sends `text` from `chat`'s user in the group chat `group` (a Telegram group).
async fn send_in_group(chat: &mut Chat, group: &str, text: &str) -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut update = chat.inbound(Payload::Text(text.into()), Some(format!("group-{id}")));
    update.chat_id = group.to_string();
    chat.last = chat.engine.handle(&update).await.expect("handled");
    chat.texts()
}

fn link_code_in(reply: &str) -> String {
    reply
        .split("/link ")
        .nth(1)
        .expect("a link code")
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

fn whatsapp(engine: &chatcrm::engine::Engine, number: &str) -> Chat {
    let mut chat = Chat::new(engine, number);
    chat.channel = Channel::WhatsApp;
    chat
}

async fn users(chat: &Chat) -> i64 {
    count(chat.engine.store(), "SELECT COUNT(*) FROM users").await
}

async fn link_is_refused_in_groups(db: TestDb) {
    let engine = db.engine().await;
    let mut tom = Chat::new(&engine, "5001");
    let refused = send_in_group(&mut tom, "-100777", "/link").await;
    assert!(
        refused.contains("only handle /link in our private chat"),
        "{refused}"
    );
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM link_codes").await,
        0
    );
    // Redeeming in a group is refused too, and does not use the code up.
    let mut wa = whatsapp(&engine, "+4915112345678");
    let code = link_code_in(&wa.send("/link").await);
    let mut other = Chat::new(&engine, "5002");
    let refused = send_in_group(&mut other, "-100777", &format!("/link {code}")).await;
    assert!(refused.contains("private chat"), "{refused}");
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM link_codes").await,
        1
    );
    assert_eq!(users(&tom).await, 3);
    // /unlink shows masked ids, so it stays out of groups as well.
    assert!(
        send_in_group(&mut tom, "-100777", "/unlink")
            .await
            .contains("only handle /unlink in our private chat")
    );
}

async fn a_code_never_works_from_its_own_channel_kind(db: TestDb) {
    let engine = db.engine().await;
    let mut owner = Chat::new(&engine, "5001");
    owner.send("/new_contact Secret Lead, s@example.com").await;
    let offer = owner.send("/link").await;
    assert!(
        offer.contains("Never share this code") && offer.contains("other than Telegram"),
        "{offer}"
    );
    let code = link_code_in(&offer);
    let mut intruder = Chat::new(&engine, "6666");
    let refused = intruder.send(&format!("/link {code}")).await;
    assert!(
        refused.starts_with("That code was made in this chat app"),
        "{refused}"
    );
    assert_eq!(users(&owner).await, 2);
    assert!(!intruder.send("/contacts").await.contains("Secret Lead"));
    // The code is used up: not even the right channel can use it now.
    let mut wa = whatsapp(&engine, "+4915112345678");
    assert!(
        wa.send(&format!("/link {code}"))
            .await
            .contains("unknown or expired")
    );
    // A fresh code works from WhatsApp.
    let code = link_code_in(&owner.send("/link").await);
    assert!(
        wa.send(&format!("/link {code}"))
            .await
            .starts_with("Linked:")
    );
    assert!(wa.send("/contacts").await.contains("Secret Lead"));
}

async fn wrong_codes_are_throttled(db: TestDb) {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap());
    let engine = db.engine_at(&clock).await;
    let mut tg = Chat::new(&engine, "5001");
    let mut wa = whatsapp(&engine, "+4915112345678");
    let code = link_code_in(&tg.send("/link").await);
    for guess in ["AAAA1111", "AAAA2222", "AAAA3333", "AAAA4444", "AAAA5555"] {
        assert!(
            wa.send(&format!("/link {guess}"))
                .await
                .contains("unknown or expired")
        );
        clock.advance(Duration::minutes(1));
    }
    // Even the right code is refused now, also through another instance on the database.
    let other_instance = db.engine_at(&clock).await;
    let mut wa_elsewhere = whatsapp(&other_instance, "+4915112345678");
    let refused = wa_elsewhere.send(&format!("/link {code}")).await;
    assert_eq!(
        refused,
        "Too many wrong link codes. For your safety, try again in 55 minutes."
    );
    assert_eq!(users(&tg).await, 2);
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM link_codes").await,
        1
    );
    // Once the window has passed, a fresh code works.
    clock.advance(Duration::minutes(56));
    let code = link_code_in(&tg.send("/link").await);
    assert!(
        wa.send(&format!("/link {code}"))
            .await
            .starts_with("Linked:")
    );
    assert_eq!(users(&tg).await, 1);
}

async fn link(tg: &mut Chat, wa: &mut Chat) {
    let code = link_code_in(&tg.send("/link").await);
    let linked = wa.send(&format!("/link {code}")).await;
    assert!(linked.starts_with("Linked:"), "{linked}");
}

async fn unlink_separates_the_identities(db: TestDb) {
    let engine = db.engine().await;
    let mut tg = Chat::new(&engine, "5001");
    let mut wa = whatsapp(&engine, "+4915112345678");
    tg.send("/new_contact Anna Petrova, anna@example.com").await;
    assert_eq!(
        tg.send("/unlink").await,
        "This is the only chat of your account; there is nothing to unlink."
    );
    link(&mut tg, &mut wa).await;

    let privacy = wa.send("/privacy").await;
    assert!(
        privacy.contains(
            "Chats that use this account:\n• Telegram 5…1\n• WhatsApp +49…678 (this chat)\nUndo a link with /unlink."
        ),
        "{privacy}"
    );

    // Unlinking the chat one writes from, by channel name, after a confirmation.
    let card = wa.send("/unlink whatsapp").await;
    assert!(
        card.starts_with("Unlink WhatsApp +49…678 (this chat)?"),
        "{card}"
    );
    assert_eq!(wa.labels(), ["Yes, unlink", "No"]);
    assert_eq!(
        wa.press("Yes, unlink").await,
        "This chat is unlinked: it is now a separate account with an empty personal workspace."
    );
    assert_eq!(users(&tg).await, 2);
    // The old account's reminders (it wrote last from WhatsApp) go to Telegram now.
    let last: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM users u JOIN identities i ON i.id = u.last_identity_id
         WHERE i.user_id <> u.id",
    )
    .fetch_one(engine.store().pool())
    .await
    .unwrap();
    assert_eq!(last, 0);
    assert_eq!(
        wa.send("/contacts").await,
        common::first_reply("You have no contacts yet. Add one with /new_contact.")
    );
    assert!(!wa.send("/search anna").await.contains("Anna"));
    assert!(
        wa.send("/privacy")
            .await
            .contains("• WhatsApp +49…678 (this chat)")
    );
    assert!(!wa.texts().contains("Telegram"));
    assert!(tg.send("/contacts").await.contains("C1 · Anna Petrova"));

    // Linked again, then unlinked from the Telegram side with the list's buttons.
    link(&mut tg, &mut wa).await;
    let list = tg.send("/unlink").await;
    assert_eq!(
        list,
        "Chats that share this account. Choose one to unlink it (or send /unlink 2, /unlink whatsapp):\n1. Telegram 5…1 (this chat)\n2. WhatsApp +49…678"
    );
    let wa_button = tg.data_of("2. WhatsApp +49…678");
    // Someone else's forged button does nothing.
    let mut mallory = Chat::new(&engine, "7777");
    let forged = wa_button.replace(":ask", ":yes");
    assert_eq!(mallory.button(&forged).await, "This button is not for you.");
    // Without the owner's tag (as a button of an older version in a private chat) the
    // handler's own check refuses it.
    assert_eq!(
        mallory.button(untagged(&forged)).await,
        common::first_reply("That button is no longer valid. Send /help to start again.")
    );
    tg.press("2. WhatsApp +49…678").await;
    assert_eq!(
        tg.press("Yes, unlink").await,
        "WhatsApp +49…678 is unlinked: it no longer sees anything of this account."
    );
    // A separate account now, which records its own acceptance of the terms.
    assert_eq!(
        wa.send("/contacts").await,
        common::first_reply("You have no contacts yet. Add one with /new_contact.")
    );
    assert_eq!(
        count(
            engine.store(),
            "SELECT COUNT(*) FROM audit_log WHERE action = 'identity.unlinked'"
        )
        .await,
        2
    );
}

async fn invites_are_posted_in_groups_only_on_purpose(db: TestDb) {
    let engine = db.engine().await;
    let mut olga = Chat::new(&engine, "Olga");
    let refused = send_in_group(&mut olga, "-100555", "/invite").await;
    assert!(
        refused.starts_with("I did not post an invite here"),
        "{refused}"
    );
    assert!(!refused.contains("join_"));
    assert!(
        !send_in_group(&mut olga, "-100555", "/invite admin")
            .await
            .contains("join_")
    );
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM invites").await,
        0
    );
    let posted = send_in_group(&mut olga, "-100555", "/invite group").await;
    assert!(
        posted.starts_with("Invite as member") && posted.contains("/start join_"),
        "{posted}"
    );
    assert!(
        posted.contains("Anyone in this group can use this code"),
        "{posted}"
    );
    assert!(
        send_in_group(&mut olga, "-100555", "/invite admin group")
            .await
            .starts_with("Invite as admin")
    );
    let private = olga.send("/invite").await;
    assert!(!private.contains("Anyone in this group"), "{private}");
    assert!(
        olga.send("/invite owner group")
            .await
            .starts_with("Usage: /invite")
    );
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM invites").await,
        3
    );
}

/// Olga's team with Pete (member) and Quinn (admin), a contact and a task of Pete's.
async fn team(engine: &chatcrm::engine::Engine) -> (Chat, Chat, Chat) {
    let mut olga = Chat::new(engine, "Olga");
    let mut pete = Chat::new(engine, "Pete");
    let mut quinn = Chat::new(engine, "Quinn");
    olga.send("/new_contact Shared Lead, lead@example.com")
        .await;
    let invite = olga.send("/invite").await;
    assert!(
        pete.send(&join_command(&invite))
            .await
            .contains("You joined")
    );
    let invite = olga.send("/invite admin").await;
    assert!(
        quinn
            .send(&join_command(&invite))
            .await
            .contains("as admin")
    );
    pete.send("/task C1 call the lead tomorrow 10:00").await;
    (olga, pete, quinn)
}

async fn admins_remove_members_who_then_see_nothing(db: TestDb) {
    let engine = db.engine().await;
    let (mut olga, mut pete, mut quinn) = team(&engine).await;
    // Pete turned his personal workspace into a team one: he has no personal one left.
    pete.send("/workspace").await;
    pete.press("Pete").await;
    pete.send("/invite").await;
    let team_ws: i64 = sqlx::query_scalar("SELECT id FROM workspaces WHERE name = 'Olga'")
        .fetch_one(engine.store().pool())
        .await
        .unwrap();
    pete.button(&format!("ws:{team_ws}")).await;
    let (contact, task): (i64, i64) =
        sqlx::query_as("SELECT c.id, t.id FROM contacts c, tasks t WHERE c.name = 'Shared Lead'")
            .fetch_one(engine.store().pool())
            .await
            .unwrap();

    // Members may not remove anyone, and see no remove buttons.
    assert_eq!(
        pete.send("/remove Quinn").await,
        "Only admins and owners can remove members."
    );
    pete.send("/members").await;
    assert!(pete.labels().is_empty());
    // Admins may remove members but not the owner, nor themselves.
    quinn.send("/members").await;
    assert_eq!(quinn.labels(), ["Remove Pete"]);
    assert_eq!(
        quinn.send("/remove Olga").await,
        "An admin can't remove the owner."
    );
    assert!(quinn.send("/remove Quinn").await.contains("send /leave"));
    assert!(
        quinn
            .send("/remove Nobody")
            .await
            .contains("No member is called “Nobody”.")
    );
    olga.send("/members").await;
    assert_eq!(olga.labels(), ["Remove Quinn", "Remove Pete"]);

    quinn.send("/members").await;
    let card = quinn.press("Remove Pete").await;
    assert_eq!(
        card,
        "Remove Pete from “Olga”? They lose access to every record in it."
    );
    assert_eq!(
        quinn.press("Yes, remove").await,
        "Pete was removed and no longer sees anything in this workspace."
    );
    assert_eq!(
        olga.send("/members").await,
        "2 members:\nOlga · owner\nQuinn · admin"
    );

    // Pete's next messages see nothing of the team.
    let workspace = pete.send("/workspace").await;
    assert!(
        workspace.contains("You are in “Pete” (personal), as owner; 1 member."),
        "{workspace}"
    );
    assert_eq!(
        pete.send("/contacts").await,
        "You have no contacts yet. Add one with /new_contact."
    );
    assert!(!pete.send("/search shared").await.contains("Shared Lead"));
    assert!(!pete.send("/tasks").await.contains("call the lead"));
    for data in [
        format!("del:{contact}:yes"),
        format!("done:{task}"),
        format!("ws:{team_ws}"),
        format!("rm:{team_ws}:1:yes"),
    ] {
        assert_eq!(
            pete.button(&data).await,
            "That button is no longer valid. Send /help to start again.",
            "{data}"
        );
    }
    // His open task in the team is no longer assigned to him (no reminders about it).
    assert_eq!(
        count(
            engine.store(),
            "SELECT COUNT(*) FROM tasks WHERE assignee_user_id IS NOT NULL"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            engine.store(),
            "SELECT COUNT(*) FROM audit_log WHERE action = 'member.removed'"
        )
        .await,
        1
    );
    assert!(olga.send("/contact C1").await.contains("Shared Lead"));
}

async fn leaving_a_workspace(db: TestDb) {
    let engine = db.engine().await;
    let (mut olga, mut pete, _quinn) = team(&engine).await;
    assert_eq!(
        olga.send("/leave").await,
        "You are the owner: hand ownership over first with /role NAME owner, then /leave."
    );
    let card = pete.send("/leave").await;
    assert_eq!(
        card,
        "Leave “Olga”? You lose access to every record in it until someone invites you again."
    );
    assert_eq!(
        pete.press("Yes, leave").await,
        "You left “Olga”. You are now in “Pete”."
    );
    assert_eq!(
        pete.send("/contacts").await,
        "You have no contacts yet. Add one with /new_contact."
    );
    assert_eq!(
        pete.send("/leave").await,
        "This is your personal workspace; you can't leave it. Switch to another one with /workspace."
    );
    assert_eq!(
        olga.send("/members").await,
        "2 members:\nOlga · owner\nQuinn · admin"
    );
    // Alone in a team workspace: delete it rather than leave it orphaned.
    let mut uma = Chat::new(&engine, "Uma");
    uma.send("/workspace new Solo").await;
    assert!(uma.send("/leave").await.contains("/workspace delete"));
    assert_eq!(
        count(
            engine.store(),
            "SELECT COUNT(*) FROM audit_log WHERE action = 'workspace.left'"
        )
        .await,
        1
    );
}

async fn open_invites_are_listed_and_revoked(db: TestDb) {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap());
    let engine = db.engine_at(&clock).await;
    let (mut olga, mut pete, _quinn) = team(&engine).await;
    assert_eq!(
        olga.send("/invites").await,
        "There are no open invites in this workspace. Create one with /invite."
    );
    let first = join_command(&olga.send("/invite").await);
    // Listed in the order they were made (a minute apart here).
    clock.advance(chrono::Duration::minutes(1));
    let second = join_command(&olga.send("/invite admin").await);
    let list = olga.send("/invites").await;
    let ending = |command: &str| command[command.len() - 3..].to_string();
    assert_eq!(
        list,
        format!(
            "2 open invites:\n1. …{} · member · until Mon 30 Nov 10:00 · by Olga\n2. …{} · admin · until Mon 30 Nov 10:01 · by Olga",
            ending(&first),
            ending(&second)
        )
    );
    assert!(!list.contains(&first[first.len() - 12..]));
    assert_eq!(olga.labels(), ["Revoke 1", "Revoke 2"]);
    let revoke = olga.data_of("Revoke 1");
    assert!(!revoke.contains(&first[first.len() - 12..]));
    assert_eq!(
        pete.send("/invites").await,
        "Only admins and owners can see and revoke invites."
    );
    assert_eq!(pete.button(&revoke).await, "This button is not for you.");
    assert_eq!(
        pete.button(untagged(&revoke)).await,
        "Only admins and owners can see and revoke invites."
    );
    assert_eq!(
        olga.press("Revoke 1").await,
        "The invite was revoked; its code no longer works."
    );
    assert!(olga.button(&revoke).await.contains("no longer open"));
    let mut sam = Chat::new(&engine, "Sam");
    assert_eq!(
        sam.send(&first).await,
        common::first_reply("That invite code is unknown, used or expired. Ask for a new one.")
    );
    assert!(
        sam.send(&second)
            .await
            .contains("You joined “Olga” as admin")
    );
    assert!(
        olga.send("/invites")
            .await
            .starts_with("There are no open invites")
    );
    assert_eq!(
        count(
            engine.store(),
            "SELECT COUNT(*) FROM audit_log WHERE action = 'invite.revoked'"
        )
        .await,
        1
    );
}

/// Button data without the tag that binds it to the user it was shown to (`~` and six
/// characters), as an older version sent it.
fn untagged(data: &str) -> &str {
    match data.strip_prefix('~') {
        Some(rest) => &rest[chatcrm::store::button_tags::TAG_LEN..],
        None => data,
    }
}
