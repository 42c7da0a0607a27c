//! Browser tests of the Job page's components: the runs table (real table markup, newest first,
//! capped), the run timeline (drawn colours, its text summary) and the schedule form (saved
//! with the settings, bad input named, back to inference).
#![cfg(target_arch = "wasm32")]

use gatewatch::chart::theme::Theme;
use gatewatch::components::heartbeat_strip::HeartbeatStrip;
use gatewatch::components::run_timeline::RunTimeline;
use gatewatch::components::runs_table::{RunsTable, MAX_ROWS};
use gatewatch::components::schedule_form::ScheduleForm;
use gatewatch::settings_store::SettingsContext;
use gatewatch_core::schedule::history::{GroupHistory, Resolution};
use gatewatch_core::schedule::report::{job_report, JobReport};
use gatewatch_core::schedule::set::SetSchedule;
use gatewatch_core::schedule::strips::{group_strip, Strip, STRIP_BUCKETS, STRIP_WIDTH_SECS};
use gatewatch_core::schedule::Schedule;
use gatewatch_core::settings::Settings;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/dom.rs"]
mod dom;

const NOW: f64 = 1_700_000_000.0;

/// A job every 2 s over the last 100 s that skipped 3 pushes and failed one: `(report, from, to)`.
fn report() -> (JobReport, f64, f64) {
    let from = NOW - 100.0;
    let skipped = [NOW - 40.0, NOW - 38.0, NOW - 36.0];
    let ok: Vec<(f64, f64)> = (0..50)
        .map(|i| NOW - 98.0 + 2.0 * i as f64)
        .filter(|t| !skipped.contains(t) && *t != NOW - 20.0)
        .map(|t| (t + 0.5, t))
        .collect();
    let history = GroupHistory {
        labels: [("job".to_string(), "u/admin/x".to_string())].into(),
        ok,
        failed: vec![(NOW - 19.5, NOW - 20.0)],
    };
    let report = job_report(&[history], Resolution::Exact, None, from, NOW);
    (report, from, NOW)
}

fn mount(view: impl FnOnce() -> AnyView + 'static) -> (Box<dyn std::any::Any>, web_sys::Element) {
    let root = dom::document().create_element("div").unwrap();
    dom::document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone().unchecked_into(), view);
    (Box::new(handle), root)
}

fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let all = root.query_selector_all(selector).unwrap();
    (0..all.length())
        .map(|i| all.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn the_runs_table_lists_runs_newest_first_with_gaps_and_failures() {
    let (report, ..) = report();
    let rows = report.rows.clone();
    let (_handle, root) =
        mount(move || view! { <RunsTable rows=Signal::derive(move || rows.clone()) /> }.into_any());
    leptos::task::tick().await;
    assert_eq!(
        texts(&root, "table.runs thead th[scope=col]"),
        ["Time", "Outcome", "Since the run before", "Late by"]
    );
    assert_eq!(texts(&root, "table.runs caption"), ["Runs: 47"]);
    let outcomes = texts(&root, "table.runs tbody tr td:nth-child(2)");
    assert_eq!(outcomes.len(), 47);
    assert_eq!(outcomes.iter().filter(|o| *o == "failed").count(), 1);
    let gaps = texts(&root, "table.runs tbody tr td:nth-child(3)");
    // Newest first: the first row is the run at NOW - 0 … the last has no run before it.
    assert_eq!(gaps[0], "2s");
    assert_eq!(gaps.last().unwrap(), "—");
    // After the 3 skipped pushes the gap is 8 s.
    assert!(gaps.contains(&"8s".to_string()), "{gaps:?}");
}

#[wasm_bindgen_test]
async fn the_runs_table_shows_the_newest_runs_only_and_says_so() {
    let ok: Vec<(f64, f64)> = (0..MAX_ROWS + 100)
        .map(|i| (NOW - i as f64 * 5.0, NOW - i as f64 * 5.0))
        .collect();
    let history = GroupHistory {
        ok,
        ..GroupHistory::default()
    };
    let report = job_report(&[history], Resolution::Exact, None, NOW - 1e5, NOW);
    let rows = report.rows.clone();
    let (_handle, root) =
        mount(move || view! { <RunsTable rows=Signal::derive(move || rows.clone()) /> }.into_any());
    leptos::task::tick().await;
    assert_eq!(
        texts(&root, "table.runs caption"),
        [format!("Runs: the newest {MAX_ROWS} of {}", MAX_ROWS + 100)]
    );
    assert_eq!(
        root.query_selector_all("table.runs tbody tr")
            .unwrap()
            .length() as usize,
        MAX_ROWS
    );
}

/// Whether any pixel of the canvas has (about) this colour.
fn has_colour(canvas: &HtmlCanvasElement, (r, g, b): (u8, u8, u8)) -> bool {
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let data = context
        .get_image_data(0.0, 0.0, canvas.width().into(), canvas.height().into())
        .unwrap()
        .data();
    data.chunks(4)
        .any(|p| p[0].abs_diff(r) < 8 && p[1].abs_diff(g) < 8 && p[2].abs_diff(b) < 8)
}

#[wasm_bindgen_test]
async fn the_timeline_draws_runs_misses_and_failures_and_says_them_in_words() {
    let report = RwSignal::new(None::<(JobReport, f64, f64)>);
    let (_handle, root) = mount(move || {
        view! { <div style="width:600px"><RunTimeline report=report /></div> }.into_any()
    });
    leptos::task::tick().await;
    assert_eq!(
        texts(&root, "[data-testid=timeline-summary]"),
        ["Loading runs…"]
    );
    report.set(Some(self::report()));
    let canvas: HtmlCanvasElement = root
        .query_selector("canvas")
        .unwrap()
        .unwrap()
        .unchecked_into();
    dom::eventually("the timeline is drawn", || {
        canvas.width() > 0 && has_colour(&canvas, (0x1a, 0x7f, 0x37))
    })
    .await;
    // The light theme's colours: on time, missed, failed.
    assert!(has_colour(&canvas, (0x9a, 0x67, 0x00)), "no missed mark");
    assert!(has_colour(&canvas, (0xcf, 0x22, 0x2e)), "no failed mark");
    let summary = texts(&root, "[data-testid=timeline-summary]").concat();
    assert_eq!(summary, "47 runs, 3 missed, 1 failed");
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        canvas.get_attribute("aria-label").unwrap(),
        "Runs over the range: 47 runs, 3 missed, 1 failed"
    );
}

#[wasm_bindgen_test]
async fn the_heartbeat_strip_draws_its_quarters_and_names_them() {
    // Four runs a quarter over the last 10 h, one quarter without any, one with a failure.
    let quarter_end = |back: usize| NOW - back as f64 * STRIP_WIDTH_SECS;
    let ok = (0..40)
        .filter(|back| *back != 7)
        .map(|back| (quarter_end(back), if back == 3 { 3.0 } else { 4.0 }))
        .collect();
    let history = GroupHistory {
        ok,
        failed: vec![(quarter_end(3), 1.0)],
        ..GroupHistory::default()
    };
    let schedule = Schedule::Every {
        period: STRIP_WIDTH_SECS / 4.0,
        anchor: NOW - 1.0,
    };
    let expected = group_strip(Some(&history), Some(&schedule), NOW);
    assert_eq!(expected.beats.len(), STRIP_BUCKETS);
    let strip = RwSignal::new(None::<Strip>);
    let (_handle, root) = mount(move || {
        view! { <HeartbeatStrip strip=strip theme=Signal::derive(Theme::light) unavailable=Signal::derive(|| false) /> }.into_any()
    });
    leptos::task::tick().await;
    let canvas: HtmlCanvasElement = root
        .query_selector("canvas.heartbeat")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        canvas.get_attribute("aria-label").as_deref(),
        Some("Last 24 h: loading…")
    );
    strip.set(Some(expected));
    dom::eventually("the strip is drawn", || {
        has_colour(&canvas, (0x1a, 0x7f, 0x37))
    })
    .await;
    assert!(has_colour(&canvas, (0x9a, 0x67, 0x00)), "no missed quarter");
    assert!(has_colour(&canvas, (0xcf, 0x22, 0x2e)), "no failed quarter");
    // The 14 h before the first run: no data, drawn faint.
    assert!(has_colour(&canvas, (0xd0, 0xd7, 0xde)), "no empty quarter");
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        canvas.get_attribute("aria-label").as_deref(),
        Some("Last 24 h: 156 runs, 4 missed, 1 failed")
    );
    assert_eq!(
        canvas.get_attribute("title"),
        canvas.get_attribute("aria-label")
    );
}

fn status_text(root: &web_sys::Element) -> String {
    texts(root, ".schedule-form [role=status]").concat()
}

fn set_value(root: &web_sys::Element, selector: &str, value: &str) {
    let input: HtmlInputElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn choose(root: &web_sys::Element, kind: &str) {
    let select: web_sys::HtmlSelectElement = root
        .query_selector("#schedule-kind")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value(kind);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

fn submit(root: &web_sys::Element) {
    root.query_selector(".schedule-form button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
}

#[wasm_bindgen_test]
async fn the_schedule_form_saves_a_schedule_names_bad_input_and_goes_back_to_inference() {
    let job = "f/\"odd\"/ü%";
    let settings = RwSignal::new(Settings::default());
    let (_handle, root) = mount(move || {
        SettingsContext::provide(settings);
        view! { <ScheduleForm job=job.to_string() /> }.into_any()
    });
    leptos::task::tick().await;
    let schedule_of = move || settings.with_untracked(|s| s.per_job_schedules.get(job).cloned());

    choose(&root, "every");
    leptos::task::tick().await;
    set_value(&root, "#schedule-value", "soon");
    submit(&root);
    leptos::task::tick().await;
    assert!(status_text(&root).contains("\"soon\""));
    assert_eq!(schedule_of(), None);

    set_value(&root, "#schedule-value", "5m");
    set_value(&root, "#schedule-grace", "30s");
    submit(&root);
    leptos::task::tick().await;
    assert_eq!(
        schedule_of(),
        Some(SetSchedule::every("5m", "30s").unwrap())
    );
    assert_eq!(status_text(&root), "Saved.");

    choose(&root, "cron");
    leptos::task::tick().await;
    set_value(&root, "#schedule-value", "0 */5 * * * *");
    set_value(&root, "#schedule-grace", "");
    submit(&root);
    leptos::task::tick().await;
    assert_eq!(
        schedule_of(),
        Some(SetSchedule::cron("0 */5 * * * *", "").unwrap())
    );

    choose(&root, "inferred");
    leptos::task::tick().await;
    assert!(root.query_selector("#schedule-value").unwrap().is_none());
    submit(&root);
    leptos::task::tick().await;
    assert_eq!(schedule_of(), None);
}

#[wasm_bindgen_test]
async fn the_schedule_form_shows_the_saved_schedule() {
    let mut saved = Settings::default();
    saved
        .per_job_schedules
        .insert("j".into(), SetSchedule::every("90s", "10s").unwrap());
    let settings = RwSignal::new(saved);
    let (_handle, root) = mount(move || {
        SettingsContext::provide(settings);
        view! { <ScheduleForm job="j".to_string() /> }.into_any()
    });
    leptos::task::tick().await;
    let value = |selector: &str| {
        root.query_selector(selector)
            .unwrap()
            .unwrap()
            .unchecked_into::<HtmlInputElement>()
            .value()
    };
    dom::eventually("the saved period is shown", || {
        root.query_selector("#schedule-value").unwrap().is_some()
    })
    .await;
    leptos::task::tick().await;
    assert_eq!(value("#schedule-value"), "90s");
    assert_eq!(value("#schedule-grace"), "10s");
    assert_eq!(
        root.query_selector("#schedule-kind")
            .unwrap()
            .unwrap()
            .unchecked_into::<web_sys::HtmlSelectElement>()
            .value(),
        "every"
    );
}

#[wasm_bindgen_test]
async fn another_setting_saved_leaves_half_typed_fields_alone() {
    let settings = RwSignal::new(Settings::default());
    let (_handle, root) = mount(move || {
        SettingsContext::provide(settings);
        view! { <ScheduleForm job="j".to_string() /> }.into_any()
    });
    leptos::task::tick().await;
    choose(&root, "every");
    leptos::task::tick().await;
    set_value(&root, "#schedule-value", "7m");
    settings.update(|s| s.stale_after_secs = 1234.0);
    leptos::task::tick().await;
    leptos::task::tick().await;
    let value = root
        .query_selector("#schedule-value")
        .unwrap()
        .expect("still choosing a period")
        .unchecked_into::<HtmlInputElement>()
        .value();
    assert_eq!(value, "7m");
}
