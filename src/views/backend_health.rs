//! Header badges saying whether Prometheus and the Pushgateways answer, and their versions: one
//! check per backend (every configured gateway in the gateway's), re-run when a base URL
//! changes ([`HealthBadge`] times the rest).

use crate::api;
use crate::core::error::Backend;
use crate::core::health::gateways_check;
use crate::core::join::join_every;
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
    let gateway_bases = Memo::new(move |_| settings.with(|s| s.gateways()));

    let prometheus = Poll::with_backoff(backoff, move || {
        let base = prometheus_base.get_untracked();
        async move { api::prometheus::build_info(&base).await.map(|b| b.version) }
    });
    let gateway = Poll::with_backoff(backoff, move || {
        let bases = gateway_bases.get_untracked();
        async move {
            let answers = join_every(bases.iter().map(|b| api::gateway::status(b))).await;
            let answers = bases
                .into_iter()
                .zip(answers)
                .map(|(base, answer)| (base, answer.map(|s| s.version)))
                .collect();
            gateways_check(answers)
        }
    });
    // Check now, and again at once when a base URL changes.
    effect(move || {
        prometheus_base.track();
        prometheus.restart();
    });
    effect(move || {
        gateway_bases.track();
        gateway.restart();
    });

    view! {
        <ul class="health" aria-label="Backend health">
            <HealthBadge backend=Backend::Prometheus check=prometheus />
            <HealthBadge backend=Backend::Pushgateway check=gateway />
        </ul>
    }
}
