//! The Windmill view: the tutorial's monitoring dashboard inside the console (workers, busy
//! ratio, DB pools, pull/save p95, jobs per second, queue), with an explanatory empty state.

use crate::api;
use crate::browser::now_secs;
use crate::core::chart_data::{range_data, series_legend, Grid};
use crate::core::endpoints::prometheus_graph_link_for;
use crate::core::error::{ApiError, Backend};
use crate::core::model::prometheus::QueryResult;
use crate::core::step::{align_range, auto_step};
use crate::core::time_range::TimeRange;
use crate::core::windmill_panels::{PANELS, PRESENCE_EXPR, SIMULATED_EXPR};
use crate::settings_store::use_settings;
use crate::views::chart_panel::ChartPanel;
use crate::views::derived::Derived;
use crate::views::poll::Poll;
use crate::views::poll_banner::PollBanner;
use crate::views::range_picker::RangePicker;
use crate::views::reactive::{effect, Shown};
use crate::views::refresh_control::RefreshControl;
use leptos::prelude::*;

fn non_empty(result: &QueryResult) -> bool {
    matches!(result, QueryResult::Vector(v) if !v.is_empty())
}

#[component]
pub fn WindmillPage() -> impl IntoView {
    let settings = use_settings();
    let range = RwSignal::new(TimeRange::Last(3600.0));
    let grid = RwSignal::new(Grid {
        start: 0.0,
        step: 1.0,
        len: 0,
    });
    // (Windmill metrics present, simulated)
    let presence = Poll::new(move || {
        let base = settings.with_untracked(|s| s.prometheus_base.clone());
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
            let poll = Poll::new(move || {
                let base = settings.with_untracked(|s| s.prometheus_base.clone());
                let g = grid.get_untracked();
                async move {
                    let answer =
                        api::prometheus::range_query(&base, expr, g.start, g.end(), g.step).await?;
                    range_data(g, answer, series_legend).map_err(|detail| ApiError::Malformed {
                        backend: Backend::Prometheus,
                        detail,
                    })
                }
            });
            (panel, poll)
        })
        .collect();
    let polls: Vec<_> = panels.iter().map(|(_, p)| *p).collect();
    let plan = move || {
        let (start, end) = range.get_untracked().bounds(now_secs());
        let step = auto_step(end - start, 1200.0, 15.0);
        let (start, end) = align_range(start, end, step);
        grid.set(Grid::new(start, end, step));
    };
    let restart_polls = polls.clone();
    effect(move || {
        range.track();
        settings.with(|s| s.prometheus_base.clone());
        plan();
        presence.restart();
        restart_polls.iter().for_each(|p| p.restart());
    });
    let refresh = move || {
        plan();
        presence.refresh();
        polls.iter().for_each(|p| p.refresh());
    };
    let present = move || presence.with_answer(|p| p.map(|(present, _)| *present));
    let simulated = move || presence.with_answer(|p| p.is_some_and(|(_, s)| *s));
    let auto_refresh = RwSignal::new(60u32);
    let charts = panels
        .into_iter()
        .map(|(panel, poll)| {
            let expr = panel.expr;
            let link = Derived::new(move || {
                let ui = settings.with(|s| s.prometheus_ui.clone());
                prometheus_graph_link_for(&ui, expr, range.get(), grid.get().step)
            });
            view! { <ChartPanel title=panel.title explanation=panel.explanation data=poll expr=Derived::new(move || expr.to_string()) link=link /> }
        })
        .collect_view();

    view! {
        <section class="page" aria-labelledby="page-title">
            <div class="page-head">
                <h1 id="page-title">"Windmill"</h1>
                <RefreshControl on_refresh=move |_| refresh() loading=Derived::new(move || presence.loading()) every_secs=auto_refresh />
            </div>
            <PollBanner poll=presence backend=Backend::Prometheus hide_data_time=true />
            {move || simulated().then(|| view! {
                <p class="simulated" role="note">"Simulated: these Windmill metrics come from gatewatch's simulator (simulator/windmill_metrics.py), not from a real Windmill."</p>
            }).shown()}
            {move || (present() == Some(false)).then(|| view! {
                <div class="notice">
                    <p><strong>"No Windmill metrics in Prometheus."</strong></p>
                    <p>"Windmill exposes them only in the Enterprise Edition, with METRICS_ADDR set (e.g. 0.0.0.0:8001) or the “Expose Metrics” instance setting, and Prometheus must scrape the servers and workers (jobs windmill_server and windmill_worker; see deploy/prometheus.yml)."</p>
                </div>
            }).shown()}
            <RangePicker range=Derived::new(move || range.get()) on_change={move |r: TimeRange| range.set(r)} now=Derived::new(move || grid.get().end()) />
            <div class="panel-grid">{charts}</div>
        </section>
    }
}
