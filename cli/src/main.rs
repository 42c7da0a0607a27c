//! `gatewatch`: the console's group listing and safe cleanup as a command, on the same core
//! (gatewatch_core): the same freshness rules, the same re-check right before each delete and
//! the same verified outcome. Exit codes: 0 when everything went as planned, 1 when something
//! failed, 2 on a usage error (clap's own code).

mod args;
mod client;
mod commands;
mod confirm;
mod output;
mod select;

use args::{Cli, Command};
use clap::{CommandFactory, Parser};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // One thread: the deletes run a few at a time as one stream of futures (the core's
    // cleanup steps), which needs no thread pool.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("gatewatch: cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    let result = runtime.block_on(async {
        match &cli.command {
            Command::Groups(a) => commands::groups::run(&cli.global, a).await,
            Command::Clean(a) => commands::clean::run(&cli.global, a).await,
            Command::Delete(a) => commands::delete::run(&cli.global, a).await,
            Command::Completions { shell } => {
                clap_complete::generate(
                    *shell,
                    &mut Cli::command(),
                    "gatewatch",
                    &mut std::io::stdout(),
                );
                Ok(true)
            }
        }
    });
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("gatewatch: {message}");
            ExitCode::from(1)
        }
    }
}
