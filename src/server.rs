//! `chatcrm serve`: starts the HTTP endpoint, the configured chat channels, their outbox
//! senders, the background jobs, the AI worker (when `[llm]` is configured) and (with
//! `[google]`) the Google worker, and stops them all on shutdown: the workers watch one
//! cancellation token, take no more work once it is cancelled, finish what they are doing
//! and end; only uploads still running are then cut and their rows handed back.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::channel::leases::Leases;
use crate::channel::telegram::api::TelegramApi;
use crate::channel::telegram::sender::Shaping;
use crate::channel::telegram::{Telegram, polling, sender};
use crate::channel::whatsapp::{self, WhatsApp};
use crate::config::{Config, TelegramMode};
use crate::engine::Engine;
use crate::google::worker::{POLL, Worker};
use crate::http::{self, HttpState};
use crate::jobs;
use crate::store::Store;

/// A running server; [`Server::stop`] shuts it down.
pub struct Server {
    pub addr: SocketAddr,
    /// The workers (pollers, senders, inbox worker, jobs); they end once `stop` is cancelled.
    tasks: Vec<JoinHandle<()>>,
    stop: CancellationToken,
    /// Rows the senders of both channels hold, handed back on stop.
    leases: Leases,
    store: Store,
    http: JoinHandle<std::io::Result<()>>,
    stop_http: oneshot::Sender<()>,
}

impl Server {
    /// Starts everything `config` enables, serving HTTP on `listener`.
    pub async fn start(
        config: &Config,
        engine: Engine,
        listener: TcpListener,
    ) -> anyhow::Result<Server> {
        let addr = listener.local_addr()?;
        let stop = CancellationToken::new();
        let mut tasks = Vec::new();
        let mut engine = engine;
        let leases = Leases::default();
        let store = engine.store().clone();
        let telegram = if config.telegram.token.is_empty() {
            None
        } else {
            let (telegram, channel_tasks) =
                start_telegram(config, &mut engine, leases.clone(), &stop).await?;
            tasks.extend(channel_tasks);
            Some(telegram)
        };
        let whatsapp = if config.whatsapp.enabled() {
            let (whatsapp, channel_tasks) = start_whatsapp(config, &engine, leases.clone(), &stop);
            tasks.extend(channel_tasks);
            Some(whatsapp)
        } else {
            None
        };
        let interval = std::time::Duration::from_secs(config.jobs.interval_secs);
        tasks.push(jobs::spawn(
            engine.store().clone(),
            engine.clock().clone(),
            interval,
            jobs::retention_from(&config.retention, &config.privacy),
            stop.clone(),
        ));
        if let Some(worker) = crate::ai::worker::Worker::new(&engine, &config.llm) {
            tasks.push(worker.spawn(stop.clone()));
            info!("AI worker running");
        }
        if let Some(google) = engine.google().cloned() {
            let worker = Worker::new(engine.store().clone(), google, crate::google::steps::all());
            tasks.push(tokio::spawn(worker.run(POLL, stop.clone())));
            info!("Google worker running");
        }
        crate::metrics::install();
        let state = HttpState {
            engine,
            telegram,
            telegram_secret: config.telegram.webhook_secret.clone(),
            admin_token: config.http.admin_token.clone(),
            export_dir: config.privacy.export_dir.clone(),
            whatsapp,
        };
        let (stop_http, stopped) = oneshot::channel::<()>();
        let http = tokio::spawn(http::serve(listener, state, async move {
            let _ = stopped.await;
        }));
        info!(%addr, "HTTP endpoint listening");
        Ok(Server {
            addr,
            tasks,
            stop,
            leases,
            store,
            http,
            stop_http,
        })
    }

    /// The token the workers watch; cancelling it starts the shutdown that
    /// [`Server::stop`] completes.
    pub fn stop_token(&self) -> CancellationToken {
        self.stop.clone()
    }

    /// Stops the channels and jobs: they take no more work, finish the sends and updates
    /// in flight and end (uploads still running are cancelled and their rows handed back
    /// for the next start); then the HTTP endpoint finishes its requests.
    pub async fn stop(self) {
        self.stop.cancel();
        // Once they have ended, no sender holds or spawns anything more.
        for task in self.tasks {
            if let Err(error) = task.await {
                warn!(%error, "a worker ended abnormally");
            }
        }
        self.leases.release(&self.store).await;
        let _ = self.stop_http.send(());
        let _ = self.http.await;
    }
}

async fn start_telegram(
    config: &Config,
    engine: &mut Engine,
    leases: Leases,
    stop: &CancellationToken,
) -> anyhow::Result<(Telegram, Vec<JoinHandle<()>>)> {
    let settings = &config.telegram;
    let api = TelegramApi::new(&settings.api_url, settings.token.clone());
    let (bot_id, username) = api
        .get_me()
        .await
        .context("Telegram getMe failed: check [telegram] token and api_url")?;
    *engine = engine.clone().with_bot_username(&username);
    let telegram = Telegram::new(api, engine.clone(), bot_id, leases);
    if let Err(error) = telegram.publish_commands().await {
        warn!(%error, "setMyCommands failed; the command menu may be outdated");
    }
    let mut tasks = Vec::new();
    match settings.mode {
        TelegramMode::Polling => {
            if let Err(error) = telegram.api.delete_webhook().await {
                warn!(%error, "deleteWebhook failed");
            }
            tasks.push(tokio::spawn(polling::run(
                telegram.clone(),
                settings.poll_timeout_secs,
                stop.clone(),
            )));
        }
        TelegramMode::Webhook => {
            let url = format!(
                "{}/webhooks/telegram",
                config.http.public_url.trim_end_matches('/')
            );
            telegram
                .api
                .set_webhook(&url, &settings.webhook_secret)
                .await
                .context("Telegram setWebhook failed")?;
        }
    }
    let shaping = settings.shaping.then(|| Arc::new(Shaping::default()));
    tasks.push(tokio::spawn(sender::run(
        telegram.clone(),
        shaping,
        stop.clone(),
    )));
    info!(bot = %username, mode = ?settings.mode, "Telegram channel running");
    Ok((telegram, tasks))
}

/// The WhatsApp channel needs no call at start: Meta calls the webhook. Its sender and
/// inbox worker start here; the inbox worker first processes what a previous run left.
fn start_whatsapp(
    config: &Config,
    engine: &Engine,
    leases: Leases,
    stop: &CancellationToken,
) -> (WhatsApp, Vec<JoinHandle<()>>) {
    let settings = &config.whatsapp;
    let whatsapp = WhatsApp::new(settings, engine.clone(), leases);
    let shaping = settings
        .shaping
        .then(|| Arc::new(whatsapp::sender::Shaping::default()));
    let tasks = vec![
        tokio::spawn(whatsapp::sender::run(
            whatsapp.clone(),
            shaping,
            stop.clone(),
        )),
        tokio::spawn(whatsapp::inbox::run(whatsapp.clone(), stop.clone())),
    ];
    info!(phone_number_id = %whatsapp.phone_number_id, "WhatsApp channel running");
    (whatsapp, tasks)
}
