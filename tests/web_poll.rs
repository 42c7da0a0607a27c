//! Browser tests of the polling hook: one request in flight at most, restart cancels the stale
//! one, the last good data survives an error, and failures are retried with growing delays
//! until the backend answers again.
#![cfg(target_arch = "wasm32")]

use futures::channel::oneshot;
use gatewatch::browser::sleep;
use gatewatch::core::backoff::Backoff;
use gatewatch::core::error::{ApiError, Backend};
use gatewatch::views::poll::{self, Poll};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

type Answer = Result<u32, ApiError>;

/// A fetch whose answers the test releases by hand, counting how often it was started.
#[derive(Clone, Default)]
struct Gate {
    started: Rc<RefCell<Vec<oneshot::Sender<Answer>>>>,
}

impl Gate {
    fn poll(&self) -> Poll<u32> {
        self.poll_with(Backoff::DEFAULT)
    }

    fn poll_with(&self, backoff: Backoff) -> Poll<u32> {
        let started = self.started.clone();
        Poll::with_backoff(backoff, move || {
            let (tx, rx) = oneshot::channel();
            started.borrow_mut().push(tx);
            async move { rx.await.unwrap_or(Ok(0)) }
        })
    }

    fn count(&self) -> usize {
        self.started.borrow().len()
    }

    fn answer(&self, index: usize, answer: Answer) {
        let tx = std::mem::replace(&mut self.started.borrow_mut()[index], oneshot::channel().0);
        let _ = tx.send(answer);
    }
}

/// Creates the poll inside a mounted component: mounting starts Leptos' executor and owner.
fn mount_poll(gate: &Gate) -> (Poll<u32>, impl Drop) {
    let gate = gate.clone();
    mount(move || gate.poll())
}

fn mount<T: Clone + 'static>(make: impl FnOnce() -> Poll<T> + 'static) -> (Poll<T>, impl Drop) {
    let slot: Rc<RefCell<Option<Poll<T>>>> = Rc::default();
    let filled = slot.clone();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.unchecked_into(), move || {
        *filled.borrow_mut() = Some(make());
        view! { <span></span> }
    });
    let poll = slot.borrow().expect("poll created while mounting");
    (poll, handle)
}

async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
    }
}

#[wasm_bindgen_test]
async fn refresh_never_stacks_requests_and_restart_cancels_the_stale_one() {
    let gate = Gate::default();
    let (poll, _mounted) = mount_poll(&gate);
    poll.refresh();
    poll.refresh();
    poll.refresh();
    settle().await;
    assert_eq!(
        gate.count(),
        1,
        "a slow backend must not get a pile of requests"
    );

    poll.restart();
    settle().await;
    assert_eq!(gate.count(), 2, "changed inputs start a new request");
    gate.answer(0, Ok(1)); // the stale answer arrives late: it must not show
    settle().await;
    assert_eq!(last_good(&poll).map(|(v, _)| v), None);
    gate.answer(1, Ok(2));
    settle().await;
    assert_eq!(last_good(&poll).map(|(v, _)| v), Some(2));
}

#[wasm_bindgen_test]
async fn an_error_keeps_the_last_good_data_and_its_time() {
    let gate = Gate::default();
    let (poll, _mounted) = mount_poll(&gate);
    poll.refresh();
    settle().await;
    gate.answer(0, Ok(7));
    settle().await;
    let (_, at) = last_good(&poll).expect("data");
    poll.refresh();
    settle().await;
    gate.answer(
        1,
        Err(ApiError::Unreachable {
            backend: Backend::Pushgateway,
            detail: "down".into(),
        }),
    );
    settle().await;
    assert_eq!(last_good(&poll), Some((7, at)));
    assert!(poll.error.get_untracked().is_some());
    poll.refresh();
    settle().await;
    gate.answer(2, Ok(8));
    settle().await;
    assert_eq!(last_good(&poll).map(|(v, _)| v), Some(8));
    assert!(
        poll.error.get_untracked().is_none(),
        "recovery clears the error"
    );
}

/// The last good answer and when it arrived, as the views read them.
fn last_good<T: Copy + 'static>(poll: &Poll<T>) -> Option<(T, f64)> {
    untrack(|| poll.with_answer(|v| v.copied())).zip(poll.data_at.get_untracked())
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
    let (poll, _mounted) = mount(move || Poll::with_backoff(backoff, fetch));
    poll.refresh();
    // attempts at 0, 60, 180, 420, 660 ms
    sleep(800).await;
    let starts = starts.borrow().clone();
    // (a loaded machine may run timers late: never early, and at most a little late)
    assert!((4..=6).contains(&starts.len()), "attempts at {starts:?}");
    let gaps: Vec<f64> = starts.windows(2).map(|w| w[1] - w[0]).collect();
    for (gap, want) in gaps.iter().zip([60.0, 120.0, 240.0, 240.0]) {
        assert!(*gap >= want - 5.0 && *gap < want + 150.0, "gaps {gaps:?}");
    }
    assert_eq!(poll.failures.get_untracked() as usize, starts.len());
    assert!(poll.error.get_untracked().is_some());
    assert!(
        poll.next_retry_at.get_untracked().is_some(),
        "another retry is planned"
    );
    let state = poll.retry_state().get_untracked();
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
    let (poll, _mounted) = mount(move || Poll::with_backoff(backoff, fetch));
    poll.refresh();
    settle().await;
    let (_, first_at) = last_good(&poll).expect("first answer");
    poll.refresh();
    settle().await;
    assert_eq!(poll.failures.get_untracked(), 1);
    assert_eq!(last_good(&poll), Some((1, first_at)));
    sleep(200).await; // retries at +30 ms (fails) and +90 ms (succeeds)
    assert_eq!(starts.borrow().len(), 4);
    assert_eq!(last_good(&poll).map(|(v, _)| v), Some(2));
    assert!(poll.error.get_untracked().is_none(), "recovered by itself");
    assert_eq!(
        poll.failures.get_untracked(),
        0,
        "success resets the backoff"
    );
    assert_eq!(poll.next_retry_at.get_untracked(), None);
    sleep(150).await;
    assert_eq!(starts.borrow().len(), 4, "no retry after a success");
}

#[wasm_bindgen_test]
async fn retries_never_add_a_second_request_in_flight() {
    let gate = Gate::default();
    let (poll, _mounted) = mount({
        let gate = gate.clone();
        move || {
            gate.poll_with(Backoff {
                base: ms(40),
                max: ms(40),
            })
        }
    });
    poll.refresh();
    settle().await;
    gate.answer(0, Err(down()));
    settle().await;
    assert!(poll.next_retry_at.get_untracked().is_some());
    // a timer's refresh leaves the failing backend to its backoff ...
    poll::automatic(|| poll.refresh());
    settle().await;
    assert_eq!(gate.count(), 1);
    // ... the retry starts one request, which stays unanswered (a slow backend)
    sleep(80).await;
    assert_eq!(gate.count(), 2);
    assert!(poll.loading());
    assert_eq!(poll.next_retry_at.get_untracked(), None);
    poll.refresh();
    poll::automatic(|| poll.refresh());
    sleep(150).await;
    assert_eq!(
        gate.count(),
        2,
        "no retry or refresh while a request is in flight"
    );
    gate.answer(1, Err(down()));
    settle().await;
    assert_eq!(poll.failures.get_untracked(), 2);
    // the user's refresh asks at once and cancels the planned retry
    poll.refresh();
    settle().await;
    assert_eq!(gate.count(), 3);
    sleep(100).await;
    assert_eq!(gate.count(), 3, "the cancelled retry did not fire");
    gate.answer(2, Ok(5));
    settle().await;
    assert_eq!(last_good(&poll).map(|(v, _)| v), Some(5));
    assert_eq!(poll.failures.get_untracked(), 0);
}

#[wasm_bindgen_test]
async fn restart_cancels_a_planned_retry_and_errors_time_cannot_fix_are_not_retried() {
    let starts: Rc<RefCell<Vec<f64>>> = Rc::default();
    let bad_query = ApiError::Api {
        backend: Backend::Prometheus,
        error_type: "bad_data".into(),
        message: "parse error".into(),
    };
    let fetch = scripted(vec![Err(down()), Err(bad_query)], starts.clone());
    let backoff = Backoff {
        base: ms(50),
        max: ms(50),
    };
    let (poll, _mounted) = mount(move || Poll::with_backoff(backoff, fetch));
    poll.refresh();
    settle().await;
    assert!(poll.next_retry_at.get_untracked().is_some());
    poll.restart(); // new inputs: asked at once, and this time the request itself is wrong
    settle().await;
    assert_eq!(starts.borrow().len(), 2);
    assert_eq!(poll.failures.get_untracked(), 2);
    assert_eq!(
        poll.next_retry_at.get_untracked(),
        None,
        "a bad query is not retried"
    );
    sleep(150).await;
    assert_eq!(starts.borrow().len(), 2);
    // without a planned retry, the page's timer still refreshes as before
    poll::automatic(|| poll.refresh());
    settle().await;
    assert_eq!(starts.borrow().len(), 3);
}
