//! Header badges saying whether Prometheus and the Pushgateways answer, and their versions: one
//! check per backend (every configured gateway in the gateway's), asked again when a base URL
//! changes ([`HealthBadge`] times the rest).

use crate::api;
use crate::components::health_badge::HealthBadge;
use crate::load::Load;
use crate::settings_store::use_bases;
use futures::future::join_all;
use gatewatch_core::http::error::Backend;
use gatewatch_core::http::health::gateways_check;
use leptos::prelude::*;

#[component]
pub fn BackendHealth() -> impl IntoView {
    let bases = use_bases();
    let backoff = bases.settings.with_untracked(|s| s.backoff());

    let prometheus = Load::with_backoff(backoff, None, move || {
        let base = bases.prometheus_base.get();
        async move { api::prometheus::build_info(&base).await.map(|b| b.version) }
    });
    let gateway = Load::with_backoff(backoff, None, move || {
        let gateways = bases.gateways.get();
        async move {
            let answers = join_all(gateways.iter().map(|b| api::gateway::status(b))).await;
            let answers = gateways
                .into_iter()
                .zip(answers)
                .map(|(base, answer)| (base, answer.map(|s| s.version)))
                .collect();
            gateways_check(answers)
        }
    });

    view! {
        <ul class="health" aria-label="Backend health">
            <HealthBadge backend=Backend::Prometheus check=prometheus />
            <HealthBadge backend=Backend::Pushgateway check=gateway />
        </ul>
    }
}
