//! The chart's points as a real table (newest first): what screen readers and copy-paste use,
//! and where exact values, NaN and ±Inf can be read.

use gatewatch_core::charts::chart_data::{ChartSeries, Grid};
use gatewatch_core::charts::ticks::{format_time_local, format_utc_offset};
use gatewatch_core::prometheus::value_format::format_value;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Rows shown at most: 500 steps × 100 series is already 50,000 cells.
pub const TABLE_ROWS: usize = 500;

#[component]
pub fn ChartTable(
    #[prop(into)] series: Signal<Vec<ChartSeries>>,
    #[prop(into)] grid: Signal<Grid>,
    #[prop(into)] hidden: Signal<BTreeSet<String>>,
    #[prop(into)] utc_offset_min: Signal<i32>,
    #[prop(into)] title: String,
) -> impl IntoView {
    move || {
        let grid = grid.get();
        let offset = utc_offset_min.get();
        let title = title.clone();
        series.with(|all| {
            hidden.with(|hidden| {
                let columns: Vec<&ChartSeries> =
                    all.iter().filter(|s| !hidden.contains(&s.name)).collect();
                // Steps where no shown series has a sample carry no information.
                let steps: Vec<usize> = (0..grid.len)
                    .rev()
                    .filter(|&i| columns.iter().any(|s| matches!(s.values.get(i), Some(Some(_)))))
                    .collect();
                let caption = if steps.len() > TABLE_ROWS {
                    format!(
                        "{title}: the newest {TABLE_ROWS} of {} steps with data, newest first",
                        steps.len()
                    )
                } else {
                    format!("{title}: {} steps with data, newest first", steps.len())
                };
                let head = columns
                    .iter()
                    .map(|s| view! { <th scope="col">{s.name.clone()}</th> })
                    .collect_view();
                let rows = steps
                    .iter()
                    .take(TABLE_ROWS)
                    .map(|&i| {
                        let cells = columns
                            .iter()
                            .map(|s| {
                                let text = match s.values.get(i).copied().flatten() {
                                    Some(v) => format_value(v),
                                    None => "—".to_string(),
                                };
                                view! { <td class="num">{text}</td> }
                            })
                            .collect_view();
                        view! {
                            <tr>
                                <th scope="row" class="mono">{format_time_local(grid.time(i), offset)}</th>
                                {cells}
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap chart-table">
                        <table>
                            <caption>{caption}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{format!("Time ({})", format_utc_offset(offset))}</th>
                                    {head}
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                        {steps.is_empty().then(|| view! { <p class="empty">"No data in this range."</p> })}
                    </div>
                }
            })
        })
    }
}
