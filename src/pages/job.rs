//! The Job page: one job's runs over the range, read from the backend's history of
//! push_time_seconds and push_failure_time_seconds; the schedule they follow (inferred or set);
//! missed and late runs; the runs table; and the job's metric charted raw and irate-adjusted.

use crate::api;
use crate::browser::{chart_width, now_secs};
use crate::clock::use_clock;
use crate::components::chart_panel::ChartPanel;
use crate::components::load_banner::LoadBanner;
use crate::components::promql_box::PromqlBox;
use crate::components::range_picker::RangePicker;
use crate::components::refresh_control::RefreshControl;
use crate::components::run_timeline::RunTimeline;
use crate::components::runs_table::RunsTable;
use crate::components::schedule_form::ScheduleForm;
use crate::load::{Load, RefreshCause};
use crate::query_state::use_query_state;
use crate::settings_store::{use_bases, use_settings};
use futures::future::pending;
use gatewatch_core::charts::chart_data::{job_legend, RangeData};
use gatewatch_core::charts::job_catalog::{extra_group_labels, metrics_of_job, pick_metric};
use gatewatch_core::charts::job_queries::{irate_window, JobQuery};
use gatewatch_core::charts::step::plan_grid;
use gatewatch_core::http::endpoints::prometheus_graph_link_for;
use gatewatch_core::http::error::Backend;
use gatewatch_core::schedule::history::{job_history_query, HISTORY_LIMITS};
use gatewatch_core::schedule::report::{job_report, JobReport};
use gatewatch_core::time::format::format_utc;
use gatewatch_core::time::range::TimeRange;
use gatewatch_core::url_state::{ChartsState, JobState};
use leptos::prelude::*;

/// Used until Prometheus tells the gateway target's real scrape interval.
const FALLBACK_SCRAPE_SECS: f64 = 15.0;
/// Missed runs listed by time at most; the count and the timeline give the rest.
const MISSED_LISTED: usize = 20;

#[component]
pub fn JobPage() -> impl IntoView {
    let settings = use_settings();
    let bases = use_bases();
    let (state, set_state) = use_query_state(JobState::from_query, JobState::href);
    let job = Memo::new(move |_| state.with(|s| s.job.clone()));
    let range = Memo::new(move |_| state.with(|s| s.range));

    let setup = Load::new(move || {
        let base = bases.prometheus_base.get();
        async move { api::prometheus::scrape_setup(&base, now_secs()).await }
    });
    // Where the range ends: now, as of the last refresh.
    let clock = RwSignal::new(now_secs());
    let query = Memo::new(move |_| {
        let (from, to) = range.get().bounds(clock.get());
        setup.with(|s| {
            s.map(|s| {
                let (query, resolution) = job_history_query(&job.get(), s, to - from, to);
                (query, resolution, from, to)
            })
        })
    });
    let history = Load::new(move || {
        let base = bases.prometheus_base.get();
        let query = query.get();
        async move {
            // The query needs the scrape setup; its own banner says why it is missing.
            let Some((query, resolution, from, to)) = query else {
                return pending().await;
            };
            let groups = api::prometheus::job_history(&base, &query).await?;
            Ok((groups, resolution, from, to))
        }
    });
    let report = Memo::new(move |_| {
        let set = job.with(|j| settings.with(|s| s.per_job_schedules.get(j).cloned()));
        history.with(|h| {
            h.map(|(groups, resolution, from, to)| {
                let report = job_report(groups, *resolution, set.as_ref(), *from, *to);
                (report, *from, *to)
            })
        })
    });

    // The job's metric, charted as on the Charts page.
    let groups = Load::new(move || {
        let base = bases
            .gateways
            .with(|g| g.first().cloned().unwrap_or_default());
        async move { api::gateway::list_groups(&base).await }
    });
    let metrics = Memo::new(move |_| {
        groups.with(|g| g.map(|g| metrics_of_job(g, &job.get())).unwrap_or_default())
    });
    let metric = Memo::new(move |_| state.with(|s| pick_metric(&metrics.get(), &s.metric)));
    let chart_query = Memo::new(move |_| {
        let job_label = setup.with(|s| s.map(|s| s.job_label))?;
        let jobs = vec![job.get()];
        let extra = groups.with(|g| g.map(|g| extra_group_labels(g, &jobs)).unwrap_or_default());
        Some(JobQuery {
            metric: metric.get()?,
            jobs,
            job_label,
            extra_group_labels: extra,
        })
    });
    let scrape_interval = Memo::new(move |_| setup.with(|s| s.and_then(|s| s.scrape_interval)));
    let grid = Memo::new(move |_| {
        let floor = scrape_interval.get().unwrap_or(1.0);
        plan_grid(range.get(), clock.get(), chart_width(), floor)
    });
    let irate_window = move || irate_window(scrape_interval.get().unwrap_or(FALLBACK_SCRAPE_SECS));
    let chart_load = move |expr_of: fn(&JobQuery, f64) -> String| {
        Load::new(move || {
            let base = bases.prometheus_base.get();
            let expr = chart_query.with(|q| q.as_ref().map(|q| expr_of(q, irate_window())));
            let grid = grid.get();
            async move {
                match expr {
                    Some(expr) => {
                        api::prometheus::range_chart(&base, &expr, grid, job_legend).await
                    }
                    None => Ok(RangeData::empty(grid)),
                }
            }
        })
    };
    let raw = chart_load(|q, _| q.raw());
    let irate = chart_load(|q, window| q.irate_adjusted(window));
    let chart_expr = move |expr_of: fn(&JobQuery, f64) -> String| {
        Signal::derive(move || {
            chart_query.with(|q| {
                q.as_ref()
                    .map(|q| expr_of(q, irate_window()))
                    .unwrap_or_default()
            })
        })
    };
    let link_to = move |expr: Signal<String>, step: Signal<f64>| {
        Signal::derive(move || {
            let ui = settings.with(|s| s.prometheus_ui.clone());
            prometheus_graph_link_for(&ui, &expr.get(), range.get(), step.get())
        })
    };

    let refresh = move |cause: RefreshCause| {
        if !history.status.may_refresh(cause) {
            return;
        }
        clock.set(now_secs());
        groups.refresh(cause);
        for load in [raw, irate] {
            load.refresh(cause);
        }
        history.refresh(cause);
    };
    let auto_refresh = RwSignal::new(15u32);
    let now = use_clock();

    let history_expr = Signal::derive(move || {
        query.with(|q| {
            q.as_ref()
                .map(|(q, ..)| q.expr().to_string())
                .unwrap_or_default()
        })
    });
    let history_step = Signal::derive(move || grid.get().step);
    let with_report = move |f: fn(&JobReport, f64) -> Option<String>| {
        move || report.with(|r| r.as_ref().and_then(|(r, ..)| f(r, now.get())))
    };
    let schedule_text = move || {
        report.with(|r| {
            r.as_ref()
                .map_or_else(|| "Loading…".to_string(), |(r, ..)| r.schedule_text())
        })
    };
    let missed = move || {
        report.with(|r| {
            let missed = r.as_ref().and_then(|(r, ..)| r.compliance.as_ref()).map(|c| c.missed.clone())?;
            (!missed.is_empty()).then(|| {
                let more = missed.len().saturating_sub(MISSED_LISTED);
                view! {
                    <section aria-labelledby="missed-title">
                        <h2 id="missed-title">{format!("Missed runs ({})", missed.len())}</h2>
                        <ul class="missed">
                            {missed.iter().rev().take(MISSED_LISTED).map(|t| view! { <li>{format_utc(*t)}</li> }).collect_view()}
                        </ul>
                        {(more > 0).then(|| view! { <p class="hint">{format!("… and {more} earlier")}</p> })}
                    </section>
                }
            })
        })
    };
    let charts_link = move || {
        ChartsState {
            metric: metric.get().unwrap_or_default(),
            jobs: vec![job.get()],
            range: range.get(),
            ..ChartsState::default()
        }
        .href()
    };

    view! {
        <section class="page job-page" aria-labelledby="page-title">
            <div class="page-head">
                <h1 id="page-title">"Job " <code class="job-name">{move || job.get()}</code></h1>
                <RefreshControl on_refresh=refresh loading=Signal::derive(move || history.status.loading()) every_secs=auto_refresh />
            </div>
            <Show when=move || job.with(String::is_empty)>
                <p class="notice">"No job is chosen: open a job from the Groups view."</p>
            </Show>
            <div class="chart-controls">
                <RangePicker
                    range=range
                    on_change={move |range: TimeRange| set_state.run(JobState { range, ..state.get_untracked() })}
                    now=Signal::derive(move || clock.get())
                />
            </div>
            <LoadBanner load=setup backend=Backend::Prometheus hide_data_time=true />
            <LoadBanner load=history backend=Backend::Prometheus />
            <dl class="job-summary">
                <dt>"Schedule"</dt>
                <dd data-testid="schedule">{schedule_text}</dd>
                <dt>"Next run"</dt>
                <dd data-testid="next-run">{with_report(|r, now| r.next_run(now).or_else(|| Some("unknown without a schedule".into())))}</dd>
                <dt>"On time"</dt>
                <dd data-testid="on-time">{with_report(|r, _| r.on_time().or_else(|| Some("not judged without a schedule".into())))}</dd>
                <dt>"Shown"</dt>
                <dd>{move || report.with(|r| r.as_ref().map(|(r, ..)| r.resolution.describe()))}</dd>
            </dl>
            <ScheduleForm job=job />
            {move || report.with(|r| {
                let notes = r.as_ref().map(|(r, ..)| r.notes.clone()).unwrap_or_default();
                (!notes.is_empty()).then(|| view! {
                    <ul class="notes" role="status">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                })
            })}
            <RunTimeline report=report />
            <p class="hint">{HISTORY_LIMITS}</p>
            <PromqlBox expr=history_expr link=link_to(history_expr, history_step) />
            {missed}
            <h2>
                {move || format!("Metric {}", metric.get().unwrap_or_else(|| "(none pushed)".into()))}
            </h2>
            <div class="toolbar">
                <label for="job-metric">"Metric"</label>
                <select id="job-metric" on:change=move |ev| set_state.run(JobState { metric: event_target_value(&ev), ..state.get_untracked() })>
                    <For each=move || metrics.get() key=|m| m.clone() let(m)>
                        <option value=m.clone() selected={let m = m.clone(); move || metric.get().as_deref() == Some(m.as_str())}>{m.clone()}</option>
                    </For>
                </select>
                <a href=charts_link>"Open in Charts"</a>
            </div>
            <ChartPanel
                title="Raw value"
                explanation="The value as pushed. The gateway keeps it forever: it stays flat when a schedule stops."
                data=raw expr=chart_expr(|q, _| q.raw()) link=link_to(chart_expr(|q, _| q.raw()), history_step)
            />
            <ChartPanel
                title="Irate-adjusted"
                explanation="The value at steps where a push happened, 0 where none did and after pushes stop."
                data=irate expr=chart_expr(|q, w| q.irate_adjusted(w)) link=link_to(chart_expr(|q, w| q.irate_adjusted(w)), history_step)
            />
            <RunsTable rows=Signal::derive(move || report.with(|r| r.as_ref().map(|(r, ..)| r.rows.clone()).unwrap_or_default())) />
        </section>
    }
}
