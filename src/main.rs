//! The `chatcrm` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    chatcrm::app::run(chatcrm::cli::Cli::parse()).await
}
