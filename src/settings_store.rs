//! Keeps [`Settings`] in localStorage, shares them as context, and applies the theme to <html>.

use gatewatch_core::settings::{Settings, Theme};
use leptos::prelude::*;

const STORAGE_KEY: &str = "gatewatch.settings";

/// The settings every view reads, and memos of the base URLs alone: a read that follows a base
/// asks again when that base changes, not when the theme or a threshold does.
#[derive(Clone, Copy)]
pub struct SettingsContext {
    pub settings: RwSignal<Settings>,
    pub prometheus_base: Memo<String>,
    /// Every configured Pushgateway base, the main one first.
    pub gateways: Memo<Vec<String>>,
}

impl SettingsContext {
    /// Provides `settings` (and its base URLs) to the components below.
    pub fn provide(settings: RwSignal<Settings>) -> SettingsContext {
        let context = SettingsContext {
            settings,
            prometheus_base: Memo::new(move |_| settings.with(|s| s.prometheus_base.clone())),
            gateways: Memo::new(move |_| settings.with(|s| s.gateways())),
        };
        provide_context(context);
        context
    }
}

pub fn use_settings() -> RwSignal<Settings> {
    expect_context::<SettingsContext>().settings
}

/// The base URLs of the settings in context.
pub fn use_bases() -> SettingsContext {
    expect_context::<SettingsContext>()
}

fn storage() -> Option<web_sys::Storage> {
    // localStorage can be missing or throw (private mode, sandboxed frames): fall back to defaults.
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load() -> Settings {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .map(|json| Settings::from_json(&json))
        .unwrap_or_default()
}

/// Changes the settings in context and saves them: the one way a view changes a setting.
pub fn update(settings: RwSignal<Settings>, change: impl FnOnce(&mut Settings)) {
    settings.update(|s| {
        change(s);
        save(s);
    });
}

fn save(settings: &Settings) {
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, &settings.to_json());
    }
}

/// Sets `data-theme` on <html>; the stylesheet picks colours from it ("system" follows the OS).
pub fn apply_theme(theme: Theme) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
}
