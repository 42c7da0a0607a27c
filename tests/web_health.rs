//! Browser tests of the header's health badges following the pages: a page's load reports a
//! failing backend and its recovery, and a badge the report contradicts checks at once instead
//! of at its next 15 s re-check.
#![cfg(target_arch = "wasm32")]

use gatewatch::browser::sleep;
use gatewatch::components::health_badge::HealthBadge;
use gatewatch::health_reports::HealthReports;
use gatewatch::load::{Load, RefreshCause};
use gatewatch_core::http::backoff::Backoff;
use gatewatch_core::http::error::{ApiError, Backend};
use gatewatch_core::http::health::Report;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn down() -> ApiError {
    ApiError::Http {
        backend: Backend::Pushgateway,
        status: 502,
        body_excerpt: "502 Bad Gateway nginx".into(),
    }
}

async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
    }
}

/// Mounts `make`'s view into a fresh element, under a fresh [`HealthReports`] context; returns
/// the reports, the element and the mount handle (dropping it unmounts).
fn mount<V: IntoView + 'static>(
    make: impl FnOnce() -> V + 'static,
) -> (HealthReports, web_sys::Element, impl Drop) {
    let slot: Rc<RefCell<Option<HealthReports>>> = Rc::default();
    let filled = slot.clone();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        *filled.borrow_mut() = Some(HealthReports::provide());
        make()
    });
    let reports = slot.borrow().expect("reports provided while mounting");
    (reports, root, handle)
}

#[wasm_bindgen_test]
async fn a_page_load_reports_failures_and_recovery_of_its_backend() {
    let answers: Rc<RefCell<Vec<Result<u32, ApiError>>>> = Rc::new(RefCell::new(vec![
        Err(down()),
        Ok(1),
        Err(ApiError::Api {
            backend: Backend::Prometheus,
            error_type: "bad_data".into(),
            message: "parse error".into(),
        }),
    ]));
    let slot: Rc<RefCell<Option<Load<u32>>>> = Rc::default();
    let (reports, _root, _mounted) = mount({
        let (answers, slot) = (answers.clone(), slot.clone());
        move || {
            *slot.borrow_mut() = Some(Load::new(move || {
                std::future::ready(answers.borrow_mut().remove(0))
            }));
            view! { <span></span> }
        }
    });
    let load = slot.borrow().unwrap();
    let latest = |backend| reports_untracked(reports, backend);

    settle().await; // the first answer
    assert_eq!(latest(Backend::Pushgateway), Some(Report::Failed));
    assert_eq!(latest(Backend::Prometheus), None);
    load.refresh(RefreshCause::User); // before the backoff's retry
    settle().await;
    assert_eq!(latest(Backend::Pushgateway), Some(Report::Recovered));
    load.refresh(RefreshCause::User);
    settle().await;
    assert!(load.status.error.get_untracked().is_some());
    assert_eq!(
        latest(Backend::Prometheus),
        None,
        "a refused query says nothing about Prometheus' health"
    );
}

fn reports_untracked(reports: HealthReports, backend: Backend) -> Option<Report> {
    untrack(|| reports.latest(backend))
}

#[wasm_bindgen_test]
async fn the_badge_checks_at_once_when_a_page_reports_otherwise() {
    let up = Rc::new(Cell::new(true));
    let checks = Rc::new(Cell::new(0u32));
    // A long backoff: any check seen below is the report's, not a retry's.
    let backoff = Backoff::from_secs(30.0, 30.0);
    let (reports, root, _mounted) = mount({
        let (up, checks) = (up.clone(), checks.clone());
        move || {
            let check = Load::with_backoff(backoff, None, move || {
                checks.set(checks.get() + 1);
                std::future::ready(if up.get() {
                    Ok("1.5.1".to_string())
                } else {
                    Err(down())
                })
            });
            view! { <HealthBadge backend=Backend::Pushgateway check=check /> }
        }
    });
    let badge = || {
        let li = root
            .query_selector(".badge[data-backend='Pushgateway']")
            .unwrap()
            .expect("badge");
        (li.class_name(), li.text_content().unwrap_or_default())
    };
    settle().await;
    assert_eq!(badge(), ("badge up".into(), "Pushgateway 1.5.1".into()));
    assert_eq!(checks.get(), 1);

    up.set(false);
    reports.send(Backend::Pushgateway, Report::Failed);
    settle().await;
    assert_eq!(checks.get(), 2, "a page saw the backend fail: check now");
    assert_eq!(
        badge(),
        ("badge down".into(), "Pushgateway: unreachable".into())
    );
    let title = root
        .query_selector(".badge")
        .unwrap()
        .unwrap()
        .get_attribute("title")
        .unwrap();
    assert!(
        title.starts_with("Pushgateway answered HTTP 502"),
        "{title}"
    );

    reports.send(Backend::Pushgateway, Report::Failed);
    sleep(50).await;
    settle().await;
    assert_eq!(checks.get(), 2, "already red: its own backoff retries");

    up.set(true);
    reports.send(Backend::Pushgateway, Report::Recovered);
    settle().await;
    assert_eq!(
        checks.get(),
        3,
        "a page saw the backend answer again: check now"
    );
    assert_eq!(badge().0, "badge up");

    reports.send(Backend::Pushgateway, Report::Recovered);
    reports.send(Backend::Prometheus, Report::Failed);
    sleep(50).await;
    settle().await;
    assert_eq!(checks.get(), 3, "nothing new for this badge");
}
