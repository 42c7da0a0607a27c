//! A chart's legend: one toggle button per series, with its colour, that shows or hides it.

use crate::chart::theme::Theme;
use gatewatch_core::charts::chart_data::ChartSeries;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// `hidden` holds series names, so a series stays hidden across refreshes of the data.
#[component]
pub fn ChartLegend(
    #[prop(into)] series: Signal<Vec<ChartSeries>>,
    #[prop(into)] theme: Signal<Theme>,
    hidden: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    // Keyed by name and colour, so a toggle keeps keyboard focus on its button.
    let entries = Memo::new(move |_| {
        let theme = theme.get();
        series.with(|s| {
            s.iter()
                .enumerate()
                .map(|(i, s)| (s.name.clone(), theme.series_color(i).css()))
                .collect::<Vec<_>>()
        })
    });
    let toggle = move |name: &str| {
        hidden.update(|h| {
            if !h.remove(name) {
                h.insert(name.to_string());
            }
        })
    };
    view! {
        <ul class="chart-legend" aria-label="Series (press to show or hide)">
            <For each=move || entries.get() key=|entry| entry.clone() children=move |(name, color)| {
                let pressed = {
                    let name = name.clone();
                    move || (!hidden.with(|h| h.contains(&name))).to_string()
                };
                let label = name.clone();
                view! {
                    <li>
                        <button type="button" class="legend-item" aria-pressed=pressed on:click=move |_| toggle(&name)>
                            <span
                                class="swatch"
                                aria-hidden="true"
                                style=format!(
                                    "display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;background:{color}",
                                )
                            ></span>
                            <span class="legend-name">{label}</span>
                        </button>
                    </li>
                }
            } />
            {move || {
                (!hidden.with(BTreeSet::is_empty)).then(|| view! {
                    <li>
                        <button type="button" class="link show-all" on:click=move |_| hidden.set(BTreeSet::new())>
                            "Show all"
                        </button>
                    </li>
                })
            }}
        </ul>
    }
}
