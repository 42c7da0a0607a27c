//! The Explore view: any PromQL expression, charted over a range or shown as an instant table.
//! Prometheus' errors (with their type) and warnings are shown apart; the state lives in the URL.

use crate::api;
use crate::browser::{chart_width, now_secs};
use crate::components::chart_panel::ChartPanel;
use crate::components::instant_table::InstantTable;
use crate::components::load_banner::LoadBanner;
use crate::components::range_picker::RangePicker;
use crate::load::{Load, RefreshCause};
use crate::query_state::use_query_state;
use crate::settings_store::{use_bases, use_settings};
use gatewatch_core::charts::chart_data::{series_legend, RangeData};
use gatewatch_core::charts::step::plan_grid;
use gatewatch_core::http::endpoints::prometheus_graph_link_for;
use gatewatch_core::http::error::Backend;
use gatewatch_core::time::range::TimeRange;
use gatewatch_core::url_state::ExploreState;
use leptos::prelude::*;

#[component]
pub fn ExplorePage() -> impl IntoView {
    let settings = use_settings();
    let bases = use_bases();
    let (state, set_state) = use_query_state(ExploreState::from_query, ExploreState::href);
    let draft = RwSignal::new(state.get_untracked().expr);
    // Back/forward: the input follows the URL.
    Effect::new(move || draft.set(state.with(|s| s.expr.clone())));

    // Where the graph's range ends: now, as of the last Run.
    let clock = RwSignal::new(now_secs());
    let grid =
        Memo::new(move |_| plan_grid(state.with(|s| s.range), clock.get(), chart_width(), 1.0));
    let as_table = move || state.with(|s| s.table);
    // Each tab asks only while it is shown, and only for an expression.
    let asked = move |table: bool| {
        state
            .with(|s| (s.table == table).then(|| s.expr.trim().to_string()))
            .filter(|expr| !expr.is_empty())
    };
    let graph = Load::new(move || {
        let base = bases.prometheus_base.get();
        let expr = asked(false);
        let g = grid.get();
        async move {
            match expr {
                Some(expr) => api::prometheus::range_chart(&base, &expr, g, series_legend).await,
                None => Ok(RangeData::empty(g)),
            }
        }
    });
    let table = Load::new(move || {
        let base = bases.prometheus_base.get();
        let expr = asked(true);
        async move {
            match expr {
                Some(expr) => api::prometheus::instant_query(&base, &expr, None)
                    .await
                    .map(Some),
                None => Ok(None),
            }
        }
    });
    let link = Signal::derive(move || {
        let (expr, range) = state.with(|s| (s.expr.clone(), s.range));
        let ui = settings.with(|s| s.prometheus_ui.clone());
        prometheus_graph_link_for(&ui, &expr, range, grid.get().step)
    });
    // Run: the draft into the URL, and the range up to now; the same expression asks again.
    let run = move || {
        clock.set(now_secs());
        set_state.run(ExploreState {
            expr: draft.get_untracked().trim().to_string(),
            ..state.get_untracked()
        });
        graph.refresh(RefreshCause::User);
        table.refresh(RefreshCause::User);
    };

    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">"Explore"</h1>
            <form class="explore-form" on:submit=move |ev| { ev.prevent_default(); run(); }>
                <label for="expr">"PromQL expression"</label>
                <textarea id="expr" rows="3" spellcheck="false" placeholder="e.g. sum by (exported_job) (job_records_processed)"
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        // Enter runs, Shift+Enter adds a line, as in Prometheus' own expression box.
                        if ev.key() == "Enter" && !ev.shift_key() {
                            ev.prevent_default();
                            run();
                        }
                    }
                ></textarea>
                <div class="explore-actions">
                    <button type="submit" class="primary">"Run"</button>
                    <div role="group" aria-label="Result view">
                        <button type="button" aria-pressed=move || (!as_table()).to_string()
                            on:click=move |_| set_state.run(ExploreState { table: false, ..state.get_untracked() })>"Graph"</button>
                        <button type="button" aria-pressed=move || as_table().to_string()
                            on:click=move |_| set_state.run(ExploreState { table: true, ..state.get_untracked() })>"Table"</button>
                    </div>
                </div>
            </form>
            {move || state.with(|s| s.expr.trim().is_empty()).then(|| view! {
                <p class="notice">"Type a PromQL expression and press Run. The Graph tab charts it over the range; the Table tab shows its value now."</p>
            })}
            <Show when=move || !as_table() && !state.with(|s| s.expr.trim().is_empty())>
                <RangePicker
                    range=Signal::derive(move || state.with(|s| s.range))
                    on_change={move |range: TimeRange| set_state.run(ExploreState { range, ..state.get_untracked() })}
                    now=Signal::derive(move || grid.get().end())
                />
                <ChartPanel title="Result" explanation="The expression evaluated over the range."
                    data=graph expr=Signal::derive(move || state.with(|s| s.expr.clone())) link=link />
            </Show>
            <Show when=move || as_table() && !state.with(|s| s.expr.trim().is_empty())>
                <LoadBanner load=table backend=Backend::Prometheus />
                {move || table.get().flatten().map(|answer| view! {
                    {(!answer.warnings.is_empty()).then(|| view! {
                        <ul class="warnings" aria-label="Prometheus warnings">
                            {answer.warnings.iter().map(|w| view! { <li>"Warning: " {w.clone()}</li> }).collect_view()}
                        </ul>
                    })}
                    {(!answer.infos.is_empty()).then(|| view! {
                        <ul class="infos" aria-label="Prometheus notes">
                            {answer.infos.iter().map(|w| view! { <li>"Info: " {w.clone()}</li> }).collect_view()}
                        </ul>
                    })}
                    <InstantTable result=answer.data.clone() />
                })}
            </Show>
        </section>
    }
}
