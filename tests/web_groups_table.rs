//! Browser tests of the groups table: real table markup, odd label values rendered as text,
//! sorting, expandable details (histograms and summaries), pagination and the delete action.
#![cfg(target_arch = "wasm32")]

use gatewatch::components::groups_table::GroupsTable;
use gatewatch::settings_store::SettingsContext;
use gatewatch_core::gateway::freshness::StaleThresholds;
use gatewatch_core::gateway::group_table::{build_rows, GroupRow, SortColumn};
use gatewatch_core::gateway::model::{
    GatewayGroup, GatewaySample, Labels, MetricFamily, MetricKind, SampleValue,
};
use gatewatch_core::settings::Settings;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/dom.rs"]
mod dom;

const NOW: f64 = 1_700_000_000.0;

fn labels(pairs: &[(&str, &str)]) -> Labels {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn family(name: &str, kind: MetricKind, help: Option<&str>, value: SampleValue) -> MetricFamily {
    MetricFamily {
        name: name.into(),
        kind,
        help: help.map(str::to_string),
        time_stamp: Some("2023-11-14T22:13:20Z".into()),
        samples: vec![GatewaySample {
            labels: Vec::new(),
            value,
        }],
    }
}

fn group(pairs: &[(&str, &str)], push_ago: f64) -> Arc<GatewayGroup> {
    Arc::new(GatewayGroup {
        labels: labels(pairs),
        last_push_successful: true,
        push_time: Some(NOW - push_ago),
        push_failure_time: None,
        families: vec![
            family(
                "job_records_processed",
                MetricKind::Gauge,
                None,
                SampleValue::Single(f64::NAN),
            ),
            family(
                "job_duration_seconds",
                MetricKind::Histogram,
                Some("How long <b>it</b> took"),
                SampleValue::Histogram {
                    buckets: vec![(0.5, 1.0), (f64::INFINITY, 3.0)],
                    count: 3.0,
                    sum: 2.5,
                },
            ),
            family(
                "job_latency",
                MetricKind::Summary,
                Some("latency"),
                SampleValue::Summary {
                    quantiles: vec![(0.99, 0.25)],
                    count: 4.0,
                    sum: 1.0,
                },
            ),
        ],
    })
}

fn rows(groups: &[Arc<GatewayGroup>]) -> Vec<GroupRow> {
    build_rows(groups, &[], &[], &StaleThresholds::default(), NOW)
}

/// Tests run concurrently in one page: every query stays inside the test's own root.
struct Mounted {
    _handle: Box<dyn std::any::Any>,
    root: web_sys::Element,
    deleted: RwSignal<Option<GroupRow>>,
}

impl Mounted {
    fn find(&self, selector: &str) -> Option<web_sys::Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn text(&self, selector: &str) -> String {
        self.find(selector)
            .map(|e| e.text_content().unwrap_or_default())
            .unwrap_or_default()
    }

    fn count(&self, selector: &str) -> u32 {
        self.root.query_selector_all(selector).unwrap().length()
    }

    fn column(&self, col: usize) -> Vec<String> {
        let cells = self
            .root
            .query_selector_all(&format!(
                "table.groups tbody tr.group-row td:nth-child({col})"
            ))
            .unwrap();
        (0..cells.length())
            .map(|i| cells.item(i).unwrap().text_content().unwrap_or_default())
            .collect()
    }

    fn click(&self, selector: &str) {
        self.find(selector)
            .unwrap_or_else(|| panic!("no element {selector}"))
            .unchecked_into::<HtmlElement>()
            .click();
    }
}

fn mount_table(rows: Vec<GroupRow>) -> Mounted {
    mount_table_with(rows, Settings::default(), false)
}

/// The table with these settings, and with heartbeat strips if `strips`.
fn mount_table_with(rows: Vec<GroupRow>, settings: Settings, strips: bool) -> Mounted {
    use gatewatch::heartbeat_strips::HeartbeatStrips;
    let deleted = RwSignal::new(None::<GroupRow>);
    let root = dom::document().create_element("div").unwrap();
    dom::document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        SettingsContext::provide(RwSignal::new(settings.clone()));
        let rows = rows.clone();
        view! {
            <GroupsTable
                rows=Signal::derive(move || rows.clone())
                sort=RwSignal::new((SortColumn::Job, false))
                now=RwSignal::new(NOW)
                loaded=Signal::derive(|| true)
                on_delete=move |row: GroupRow| deleted.set(Some(row))
                strips=strips.then(HeartbeatStrips::start)
            />
        }
    });
    Mounted {
        _handle: Box::new(handle),
        root,
        deleted,
    }
}

#[wasm_bindgen_test]
async fn odd_label_values_render_as_text_in_a_real_table() {
    let groups = vec![
        group(&[("job", "u/admin/random_number_metric_script")], 2.0),
        group(
            &[
                ("job", "f/x"),
                ("instance", ""),
                ("note", "<script>window.pwned=1</script>"),
            ],
            5.0,
        ),
        group(&[("job", "ünï/cødé 100% ?#\"q\"")], 7.0),
    ];
    let m = mount_table(rows(&groups));
    leptos::task::tick().await;
    assert_eq!(m.count("table.groups thead th[scope='col']"), 8);
    let jobs = m.column(1);
    assert_eq!(
        jobs,
        vec![
            "f/x",
            "u/admin/random_number_metric_script",
            "ünï/cødé 100% ?#\"q\""
        ]
    );
    let other = m.column(2);
    assert!(other[0].contains("instance=(empty)"), "{other:?}");
    assert!(
        other[0].contains("<script>window.pwned=1</script>"),
        "markup shown as text: {other:?}"
    );
    assert!(
        m.find("table.groups script").is_none(),
        "no script element may be created"
    );
    assert_eq!(m.column(3), vec!["fresh", "fresh", "fresh"]);
}

#[wasm_bindgen_test]
async fn header_buttons_sort_and_announce_the_order() {
    let groups = vec![
        group(&[("job", "b")], 30.0),
        group(&[("job", "a")], 10.0),
        group(&[("job", "c")], 20.0),
    ];
    let m = mount_table(rows(&groups));
    leptos::task::tick().await;
    assert_eq!(m.column(1), vec!["a", "b", "c"]);
    m.click("table.groups th:nth-child(1) button");
    leptos::task::tick().await;
    assert_eq!(m.column(1), vec!["c", "b", "a"]);
    assert_eq!(
        m.find("table.groups th:nth-child(1)")
            .unwrap()
            .get_attribute("aria-sort")
            .unwrap(),
        "descending"
    );
    m.click("table.groups th:nth-child(4) button"); // Last push, ascending = oldest first
    leptos::task::tick().await;
    assert_eq!(m.column(1), vec!["b", "c", "a"]);
    assert_eq!(m.column(4), vec!["30s ago", "20s ago", "10s ago"]);
}

#[wasm_bindgen_test]
async fn details_show_every_family_with_type_help_and_samples() {
    let mut g = (*group(&[("job", "u/admin/x")], 2.0)).clone();
    // A type the console does not know is shown as sent, in lower case.
    g.families.push(family(
        "job_odd",
        MetricKind::Other("GAUGE_HISTOGRAM".into()),
        None,
        SampleValue::Single(1.0),
    ));
    let m = mount_table(rows(&[Arc::new(g)]));
    leptos::task::tick().await;
    assert!(m.find("tr.details-row").is_none());
    m.click("table.groups tbody tr.group-row button[aria-expanded]");
    leptos::task::tick().await;
    let details = m.text("tr.details-row");
    for expected in [
        "job_records_processed",
        "gauge",
        "(no help text)",
        "NaN",
        "job_duration_seconds",
        "histogram",
        "How long <b>it</b> took",
        "le +Inf: 3",
        "count 3, sum 2.5",
        "job_latency",
        "summary",
        "q0.99: 0.25",
        "uses the global stale threshold",
        "job_odd gauge_histogram",
    ] {
        assert!(
            details.contains(expected),
            "details lack {expected:?}: {details}"
        );
    }
    assert!(
        m.find("tr.details-row b").is_none(),
        "help text must not become markup"
    );
    assert_eq!(
        m.find("table.groups tbody tr.group-row button[aria-expanded]")
            .unwrap()
            .get_attribute("aria-expanded")
            .unwrap(),
        "true"
    );
}

#[wasm_bindgen_test]
async fn long_lists_are_paged() {
    let groups: Vec<_> = (0..250)
        .map(|i| group(&[("job", &format!("f/job{i:03}"))], 2.0))
        .collect();
    let m = mount_table(rows(&groups));
    leptos::task::tick().await;
    assert_eq!(m.column(1).len(), 100);
    assert!(m.text("nav.pager").contains("Rows 1–100 of 250"));
    m.click("nav.pager button:last-child");
    leptos::task::tick().await;
    let pager = m.text("nav.pager");
    assert!(pager.contains("Rows 101–200 of 250"), "{pager}");
    assert_eq!(m.column(1)[0], "f/job100");
}

#[wasm_bindgen_test]
async fn the_delete_button_hands_over_exactly_its_row() {
    let groups = vec![
        group(&[("job", "a")], 2.0),
        group(&[("job", "b"), ("tag", "")], 2.0),
    ];
    let m = mount_table(rows(&groups));
    leptos::task::tick().await;
    m.click("table.groups tbody tr.group-row:nth-child(2) button.danger");
    leptos::task::tick().await;
    let row = m.deleted.get_untracked().expect("on_delete called");
    assert_eq!(row.group.labels, labels(&[("job", "b"), ("tag", "")]));
}

#[wasm_bindgen_test]
async fn firing_alerts_are_shown_on_their_group() {
    let groups = vec![
        group(&[("job", "f/old")], 2.0),
        group(&[("job", "f/new")], 2.0),
    ];
    let alert_series: Labels = labels(&[("exported_job", "f/old"), ("job", "prometheus_gateway")]);
    let rows = build_rows(
        &groups,
        &[],
        &[(alert_series, "PushedJobStale".to_string())],
        &StaleThresholds::default(),
        NOW,
    );
    let m = mount_table(rows);
    leptos::task::tick().await;
    let status = m.column(3);
    assert!(status[1].contains("PushedJobStale"), "{status:?}");
    assert!(!status[0].contains("PushedJob"), "{status:?}");
}

#[wasm_bindgen_test]
async fn several_gateways_get_a_gateway_column() {
    let deleted = RwSignal::new(None::<GroupRow>);
    let mut rows = rows(&[group(&[("job", "a")], 2.0), group(&[("job", "a")], 2.0)]);
    rows[0].gateway = "/pushgateway".into();
    rows[1].gateway = "/pushgateway-2".into();
    let root = dom::document().create_element("div").unwrap();
    dom::document().body().unwrap().append_child(&root).unwrap();
    let _handle = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        SettingsContext::provide(RwSignal::new(Settings::default()));
        let rows = rows.clone();
        view! {
            <GroupsTable
                rows=Signal::derive(move || rows.clone())
                sort=RwSignal::new((SortColumn::Job, false))
                now=RwSignal::new(NOW)
                loaded=Signal::derive(|| true)
                show_gateway=Signal::derive(|| true)
                on_delete=move |row: GroupRow| deleted.set(Some(row))
            />
        }
    });
    leptos::task::tick().await;
    let headers = root
        .query_selector("table.groups thead")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(headers.contains("Gateway"), "{headers}");
    let body = root
        .query_selector("table.groups tbody")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(body.contains("/pushgateway-2"), "{body}");
    // Same grouping key on two gateways: two distinct rows, the second one's delete names its gateway.
    assert_eq!(root.query_selector_all("tr.group-row").unwrap().length(), 2);
    root.query_selector("tr.group-row:nth-child(2) button.danger")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    leptos::task::tick().await;
    assert_eq!(deleted.get_untracked().unwrap().gateway, "/pushgateway-2");
}

#[wasm_bindgen_test]
async fn the_interval_column_says_when_the_next_push_is_due() {
    let groups = vec![
        group(&[("job", "a/every_10s")], 4.0),
        group(&[("job", "b/stopped")], 95.0),
        group(&[("job", "b/within_grace")], 12.0),
        group(&[("job", "c/no_history")], 5.0),
    ];
    let intervals = [
        (labels(&[("job", "a/every_10s")]), 10.0),
        (labels(&[("job", "b/stopped")]), 30.0),
        (labels(&[("job", "b/within_grace")]), 10.0),
    ];
    let rows = build_rows(&groups, &intervals, &[], &StaleThresholds::default(), NOW);
    let m = mount_table(rows);
    leptos::task::tick().await;
    assert_eq!(
        m.column(5),
        vec![
            "10snext push in 6s",
            "30soverdue by 1m 5s",
            "10sdue 2s ago",
            "unknown",
        ]
    );
    assert_eq!(m.count("table.groups td span.next-push"), 4);
}

#[wasm_bindgen_test]
async fn heartbeat_strips_get_a_column_beside_the_next_push() {
    let rows = rows(&[
        group(&[("job", "a")], 2.0),
        group(&[("job", "b/ü \"q\"")], 9.0),
    ]);
    // A closed port on loopback: the strips' reads fail at once, and the rows stay.
    let settings = Settings {
        prometheus_base: "http://127.0.0.1:9/".into(),
        ..Settings::default()
    };
    let m = mount_table_with(rows, settings, true);
    leptos::task::tick().await;
    let headers = m
        .find("table.groups thead")
        .unwrap()
        .query_selector_all("th[scope=col]")
        .unwrap();
    let headers: Vec<String> = (0..headers.length())
        .map(|i| headers.item(i).unwrap().text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        headers[4..7],
        ["Expected interval", "Last 24 h", "Last failure"]
    );
    assert_eq!(
        m.count("table.groups tbody td.strip canvas.heartbeat[role=img]"),
        2
    );
    let strip = m
        .find("table.groups tbody tr.group-row td:nth-child(6) canvas")
        .unwrap();
    // Prometheus cannot be reached: the strips say so rather than load forever.
    dom::eventually("the strips say they are unavailable", || {
        strip.get_attribute("aria-label").as_deref()
            == Some("Last 24 h: unavailable (see above the table)")
    })
    .await;
    // The details row spans the extra column.
    m.click("table.groups tbody tr.group-row button.link");
    leptos::task::tick().await;
    assert_eq!(
        m.find("tr.details-row td")
            .unwrap()
            .get_attribute("colspan")
            .as_deref(),
        Some("9")
    );
}
