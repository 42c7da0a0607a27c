# shellcheck shell=bash
# The local stack: Pushgateway, Prometheus and nginx (serving dist/ and proxying both) as plain
# processes on 127.0.0.1, optionally with the Windmill simulator. Everything (rendered configs,
# data, logs, pid files) lives in RUN_DIR; processes are stopped by their pid files only.
#
#   stack_start RUN_DIR    stack_stop RUN_DIR    stack_running RUN_DIR
#
# Environment (defaults in brackets):
#   GATEWATCH_PROMETHEUS_PORT [9090]  GATEWATCH_PUSHGATEWAY_PORT [9091]  GATEWATCH_HTTP_PORT [8080]
#   GATEWATCH_DIST [<repo>/dist]      GATEWATCH_SIMULATOR [0]  (1: also run simulator/scheduler.py)
#   GATEWATCH_READY_TIMEOUT [30]      GATEWATCH_PUSHGATEWAY_ARGS []  (extra gateway flags)
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

STACK_SERVICES=(pushgateway prometheus nginx simulator)

# _stack_spawn RUN_DIR NAME CMD...: start CMD in its own session, log to NAME.log, pid to NAME.pid.
_stack_spawn() {
  local run=$1 name=$2
  shift 2
  # shellcheck disable=SC2016  # expanded by the inner bash
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$run/$name.pid" "$@" \
    </dev/null >"$run/$name.log" 2>&1 &
  local _
  for _ in $(seq 50); do
    if [ -s "$run/$name.pid" ]; then return 0; fi
    sleep 0.02
  done
  die "$name did not start (see $run/$name.log)"
}

# _stack_pid RUN_DIR NAME: print the pid of NAME if its pid file names a live process that
# is still that service (a stale pid file may name a recycled pid).
_stack_pid() {
  local pid want
  pid=$(cat "$1/$2.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  case $2 in
  pushgateway) want=prometheus-pushgateway ;;
  simulator) want=scheduler.py ;;
  *) want=$2 ;;
  esac
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -- "$want" >/dev/null && echo "$pid"
}

# _stack_wait RUN_DIR NAME URL [PATTERN]: wait until URL answers 2xx (body matching PATTERN).
_stack_wait() {
  local run=$1 name=$2 url=$3 pattern=${4:-} deadline body
  deadline=$((SECONDS + ${GATEWATCH_READY_TIMEOUT:-30}))
  while ((SECONDS < deadline)); do
    if ! _stack_pid "$run" "$name" >/dev/null; then
      _stack_fail "$run" "$name" "exited while starting"
      return 1
    fi
    if body=$(curl -fsS --max-time 2 "$url" 2>/dev/null) &&
      { [ -z "$pattern" ] || grep -q -- "$pattern" <<<"$body"; }; then
      return 0
    fi
    sleep 0.2
  done
  _stack_fail "$run" "$name" "not ready after ${GATEWATCH_READY_TIMEOUT:-30}s at $url"
  return 1
}

_stack_fail() {
  local log="$1/$2.log"
  [ "$2" = nginx ] && log="$1/nginx-error.log"
  printf 'error: %s %s\n       log: %s\n' "$2" "$3" "$log" >&2
  [ -f "$log" ] && tail -n 15 "$log" | sed 's/^/       | /' >&2
  return 0
}

stack_running() {
  local name
  for name in "${STACK_SERVICES[@]}"; do
    _stack_pid "$1" "$name" >/dev/null && return 0
  done
  return 1
}

# Render deploy/ templates into RUN_DIR: only host names, ports and paths change.
# prometheus.yml: its `compose only` block (Docker service discovery of the Windmill containers)
# is dropped, and its `rule_files: rules/*.yml` (relative to the config file) finds a copy of
# deploy/prometheus/rules/ in RUN_DIR/rules, as /etc/prometheus/rules in compose.
# shellcheck disable=SC2016  # envsubst gets the literal ${VAR} names it may replace
_stack_render() {
  local run=$1 prom_port=$2 gw_port=$3 http_port=$4 dist=$5
  sed -e "s/prometheus_gateway:9091/127.0.0.1:$gw_port/" -e "s/localhost:9090/127.0.0.1:$prom_port/" \
    -e '/# >>> compose only/,/# <<< compose only/d' \
    "$GATEWATCH_ROOT/deploy/prometheus.yml" >"$run/prometheus.yml"
  rm -rf "$run/rules"
  cp -R "$GATEWATCH_ROOT/deploy/prometheus/rules" "$run/rules"
  GATEWATCH_LISTEN_ADDR=127.0.0.1 GATEWATCH_LISTEN_PORT=$http_port GATEWATCH_ROOT=$dist \
    PROMETHEUS_UPSTREAM=127.0.0.1:$prom_port PUSHGATEWAY_UPSTREAM=127.0.0.1:$gw_port \
    envsubst '${GATEWATCH_LISTEN_ADDR} ${GATEWATCH_LISTEN_PORT} ${GATEWATCH_ROOT} ${PROMETHEUS_UPSTREAM} ${PUSHGATEWAY_UPSTREAM}' \
    <"$GATEWATCH_ROOT/deploy/nginx/gatewatch.conf.template" >"$run/gatewatch.conf"
  GATEWATCH_RUN_DIR=$run GATEWATCH_NGINX_USER="$(id -un) $(id -gn)" \
    envsubst '${GATEWATCH_RUN_DIR} ${GATEWATCH_NGINX_USER}' \
    <"$GATEWATCH_ROOT/deploy/nginx/local-main.conf.template" >"$run/nginx.conf"
}

stack_start() {
  [ $# -eq 1 ] || die "usage: stack_start RUN_DIR"
  local run prom_port=${GATEWATCH_PROMETHEUS_PORT:-9090} gw_port=${GATEWATCH_PUSHGATEWAY_PORT:-9091}
  local http_port=${GATEWATCH_HTTP_PORT:-8080} dist=${GATEWATCH_DIST:-$GATEWATCH_ROOT/dist} port nginx_bin
  mkdir -p "$1"
  run=$(cd "$1" && pwd)
  dist=$(cd "$dist" 2>/dev/null && pwd) || die "no $dist: build first (scripts/lib/build.sh)"
  [ -f "$dist/index.html" ] || die "no $dist/index.html: build first"
  stack_running "$run" && die "a stack is already running in $run (stack_stop $run first)"
  for port in "$prom_port" "$gw_port" "$http_port"; do
    port_busy "$port" && die "port $port is in use: $(ss -ltnpH "sport = :$port" 2>/dev/null)"
  done
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

  mkdir -p "$run/nginx-tmp" "$run/prometheus-data"
  _stack_render "$run" "$prom_port" "$gw_port" "$http_port" "$dist"
  "$nginx_bin" -t -q -p "$run" -e "$run/nginx-error.log" -c "$run/nginx.conf" ||
    die "nginx rejects $run/nginx.conf"

  # shellcheck disable=SC2086  # GATEWATCH_PUSHGATEWAY_ARGS is a list of flags
  _stack_spawn "$run" pushgateway prometheus-pushgateway \
    --web.listen-address="127.0.0.1:$gw_port" --persistence.file="$run/pushgateway.data" \
    ${GATEWATCH_PUSHGATEWAY_ARGS:-}
  _stack_spawn "$run" prometheus prometheus \
    --config.file="$run/prometheus.yml" --storage.tsdb.path="$run/prometheus-data" \
    --web.listen-address="127.0.0.1:$prom_port"
  _stack_spawn "$run" nginx "$nginx_bin" -p "$run" -e "$run/nginx-error.log" \
    -c "$run/nginx.conf" -g 'daemon off;'

  if ! { _stack_wait "$run" pushgateway "http://127.0.0.1:$gw_port/-/ready" &&
    _stack_wait "$run" prometheus "http://127.0.0.1:$prom_port/-/ready" &&
    _stack_wait "$run" nginx "http://127.0.0.1:$http_port/" '<html'; }; then
    stack_stop "$run"
    return 1
  fi

  if [ "${GATEWATCH_SIMULATOR:-0}" = 1 ]; then
    _stack_spawn "$run" simulator "$GATEWATCH_ROOT/.venv/bin/python" -u \
      "$GATEWATCH_ROOT/simulator/scheduler.py" --gateway "127.0.0.1:$gw_port"
    if ! _stack_wait "$run" simulator "http://127.0.0.1:$gw_port/api/v1/metrics" random_number_metric_script; then
      stack_stop "$run"
      return 1
    fi
  fi
  log "stack up in $run: http://127.0.0.1:$http_port (prometheus :$prom_port, pushgateway :$gw_port)"
}

stack_stop() {
  [ $# -eq 1 ] || die "usage: stack_stop RUN_DIR"
  local run=$1 name pid _
  for name in simulator nginx prometheus pushgateway; do
    if pid=$(_stack_pid "$run" "$name"); then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then
        warn "$name (pid $pid) ignored SIGTERM for 10s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
    rm -f "$run/$name.pid"
  done
}
