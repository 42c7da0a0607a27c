//! A job's runs, newest first: time, outcome, gap since the run before, lateness.

use gatewatch_core::schedule::report::RunRow;
use gatewatch_core::schedule::runs::Outcome;
use gatewatch_core::time::format::{format_duration, format_utc};
use leptos::prelude::*;

/// Rows shown at most; the caption says how many there are.
const SHOWN: usize = 500;

#[component]
pub fn RunsTable(#[prop(into)] rows: Signal<Vec<RunRow>>) -> impl IntoView {
    let caption = move || {
        let n = rows.with(Vec::len);
        if n > SHOWN {
            format!("Runs, newest first: the latest {SHOWN} of {n}")
        } else {
            format!("Runs, newest first ({n})")
        }
    };
    let shown = move || rows.with(|r| r.iter().take(SHOWN).cloned().collect::<Vec<_>>());
    view! {
        <div class="table-wrap">
            <table class="runs">
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">"Time (UTC)"</th><th scope="col">"Outcome"</th>
                    <th scope="col">"Gap since the previous run"</th><th scope="col">"Late by"</th>
                </tr></thead>
                <tbody>
                    <For each=shown key=|r| (r.at.to_bits(), r.outcome == Outcome::Ok) children=|r: RunRow| {
                        let (class, outcome) = match r.outcome {
                            Outcome::Ok => ("status fresh", "ok"),
                            Outcome::Failed => ("status failed", "failed"),
                        };
                        view! {
                            <tr data-outcome=outcome>
                                <td class="mono">{format_utc(r.at)}</td>
                                <td><span class=class>{outcome}</span></td>
                                <td>{r.gap.map(format_duration).unwrap_or_else(|| "—".into())}</td>
                                <td>{r.late_by.map(format_duration).unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }
                    } />
                </tbody>
            </table>
        </div>
    }
}
