//! Watchers that tell a chart to redraw: its container was resized, or the page theme changed.
//! Each stops watching when dropped, so a chart unmounted with its owner leaves nothing behind.
//! [`use_chart_watch`] gives a component both as signals.

use super::theme::Theme;
use leptos::html::Div;
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{MediaQueryList, MutationObserver, MutationObserverInit, ResizeObserver};

/// Calls back whenever `element` changes size (also once right after it starts watching).
pub struct ResizeWatch {
    observer: ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

impl ResizeWatch {
    pub fn new(element: &web_sys::Element, on_resize: impl FnMut() + 'static) -> Option<Self> {
        let callback = Closure::<dyn FnMut()>::new(on_resize);
        let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(element);
        Some(ResizeWatch {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for ResizeWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls back when the theme may have changed: an attribute of <html> changed (`data-theme`
/// is set there) or the OS switched between light and dark (the "system" theme follows it).
pub struct ThemeWatch {
    observer: Option<MutationObserver>,
    media: Option<MediaQueryList>,
    callback: Closure<dyn FnMut()>,
}

impl ThemeWatch {
    pub fn new(on_change: impl Fn() + 'static) -> Self {
        let on_change = Rc::new(on_change);
        let callback = Closure::<dyn FnMut()>::new(move || on_change());
        let window = web_sys::window();
        let observer = window
            .as_ref()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|root| {
                let observer = MutationObserver::new(callback.as_ref().unchecked_ref()).ok()?;
                let options = MutationObserverInit::new();
                options.set_attributes(true);
                observer.observe_with_options(&root, &options).ok()?;
                Some(observer)
            });
        let media = window
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .filter(|m| {
                m.add_event_listener_with_callback("change", callback.as_ref().unchecked_ref())
                    .is_ok()
            });
        ThemeWatch {
            observer,
            media,
            callback,
        }
    }
}

impl Drop for ThemeWatch {
    fn drop(&mut self) {
        if let Some(observer) = &self.observer {
            observer.disconnect();
        }
        if let Some(media) = &self.media {
            let _ = media.remove_event_listener_with_callback(
                "change",
                self.callback.as_ref().unchecked_ref(),
            );
        }
    }
}

/// Everything a chart watches; dropping it stops watching.
pub struct ChartWatch {
    _resize: Option<ResizeWatch>,
    _theme: ThemeWatch,
}

impl ChartWatch {
    /// `on_width` gets `element`'s CSS width now and after every resize; `on_theme` gets the
    /// page's chart colours now and whenever the theme may have changed (now: a theme set
    /// between the chart's first reading and this watch would otherwise go unseen).
    pub fn new(
        element: &web_sys::Element,
        on_width: impl Fn(u32) + 'static,
        on_theme: impl Fn(Theme) + 'static,
    ) -> ChartWatch {
        let measured = element.clone();
        let measure = move || on_width(measured.client_width().max(0) as u32);
        measure();
        let theme_now = move || on_theme(Theme::from_document());
        theme_now();
        ChartWatch {
            _resize: ResizeWatch::new(element, measure),
            _theme: ThemeWatch::new(theme_now),
        }
    }
}

/// The CSS width of `wrap` (0 until it is laid out) and the page's chart colours, as signals
/// that follow resizes and theme changes for as long as the calling component lives.
pub fn use_chart_watch(wrap: NodeRef<Div>) -> (RwSignal<u32>, RwSignal<Theme>) {
    let width = RwSignal::new(0u32);
    let theme = RwSignal::new(Theme::from_document());
    let watches = StoredValue::new_local(None::<ChartWatch>);
    Effect::new(move || {
        let Some(element) = wrap.get() else { return };
        if watches.with_value(Option::is_some) {
            return;
        }
        let watch = ChartWatch::new(
            &element,
            move |w| {
                if width.get_untracked() != w {
                    width.set(w);
                }
            },
            move |now| {
                if theme.get_untracked() != now {
                    theme.set(now);
                }
            },
        );
        watches.set_value(Some(watch));
    });
    on_cleanup(move || {
        // Dropping the watchers disconnects them.
        watches.try_update_value(Option::take);
    });
    (width, theme)
}
