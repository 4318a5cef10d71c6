//! Teams on both backends: workspaces, invites, joining, roles and their rights, the owner
//! rule, and isolation: every command with another workspace's handles or buttons sees
//! "not found", never the record.

use crate::common;
use crate::common::join_command;

use chatcrm::clock::Clock;
use chrono::{Duration, TimeZone, Utc};
use common::{Chat, TestDb, count};

both_backends!(
    invite_join_and_roles,
    invites_are_one_time_and_expire,
    workspace_switch_create_and_delete,
    every_command_is_scoped_to_the_workspace,
    the_done_button_writes_in_the_tasks_workspace,
);

async fn invite_join_and_roles(db: TestDb) {
    let engine = db.engine().await.with_bot_username("ChatCrmBot");
    let mut olga = Chat::new(&engine, "Olga");
    let mut pete = Chat::new(&engine, "Pete");
    let mut quinn = Chat::new(&engine, "Quinn");
    olga.send("/new_contact Shared Lead, lead@example.com")
        .await;

    let invite = olga.send("/invite").await;
    assert!(
        invite.starts_with("Invite as member, valid for 72 hours and usable once."),
        "{invite}"
    );
    assert!(
        invite.contains("https://t.me/ChatCrmBot?start=join_"),
        "{invite}"
    );
    let joined = pete.send(&join_command(&invite)).await;
    assert_eq!(
        joined,
        common::first_reply("You joined “Olga” as member. It is now your current workspace.")
    );
    // Inviting into a personal workspace made it a team workspace.
    assert!(
        olga.send("/workspace")
            .await
            .contains("You are in “Olga” (team), as owner; 2 members.")
    );

    // Members see and edit team records, but do not delete or manage members.
    assert!(pete.send("/contact C1").await.contains("C1 · Shared Lead"));
    assert!(
        pete.send("/edit C1 position Buyer")
            .await
            .contains("C1: position is now Buyer.")
    );
    assert!(
        pete.send("/new_contact Pete's Lead, pl@example.com")
            .await
            .contains("Saved C2.")
    );
    assert_eq!(
        pete.send("/delete C1").await,
        "Only admins and owners of this workspace can delete records."
    );
    // Nor by pressing a confirmation button of their own (untagged in a private chat, as
    // an older version sent it): the handler checks the role, not only the command.
    let shared_lead: i64 = sqlx::query_scalar("SELECT id FROM contacts WHERE name = 'Shared Lead'")
        .fetch_one(engine.store().pool())
        .await
        .unwrap();
    assert_eq!(
        pete.button(&format!("del:{shared_lead}:yes")).await,
        "Only admins and owners of this workspace can delete records."
    );
    assert!(pete.send("/contact C1").await.contains("C1 · Shared Lead"));
    assert_eq!(
        pete.send("/invite").await,
        "Only admins and owners can invite people."
    );
    assert!(
        pete.send("/role Olga member")
            .await
            .contains("You can't make that change")
    );

    let admin_invite = olga.send("/invite admin").await;
    assert!(
        admin_invite.starts_with("Invite as admin"),
        "{admin_invite}"
    );
    assert!(
        quinn
            .send(&join_command(&admin_invite))
            .await
            .contains("as admin")
    );
    assert_eq!(
        olga.send("/members").await,
        "3 members:\nOlga · owner\nQuinn · admin\nPete · member"
    );

    // Admins delete records and manage members, but cannot touch the owner.
    quinn.send("/delete C2").await;
    assert!(quinn.press("Yes, delete").await.contains("C2 deleted."));
    assert_eq!(quinn.send("/role pete admin").await, "Pete is now admin.");
    assert!(
        quinn
            .send("/role Olga member")
            .await
            .contains("You can't make that change")
    );
    assert!(
        quinn
            .send("/role Pete owner")
            .await
            .contains("You can't make that change")
    );
    assert!(
        quinn
            .send("/role Nobody admin")
            .await
            .contains("No member is called “Nobody”.")
    );
    assert!(
        quinn
            .send("/role Pete boss")
            .await
            .contains("Usage: /role NAME")
    );
    assert!(
        quinn
            .send("/workspace delete")
            .await
            .contains("Only the owner can delete this workspace.")
    );

    // The owner hands over ownership and becomes an admin.
    assert_eq!(olga.send("/role Quinn owner").await, "Quinn is now owner.");
    assert_eq!(
        olga.send("/members").await,
        "3 members:\nQuinn · owner\nOlga · admin\nPete · admin"
    );
    assert!(
        olga.send("/workspace delete")
            .await
            .contains("Only the owner can delete this workspace.")
    );
}

async fn invites_are_one_time_and_expire(db: TestDb) {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap());
    let engine = db.engine_at(&clock).await;
    let mut rita = Chat::new(&engine, "Rita");
    let mut sam = Chat::new(&engine, "Sam");
    let mut tom = Chat::new(&engine, "Tom");
    let invite = rita.send("/invite").await;
    let command = join_command(&invite);
    assert!(sam.send(&command).await.contains("You joined “Rita”"));
    assert_eq!(
        tom.send(&command).await,
        common::first_reply("That invite code is unknown, used or expired. Ask for a new one.")
    );
    assert!(
        tom.send("/start join_nonsense")
            .await
            .contains("unknown, used or expired")
    );

    let late = join_command(&rita.send("/invite").await);
    clock.advance(Duration::hours(73));
    assert!(tom.send(&late).await.contains("unknown, used or expired"));
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM memberships").await,
        4
    );
}

async fn workspace_switch_create_and_delete(db: TestDb) {
    let engine = db.engine().await;
    let mut uma = Chat::new(&engine, "Uma");
    uma.send("/new_contact Private, p@example.com").await;
    assert!(
        uma.send("/workspace new")
            .await
            .contains("What should the new workspace be called?")
    );
    let created = uma.send("Sales Team").await;
    assert!(
        created.starts_with("Workspace “Sales Team” created"),
        "{created}"
    );
    assert_eq!(
        uma.send("/contacts").await,
        "You have no contacts yet. Add one with /new_contact."
    );
    uma.send("/new_contact Team Lead, t@example.com").await;

    let shown = uma.send("/workspace").await;
    assert!(
        shown.contains("You are in “Sales Team” (team), as owner; 1 member."),
        "{shown}"
    );
    assert_eq!(uma.labels(), ["Uma"]);
    assert_eq!(uma.press("Uma").await, "You are now in “Uma”.");
    assert!(uma.send("/contacts").await.contains("C1 · Private"));
    assert!(
        uma.send("/workspace new Second Team")
            .await
            .contains("“Second Team” created")
    );

    let question = uma.send("/workspace delete").await;
    assert!(
        question.contains("Delete this workspace and every record in it"),
        "{question}"
    );
    assert_eq!(uma.press("Yes, delete").await, "The workspace was deleted.");
    // The next message lands in another workspace of hers.
    assert!(uma.send("/workspace").await.contains("You are in “Uma”"));
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM workspaces").await,
        2
    );
    assert!(
        uma.send("/workspace rename X")
            .await
            .contains("Usage: /workspace")
    );
}

async fn every_command_is_scoped_to_the_workspace(db: TestDb) {
    let engine = db.engine().await;
    let mut alice = Chat::new(&engine, "alice");
    let mut mallory = Chat::new(&engine, "mallory");
    alice.send("/new_company Secret Corp, secret.example").await;
    alice
        .send("/new_contact Secret Person, secret@example.com")
        .await;
    alice.send("/new_deal Secret Deal, 1000 EUR, C1").await;
    alice.send("/task C1 secret task tomorrow 10:00").await;
    alice.send("/note C1 secret note").await;
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM contacts UNION ALL SELECT id FROM deals UNION ALL SELECT id FROM tasks
         UNION ALL SELECT id FROM workspaces",
    )
    .fetch_all(engine.store().pool())
    .await
    .unwrap();
    let (contact, deal, task, workspace) = (ids[0], ids[1], ids[2], ids[3]);

    for (command, handle) in [
        ("/contact C1", "C1"),
        ("/edit C1 name Hacked", "C1"),
        ("/edit C1 company O1", "C1"),
        ("/delete C1", "C1"),
        ("/note C1 hi", "C1"),
        ("/note O1 hi", "O1"),
        ("/note D1 hi", "D1"),
        ("/note T1 hi", "T1"),
        ("/task C1 call", "C1"),
        ("/task D1 call", "D1"),
        ("/timeline C1", "C1"),
        ("/timeline O1", "O1"),
        ("/timeline D1", "D1"),
        ("/timeline T1", "T1"),
        ("/timeline N1", "N1"),
        ("/stage D1 won", "D1"),
        ("/done T1", "T1"),
        ("/new_deal Steal, C1", "C1"),
        ("C1", "C1"),
        ("O1", "O1"),
        ("D1", "D1"),
        ("T1", "T1"),
        ("N1", "N1"),
    ] {
        let reply = mallory.send(command).await;
        let reply = reply.trim_end_matches(common::TERMS_LINE).trim_end();
        let expected = format!("There is no {handle} in this workspace.");
        assert!(
            reply == expected || reply == format!("{expected} Nothing was saved."),
            "{command}: {reply}"
        );
    }
    for query in ["/contacts secret", "/companies secret", "/search secret"] {
        let reply = mallory.send(query).await;
        assert!(
            !reply.to_lowercase().contains("secret "),
            "{query}: {reply}"
        );
    }
    assert_eq!(
        mallory.send("/contacts").await,
        "You have no contacts yet. Add one with /new_contact."
    );
    assert_eq!(
        mallory.send("/deals").await,
        "There are no deals yet. Add one with /new_deal."
    );
    assert_eq!(mallory.send("/tasks").await, "You have no open tasks.");
    assert_eq!(
        mallory.send("/pipeline").await,
        "There are no deals yet. Add one with /new_deal."
    );
    // Forged buttons carrying Alice's database ids do nothing.
    for data in [
        format!("del:{contact}:yes"),
        format!("done:{task}"),
        format!("stage:{deal}:won"),
        format!("ws:{workspace}"),
        format!("wsdel:{workspace}"),
    ] {
        let reply = mallory.button(&data).await;
        assert_eq!(
            reply, "That button is no longer valid. Send /help to start again.",
            "{data}"
        );
    }
    // Mallory's own list holds his contact only, and counts only it.
    mallory
        .send("/new_contact Mallory Own, own@example.com")
        .await;
    let list = mallory.send("/contacts").await;
    assert!(
        list.contains("C1 · Mallory Own") && !list.to_lowercase().contains("secret"),
        "{list}"
    );
    assert!(list.starts_with("1 contact:\n"), "{list}");
    // Alice's records are untouched.
    let card = alice.send("/contact C1").await;
    assert!(
        card.starts_with("C1 · Secret Person")
            && card.contains("💰 D1 · Secret Deal · 1,000.00 EUR · lead"),
        "{card}"
    );
    assert_eq!(alice.send("/tasks").await.lines().count(), 2);
    assert_eq!(count(engine.store(), "SELECT COUNT(*) FROM notes").await, 1);
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM workspaces").await,
        2
    );
}

/// A task's Done button pressed while another workspace is current completes the task in
/// its own workspace: the timeline entry is written there, never in the current one; a
/// button for a task of a workspace the presser does not belong to does nothing.
async fn the_done_button_writes_in_the_tasks_workspace(db: TestDb) {
    let engine = db.engine().await;
    let store = engine.store().clone();
    let mut wanda = Chat::new(&engine, "Wanda");
    let mut xena = Chat::new(&engine, "Xena");
    xena.send("/help").await;
    assert!(wanda.send("/task Call the bank").await.contains("T1"));
    let done = wanda.data_of("✅ Done");
    let created = wanda.send("/workspace new Second").await;
    assert!(
        created.starts_with("Workspace “Second” created"),
        "{created}"
    );

    // Xena is no member of Wanda's workspace: the task's id gets her nothing.
    let task_id = count(&store, "SELECT MAX(id) FROM tasks").await;
    assert_eq!(
        xena.button(&format!("done:{task_id}")).await,
        "That button is no longer valid. Send /help to start again."
    );
    let done_entries =
        "SELECT COUNT(*) FROM activities WHERE record_kind = 'task' AND action = 'done'";
    assert_eq!(count(&store, done_entries).await, 0);
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM tasks WHERE done = 1").await,
        0
    );

    assert_eq!(wanda.button(&done).await, "✅ T1 done: Call the bank");
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM tasks WHERE done = 1").await,
        1
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM activities a JOIN tasks t ON t.id = a.record_id
             WHERE a.record_kind = 'task' AND a.action = 'done' AND a.workspace_id = t.workspace_id"
        )
        .await,
        1
    );
    assert_eq!(count(&store, done_entries).await, 1);
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM activities
             WHERE workspace_id = (SELECT id FROM workspaces WHERE name = 'Second')"
        )
        .await,
        0
    );
}
