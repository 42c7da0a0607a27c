//! Small browser facts the views need: the time, the UTC offset, tab visibility, the chart
//! width, and an async sleep.

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

/// Minutes east of UTC of the browser's local time now (JavaScript counts the other way).
pub fn utc_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// A chart's width in pixels, from the window's: every page plans its grid for about one point
/// per pixel column with it.
pub fn chart_width() -> f64 {
    let w = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(1200.0);
    (w - 80.0).clamp(300.0, 1600.0)
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
