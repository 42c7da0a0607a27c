//! An instant query's result as a table: one row per series (labels, value), or the scalar/string.

use gatewatch_core::charts::chart_data::series_legend;
use gatewatch_core::prometheus::model::QueryResult;
use gatewatch_core::prometheus::value_format::format_value;
use gatewatch_core::time::format::format_utc;
use leptos::prelude::*;

#[component]
pub fn InstantTable(result: QueryResult) -> impl IntoView {
    match result {
        QueryResult::Vector(series) if series.is_empty() => {
            view! { <p class="empty">"Empty result: no series match at this time."</p> }.into_any()
        }
        QueryResult::Vector(series) => {
            let count = series.len();
            let rows = series
                .into_iter()
                .map(|s| {
                    view! {
                        <tr>
                            <td class="mono">{series_legend(&s.metric)}</td>
                            <td class="mono" title=format_utc(s.value.0)>{format_value(s.value.1)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <p class="hint">{format!("{count} series")}</p>
                <div class="table-wrap">
                    <table class="instant">
                        <thead><tr><th scope="col">"Series"</th><th scope="col">"Value"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
        QueryResult::Scalar(t, v) => view! { <p class="mono" title=format_utc(t)>"scalar: " {format_value(v)}</p> }.into_any(),
        QueryResult::String(t, s) => view! { <p class="mono" title=format_utc(t)>"string: " {s}</p> }.into_any(),
        QueryResult::Matrix(m) => {
            view! { <p class="hint">{format!("A range vector ({} series): use the Graph tab.", m.len())}</p> }.into_any()
        }
    }
}
