//! One scrape pool of the Targets view: its targets with health, last scrape age, scrape
//! duration, interval and last error. A scrape updates its target's row in place.

use crate::keyed_rows::row_of;
use gatewatch_core::prometheus::model::Target;
use gatewatch_core::time::format::{format_age, format_duration, format_utc, parse_rfc3339};
use leptos::prelude::*;

#[component]
pub fn TargetPool(
    name: String,
    #[prop(into)] targets: Signal<Vec<Target>>,
    #[prop(into)] now: Signal<f64>,
) -> impl IntoView {
    // A target is its URL and its labels (Prometheus keeps one per label set).
    let rows = Memo::new(move |_| {
        targets.with(|list| {
            list.iter()
                .map(|t| ((t.scrape_url.clone(), t.labels.clone()), t.clone()))
                .collect::<Vec<_>>()
        })
    });
    let up = move || targets.with(|list| list.iter().filter(|t| t.health == "up").count());
    view! {
        <section class="target-pool" aria-label=name.clone()>
            <h2>{name.clone()} <span class="hint">{move || format!(" {} up", up())}</span></h2>
            <div class="table-wrap">
                <table class="targets">
                    <thead><tr>
                        <th scope="col">"Endpoint"</th><th scope="col">"Health"</th><th scope="col">"Last scrape"</th>
                        <th scope="col">"Duration"</th><th scope="col">"Interval"</th><th scope="col">"Last error"</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || rows.get() key=|(key, _)| key.clone() children=move |(key, first)| {
                            target_row(row_of(rows, key, first), now)
                        } />
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn target_row(t: Memo<Target>, now: Signal<f64>) -> impl IntoView {
    let url = t.with_untracked(|t| t.scrape_url.clone());
    let health = move || t.with(|t| t.health.clone());
    let scraped = move || t.with(|t| parse_rfc3339(&t.last_scrape));
    view! {
        <tr data-health=health>
            <td class="mono">{url}</td>
            <td>
                <span class=move || format!("status {}", if health() == "up" { "fresh" } else { "failed" })>{health}</span>
            </td>
            <td title=move || scraped().map(format_utc).unwrap_or_default()>
                {move || scraped().map(|s| format_age(s, now.get())).unwrap_or_else(|| "never".into())}
            </td>
            <td>{move || t.with(|t| format_duration(t.last_scrape_duration))}</td>
            <td>{move || t.with(|t| t.scrape_interval.map(format_duration).unwrap_or_else(|| "—".into()))}</td>
            <td class="error">{move || t.with(|t| t.last_error.clone())}</td>
        </tr>
    }
}
