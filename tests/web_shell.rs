//! Browser tests of the app shell: backend health badges, settings dialog, theme.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/dom.rs"]
mod dom;
use dom::*;

#[wasm_bindgen_test]
async fn health_badges_report_unreachable_backends_with_advice() {
    // The test runner's server does not serve /prometheus or /pushgateway: both must show down.
    let app = mount_app();
    eventually("both badges down", || {
        document()
            .query_selector_all(".health .badge.down")
            .unwrap()
            .length()
            == 2
    })
    .await;
    let badge = app.find(".badge[data-backend='Prometheus']").unwrap();
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
    let app = mount_app();
    leptos::task::tick().await;
    app.find(".settings-button")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    leptos::task::tick().await;
    assert!(app.find("[role='dialog'][aria-modal='true']").is_some());

    let set_input = |id: &str, value: &str| {
        let input = app.find(id).unwrap().unchecked_into::<HtmlInputElement>();
        input.set_value(value);
        input
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
    };
    set_input("#prometheus-base", "not a url");
    app.find("button[type='submit']")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    leptos::task::tick().await;
    assert!(app
        .text("[role='dialog'] [role='alert']")
        .contains("Prometheus base URL"));
    assert!(
        app.find("[role='dialog']").is_some(),
        "dialog must stay open on error"
    );

    set_input("#prometheus-base", "http://127.0.0.1:9/prom/");
    let theme = app
        .find("#theme")
        .unwrap()
        .unchecked_into::<HtmlSelectElement>();
    theme.set_value("dark");
    theme
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    app.find("button[type='submit']")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    leptos::task::tick().await;
    assert!(
        app.find("[role='dialog']").is_none(),
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
