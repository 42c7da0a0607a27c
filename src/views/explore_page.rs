//! The Explore view: any PromQL expression, charted over a range or shown as an instant table.
//! Prometheus' errors (with their type) and warnings are shown apart; the state lives in the URL.

use crate::api;
use crate::browser::now_secs;
use crate::core::chart_data::{range_data, series_legend, Grid};
use crate::core::endpoints::prometheus_graph_link_for;
use crate::core::envelope::Answer;
use crate::core::error::{ApiError, Backend};
use crate::core::model::prometheus::QueryResult;
use crate::core::step::{align_range, auto_step};
use crate::core::time_range::TimeRange;
use crate::core::url_state::ExploreState;
use crate::router::Router;
use crate::settings_store::use_settings;
use crate::views::chart_panel::ChartPanel;
use crate::views::derived::Derived;
use crate::views::instant_table::InstantTable;
use crate::views::poll::Poll;
use crate::views::poll_banner::PollBanner;
use crate::views::range_picker::RangePicker;
use crate::views::reactive::{effect, Shown};
use leptos::prelude::*;

#[component]
pub fn ExplorePage() -> impl IntoView {
    let settings = use_settings();
    let router = Router::use_router();
    let search = router.search();
    let state = Memo::new(move |_| ExploreState::from_query(&search.get()));
    let set_state =
        move |next: ExploreState| router.navigate(&format!("/explore?{}", next.to_query()));
    let draft = RwSignal::new(state.get_untracked().expr);
    // Back/forward: the input follows the URL.
    effect(move || draft.set(state.with(|s| s.expr.clone())));

    let grid = RwSignal::new(Grid {
        start: 0.0,
        step: 1.0,
        len: 0,
    });
    let graph = Poll::new(move || {
        let base = settings.with_untracked(|s| s.prometheus_base.clone());
        let expr = state.with_untracked(|s| s.expr.clone());
        let g = grid.get_untracked();
        async move {
            let answer =
                api::prometheus::range_query(&base, &expr, g.start, g.end(), g.step).await?;
            range_data(g, answer, series_legend).map_err(|detail| ApiError::Malformed {
                backend: Backend::Prometheus,
                detail,
            })
        }
    });
    let table = Poll::<Answer<QueryResult>>::new(move || {
        let base = settings.with_untracked(|s| s.prometheus_base.clone());
        let expr = state.with_untracked(|s| s.expr.clone());
        async move { api::prometheus::instant_query(&base, &expr, None).await }
    });
    effect(move || {
        let (expr, range, as_table) = state.with(|s| (s.expr.clone(), s.range, s.table));
        settings.with(|s| s.prometheus_base.clone());
        if expr.trim().is_empty() {
            return;
        }
        if as_table {
            table.restart();
        } else {
            let (start, end) = range.bounds(now_secs());
            let step = auto_step(end - start, 1200.0, 1.0);
            let (start, end) = align_range(start, end, step);
            grid.set(Grid::new(start, end, step));
            graph.restart();
        }
    });
    let link = Derived::new(move || {
        let (expr, range) = state.with(|s| (s.expr.clone(), s.range));
        let ui = settings.with(|s| s.prometheus_ui.clone());
        prometheus_graph_link_for(&ui, &expr, range, grid.get().step)
    });
    let run = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        set_state(ExploreState {
            expr: draft.get_untracked().trim().to_string(),
            ..state.get_untracked()
        });
    };
    let as_table = move || state.with(|s| s.table);

    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">"Explore"</h1>
            <form class="explore-form" on:submit=run>
                <label for="expr">"PromQL expression"</label>
                <textarea id="expr" rows="3" spellcheck="false" placeholder="e.g. sum by (exported_job) (job_records_processed)"
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        // Enter runs, Shift+Enter adds a line, as in Prometheus' own expression box.
                        if ev.key() == "Enter" && !ev.shift_key() {
                            ev.prevent_default();
                            set_state(ExploreState { expr: draft.get_untracked().trim().to_string(), ..state.get_untracked() });
                        }
                    }
                ></textarea>
                <div class="explore-actions">
                    <button type="submit" class="primary">"Run"</button>
                    <div role="group" aria-label="Result view">
                        <button type="button" aria-pressed=move || (!as_table()).to_string()
                            on:click=move |_| set_state(ExploreState { table: false, ..state.get_untracked() })>"Graph"</button>
                        <button type="button" aria-pressed=move || as_table().to_string()
                            on:click=move |_| set_state(ExploreState { table: true, ..state.get_untracked() })>"Table"</button>
                    </div>
                </div>
            </form>
            {move || state.with(|s| s.expr.trim().is_empty()).then(|| view! {
                <p class="notice">"Type a PromQL expression and press Run. The Graph tab charts it over the range; the Table tab shows its value now."</p>
            }).shown()}
            <Show when=move || !as_table() && !state.with(|s| s.expr.trim().is_empty())>
                <RangePicker
                    range=Derived::new(move || state.with(|s| s.range))
                    on_change={move |range: TimeRange| set_state(ExploreState { range, ..state.get_untracked() })}
                    now=Derived::new(move || grid.get().end())
                />
                <ChartPanel title="Result" explanation="The expression evaluated over the range."
                    data=graph expr=Derived::new(move || state.with(|s| s.expr.clone())) link=link />
            </Show>
            <Show when=move || as_table() && !state.with(|s| s.expr.trim().is_empty())>
                <PollBanner poll=table backend=Backend::Prometheus />
                {move || table.with_answer(|a| a.cloned()).map(|answer| view! {
                    {(!answer.warnings.is_empty()).then(|| view! {
                        <ul class="warnings" aria-label="Prometheus warnings">
                            {answer.warnings.iter().map(|w| view! { <li>"Warning: " {w.clone()}</li> }).collect_view()}
                        </ul>
                    }).shown()}
                    {(!answer.infos.is_empty()).then(|| view! {
                        <ul class="infos" aria-label="Prometheus notes">
                            {answer.infos.iter().map(|w| view! { <li>"Info: " {w.clone()}</li> }).collect_view()}
                        </ul>
                    }).shown()}
                    <InstantTable result=answer.data.clone() />
                }).shown()}
            </Show>
        </section>
    }
}
