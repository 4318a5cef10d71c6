//! The attachment quota per uploading user, on both backends: a user who creates more
//! workspaces does not get more room; the per-workspace quota still holds on its own.

use crate::common;

use chatcrm::crm::files::MB;
use chatcrm::engine::Engine;
use chatcrm::handlers::Settings;
use chatcrm::message::Payload;
use common::{Chat, TestDb, count};

both_backends!(more_workspaces_do_not_mean_more_room);

async fn attach(chat: &mut Chat, file_name: &str, size: usize) -> String {
    let payload = Payload::Document {
        file_name: file_name.into(),
        bytes: vec![b'z'; size],
        caption: "C1".into(),
    };
    chat.deliver(payload, None).await
}

/// 1 MB a file, 2 MB a workspace, 3 MB a user: two files of 0.9 MB in the personal
/// workspace and one in a second workspace fit; a fourth file, though its workspace has
/// room, would pass the user's 3 MB and is refused, saying so; nothing is stored.
async fn more_workspaces_do_not_mean_more_room(db: TestDb) {
    let settings = Settings {
        max_file_bytes: MB as usize,
        workspace_files_bytes: 2 * MB,
        user_files_bytes: 3 * MB,
        ..Settings::default()
    };
    let engine = Engine::new(db.store().await, settings);
    let mut olga = Chat::new(&engine, "6101");
    let size = (MB * 9 / 10) as usize;
    olga.send("/new_contact Anna Petrova, anna@example.com")
        .await;
    for name in ["a.pdf", "b.pdf"] {
        let reply = attach(&mut olga, name, size).await;
        assert!(reply.starts_with("Attached"), "{reply}");
    }
    let created = olga.send("/workspace new Side project").await;
    assert!(
        created.starts_with("Workspace “Side project” created"),
        "{created}"
    );
    olga.send("/new_contact Boris Ivanov, boris@example.com")
        .await;
    let reply = attach(&mut olga, "c.pdf", size).await;
    assert!(reply.starts_with("Attached"), "{reply}");
    assert_eq!(
        attach(&mut olga, "d.pdf", size).await,
        "You have no room for this file: your files already take 2.7 MB of the 3 MB one \
         account may keep across all its workspaces, and this one is 0.9 MB. Nothing was saved."
    );
    let store = engine.store();
    assert_eq!(count(store, "SELECT COUNT(*) FROM files").await, 3);
    // Someone else still has their own room.
    let mut pete = Chat::new(&engine, "6102");
    pete.send("/new_contact Carl Meyer, carl@example.com").await;
    let reply = attach(&mut pete, "e.pdf", size).await;
    assert!(reply.starts_with("Attached"), "{reply}");
    assert_eq!(count(store, "SELECT COUNT(*) FROM files").await, 4);
}
