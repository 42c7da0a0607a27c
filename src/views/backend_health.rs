//! Header badges saying whether Prometheus and the Pushgateway answer, and their versions: one
//! check per backend, re-run when its base URL changes ([`HealthBadge`] times the rest).

use crate::api;
use crate::core::error::Backend;
use crate::settings_store::use_settings;
use crate::views::health_badge::HealthBadge;
use crate::views::poll::Poll;
use crate::views::reactive::effect;
use leptos::prelude::*;

#[component]
pub fn BackendHealth() -> impl IntoView {
    let settings = use_settings();
    let backoff = settings.with_untracked(|s| s.backoff());
    let prometheus_base = Memo::new(move |_| settings.with(|s| s.prometheus_base.clone()));
    let gateway_base = Memo::new(move |_| settings.with(|s| s.pushgateway_base.clone()));

    let prometheus = Poll::with_backoff(backoff, move || {
        let base = prometheus_base.get_untracked();
        async move { api::prometheus::build_info(&base).await.map(|b| b.version) }
    });
    let gateway = Poll::with_backoff(backoff, move || {
        let base = gateway_base.get_untracked();
        async move {
            api::gateway::status(&base)
                .await
                .map(|s| s.version.unwrap_or_else(|| "version unknown".into()))
        }
    });
    // Check now, and again at once when a base URL changes.
    effect(move || {
        prometheus_base.track();
        prometheus.restart();
    });
    effect(move || {
        gateway_base.track();
        gateway.restart();
    });

    view! {
        <ul class="health" aria-label="Backend health">
            <HealthBadge backend=Backend::Prometheus check=prometheus />
            <HealthBadge backend=Backend::Pushgateway check=gateway />
        </ul>
    }
}
