# shellcheck shell=bash
# A standalone Pushgateway on 127.0.0.1 for tests that need nothing else (the gateway-keys level).
# It starts empty: its persistence file is RUN_DIR/pushgateway.data, removed before every start
# (never Debian's default file, which every gateway started without the flag shares).
# Stopped by its pid file only, through stack.sh's helpers.
#
#   gateway_start RUN_DIR PORT    gateway_stop RUN_DIR
# shellcheck source=scripts/lib/stack.sh
. "$(dirname "${BASH_SOURCE[0]}")/stack.sh"

gateway_start() {
  [ $# -eq 2 ] || die "usage: gateway_start RUN_DIR PORT"
  local run port=$2
  mkdir -p "$1"
  run=$(cd "$1" && pwd)
  stack_running "$run" && die "a gateway is already running in $run (gateway_stop $run first)"
  port_busy "$port" && die "port $port is in use: $(ss -ltnpH "sport = :$port" 2>/dev/null)"
  rm -f "$run/pushgateway.data"
  _stack_spawn "$run" pushgateway prometheus-pushgateway \
    --web.listen-address="127.0.0.1:$port" --persistence.file="$run/pushgateway.data"
  if ! _stack_wait "$run" pushgateway "http://127.0.0.1:$port/-/ready"; then
    gateway_stop "$run"
    return 1
  fi
  log "pushgateway up on 127.0.0.1:$port (pid $(cat "$run/pushgateway.pid"), state in $run)"
}

gateway_stop() {
  [ $# -eq 1 ] || die "usage: gateway_stop RUN_DIR"
  stack_stop "$1"
}
