//! Browser tests of the app shell: navigation, backend health badges, settings dialog, theme.
#![cfg(target_arch = "wasm32")]

use gatewatch::app::App;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn query(selector: &str) -> Option<web_sys::Element> {
    document().query_selector(selector).unwrap()
}

fn text(selector: &str) -> String {
    query(selector)
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

async fn sleep(ms: u64) {
    gloo_timers_sleep(Duration::from_millis(ms)).await
}

async fn gloo_timers_sleep(d: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, d.as_millis() as i32)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until `check` holds, up to ~5 s, so tests don't depend on timing.
async fn eventually(what: &str, check: impl Fn() -> bool) {
    for _ in 0..100 {
        if check() {
            return;
        }
        sleep(50).await;
    }
    panic!("timed out waiting for: {what}");
}

fn mount_app() -> impl Drop {
    let _ = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    leptos::mount::mount_to(root.unchecked_into(), App)
}

#[wasm_bindgen_test]
async fn header_lists_every_view_and_marks_the_current_one() {
    let _app = mount_app();
    leptos::task::tick().await;
    let nav = text("nav[aria-label='Views']");
    for view in ["Groups", "Charts", "Explore", "Targets"] {
        assert!(nav.contains(view), "nav lacks {view}: {nav}");
    }
    // Unbuilt views say so instead of pretending to work.
    let charts = query("nav a[href='/charts']")
        .unwrap()
        .unchecked_into::<HtmlElement>();
    charts.click();
    leptos::task::tick().await;
    eventually("charts page", || text("#page-title") == "Charts").await;
    assert!(text("main").contains("Coming soon"));
    assert_eq!(
        query("nav a[aria-current='page']")
            .unwrap()
            .text_content()
            .unwrap(),
        "Charts"
    );
}

#[wasm_bindgen_test]
async fn health_badges_report_unreachable_backends_with_advice() {
    // The test runner's server does not serve /prometheus or /pushgateway: both must show down.
    let _app = mount_app();
    eventually("both badges down", || {
        document()
            .query_selector_all(".health .badge.down")
            .unwrap()
            .length()
            == 2
    })
    .await;
    let badge = query(".badge[data-backend='Prometheus']").unwrap();
    assert!(badge.text_content().unwrap().contains("unreachable"));
    let title = badge.get_attribute("title").unwrap();
    assert!(title.contains("Prometheus"), "{title}");
    assert!(
        title.contains("Check") || title.contains("check"),
        "no advice: {title}"
    );
}

#[wasm_bindgen_test]
async fn settings_validate_save_to_storage_and_switch_theme() {
    let _app = mount_app();
    leptos::task::tick().await;
    query(".settings-button")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    leptos::task::tick().await;
    assert!(query("[role='dialog'][aria-modal='true']").is_some());

    let set_input = |id: &str, value: &str| {
        let input = query(id).unwrap().unchecked_into::<HtmlInputElement>();
        input.set_value(value);
        input
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
    };
    set_input("#prometheus-base", "not a url");
    query("button[type='submit']")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    leptos::task::tick().await;
    assert!(text("[role='dialog'] [role='alert']").contains("Prometheus base URL"));
    assert!(
        query("[role='dialog']").is_some(),
        "dialog must stay open on error"
    );

    set_input("#prometheus-base", "http://127.0.0.1:9/prom/");
    let theme = query("#theme")
        .unwrap()
        .unchecked_into::<HtmlSelectElement>();
    theme.set_value("dark");
    theme
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    query("button[type='submit']")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    leptos::task::tick().await;
    assert!(
        query("[role='dialog']").is_none(),
        "dialog closes after save"
    );

    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("gatewatch.settings")
        .unwrap()
        .unwrap();
    assert!(stored.contains("http://127.0.0.1:9/prom"), "{stored}");
    assert!(stored.contains("dark"), "{stored}");
    eventually("dark theme", || {
        document()
            .document_element()
            .unwrap()
            .get_attribute("data-theme")
            .as_deref()
            == Some("dark")
    })
    .await;
}
