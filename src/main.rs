//! Entry point: install the panic hook and mount the app on <body>; the allocator.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(gatewatch::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("gatewatch runs in the browser: build it with `trunk build --release`.");
}

/// talc, a drop-in replacement for the default dlmalloc on wasm. Wasm memory never shrinks, so
/// the allocator's high-water mark is the tab's memory: with dlmalloc a tab open on
/// auto-refresh grew in ≈1 MiB steps, the gateway's ≈1 MB answer finding no hole to fit, while
/// its live allocations stayed the same (bench/NOTES.md §7); with talc it held.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
