# shellcheck shell=bash
# Settings that make the release wasm smaller (bench/NOTES.md §1: 347 -> 317 KB gzip), for the
# release bundle only: sourced by build_release (scripts/lib/build.sh, which deploy/Dockerfile runs too)
# and by the Dockerfile's fetch layer.
# Tests, clippy and debug builds use the plain stable toolchain.
# - std is compiled from rustup's rust-src component with the crate's release profile
#   (opt-level z, LTO) and std's `optimize_for_size` feature, instead of the prebuilt std,
#   which is optimised for speed;
# - a panic stops the wasm at once (-Cpanic=immediate-abort) and carries no source location
#   (-Zlocation-detail=none): no panic message formatting is compiled in. A panic stopped the
#   console before too (panic = "abort"); now it has no message (the console does not panic on
#   any input: the fuzz and malformed-answer tests).
# - LLVM inlines only what makes code no bigger (-inline-threshold=0; opt-level z's own is 5):
#   −0.5 % (−1.6 KB), and −50 grew it 14 %.
# These are unstable options of the same 1.95 compiler, which RUSTC_BOOTSTRAP=1 allows. Every
# set-up step fetches std's crates too (`cargo fetch --target wasm32-unknown-unknown` with
# these set), as trunk builds offline.
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
# Replaces .cargo/config.toml's wasm rustflags: its erase_components is repeated here.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Cllvm-args=-inline-threshold=0"
