//! Shows the exact PromQL a chart runs, with a copy button and a link into Prometheus' own UI.

use leptos::prelude::*;

#[component]
pub fn PromqlBox(
    #[prop(into)] expr: Signal<String>,
    /// The "Open in Prometheus" URL (built by the core from the expression and the range).
    #[prop(into)]
    link: Signal<String>,
) -> impl IntoView {
    let copied = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        let text = expr.get_untracked();
        let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
        match clipboard {
            Some(c) => {
                let promise = c.write_text(&text);
                leptos::task::spawn_local(async move {
                    let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                    copied.set(Some(if ok {
                        "Copied"
                    } else {
                        "Copy failed: select the text and copy it"
                    }));
                });
            }
            None => copied.set(Some("Copy failed: select the text and copy it")),
        }
    };
    view! {
        <div class="promql">
            <code class="expr">{move || expr.get()}</code>
            <div class="promql-actions">
                <button type="button" class="small" on:click=copy aria-label="Copy the PromQL">
                    "Copy"
                </button>
                <a href=move || link.get() target="_blank" rel="noopener noreferrer">
                    "Open in Prometheus"
                </a>
                <span class="hint" role="status">{move || copied.get()}</span>
            </div>
        </div>
    }
}
