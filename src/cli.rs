//! The command line: `chatcrm [--config PATH] chat|serve|migrate`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// ChatCRM: a CRM you operate from Telegram, WhatsApp or this console.
#[derive(Debug, Parser)]
#[command(name = "chatcrm", version, about)]
pub struct Cli {
    /// Configuration file (default: ./bot.toml when it exists).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: CliCommand,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Talk to ChatCRM in this terminal: no token, no network needed.
    Chat {
        /// Which local user you are (default: your login name).
        #[arg(long = "as", value_name = "NAME")]
        as_user: Option<String>,
        /// Reply language; default: from $LANG on the first run, then what was set last.
        #[arg(long, value_name = "CODE", value_parser = ["en", "ru", "es"], ignore_case = true)]
        lang: Option<String>,
    },
    /// Run the configured chat channels until stopped (Ctrl-C).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
}
