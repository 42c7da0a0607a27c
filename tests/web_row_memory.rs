//! Browser tests of the lists on auto-refresh: a refresh updates the rows in place, and a table
//! refreshed for a long time holds its memory (bench/NOTES.md §7). Allocations are counted by
//! this binary's global allocator; its one test measures both lists one after the other, so
//! nothing else runs in the page while it counts.
#![cfg(target_arch = "wasm32")]

use gatewatch::components::groups_table::GroupsTable;
use gatewatch::components::target_pool::TargetPool;
use gatewatch::settings_store::SettingsContext;
use gatewatch_core::gateway::freshness::StaleThresholds;
use gatewatch_core::gateway::group_table::{build_rows, GroupRow, SortColumn};
use gatewatch_core::gateway::model::{GatewayGroup, Labels};
use gatewatch_core::prometheus::model::Target;
use gatewatch_core::settings::Settings;
use leptos::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering::Relaxed};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/dom.rs"]
mod dom;

/// Live allocations: every allocation counted up, every free down.
static LIVE: AtomicIsize = AtomicIsize::new(0);

struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(1, Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(1, Relaxed);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const NOW: f64 = 1_700_000_000.0;
const WARM_UP: u32 = 50;
const ROUNDS: u32 = 300;
/// Allowed growth over ROUNDS refreshes. Rebuilding the refreshed rows instead of updating
/// them kept ≈40 allocations per refresh of the groups table (12,000 over these rounds).
const SLACK: isize = 100;

fn labels(pairs: &[(&str, &str)]) -> Labels {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// 20 groups; the first 10 pushed again at every round, as jobs on a schedule are.
fn group_rows(round: u32) -> Vec<GroupRow> {
    let groups: Vec<_> = (0..20)
        .map(|i| {
            let pushed = if i < 10 { round as f64 } else { 0.0 };
            Arc::new(GatewayGroup {
                labels: labels(&[("job", &format!("u/admin/job_{i:02}")), ("instance", "")]),
                last_push_successful: true,
                push_time: Some(NOW - 1_000.0 + pushed),
                push_failure_time: None,
                families: vec![],
            })
        })
        .collect();
    build_rows(&groups, &[], &[], &StaleThresholds::default(), NOW)
}

/// Five targets, each scraped again at every round; one goes down and up.
fn targets(round: u32) -> Vec<Target> {
    (0..5)
        .map(|i| Target {
            scrape_pool: "windmill".into(),
            scrape_url: format!("http://127.0.0.1:800{i}/metrics"),
            labels: labels(&[
                ("instance", &format!("127.0.0.1:800{i}")),
                ("job", "windmill"),
            ]),
            health: if i == 0 && round % 2 == 1 {
                "down"
            } else {
                "up"
            }
            .into(),
            last_error: String::new(),
            last_scrape: format!("2023-11-14T22:{:02}:{:02}Z", round / 60 % 60, round % 60),
            last_scrape_duration: 0.01,
            scrape_interval: Some(15.0),
        })
        .collect()
}

fn mount(view: impl FnOnce() -> AnyView + 'static) -> (web_sys::Element, impl Drop) {
    let root = dom::document().create_element("div").unwrap();
    dom::document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        SettingsContext::provide(RwSignal::new(Settings::default()));
        view()
    });
    (root, handle)
}

/// Runs `refresh(round)` for the warm-up, then ROUNDS more; the live allocations they added.
async fn growth(refresh: impl Fn(u32)) -> isize {
    for round in 0..WARM_UP {
        refresh(round);
        dom::sleep(0).await;
    }
    let before = LIVE.load(Relaxed);
    for round in WARM_UP..WARM_UP + ROUNDS {
        refresh(round);
        dom::sleep(0).await;
    }
    LIVE.load(Relaxed) - before
}

fn first_row(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
}

#[wasm_bindgen_test]
async fn refreshed_lists_update_rows_in_place_and_hold_their_memory() {
    // The groups table.
    let rows = RwSignal::new(group_rows(0));
    let now = RwSignal::new(NOW);
    let (root, _groups) = mount(move || {
        view! {
            <GroupsTable rows=rows sort=RwSignal::new((SortColumn::Job, false)) now=now
                loaded=Signal::derive(|| true) on_delete=move |_: GroupRow| {} />
        }
        .into_any()
    });
    dom::sleep(0).await;
    let row = first_row(&root, "table.groups tbody tr.group-row");
    let last_push = || {
        row.query_selector("td:nth-child(4)")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(last_push(), "16m 40s ago", "pushed 1,000 s ago");
    rows.set(group_rows(400));
    dom::sleep(0).await;
    assert_eq!(last_push(), "10m ago", "the same row shows the new push");
    assert!(
        row.is_connected(),
        "the pushed group's row is updated, not rebuilt"
    );

    let grew = growth(|round| rows.set(group_rows(round))).await;
    assert!(
        grew <= SLACK,
        "the groups table kept {grew} allocations over {ROUNDS} refreshes"
    );

    // A scrape pool of the Targets view.
    let list = RwSignal::new(targets(0));
    let (root, _targets) = mount(move || {
        view! { <TargetPool name="windmill".to_string() targets=list now=now /> }.into_any()
    });
    dom::sleep(0).await;
    let row = first_row(&root, "table.targets tbody tr");
    assert_eq!(row.get_attribute("data-health").as_deref(), Some("up"));
    list.set(targets(1));
    dom::sleep(0).await;
    assert_eq!(
        row.get_attribute("data-health").as_deref(),
        Some("down"),
        "the same row shows the scrape"
    );
    assert!(row.is_connected());

    let grew = growth(|round| list.set(targets(round))).await;
    assert!(
        grew <= SLACK,
        "the targets table kept {grew} allocations over {ROUNDS} refreshes"
    );
}
