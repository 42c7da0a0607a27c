//! Browser tests of the polling hook: one request in flight at most, restart cancels the stale
//! one, and the last good data survives an error.
#![cfg(target_arch = "wasm32")]

use futures::channel::oneshot;
use gatewatch::core::error::{ApiError, Backend};
use gatewatch::views::poll::Poll;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
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
        let started = self.started.clone();
        Poll::new(move || {
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
    let slot: Rc<RefCell<Option<Poll<u32>>>> = Rc::default();
    let (gate, filled) = (gate.clone(), slot.clone());
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.unchecked_into(), move || {
        *filled.borrow_mut() = Some(gate.poll());
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
    assert_eq!(poll.last_good.get_untracked().map(|(v, _)| v), None);
    gate.answer(1, Ok(2));
    settle().await;
    assert_eq!(poll.last_good.get_untracked().map(|(v, _)| v), Some(2));
}

#[wasm_bindgen_test]
async fn an_error_keeps_the_last_good_data_and_its_time() {
    let gate = Gate::default();
    let (poll, _mounted) = mount_poll(&gate);
    poll.refresh();
    settle().await;
    gate.answer(0, Ok(7));
    settle().await;
    let (_, at) = poll.last_good.get_untracked().expect("data");
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
    assert_eq!(poll.last_good.get_untracked(), Some((7, at)));
    assert!(poll.error.get_untracked().is_some());
    poll.refresh();
    settle().await;
    gate.answer(2, Ok(8));
    settle().await;
    assert_eq!(poll.last_good.get_untracked().map(|(v, _)| v), Some(8));
    assert!(
        poll.error.get_untracked().is_none(),
        "recovery clears the error"
    );
}
