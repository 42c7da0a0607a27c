//! Browser tests of the props' helpers: read-only values (views::derived::Derived), where what
//! reads one tracks the signals behind it, a signal or memo is lent without a copy and an
//! untracked read tracks nothing; and handlers (views::handler::Handler), called with a value.
#![cfg(target_arch = "wasm32")]

use gatewatch::views::derived::Derived;
use gatewatch::views::handler::Handler;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static CLONES: Cell<usize> = const { Cell::new(0) };
}

/// A value that counts its copies.
#[derive(Debug, PartialEq)]
struct Counted(u32);

impl Clone for Counted {
    fn clone(&self) -> Self {
        CLONES.with(|c| c.set(c.get() + 1));
        Counted(self.0)
    }
}

/// Runs `body` inside a mounted component, where Leptos' owner and effects exist.
fn mounted(body: impl FnOnce() + 'static) -> impl Drop {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    leptos::mount::mount_to(root.unchecked_into(), move || {
        body();
        view! { <span></span> }
    })
}

async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
    }
}

#[wasm_bindgen_test]
async fn an_effect_reading_a_derived_value_reruns_when_its_signal_changes() {
    let source = RwSignal::new(1);
    let seen = Rc::new(Cell::new(0));
    let runs = Rc::new(Cell::new(0));
    let (s, r) = (seen.clone(), runs.clone());
    let _mounted = mounted(move || {
        let doubled = Derived::new(move || source.get() * 2);
        Effect::new(move || {
            s.set(doubled.get());
            r.set(r.get() + 1);
        });
    });
    settle().await;
    assert_eq!((seen.get(), runs.get()), (2, 1));
    source.set(5);
    settle().await;
    assert_eq!((seen.get(), runs.get()), (10, 2));
}

#[wasm_bindgen_test]
async fn an_untracked_read_does_not_rerun_the_effect() {
    let source = RwSignal::new(1);
    let runs = Rc::new(Cell::new(0));
    let r = runs.clone();
    let _mounted = mounted(move || {
        let value: Derived<i32> = source.into();
        Effect::new(move || {
            let _ = value.get_untracked();
            value.with_untracked(|_| ());
            r.set(r.get() + 1);
        });
    });
    settle().await;
    source.set(2);
    settle().await;
    assert_eq!(runs.get(), 1);
}

#[wasm_bindgen_test]
async fn signals_and_memos_are_lent_and_computed_values_handed_over_not_copied() {
    let source = RwSignal::new(Counted(7));
    let _mounted = mounted(move || {
        let memo = Memo::new(move |_| Counted(source.with(|c| c.0 + 1)));
        let from_signal: Derived<Counted> = source.into();
        let from_memo: Derived<Counted> = memo.into();
        let before = CLONES.with(Cell::get);
        assert_eq!(from_signal.with(|c| c.0), 7);
        assert_eq!(from_memo.with(|c| c.0), 8);
        assert_eq!(CLONES.with(Cell::get), before, "with() copied the value");
        assert_eq!(from_memo.get(), Counted(8));
        assert_eq!(CLONES.with(Cell::get), before + 1, "get() copies once");
        let computed = Derived::new(move || Counted(source.with(|c| c.0 + 2)));
        let before = CLONES.with(Cell::get);
        assert_eq!(computed.get(), Counted(9));
        assert_eq!(computed.with(|c| c.0), 9);
        assert_eq!(
            CLONES.with(Cell::get),
            before,
            "a computed value was copied"
        );
    });
    settle().await;
}

#[wasm_bindgen_test]
async fn a_handler_is_called_with_each_value_from_any_copy() {
    let got = Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = got.clone();
    let _mounted = mounted(move || {
        let handler: Handler<String> = (move |s: String| sink.borrow_mut().push(s)).into();
        let copy = handler;
        handler.run("a/é".into());
        copy.run(String::new());
    });
    settle().await;
    assert_eq!(*got.borrow(), ["a/é".to_string(), String::new()]);
}
