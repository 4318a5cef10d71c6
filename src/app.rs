//! Wiring: configuration → logging → store → engine → the channel the CLI asked for.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Context;
use tracing::info;
use tracing_subscriber::EnvFilter;

use crate::channel::console::{self, ConsoleUser};
use crate::cli::{Cli, CliCommand};
use crate::config::{Config, redacted_url};
use crate::engine::Engine;
use crate::handlers::Settings;
use crate::i18n::Locale;
use crate::jobs;
use crate::message::Channel;
use crate::server::Server;
use crate::store::{Store, users};

/// Runs the CLI; errors are printed without secrets and turn into a failing exit code.
pub async fn run(cli: Cli) -> ExitCode {
    match run_inner(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("chatcrm: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run_inner(cli: Cli) -> anyhow::Result<()> {
    let config = Config::load(cli.config.as_deref())?;
    init_logging(&config);
    match cli.command {
        CliCommand::Chat { as_user, lang } => {
            let engine = build_engine(&config).await?;
            let name = as_user.unwrap_or_else(login_name);
            if let Some(lang) = &lang {
                set_console_language(
                    engine.store(),
                    &name,
                    Locale::from_language_code(Some(lang)),
                )
                .await
                .context("storing the reply language")?;
            }
            let stop_jobs = tokio_util::sync::CancellationToken::new();
            // The AI worker answers in the background; its replies reach the console
            // through the outbox like reminders do.
            let ai_worker = crate::ai::worker::Worker::new(&engine, &config.llm)
                .map(|worker| worker.spawn(stop_jobs.clone()));
            let user = ConsoleUser {
                name,
                language: lang.or_else(|| std::env::var("LANG").ok()),
                wait_for_ai: ai_worker.is_some().then(|| ai_wait(&config.llm)),
            };
            let jobs = jobs::spawn(
                engine.store().clone(),
                engine.clock().clone(),
                job_interval(&config),
                jobs::retention_from(&config.retention, &config.privacy),
                stop_jobs.clone(),
            );
            // A line editor with history at a terminal; plain lines when piped.
            let lines = if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
                console::Lines::terminal()?
            } else {
                console::Lines::piped(tokio::io::stdin())
            };
            console::run(&engine, &user, lines, tokio::io::stdout()).await?;
            // A job run under way is finished before the database closes.
            stop_jobs.cancel();
            let _ = jobs.await;
            if let Some(worker) = ai_worker {
                let _ = worker.await;
            }
            engine.store().close().await;
            Ok(())
        }
        CliCommand::Migrate => {
            let store = Store::open(&config.database).await?;
            let (shipped, applied) = store.migration_status().await?;
            println!(
                "{}: {applied} of {shipped} migrations applied",
                redacted_url(config.database.url.expose())
            );
            store.close().await;
            Ok(())
        }
        CliCommand::Serve => serve(&config).await,
    }
}

/// `chatcrm chat --lang CODE`: the console user `name` replies in `locale` from now on,
/// also when they already exist (the language of a new user is taken on first contact).
pub async fn set_console_language(store: &Store, name: &str, locale: Locale) -> anyhow::Result<()> {
    let mut tx = store.begin().await?;
    users::set_identity_locale(&mut tx, Channel::Console.as_str(), name, locale).await?;
    tx.commit().await?;
    Ok(())
}

/// Opens the database (applying migrations) and builds the engine over it.
pub async fn build_engine(config: &Config) -> anyhow::Result<Engine> {
    // Each of the store's errors names the database and the cause in one line already.
    let store = Store::open(&config.database).await?;
    info!(backend = ?store.backend(), url = %redacted_url(config.database.url.expose()), "database ready");
    let engine = Engine::new(store, settings_from(config));
    match crate::google::Google::from_config(config).context("setting up Google")? {
        Some(google) => Ok(engine.with_google(google)),
        None => Ok(engine),
    }
}

/// The handler settings a configuration implies.
pub fn settings_from(config: &Config) -> Settings {
    Settings::from_config(config)
}

async fn serve(config: &Config) -> anyhow::Result<()> {
    if config.telegram.token.is_empty() && !config.whatsapp.enabled() {
        anyhow::bail!(
            "no chat channel is configured: set [telegram] token (or CHATCRM_TELEGRAM__TOKEN), \
             or [whatsapp] access_token, phone_number_id, app_secret and verify_token; \
             to try ChatCRM without one, run `chatcrm chat`"
        );
    }
    let engine = build_engine(config).await?;
    let listener = tokio::net::TcpListener::bind(&config.http.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.http.bind))?;
    let server = Server::start(config, engine.clone(), listener).await?;
    shutdown_signal().await;
    info!("shutting down");
    server.stop().await;
    engine.store().close().await;
    Ok(())
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

/// How long the console waits at the end of input for AI answers: every attempt the
/// client may make, and a little more.
fn ai_wait(llm: &crate::config::LlmConfig) -> std::time::Duration {
    let retries = u64::from(llm.max_retries);
    std::time::Duration::from_secs(
        llm.timeout_secs * (retries + 1) + llm.max_retry_wait_secs * retries + 5,
    )
}

fn job_interval(config: &Config) -> std::time::Duration {
    std::time::Duration::from_secs(config.jobs.interval_secs)
}

fn init_logging(config: &Config) {
    let filter =
        EnvFilter::try_from_env("RUST_LOG").unwrap_or_else(|_| EnvFilter::new(&config.log.level));
    // Colours only on a terminal: a log file or journald gets plain text.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

/// The login name of whoever runs the console ($USER, $LOGNAME or $USERNAME).
fn login_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "me".to_string())
}
