//! Browser test of the router with query state (its own page: the address bar is one per page).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/dom.rs"]
mod dom;
use dom::*;

#[wasm_bindgen_test]
async fn query_changes_keep_the_view_and_back_restores_them() {
    let history = web_sys::window().unwrap().history().unwrap();
    // "/" is the groups view: its link is the current one.
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/"))
        .unwrap();
    let app = mount_app();
    eventually("groups at /", || app.text("#page-title") == "Groups").await;
    assert_eq!(app.text("nav a[aria-current='page']"), "Groups");
    assert_eq!(
        app.count("a[aria-current='page']"),
        1,
        "one current page, not the brand too"
    );

    app.click("nav a[href='/charts']");
    eventually("charts page", || app.text("#page-title") == "Charts").await;
    let href = || web_sys::window().unwrap().location().href().unwrap();
    let pressed = || app.text(".range-picker button[aria-pressed='true']");
    let before = pressed();
    let presets = app
        .root
        .query_selector_all(".range-picker button.preset")
        .unwrap();
    let other = (0..presets.length())
        .filter_map(|i| presets.item(i))
        .find(|b| b.text_content().unwrap_or_default() != before)
        .unwrap();
    let wanted = other.text_content().unwrap();
    // The view's own reads (the gateway's group list, Prometheus' series) run once per mount;
    // a range change only re-runs the range queries.
    sleep(300).await;
    let mounts_before = setup_requests();
    other.unchecked_into::<HtmlElement>().click();
    eventually("the new range pressed", || pressed() == wanted).await;
    sleep(500).await;
    let after_href = href();
    assert!(after_href.contains("/charts?"), "{after_href}");
    // A query change is a new history entry, but the same view: nothing was re-mounted.
    assert_eq!(
        setup_requests(),
        mounts_before,
        "the charts view started again for a query change"
    );

    history.back().unwrap();
    eventually("back to the previous range", || pressed() == before).await;
    assert!(href() != after_href);
}

/// How many times the page asked for the gateway's groups or Prometheus' series so far.
fn setup_requests() -> usize {
    js_sys::eval(
        "performance.getEntriesByType('resource')\
           .filter((e) => /\\/api\\/v1\\/(metrics|series)/.test(e.name)).length",
    )
    .unwrap()
    .as_f64()
    .unwrap() as usize
}
