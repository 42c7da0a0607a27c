//! Small browser facts the views need: the clock, tab visibility, and an async sleep.

/// Seconds since the epoch, from the browser clock (the pure core takes it as a parameter).
pub fn now_secs() -> f64 {
    js_sys::Date::now() / 1000.0
}

/// True while the tab is in the background; polling pauses then.
pub fn tab_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
        .unwrap_or(false)
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
