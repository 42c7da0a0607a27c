//! One titled chart of a range query: the plot, its exact PromQL, warnings and errors.

use crate::core::chart_data::{Grid, RangeData};
use crate::core::error::Backend;
use crate::views::derived::Derived;
use crate::views::poll::Poll;
use crate::views::poll_banner::PollBanner;
use crate::views::promql_box::PromqlBox;
use crate::views::reactive::Shown;
use crate::views::time_chart::TimeChart;
use leptos::prelude::*;

#[component]
pub fn ChartPanel(
    title: &'static str,
    /// One sentence under the title saying what the chart means.
    explanation: &'static str,
    data: Poll<RangeData>,
    #[prop(into)] expr: Derived<String>,
    #[prop(into)] link: Derived<String>,
) -> impl IntoView {
    let series =
        Derived::new(move || data.with_answer(|d| d.map(|d| d.series.clone()).unwrap_or_default()));
    let grid = Derived::new(move || {
        data.with_answer(|d| {
            d.map(|d| d.grid).unwrap_or(Grid {
                start: 0.0,
                step: 1.0,
                len: 0,
            })
        })
    });
    let warnings = move || data.with_answer(|d| d.map(|d| d.warnings.clone()).unwrap_or_default());
    view! {
        <section class="chart-panel" aria-label=title>
            <h2>{title}</h2>
            <p class="hint">{explanation}</p>
            <PollBanner poll=data backend=Backend::Prometheus />
            {move || {
                let w = warnings();
                (!w.is_empty()).then(|| view! {
                    <ul class="warnings" aria-label="Prometheus warnings">
                        {w.into_iter().map(|w| view! { <li>"Warning: " {w}</li> }).collect_view()}
                    </ul>
                })
                .shown()
            }}
            <TimeChart series=series grid=grid title=title.to_string() />
            <PromqlBox expr=expr link=link />
        </section>
    }
}
