//! One clock for the page: the time in seconds, ticking once a second, shared as context. Ages,
//! countdowns and freshness read it; no component keeps an interval of its own for them.

use crate::browser::now_secs;
use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy)]
pub struct Clock(ReadSignal<f64>);

impl Clock {
    /// Starts the clock and provides it to the components below: once, in the root component.
    pub fn provide() -> Clock {
        let (now, set_now) = signal(now_secs());
        if let Ok(handle) =
            set_interval_with_handle(move || set_now.set(now_secs()), Duration::from_secs(1))
        {
            on_cleanup(move || handle.clear());
        }
        let clock = Clock(now);
        provide_context(clock);
        clock
    }
}

/// The page's clock: seconds since the epoch, as of its last tick.
pub fn use_clock() -> Signal<f64> {
    expect_context::<Clock>().0.into()
}
