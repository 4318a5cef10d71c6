//! The real `chatcrm chat` binary with `CHATCRM_LLM__*` pointing at the fake model: a piped
//! note prints the card (the console waits for the AI worker at the end of input), and the
//! next session's typed "1" confirms it, so the sentence becomes contact, company, deal
//! and task.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::common;

use common::ai::{ANNA_NOTE, always, anna};
use common::fake_llm::{FakeLlm, KEY, MODEL};

fn chat(dir: std::path::PathBuf, base_url: String, stdin: String) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chatcrm"))
        .args(["chat", "--as", "ada", "--lang", "en"])
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .env("CHATCRM_LLM__BASE_URL", base_url)
        .env("CHATCRM_LLM__API_KEY", KEY)
        .env("CHATCRM_LLM__MODEL", MODEL)
        .env("CHATCRM_LLM__TIMEOUT_SECS", "5")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run chatcrm");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().expect("chatcrm finishes")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_piped_note_prints_the_card_and_a_typed_answer_confirms_it() {
    let fake = FakeLlm::start().await;
    always(&fake, anna(), 100);
    let dir = tempfile::tempdir().unwrap();
    let run = |stdin: String| {
        let (dir, url) = (dir.path().to_path_buf(), fake.base_url().to_string());
        tokio::task::spawn_blocking(move || chat(dir, url, stdin))
    };
    let output = run(format!("/consent ai on\n{ANNA_NOTE}\n")).await.unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(out.contains("Reading your note…"), "{out}");
    assert!(out.contains("👤 New contact: Anna Petrova"), "{out}");
    assert!(
        out.contains("  1) Confirm\n  2) Edit\n  3) Cancel"),
        "{out}"
    );
    assert_eq!(fake.calls(), 1);

    let output = run("1\n/contacts\n/deals\n/tasks\n".into()).await.unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("Saved from your note:"), "{out}");
    for line in [
        "C1 · Anna Petrova",
        "D1 · Acme CRM rollout",
        "Send the proposal",
    ] {
        assert!(out.contains(line), "{line} not in {out}");
    }
    assert_eq!(fake.calls(), 1);
}
