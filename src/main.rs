//! Entry point: install the panic hook and mount the app on <body>.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(gatewatch::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("gatewatch runs in the browser: build it with `trunk build --release`.");
}
