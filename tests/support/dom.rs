//! DOM helpers shared by the browser tests: query, text, waiting, mounting the app.
#![allow(dead_code)]

use gatewatch::app::App;
use std::time::Duration;
use wasm_bindgen::JsCast;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn query(selector: &str) -> Option<web_sys::Element> {
    document().query_selector(selector).unwrap()
}

pub fn text(selector: &str) -> String {
    query(selector)
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

pub async fn sleep(ms: u64) {
    gloo_timers_sleep(Duration::from_millis(ms)).await
}

pub async fn gloo_timers_sleep(d: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, d.as_millis() as i32)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until `check` holds, up to ~5 s, so tests don't depend on timing.
pub async fn eventually(what: &str, check: impl Fn() -> bool) {
    for _ in 0..100 {
        if check() {
            return;
        }
        sleep(50).await;
    }
    panic!(
        "timed out waiting for: {what} (location {:?}, body: {:?})",
        web_sys::window().unwrap().location().href(),
        document()
            .body()
            .unwrap()
            .inner_html()
            .chars()
            .take(1500)
            .collect::<String>()
    );
}

/// A mounted app; tests in one file run concurrently in one page, so queries stay in `root`.
pub struct Mounted {
    _handle: Box<dyn std::any::Any>,
    pub root: web_sys::Element,
}

impl Mounted {
    pub fn find(&self, selector: &str) -> Option<web_sys::Element> {
        self.root.query_selector(selector).unwrap()
    }

    pub fn text(&self, selector: &str) -> String {
        self.find(selector)
            .map(|e| e.text_content().unwrap_or_default())
            .unwrap_or_default()
    }

    pub fn count(&self, selector: &str) -> u32 {
        self.root.query_selector_all(selector).unwrap().length()
    }

    pub fn click(&self, selector: &str) {
        self.find(selector)
            .unwrap_or_else(|| panic!("no element {selector}"))
            .unchecked_into::<web_sys::HtmlElement>()
            .click();
    }
}

/// Mounts the whole app (with a fresh localStorage) into a new root element.
pub fn mount_app() -> Mounted {
    let _ = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone().unchecked_into(), App);
    Mounted {
        _handle: Box::new(handle),
        root,
    }
}
