//! Watchers that tell a chart to redraw: its container was resized, or the page theme changed.
//! Each stops watching when dropped, so a chart unmounted with its owner leaves nothing behind.
//! [`use_chart_watch`] gives a component both as signals; [`use_theme_watch`] the colours alone.

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

/// The page's chart colours as a signal that follows theme changes for as long as the calling
/// owner lives (one watcher, however many charts or strips read it).
pub fn use_theme_watch() -> RwSignal<Theme> {
    let theme = RwSignal::new(Theme::from_document());
    let watch = ThemeWatch::new(move || {
        let now = Theme::from_document();
        if theme.get_untracked() != now {
            theme.set(now);
        }
    });
    let watch = StoredValue::new_local(Some(watch));
    on_cleanup(move || {
        // Dropping the watcher disconnects it.
        watch.try_update_value(Option::take);
    });
    theme
}

/// The CSS width of `wrap` (0 until it is laid out) and the page's chart colours, as signals
/// that follow resizes and theme changes for as long as the calling component lives.
pub fn use_chart_watch(wrap: NodeRef<Div>) -> (RwSignal<u32>, RwSignal<Theme>) {
    let width = RwSignal::new(0u32);
    let resize = StoredValue::new_local(None::<ResizeWatch>);
    Effect::new(move || {
        let Some(element) = wrap.get() else { return };
        if resize.with_value(Option::is_some) {
            return;
        }
        let measured = element.clone();
        let measure = move || {
            let w = measured.client_width().max(0) as u32;
            if width.get_untracked() != w {
                width.set(w);
            }
        };
        measure();
        resize.set_value(ResizeWatch::new(&element, measure));
    });
    on_cleanup(move || {
        // Dropping the watcher disconnects it.
        resize.try_update_value(Option::take);
    });
    (width, use_theme_watch())
}
