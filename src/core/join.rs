//! Runs a few futures side by side and collects their outputs in order: the reads of every
//! configured gateway at once, a wave of group deletes.
//!
//! futures' `join_all` does the same, but compiles a second, `FuturesOrdered` path for long
//! lists at every call site; the console joins one future per gateway (bench/NOTES.md §1).

use futures::future::{maybe_done, MaybeDone};
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::Poll;

/// The outputs of `futures`, in their order, once all have finished. Each is polled until it
/// is done, and not after.
pub async fn join_every<F: Future>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    let mut all: Vec<Pin<Box<MaybeDone<F>>>> = futures
        .into_iter()
        .map(|f| Box::pin(maybe_done(f)))
        .collect();
    poll_fn(|cx| {
        let mut pending = false;
        for future in &mut all {
            // A finished MaybeDone answers Ready again without polling its future.
            pending |= future.as_mut().poll(cx).is_pending();
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    all.iter_mut()
        .filter_map(|future| future.as_mut().take_output())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::task::{Context, Waker};

    /// Ready with `value` on its `pending + 1`-th poll; logs every poll.
    fn after(
        pending: usize,
        value: char,
        polls: Rc<RefCell<Vec<char>>>,
    ) -> impl Future<Output = char> {
        let mut left = pending;
        poll_fn(move |_| {
            polls.borrow_mut().push(value);
            if left == 0 {
                Poll::Ready(value)
            } else {
                left -= 1;
                Poll::Pending
            }
        })
    }

    /// Polls `future` to its end (the futures here never wait on a waker), counting the rounds.
    fn run<T>(future: impl Future<Output = T>) -> (T, usize) {
        let mut future = Box::pin(future);
        let mut cx = Context::from_waker(Waker::noop());
        for round in 1..100 {
            if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
                return (out, round);
            }
        }
        panic!("did not finish");
    }

    #[test]
    fn outputs_come_in_input_order_whatever_finishes_first() {
        let polls = Rc::default();
        let futures = vec![
            after(2, 'a', Rc::clone(&polls)),
            after(0, 'b', Rc::clone(&polls)),
            after(1, 'c', Rc::clone(&polls)),
        ];
        let (out, rounds) = run(join_every(futures));
        assert_eq!(out, vec!['a', 'b', 'c']);
        assert_eq!(
            rounds, 3,
            "all run side by side: as many rounds as the slowest needs"
        );
        // Round 1 polls all three; then only those not yet done.
        assert_eq!(*polls.borrow(), vec!['a', 'b', 'c', 'a', 'c', 'a']);
    }

    #[test]
    fn nothing_to_join_is_done_at_once() {
        let none: Vec<std::future::Ready<u8>> = Vec::new();
        assert_eq!(run(join_every(none)), (Vec::new(), 1));
    }
}
