//! The import rule of docs/ARCHITECTURE.md, checked on the source: the core layers
//! (engine, router, handlers, store, privacy, crm, jobs) never import the channel adapters
//! (`crate::channel`), and the conversation types in `src/message/` import nothing of ours
//! but `crm` and `i18n`. The engine, the router, the handlers and the adapters never name
//! sqlx: they see `store::Error`.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file at `path` (a file or a folder, walked).
pub(crate) fn rust_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(path).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The lines of the files under `src/{part}` that name `crate::{module}` (as a whole path
/// segment), as "file:line: text".
fn naming(parts: &[&str], module: &str) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let needle = format!("crate::{module}");
    let mut found = Vec::new();
    for part in parts {
        for file in rust_files(&src.join(part)) {
            let text = fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                let whole_segment = line.match_indices(&needle).any(|(at, _)| {
                    line[at + needle.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
                });
                if whole_segment {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn the_core_does_not_import_the_channel_adapters() {
    let core = [
        "engine.rs",
        "router",
        "handlers",
        "store",
        "privacy",
        "crm",
        "jobs",
        "message",
    ];
    let found = naming(&core, "channel");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The store and the privacy rules sit below the router and the handlers: the store names
/// none of router, privacy, handlers or engine, and privacy names neither handlers nor
/// engine (before: `store/button_tags` used `router::owner`, `store/erasure` read
/// `privacy::registry`, `privacy/terms` wrapped `handlers::dispatch`).
#[test]
fn the_store_and_privacy_do_not_import_upwards() {
    let mut found = Vec::new();
    for upper in ["router", "privacy", "handlers", "engine"] {
        found.extend(naming(&["store"], upper));
    }
    for upper in ["handlers", "engine"] {
        found.extend(naming(&["privacy"], upper));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_conversation_types_import_only_crm_and_i18n() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules: Vec<String> = fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
        .filter(|m| !["crm", "i18n", "message", "lib", "main"].contains(&m.as_str()))
        .collect();
    assert!(modules.contains(&"channel".to_string()));
    let found: Vec<String> = modules
        .iter()
        .flat_map(|module| naming(&["message"], module))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The engine, the router, the handlers and the channel adapters see the store's own
/// error type (`store::Error`), never sqlx: the database is the store's business.
#[test]
fn the_engine_router_handlers_and_adapters_never_name_sqlx() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for part in ["engine.rs", "router", "handlers", "channel"] {
        for file in rust_files(&src.join(part)) {
            let text = fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                if line.contains("sqlx::") || line.trim_start().starts_with("use sqlx") {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
