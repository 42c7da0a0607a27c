//! Browser test of the console's two documents (gatewatch_core::page::Document). scripts/test
//! runs it twice: in the all-views build every view renders and every link stays in the app; in
//! the first-load build (no features) a view it lacks is a full navigation away, and its path
//! says which document serves it.
#![cfg(target_arch = "wasm32")]

use gatewatch_core::page::{Document, Page};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/dom.rs"]
mod dom;
use dom::*;

const ALL_VIEWS: bool = cfg!(feature = "all-views");

fn go(path: &str) {
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_navigation_leaves_the_app_only_for_views_it_lacks() {
    go("/groups");
    let app = mount_app();
    eventually("groups", || app.text("#page-title") == "Groups").await;
    for page in Page::ALL {
        let link = app
            .find(&format!("nav a[href='{}']", page.path()))
            .unwrap_or_else(|| panic!("no link to {page:?}"));
        let external = link.get_attribute("rel").as_deref() == Some("external");
        let lacks = !ALL_VIEWS && page.document() == Document::AllViews;
        assert_eq!(
            external,
            lacks,
            "{page:?}'s link: rel={:?}",
            link.get_attribute("rel")
        );
    }
}

#[wasm_bindgen_test]
async fn a_view_s_path_renders_it_or_names_the_document_that_serves_it() {
    go("/targets");
    let app = mount_app();
    eventually("a title", || !app.text("#page-title").is_empty()).await;
    assert_eq!(app.text("#page-title"), "Targets");
    let notice = app.text("p.notice");
    if ALL_VIEWS {
        assert!(!notice.contains("all-views.html"), "{notice}");
    } else {
        assert!(
            notice.contains("all-views.html") && notice.contains("/targets"),
            "{notice}"
        );
    }
}
