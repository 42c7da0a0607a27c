//! The Windmill view: the tutorial's monitoring dashboard inside the console (workers, busy
//! ratio, DB pools, pull/save p95, jobs per second, queue), with an explanatory empty state.

use crate::api;
use crate::browser::{chart_width, now_secs};
use crate::components::chart_panel::ChartPanel;
use crate::components::load_banner::LoadBanner;
use crate::components::range_picker::RangePicker;
use crate::components::refresh_control::RefreshControl;
use crate::load::{Load, LoadStatus, RefreshCause};
use crate::settings_store::{use_bases, use_settings};
use gatewatch_core::charts::chart_data::series_legend;
use gatewatch_core::charts::step::plan_grid;
use gatewatch_core::fleet::windmill_panels::{PANELS, PRESENCE_EXPR, SIMULATED_EXPR};
use gatewatch_core::http::endpoints::prometheus_graph_link_for;
use gatewatch_core::http::error::Backend;
use gatewatch_core::prometheus::model::QueryResult;
use gatewatch_core::time::range::TimeRange;
use leptos::prelude::*;

fn non_empty(result: &QueryResult) -> bool {
    matches!(result, QueryResult::Vector(v) if !v.is_empty())
}

#[component]
pub fn WindmillPage() -> impl IntoView {
    let settings = use_settings();
    let bases = use_bases();
    let range = RwSignal::new(TimeRange::Last(3600.0));
    // Where the charts' range ends: now, as of the last refresh.
    let clock = RwSignal::new(now_secs());
    let grid = Memo::new(move |_| plan_grid(range.get(), clock.get(), chart_width(), 15.0));
    // (Windmill metrics present, simulated)
    let presence = Load::new(move || {
        let base = bases.prometheus_base.get();
        async move {
            let present = api::prometheus::instant_query(&base, PRESENCE_EXPR, None).await?;
            let simulated = api::prometheus::instant_query(&base, SIMULATED_EXPR, None).await?;
            Ok((non_empty(&present.data), non_empty(&simulated.data)))
        }
    });
    let panels: Vec<_> = PANELS
        .iter()
        .map(|panel| {
            let expr = panel.expr;
            let load = Load::new(move || {
                let base = bases.prometheus_base.get();
                let g = grid.get();
                async move { api::prometheus::range_chart(&base, expr, g, series_legend).await }
            });
            (panel, load)
        })
        .collect();
    let loads: Vec<LoadStatus> = panels.iter().map(|(_, load)| load.status).collect();
    let refresh = move |cause: RefreshCause| {
        presence.refresh(cause);
        // Charts that still load, or (for a timer) wait for their retry, are left alone.
        if !loads.iter().all(|l| l.may_refresh(cause)) {
            return;
        }
        clock.set(now_secs());
        loads.iter().for_each(|load| load.refresh(cause));
    };
    let present = move || presence.with(|p| p.map(|(present, _)| *present));
    let simulated = move || presence.with(|p| p.is_some_and(|(_, s)| *s));
    let auto_refresh = RwSignal::new(60u32);
    let charts = panels
        .into_iter()
        .map(|(panel, load)| {
            let expr = panel.expr;
            let link = Signal::derive(move || {
                let ui = settings.with(|s| s.prometheus_ui.clone());
                prometheus_graph_link_for(&ui, expr, range.get(), grid.get().step)
            });
            view! { <ChartPanel title=panel.title explanation=panel.explanation data=load expr=Signal::derive(move || expr.to_string()) link=link /> }
        })
        .collect_view();

    view! {
        <section class="page" aria-labelledby="page-title">
            <div class="page-head">
                <h1 id="page-title">"Windmill"</h1>
                <RefreshControl on_refresh=refresh loading=Signal::derive(move || presence.status.loading()) every_secs=auto_refresh />
            </div>
            <LoadBanner load=presence backend=Backend::Prometheus hide_data_time=true />
            {move || simulated().then(|| view! {
                <p class="simulated" role="note">"Simulated: these Windmill metrics come from gatewatch's simulator (simulator/windmill_metrics.py), not from a real Windmill."</p>
            })}
            {move || (present() == Some(false)).then(|| view! {
                <div class="notice">
                    <p><strong>"No Windmill metrics in Prometheus."</strong></p>
                    <p>"Windmill exposes them only in the Enterprise Edition, with METRICS_ADDR set (e.g. 0.0.0.0:8001) or the “Expose Metrics” instance setting, and Prometheus must scrape the servers and workers (jobs windmill_server and windmill_worker; see deploy/prometheus.yml)."</p>
                </div>
            })}
            <RangePicker range=Signal::derive(move || range.get()) on_change={move |r: TimeRange| range.set(r)} now=Signal::derive(move || grid.get().end()) />
            <div class="panel-grid">{charts}</div>
        </section>
    }
}
