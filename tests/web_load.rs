//! Browser tests of the data-loading primitive (`load::Load`): what the fetcher reads is
//! what it follows, a changed input asks again at once even while a request hangs, a superseded
//! answer never shows, the last good data survives an error and a reload, and failures are
//! retried with growing delays until the backend answers again.
#![cfg(target_arch = "wasm32")]

use futures::channel::oneshot;
use gatewatch::browser::sleep;
use gatewatch::load::{Load, RefreshCause};
use gatewatch_core::http::backoff::Backoff;
use gatewatch_core::http::error::{ApiError, Backend};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

type Answer = Result<u32, ApiError>;
/// Each request's input, and the sender of its answer.
type Started = Vec<(u32, oneshot::Sender<Answer>)>;

/// A fetch whose answers the test releases by hand: it notes the input each request was
/// started with. An unanswered request hangs, as a frozen backend does.
#[derive(Clone, Default)]
struct Gate {
    started: Rc<RefCell<Started>>,
}

impl Gate {
    /// A load of `input`, as a page's load reads a base URL.
    fn load(&self, input: RwSignal<u32>, backoff: Backoff) -> Load<u32> {
        let started = self.started.clone();
        Load::with_backoff(backoff, None, move || {
            let asked = input.get();
            let (tx, rx) = oneshot::channel();
            started.borrow_mut().push((asked, tx));
            async move { rx.await.unwrap_or(Ok(0)) }
        })
    }

    fn inputs(&self) -> Vec<u32> {
        self.started.borrow().iter().map(|(i, _)| *i).collect()
    }

    fn answer(&self, index: usize, answer: Answer) {
        let tx = std::mem::replace(
            &mut self.started.borrow_mut()[index].1,
            oneshot::channel().0,
        );
        let _ = tx.send(answer);
    }
}

/// Creates the load inside a mounted component: mounting starts Leptos' executor and owner.
fn mount<T: 'static>(make: impl FnOnce() -> Load<T> + 'static) -> (Load<T>, impl Drop) {
    let slot: Rc<RefCell<Option<Load<T>>>> = Rc::default();
    let filled = slot.clone();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.unchecked_into(), move || {
        *filled.borrow_mut() = Some(make());
        view! { <span></span> }
    });
    let load = slot.borrow().expect("load created while mounting");
    (load, handle)
}

/// A gated load of a fresh input (starting at 1), mounted and settled: it has asked once.
async fn gated(backoff: Backoff) -> (Gate, RwSignal<u32>, Load<u32>, impl Drop) {
    let gate = Gate::default();
    let input = RwSignal::new(1);
    let (load, mounted) = mount({
        let gate = gate.clone();
        move || gate.load(input, backoff)
    });
    settle().await;
    (gate, input, load, mounted)
}

async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
    }
}

/// The last good answer and when it arrived, as the views read them.
fn last_good<T: Copy + 'static>(load: &Load<T>) -> Option<(T, f64)> {
    untrack(|| load.with(|v| v.copied())).zip(load.status.data_at.get_untracked())
}

fn down() -> ApiError {
    ApiError::Http {
        backend: Backend::Pushgateway,
        status: 502,
        body_excerpt: "Bad Gateway".into(),
    }
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[wasm_bindgen_test]
async fn an_input_change_asks_again_at_once_and_the_old_data_stays_until_it_answers() {
    let (gate, input, load, _mounted) = gated(Backoff::DEFAULT).await;
    assert_eq!(gate.inputs(), vec![1], "asked once, when created");
    gate.answer(0, Ok(10));
    settle().await;
    assert_eq!(last_good(&load).map(|(v, _)| v), Some(10));

    input.set(2);
    settle().await;
    assert_eq!(gate.inputs(), vec![1, 2], "the new input is asked at once");
    assert!(untrack(|| load.status.loading()));
    assert_eq!(
        last_good(&load).map(|(v, _)| v),
        Some(10),
        "the last data stays on screen while the new answer loads"
    );
    gate.answer(1, Ok(20));
    settle().await;
    assert_eq!(last_good(&load).map(|(v, _)| v), Some(20));
}

#[wasm_bindgen_test]
async fn an_input_change_while_a_request_hangs_is_never_lost() {
    let (gate, input, load, _mounted) = gated(Backoff::DEFAULT).await;
    // Request 0 never answers (a frozen gateway). Two changes arrive meanwhile.
    input.set(2);
    settle().await;
    input.set(3);
    settle().await;
    assert_eq!(
        gate.inputs(),
        vec![1, 2, 3],
        "each change is asked at once, not after the hung request"
    );
    gate.answer(2, Ok(30));
    settle().await;
    assert_eq!(last_good(&load).map(|(v, _)| v), Some(30));
    // The superseded requests answer late: their answers never show.
    gate.answer(0, Ok(10));
    gate.answer(1, Ok(20));
    settle().await;
    assert_eq!(last_good(&load).map(|(v, _)| v), Some(30));
    assert!(!untrack(|| load.status.loading()));
}

#[wasm_bindgen_test]
async fn a_refresh_never_stacks_requests_and_refetch_replaces_the_one_in_flight() {
    let (gate, _input, load, _mounted) = gated(Backoff::DEFAULT).await;
    load.refresh(RefreshCause::User);
    load.refresh(RefreshCause::Timer);
    settle().await;
    assert_eq!(
        gate.inputs().len(),
        1,
        "a slow backend gets no pile of requests"
    );
    load.refetch();
    settle().await;
    assert_eq!(gate.inputs().len(), 2, "refetch asks again in place of it");
    gate.answer(0, Ok(1));
    settle().await;
    assert_eq!(last_good(&load), None, "the replaced answer does not show");
    gate.answer(1, Ok(2));
    settle().await;
    assert_eq!(last_good(&load).map(|(v, _)| v), Some(2));
    load.refresh(RefreshCause::Timer);
    settle().await;
    assert_eq!(gate.inputs().len(), 3, "idle again: a timer's refresh asks");
}

#[wasm_bindgen_test]
async fn an_error_keeps_the_last_good_data_and_its_time() {
    let (gate, _input, load, _mounted) = gated(Backoff::DEFAULT).await;
    gate.answer(0, Ok(7));
    settle().await;
    let (_, at) = last_good(&load).expect("data");
    load.refresh(RefreshCause::User);
    settle().await;
    gate.answer(1, Err(down()));
    settle().await;
    assert_eq!(last_good(&load), Some((7, at)));
    assert!(load.status.error.get_untracked().is_some());
    load.refresh(RefreshCause::User);
    settle().await;
    gate.answer(2, Ok(8));
    settle().await;
    assert_eq!(last_good(&load).map(|(v, _)| v), Some(8));
    assert!(
        load.status.error.get_untracked().is_none(),
        "recovery clears the error"
    );
}

/// A fetch that answers at once from a script (then the last answer forever), noting when
/// each request started (milliseconds since the epoch).
fn scripted(
    answers: Vec<Answer>,
    starts: Rc<RefCell<Vec<f64>>>,
) -> impl Fn() -> std::future::Ready<Answer> {
    move || {
        let n = starts.borrow().len();
        starts.borrow_mut().push(js_sys::Date::now());
        std::future::ready(answers[n.min(answers.len() - 1)].clone())
    }
}

#[wasm_bindgen_test]
async fn failures_are_retried_after_growing_delays() {
    let starts: Rc<RefCell<Vec<f64>>> = Rc::default();
    let fetch = scripted(vec![Err(down())], starts.clone());
    let backoff = Backoff {
        base: ms(60),
        max: ms(240),
    };
    let (load, _mounted) = mount(move || Load::with_backoff(backoff, None, fetch));
    // attempts at 0, 60, 180, 420, 660 ms
    sleep(800).await;
    let starts = starts.borrow().clone();
    // (a loaded machine may run timers late: never early, and at most a little late)
    assert!((4..=6).contains(&starts.len()), "attempts at {starts:?}");
    let gaps: Vec<f64> = starts.windows(2).map(|w| w[1] - w[0]).collect();
    for (gap, want) in gaps.iter().zip([60.0, 120.0, 240.0, 240.0]) {
        assert!(*gap >= want - 5.0 && *gap < want + 150.0, "gaps {gaps:?}");
    }
    let status = load.status;
    assert_eq!(status.failures.get_untracked() as usize, starts.len());
    assert!(status.error.get_untracked().is_some());
    assert!(
        status.next_retry_at.get_untracked().is_some(),
        "another retry is planned"
    );
    let state = untrack(|| status.retry_state());
    assert_eq!(state.failures as usize, starts.len());
}

#[wasm_bindgen_test]
async fn a_retry_that_succeeds_clears_the_error_and_stops_retrying() {
    let starts: Rc<RefCell<Vec<f64>>> = Rc::default();
    let fetch = scripted(vec![Ok(1), Err(down()), Err(down()), Ok(2)], starts.clone());
    let backoff = Backoff {
        base: ms(30),
        max: ms(1000),
    };
    let (load, _mounted) = mount(move || Load::with_backoff(backoff, None, fetch));
    settle().await;
    let (_, first_at) = last_good(&load).expect("first answer");
    load.refresh(RefreshCause::User);
    settle().await;
    assert_eq!(load.status.failures.get_untracked(), 1);
    assert_eq!(last_good(&load), Some((1, first_at)));
    sleep(200).await; // retries at +30 ms (fails) and +90 ms (succeeds)
    assert_eq!(starts.borrow().len(), 4);
    assert_eq!(last_good(&load).map(|(v, _)| v), Some(2));
    assert!(
        load.status.error.get_untracked().is_none(),
        "recovered by itself"
    );
    assert_eq!(
        load.status.failures.get_untracked(),
        0,
        "success resets the backoff"
    );
    assert_eq!(load.status.next_retry_at.get_untracked(), None);
    sleep(150).await;
    assert_eq!(starts.borrow().len(), 4, "no retry after a success");
}

#[wasm_bindgen_test]
async fn retries_never_add_a_second_request_in_flight() {
    let backoff = Backoff {
        base: ms(40),
        max: ms(40),
    };
    let (gate, _input, load, _mounted) = gated(backoff).await;
    gate.answer(0, Err(down()));
    settle().await;
    assert!(load.status.next_retry_at.get_untracked().is_some());
    // a timer's refresh leaves the failing backend to its backoff ...
    load.refresh(RefreshCause::Timer);
    settle().await;
    assert_eq!(gate.inputs().len(), 1);
    // ... the retry starts one request, which stays unanswered (a slow backend)
    sleep(80).await;
    assert_eq!(gate.inputs().len(), 2);
    assert!(untrack(|| load.status.loading()));
    assert_eq!(load.status.next_retry_at.get_untracked(), None);
    load.refresh(RefreshCause::User);
    load.refresh(RefreshCause::Timer);
    sleep(150).await;
    assert_eq!(
        gate.inputs().len(),
        2,
        "no retry or refresh while a request is in flight"
    );
    gate.answer(1, Err(down()));
    settle().await;
    assert_eq!(load.status.failures.get_untracked(), 2);
    // the user's refresh asks at once and cancels the planned retry
    load.refresh(RefreshCause::User);
    settle().await;
    assert_eq!(gate.inputs().len(), 3);
    sleep(100).await;
    assert_eq!(gate.inputs().len(), 3, "the cancelled retry did not fire");
    gate.answer(2, Ok(5));
    settle().await;
    assert_eq!(last_good(&load).map(|(v, _)| v), Some(5));
    assert_eq!(load.status.failures.get_untracked(), 0);
}

#[wasm_bindgen_test]
async fn an_input_change_cancels_a_planned_retry_and_errors_time_cannot_fix_are_not_retried() {
    let starts: Rc<RefCell<Vec<f64>>> = Rc::default();
    let bad_query = ApiError::Api {
        backend: Backend::Prometheus,
        error_type: "bad_data".into(),
        message: "parse error".into(),
    };
    let answers = scripted(vec![Err(down()), Err(bad_query)], starts.clone());
    let backoff = Backoff {
        base: ms(50),
        max: ms(50),
    };
    let input = RwSignal::new(1);
    let (load, _mounted) = mount(move || {
        Load::with_backoff(backoff, None, move || {
            input.track();
            answers()
        })
    });
    settle().await;
    assert!(load.status.next_retry_at.get_untracked().is_some());
    input.set(2); // new input: asked at once, and this time the request itself is wrong
    settle().await;
    assert_eq!(starts.borrow().len(), 2);
    assert_eq!(load.status.failures.get_untracked(), 2);
    assert_eq!(
        load.status.next_retry_at.get_untracked(),
        None,
        "a bad query is not retried"
    );
    sleep(150).await;
    assert_eq!(starts.borrow().len(), 2);
    // without a planned retry, the page's timer still refreshes as before
    load.refresh(RefreshCause::Timer);
    settle().await;
    assert_eq!(starts.borrow().len(), 3);
}
