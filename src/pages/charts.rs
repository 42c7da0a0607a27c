//! The Charts view: a job metric raw and irate-adjusted (optionally freshness-gated) on one time
//! grid, each with its PromQL. The view's state lives in the URL.

use crate::api;
use crate::browser::{chart_width, now_secs};
use crate::components::chart_panel::ChartPanel;
use crate::components::job_picker::JobPicker;
use crate::components::load_banner::LoadBanner;
use crate::components::range_picker::RangePicker;
use crate::components::refresh_control::RefreshControl;
use crate::load::{Load, RefreshCause};
use crate::query_state::use_query_state;
use crate::settings_store::{use_bases, use_settings};
use gatewatch_core::charts::chart_data::{job_legend, RangeData};
use gatewatch_core::charts::job_catalog::{extra_group_labels, jobs_with_metric, metric_names};
use gatewatch_core::charts::job_queries::{irate_window, JobQuery};
use gatewatch_core::charts::step::plan_grid;
use gatewatch_core::http::endpoints::prometheus_graph_link_for;
use gatewatch_core::http::error::Backend;
use gatewatch_core::time::format::format_duration;
use gatewatch_core::time::range::TimeRange;
use gatewatch_core::url_state::{parse_min_step, ChartsState};
use leptos::prelude::*;

/// How many expected intervals the freshness-gated view waits before showing 0.
const GATE_INTERVALS: f64 = 3.0;
/// Used until Prometheus tells the gateway target's real scrape interval.
const FALLBACK_SCRAPE_SECS: f64 = 15.0;

#[derive(Clone, Debug, PartialEq)]
struct Expressions {
    raw: String,
    irate: String,
    gated: String,
}

#[component]
pub fn ChartsPage() -> impl IntoView {
    let settings = use_settings();
    let bases = use_bases();
    let (state, set_state) = use_query_state(ChartsState::from_query, ChartsState::href);

    let groups = Load::new(move || {
        let base = bases
            .gateways
            .with(|g| g.first().cloned().unwrap_or_default());
        async move { api::gateway::list_groups(&base).await }
    });
    let setup = Load::new(move || {
        let base = bases.prometheus_base.get();
        async move { api::prometheus::scrape_setup(&base, now_secs()).await }
    });

    let metrics =
        Memo::new(move |_| groups.with(|g| g.map(|g| metric_names(g)).unwrap_or_default()));
    let jobs_for_metric = Memo::new(move |_| {
        let metric = state.with(|s| s.metric.clone());
        groups.with(|g| g.map(|g| jobs_with_metric(g, &metric)).unwrap_or_default())
    });
    let chosen_jobs = Memo::new(move |_| {
        let picked = state.with(|s| s.jobs.clone());
        if picked.is_empty() {
            jobs_for_metric.get()
        } else {
            picked
        }
    });
    let scrape_interval = Memo::new(move |_| setup.with(|s| s.and_then(|s| s.scrape_interval)));
    let expressions = Memo::new(move |_| {
        let (job_label, dialect) = setup.with(|s| s.map(|s| (s.job_label, s.dialect)))?;
        let jobs = chosen_jobs.get();
        if jobs.is_empty() {
            return None;
        }
        let extra = groups.with(|g| g.map(|g| extra_group_labels(g, &jobs)).unwrap_or_default());
        let query = JobQuery {
            metric: state.with(|s| s.metric.clone()),
            jobs,
            job_label,
            extra_group_labels: extra,
        };
        let window = irate_window(scrape_interval.get().unwrap_or(FALLBACK_SCRAPE_SECS));
        Some(Expressions {
            raw: query.raw(),
            irate: query.irate_adjusted(window),
            gated: query.freshness_gated(GATE_INTERVALS, dialect),
        })
    });

    // Where the charts' range ends: now, as of the last refresh.
    let clock = RwSignal::new(now_secs());
    let grid = Memo::new(move |_| {
        let (range, min_step) = state.with(|s| (s.range, s.min_step));
        let floor = min_step.unwrap_or_else(|| scrape_interval.get().unwrap_or(1.0));
        plan_grid(range, clock.get(), chart_width(), floor)
    });
    let show_gated = Memo::new(move |_| state.with(|s| s.gated));
    let range_load = move |pick: fn(&Expressions) -> &String, shown: Signal<bool>| {
        Load::new(move || {
            let base = bases.prometheus_base.get();
            let expr = expressions.with(|e| e.as_ref().map(|e| pick(e).clone()));
            let grid = grid.get();
            let shown = shown.get();
            async move {
                match expr.filter(|_| shown) {
                    Some(expr) => {
                        api::prometheus::range_chart(&base, &expr, grid, job_legend).await
                    }
                    None => Ok(RangeData::empty(grid)),
                }
            }
        })
    };
    let raw = range_load(|e| &e.raw, Signal::stored(true));
    let irate = range_load(|e| &e.irate, Signal::stored(true));
    let gated = range_load(|e| &e.gated, show_gated.into());
    let refresh = move |cause: RefreshCause| {
        groups.refresh(cause);
        // Charts that still load, or (for a timer) wait for their retry, are left alone.
        if ![raw, irate].iter().all(|l| l.status.may_refresh(cause)) {
            return;
        }
        clock.set(now_secs());
        for load in [raw, irate, gated] {
            load.refresh(cause);
        }
    };

    let expr_of = move |pick: fn(&Expressions) -> String| {
        Signal::derive(move || expressions.with(|e| e.as_ref().map(pick).unwrap_or_default()))
    };
    let link_of = move |pick: fn(&Expressions) -> String| {
        Signal::derive(move || {
            let expr = expressions.with(|e| e.as_ref().map(pick).unwrap_or_default());
            let ui = settings.with(|s| s.prometheus_ui.clone());
            prometheus_graph_link_for(&ui, &expr, state.with(|s| s.range), grid.get().step)
        })
    };
    let step_note = move || {
        let scrape = scrape_interval.get()?;
        let step = grid.get().step;
        (step > scrape).then(|| {
            format!(
                "The step ({}) is longer than the gateway's scrape interval ({}): only pushes in the last scrape before each step show. Pick a shorter range to see every push.",
                format_duration(step),
                format_duration(scrape)
            )
        })
    };
    let now = Signal::derive(move || grid.get().end());
    let auto_refresh = RwSignal::new(15u32);
    let min_step_text =
        move || state.with(|s| s.min_step.map(|m| m.to_string()).unwrap_or_default());

    view! {
        <section class="page" aria-labelledby="page-title">
            <div class="page-head">
                <h1 id="page-title">"Charts"</h1>
                <RefreshControl on_refresh=refresh loading=Signal::derive(move || raw.status.loading() || irate.status.loading()) every_secs=auto_refresh />
            </div>
            <LoadBanner load=setup backend=Backend::Prometheus hide_data_time=true />
            <div class="chart-controls">
                <JobPicker
                    metrics=metrics
                    metric=Signal::derive(move || state.with(|s| s.metric.clone()))
                    on_metric={move |metric: String| set_state.run(ChartsState { metric, jobs: Vec::new(), ..state.get_untracked() })}
                    jobs=jobs_for_metric
                    chosen=Signal::derive(move || state.with(|s| s.jobs.clone()))
                    on_jobs={move |jobs: Vec<String>| set_state.run(ChartsState { jobs, ..state.get_untracked() })}
                />
                <RangePicker
                    range=Signal::derive(move || state.with(|s| s.range))
                    on_change={move |range: TimeRange| set_state.run(ChartsState { range, ..state.get_untracked() })}
                    now=now
                />
                <div class="step-controls">
                    <label for="min-step">"Min step (s)"</label>
                    <input id="min-step" type="number" min="0.001" step="any" placeholder="auto"
                        prop:value=min_step_text
                        on:change=move |ev| {
                            let min_step = parse_min_step(&event_target_value(&ev));
                            set_state.run(ChartsState { min_step, ..state.get_untracked() });
                        } />
                    <span class="hint">{move || format!("step {}", format_duration(grid.get().step))}</span>
                    <input id="show-gated" type="checkbox" prop:checked=move || show_gated.get()
                        on:change=move |ev| set_state.run(ChartsState { gated: event_target_checked(&ev), ..state.get_untracked() }) />
                    <label for="show-gated">"Also show the freshness-gated view"</label>
                </div>
            </div>
            {move || (groups.answered() && chosen_jobs.with(Vec::is_empty)).then(|| view! {
                <p class="notice">"No job on the gateway pushes this metric. Pick another metric above."</p>
            })}
            <ChartPanel
                title="Raw value"
                explanation="The value as pushed. The gateway keeps it forever: it stays flat when a schedule stops."
                data=raw expr=expr_of(|e| e.raw.clone()) link=link_of(|e| e.raw.clone())
            />
            <ChartPanel
                title="Irate-adjusted"
                explanation="The value at steps where a push happened, 0 where none did and after pushes stop."
                data=irate expr=expr_of(|e| e.irate.clone()) link=link_of(|e| e.irate.clone())
            />
            {move || step_note().map(|n| view! { <p class="hint">{n}</p> })}
            <Show when=move || show_gated.get()>
                <ChartPanel
                    title="Freshness-gated"
                    explanation="The value while the last push is younger than 3 expected push intervals, else 0."
                    data=gated expr=expr_of(|e| e.gated.clone()) link=link_of(|e| e.gated.clone())
                />
            </Show>
        </section>
    }
}
