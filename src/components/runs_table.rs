//! The runs table of the Job page: newest first, each run's time, outcome, the gap since the
//! run before it and how late it came.

use crate::browser::utc_offset_minutes;
use gatewatch_core::charts::ticks::format_time_full;
use gatewatch_core::schedule::report::RunRow;
use gatewatch_core::schedule::runs::Outcome;
use gatewatch_core::time::format::format_duration;
use leptos::prelude::*;

/// Rows shown at most: a week of 5-second runs is 120,000; the newest tell what is going on,
/// the timeline shows the rest.
pub const MAX_ROWS: usize = 500;

#[component]
pub fn RunsTable(#[prop(into)] rows: Signal<Vec<RunRow>>) -> impl IntoView {
    let offset = utc_offset_minutes();
    let shown =
        Memo::new(move |_| rows.with(|r| r.iter().take(MAX_ROWS).cloned().collect::<Vec<_>>()));
    let caption = move || {
        rows.with(|r| match r.len() {
            0 => "No runs in the range".to_string(),
            n if n > MAX_ROWS => format!("Runs: the newest {MAX_ROWS} of {n}"),
            n => format!("Runs: {n}"),
        })
    };
    view! {
        <div class="table-wrap runs-wrap">
        <table class="runs">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Time"</th>
                    <th scope="col">"Outcome"</th>
                    <th scope="col">"Since the run before"</th>
                    <th scope="col">"Late by"</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || shown.get() key=row_key let(row)>
                    <tr class=match row.outcome { Outcome::Ok => "run-ok", Outcome::Failed => "run-failed" }>
                        <td>{format_time_full(row.at, offset)}</td>
                        <td>{match row.outcome { Outcome::Ok => "ok", Outcome::Failed => "failed" }}</td>
                        <td>{row.gap.map(format_duration).unwrap_or_else(|| "—".to_string())}</td>
                        <td>{row.late_by.map(format_duration).unwrap_or_else(|| "—".to_string())}</td>
                    </tr>
                </For>
            </tbody>
        </table>
        </div>
    }
}

/// A row is rebuilt when anything it shows changes (a newer run gives the oldest shown a gap).
fn row_key(row: &RunRow) -> (u64, bool, Option<u64>, Option<u64>) {
    (
        row.at.to_bits(),
        row.outcome == Outcome::Ok,
        row.gap.map(f64::to_bits),
        row.late_by.map(f64::to_bits),
    )
}
