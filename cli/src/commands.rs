//! One module per command; each returns whether everything went as planned, or why it could
//! not start.

pub mod clean;
pub mod delete;
pub mod groups;

use gatewatch_core::http::error::ApiError;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A progress bar on stderr when it is a terminal (and the output is not JSON), else hidden.
pub fn progress_bar(total: usize, json: bool) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(
        Some(total as u64),
        if json || !std::io::stderr().is_terminal() {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        },
    );
    if let Ok(style) =
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} groups ({elapsed})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// The gateways that could not be read, one line each on stderr (the others were listed).
pub fn warn_unread(errors: &[ApiError]) {
    for e in errors {
        eprintln!("gatewatch: {}", explain(e));
    }
}

/// The error and what to check, in one line. (The core's `advice` speaks of the console's
/// Settings; here the address comes from --gateway.)
pub fn explain(e: &ApiError) -> String {
    let check = match e {
        ApiError::Unreachable { .. } => "is the gateway running at the --gateway address?",
        ApiError::Http { .. } => {
            "is --gateway a Pushgateway's base URL (or the console's /pushgateway proxy)?"
        }
        ApiError::Malformed { .. } => {
            "is --gateway a Pushgateway? Its answer is not the API's JSON"
        }
        _ => "check the request and retry",
    };
    format!("{e} — {check}")
}
