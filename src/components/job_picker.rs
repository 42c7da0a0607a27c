//! Chooses the metric (names seen in the gateway's groups) and the jobs (Windmill paths) to chart.

use gatewatch_core::text::stable_id;
use leptos::prelude::*;

#[component]
pub fn JobPicker(
    /// Metric names pushed to the gateway, sorted.
    #[prop(into)]
    metrics: Signal<Vec<String>>,
    #[prop(into)] metric: Signal<String>,
    #[prop(into)] on_metric: Callback<String>,
    /// Jobs that push the chosen metric, sorted.
    #[prop(into)]
    jobs: Signal<Vec<String>>,
    /// The chosen jobs; empty means all of them.
    #[prop(into)]
    chosen: Signal<Vec<String>>,
    #[prop(into)] on_jobs: Callback<Vec<String>>,
) -> impl IntoView {
    let options = move || {
        let mut names = metrics.get();
        let current = metric.get();
        if !names.contains(&current) {
            names.insert(0, current); // e.g. from a shared link, before the gateway list arrives
        }
        names
            .into_iter()
            .map(|name| {
                let selected = name == metric.get_untracked();
                view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
            })
            .collect_view()
    };
    let is_checked = move |job: &str| chosen.with(|c| c.is_empty() || c.iter().any(|j| j == job));
    let toggle = move |job: String, on: bool| {
        let all = jobs.get_untracked();
        let mut next: Vec<String> = if chosen.with_untracked(Vec::is_empty) {
            all.clone()
        } else {
            chosen.get_untracked()
        };
        if on {
            if !next.contains(&job) {
                next.push(job);
            }
        } else {
            next.retain(|j| *j != job);
        }
        // Every job chosen is the same as "all": keep the URL short and follow new jobs.
        let everything = all.iter().all(|j| next.contains(j));
        on_jobs.run(if everything { Vec::new() } else { next });
    };
    view! {
        <div class="job-picker">
            <label for="metric">"Metric"</label>
            <select id="metric" on:change=move |ev| on_metric.run(event_target_value(&ev))>
                {options}
            </select>
            <fieldset>
                <legend>"Jobs"</legend>
                {move || {
                    let list = jobs.get();
                    if list.is_empty() {
                        return view! { <p class="hint">"No group on the gateway holds this metric."</p> }.into_any();
                    }
                    list.into_iter()
                        .map(|job| {
                            let id = format!("job-{}", stable_id(&job));
                            let for_toggle = job.clone();
                            let for_check = job.clone();
                            view! {
                                <span class="job-choice">
                                    <input
                                        type="checkbox"
                                        id=id.clone()
                                        prop:checked=move || is_checked(&for_check)
                                        on:change=move |ev| toggle(for_toggle.clone(), event_target_checked(&ev))
                                    />
                                    <label for=id class="mono">{job}</label>
                                </span>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </fieldset>
        </div>
    }
}
