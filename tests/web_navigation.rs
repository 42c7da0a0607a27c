//! Browser test of navigation between views (its own page: one Router per page).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/dom.rs"]
mod dom;
use dom::*;

#[wasm_bindgen_test]
async fn header_lists_every_view_and_marks_the_current_one() {
    let app = mount_app();
    leptos::task::tick().await;
    let nav = app.text("nav[aria-label='Views']");
    for view in ["Groups", "Charts", "Explore", "Targets", "Windmill"] {
        assert!(nav.contains(view), "nav lacks {view}: {nav}");
    }
    let charts = app
        .find("nav a[href='/charts']")
        .unwrap()
        .unchecked_into::<HtmlElement>();
    charts.click();
    leptos::task::tick().await;
    eventually("charts page", || app.text("#page-title") == "Charts").await;
    // The chart state lands in the URL, so the link can be shared.
    eventually("charts state in the URL", || {
        web_sys::window()
            .unwrap()
            .location()
            .href()
            .unwrap_or_default()
            .contains("/charts")
    })
    .await;
    assert_eq!(
        app.find("nav a[aria-current='page']")
            .unwrap()
            .text_content()
            .unwrap(),
        "Charts"
    );
    app.click("nav a[href='/explore']");
    eventually("explore page", || app.text("#page-title") == "Explore").await;
    assert!(
        app.find("textarea#expr").is_some(),
        "the PromQL box has its label: {}",
        app.text("main")
    );
    assert!(app.find("label[for='expr']").is_some());
    // Back returns to the previous view.
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .back()
        .unwrap();
    eventually("back to charts", || app.text("#page-title") == "Charts").await;
}
