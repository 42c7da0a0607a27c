//! Header badges saying whether Prometheus and the Pushgateway answer, and their versions.

use crate::api;
use crate::core::error::ApiError;
use crate::settings_store::use_settings;
use leptos::prelude::*;
use std::time::Duration;

/// How often the badges re-check the backends.
const RECHECK_EVERY: Duration = Duration::from_secs(15);

#[component]
pub fn BackendHealth() -> impl IntoView {
    let settings = use_settings();
    let tick = RwSignal::new(0u32);
    if let Ok(handle) = set_interval_with_handle(
        move || tick.update(|t| *t = t.wrapping_add(1)),
        RECHECK_EVERY,
    ) {
        on_cleanup(move || handle.clear());
    }

    let prometheus = LocalResource::new(move || {
        tick.track();
        let base = settings.with(|s| s.prometheus_base.clone());
        async move { api::prometheus::build_info(&base).await.map(|b| b.version) }
    });
    let gateway = LocalResource::new(move || {
        tick.track();
        let base = settings.with(|s| s.pushgateway_base.clone());
        async move {
            api::gateway::status(&base)
                .await
                .map(|s| s.version.unwrap_or_else(|| "version unknown".into()))
        }
    });

    view! {
        <ul class="health" aria-label="Backend health">
            <HealthBadge name="Prometheus" state=Signal::derive(move || prometheus.get()) />
            <HealthBadge name="Pushgateway" state=Signal::derive(move || gateway.get()) />
        </ul>
    }
}

#[component]
fn HealthBadge(
    name: &'static str,
    #[prop(into)] state: Signal<Option<Result<String, ApiError>>>,
) -> impl IntoView {
    let class = move || match state.get() {
        None => "badge checking",
        Some(Ok(_)) => "badge up",
        Some(Err(_)) => "badge down",
    };
    let text = move || match state.get() {
        None => format!("{name}: checking…"),
        Some(Ok(version)) => format!("{name} {version}"),
        Some(Err(_)) => format!("{name}: unreachable"),
    };
    let title = move || match state.get() {
        None => format!("Checking {name}…"),
        Some(Ok(_)) => format!("{name} is reachable"),
        Some(Err(e)) => format!("{e}. {}", e.advice()),
    };
    view! {
        <li class=class title=title data-backend=name>
            <span class="dot" aria-hidden="true"></span>
            <span>{text}</span>
        </li>
    }
}
