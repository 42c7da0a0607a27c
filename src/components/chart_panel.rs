//! One titled chart of a range query: the plot, its exact PromQL, warnings and errors.

use crate::components::load_banner::LoadBanner;
use crate::components::promql_box::PromqlBox;
use crate::components::time_chart::TimeChart;
use crate::load::Load;
use gatewatch_core::charts::chart_data::{Grid, RangeData};
use gatewatch_core::http::error::Backend;
use leptos::prelude::*;

#[component]
pub fn ChartPanel(
    title: &'static str,
    /// One sentence under the title saying what the chart means.
    explanation: &'static str,
    data: Load<RangeData>,
    #[prop(into)] expr: Signal<String>,
    #[prop(into)] link: Signal<String>,
) -> impl IntoView {
    let series =
        Signal::derive(move || data.with(|d| d.map(|d| d.series.clone()).unwrap_or_default()));
    let grid = Signal::derive(move || {
        data.with(|d| {
            d.map(|d| d.grid).unwrap_or(Grid {
                start: 0.0,
                step: 1.0,
                len: 0,
            })
        })
    });
    let warnings = move || data.with(|d| d.map(|d| d.warnings.clone()).unwrap_or_default());
    view! {
        <section class="chart-panel" aria-label=title>
            <h2>{title}</h2>
            <p class="hint">{explanation}</p>
            <LoadBanner load=data backend=Backend::Prometheus />
            {move || {
                let w = warnings();
                (!w.is_empty()).then(|| view! {
                    <ul class="warnings" aria-label="Prometheus warnings">
                        {w.into_iter().map(|w| view! { <li>"Warning: " {w}</li> }).collect_view()}
                    </ul>
                })
            }}
            <TimeChart series=series grid=grid title=title.to_string() />
            <PromqlBox expr=expr link=link />
        </section>
    }
}
