//! One backend's health badge: up with its version, down with the error and advice on hover.
//! It re-checks every 15 s while the backend answers and with the retry backoff while it does
//! not, and at once when a page's read reports otherwise than it shows ([`HealthReports`]).

use crate::health_reports::HealthReports;
use crate::load::{Load, RefreshCause};
use gatewatch_core::http::error::Backend;
use gatewatch_core::http::health::{recheck_now, Badge, RECHECK_EVERY};
use leptos::prelude::*;

#[component]
pub fn HealthBadge(
    backend: Backend,
    /// The badge's own check of the backend, answering its version.
    check: Load<String>,
) -> impl IntoView {
    // A timer's refresh: while failing, the check keeps to its backoff instead.
    if let Ok(handle) =
        set_interval_with_handle(move || check.refresh(RefreshCause::Timer), RECHECK_EVERY)
    {
        on_cleanup(move || handle.clear());
    }
    let status = check.status;
    let badge = Memo::new(move |_| {
        Badge::from_checks(check.answered(), status.error.with(Option::is_some))
    });
    if let Some(reports) = use_context::<HealthReports>() {
        Effect::new(move || {
            if let Some(report) = reports.latest(backend) {
                // (the badge untracked: its own new state must not replay an old report)
                if recheck_now(badge.get_untracked(), report) {
                    check.refresh(RefreshCause::User);
                }
            }
        });
    }

    let name = backend.name();
    let class = move || match badge.get() {
        Badge::Checking => "badge checking",
        Badge::Up => "badge up",
        Badge::Down => "badge down",
    };
    let text = move || match badge.get() {
        Badge::Checking => format!("{name}: checking…"),
        Badge::Up => check.with(|v| format!("{name} {}", v.map_or("", String::as_str))),
        Badge::Down => format!("{name}: unreachable"),
    };
    let title = move || match status.error.get() {
        Some(e) => format!("{e}. {}", e.advice()),
        None if badge.get() == Badge::Up => format!("{name} is reachable"),
        None => format!("Checking {name}…"),
    };
    view! {
        <li class=class title=title data-backend=name>
            <span class="dot" aria-hidden="true"></span>
            <span>{text}</span>
        </li>
    }
}
