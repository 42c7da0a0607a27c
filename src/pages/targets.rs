//! The Targets view: every scrape target grouped by job, with health, last scrape age, scrape
//! duration and last error; a banner when a Windmill target or the gateway target is down.

use crate::api;
use crate::clock::use_clock;
use crate::components::load_banner::LoadBanner;
use crate::components::refresh_control::RefreshControl;
use crate::components::target_pool::TargetPool;
use crate::load::Load;
use crate::settings_store::use_bases;
use gatewatch_core::fleet::scrape_targets::{by_pool, down_alerts};
use gatewatch_core::http::error::Backend;
use leptos::prelude::*;

#[component]
pub fn TargetsPage() -> impl IntoView {
    let bases = use_bases();
    let targets = Load::new(move || {
        let base = bases.prometheus_base.get();
        async move { api::prometheus::targets(&base).await.map(|a| a.data) }
    });
    let now = use_clock();
    let list = move || targets.with(|t| t.cloned().unwrap_or_default());
    let pools = Memo::new(move |_| {
        targets.with(|t| {
            by_pool(t.map(Vec::as_slice).unwrap_or_default())
                .into_iter()
                .collect::<Vec<_>>()
        })
    });
    let pool_names =
        move || pools.with(|p| p.iter().map(|(name, _)| name.clone()).collect::<Vec<_>>());
    let auto_refresh = RwSignal::new(15u32);

    view! {
        <section class="page" aria-labelledby="page-title">
            <div class="page-head">
                <h1 id="page-title">"Targets"</h1>
                <RefreshControl on_refresh=move |cause| targets.refresh(cause) loading=Signal::derive(move || targets.status.loading()) every_secs=auto_refresh />
            </div>
            <LoadBanner load=targets backend=Backend::Prometheus />
            {move || {
                let down = down_alerts(&list());
                (!down.is_empty()).then(|| view! {
                    <div class="error-box" role="alert">
                        <strong>"Targets down"</strong>
                        <ul>{down.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                        <p>"While a target is down Prometheus has no fresh data from it: check the process and its metrics port."</p>
                    </div>
                })
            }}
            {move || (pools.with(Vec::is_empty) && targets.answered()).then(|| view! {
                <p class="notice">"Prometheus has no active scrape targets."</p>
            })}
            <For each=pool_names key=String::clone children=move |pool| {
                let name = pool.clone();
                let list = Signal::derive(move || pools.with(|p| {
                    p.iter().find(|(n, _)| *n == name).map(|(_, l)| l.clone()).unwrap_or_default()
                }));
                view! { <TargetPool name=pool targets=list now=now /> }
            } />
        </section>
    }
}
