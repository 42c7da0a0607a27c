# shellcheck shell=bash
# Idempotent installers; each is quick when its tool is already present.
# Usage: source scripts/lib/common.sh; source scripts/lib/install.sh; install_all
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
TERSER_VERSION=5.51.4
TOOLS_DIR="$GATEWATCH_ROOT/.tools"
VENV_DIR="$GATEWATCH_ROOT/.venv"
REQUIREMENTS="$GATEWATCH_ROOT/requirements-test.txt"

# binary => Debian package providing it
declare -A APT_BINARIES=(
  [chromium]=chromium [chromedriver]=chromium-driver [prometheus]=prometheus [promtool]=prometheus
  [prometheus-pushgateway]=prometheus-pushgateway [nginx]=nginx-light
  [victoria-metrics]=victoria-metrics [vmalert]=victoria-metrics [docker-compose]=docker-compose
  [envsubst]=gettext-base [zopfli]=zopfli
)
# Debian packages without a binary, checked by a file they install: njs for nginx's bulk delete.
declare -A APT_FILES=(
  [/usr/lib/nginx/modules/ngx_http_js_module.so]=libnginx-mod-http-js
)

# Tools from .tools (binaryen's wasm-opt, terser) come first, then cargo's bin dir.
tools_path() {
  case ":$PATH:" in *":$TOOLS_DIR/node_modules/.bin:"*) ;; *) PATH="$TOOLS_DIR/node_modules/.bin:$PATH" ;; esac
  case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) PATH="$PATH:$HOME/.cargo/bin" ;; esac
  export PATH
}

install_apt() {
  local bin missing=()
  for bin in "${!APT_BINARIES[@]}"; do
    # nginx lives in /usr/sbin, which may not be on a non-root PATH
    have "$bin" || [ -x "/usr/sbin/$bin" ] || missing+=("${APT_BINARIES[$bin]}")
  done
  local file
  for file in "${!APT_FILES[@]}"; do
    [ -e "$file" ] || missing+=("${APT_FILES[$file]}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # Debian may try to start the packaged services; we run our own processes, so the
  # default ports must be free. Never kill anything here: just say who holds them.
  local port busy=0
  for port in 9090 9091 8080; do
    if port_busy "$port"; then
      warn "port $port is now in use (a packaged service?): $(ss -ltnpH "sport = :$port" 2>/dev/null)"
      busy=1
    fi
  done
  [ $busy = 0 ] || warn "stop those services (e.g. 'service prometheus stop') or use other GATEWATCH_*_PORT values"
}

install_rust_target() {
  rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null && return 0
  log "rustup: adding wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
}

install_trunk() {
  [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ] && return 0
  log "cargo install trunk $TRUNK_VERSION (takes ~7 min)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
}

# wasm-bindgen-cli must equal the wasm-bindgen crate version in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$GATEWATCH_ROOT/Cargo.lock"
}

install_wasm_bindgen() {
  local want
  want=$(wasm_bindgen_version)
  [ -n "$want" ] || die "no wasm-bindgen in Cargo.lock"
  [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $want" ] && return 0
  log "cargo install wasm-bindgen-cli $want"
  cargo install wasm-bindgen-cli --version "$want" # no --locked: a locked dep is missing upstream
}

# An npm package at an exact version into .tools/, unless it is there already.
install_npm_tool() {
  local name=$1 version=$2 pkg="$TOOLS_DIR/node_modules/$1/package.json"
  if [ -f "$pkg" ] && grep -q "\"version\": \"$version\"" "$pkg"; then return 0; fi
  log "npm: $name@$version into .tools/"
  mkdir -p "$TOOLS_DIR"
  npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --loglevel=error "$name@$version"
}

# npm binaryen (never Debian's: its wasm-opt 108 breaks the .wasm at runtime).
install_binaryen() { install_npm_tool binaryen "$BINARYEN_VERSION"; }

# terser minifies the wasm's JS glue in the release build (scripts/lib/minify_glue.py).
install_terser() { install_npm_tool terser "$TERSER_VERSION"; }

# Python venv for the end-to-end tests and the simulator; pip runs only when
# requirements-test.txt changed since the last successful install.
install_venv() {
  local want have_hash=""
  want=$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)
  [ -f "$VENV_DIR/.requirements.sha256" ] && have_hash=$(cat "$VENV_DIR/.requirements.sha256")
  [ -x "$VENV_DIR/bin/python" ] && [ "$want" = "$have_hash" ] && return 0
  log "python: venv .venv/ from requirements-test.txt"
  if ! python3 -c 'import ensurepip' 2>/dev/null; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv
  fi
  [ -x "$VENV_DIR/bin/python" ] || python3 -m venv "$VENV_DIR"
  "$VENV_DIR/bin/pip" install -q --disable-pip-version-check -r "$REQUIREMENTS"
  echo "$want" >"$VENV_DIR/.requirements.sha256"
}

install_all() {
  tools_path
  install_apt
  install_rust_target
  install_trunk
  install_wasm_bindgen
  install_binaryen
  install_terser
  install_venv
  [ "$(command -v wasm-opt)" = "$TOOLS_DIR/node_modules/.bin/wasm-opt" ] ||
    die "wasm-opt on PATH is $(command -v wasm-opt), expected .tools/node_modules/.bin/wasm-opt"
}
