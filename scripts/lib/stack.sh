# shellcheck shell=bash
# The local stack: Pushgateway, a Prometheus-compatible backend and nginx (serving dist/ and
# proxying both) as plain processes on 127.0.0.1, optionally with the simulators and a second
# gateway. Everything (rendered configs, data, logs, pid files) lives in RUN_DIR; processes are
# stopped by their pid files only.
#
#   stack_start RUN_DIR    stack_stop RUN_DIR    stack_running RUN_DIR
#   stack_stop_service RUN_DIR NAME    stops one service (by its pid file), the rest keeps running
#   stack_start_service RUN_DIR NAME   starts it again with the command stack_start gave it (saved
#                                      in RUN_DIR/NAME.cmd: same ports, persistence file, TSDB)
#                                      and waits until it is ready; NAME: pushgateway,
#                                      pushgateway-2, prometheus, victoriametrics or vmalert. The
#                                      previous log moves to NAME.log.1. (tests/e2e/test_backend_restart.py)
#
# Environment (defaults in brackets):
#   GATEWATCH_PROMETHEUS_PORT [9090]  GATEWATCH_PUSHGATEWAY_PORT [9091]  GATEWATCH_HTTP_PORT [8080]
#   GATEWATCH_DIST [<repo>/dist]      GATEWATCH_SIMULATOR [0]  (1: also run simulator/scheduler.py)
#   GATEWATCH_READY_TIMEOUT [30]      GATEWATCH_PUSHGATEWAY_ARGS []  (extra flags of every gateway)
#   GATEWATCH_BACKEND [prometheus]    or victoriametrics: victoria-metrics (+ vmalert for the
#                                     rules) on GATEWATCH_PROMETHEUS_PORT instead of Prometheus,
#                                     scraping with the same rendered prometheus.yml (docs/backends.md)
#   GATEWATCH_VMALERT_PORT [8880]     vmalert's port (victoriametrics only)
#   GATEWATCH_WINDMILL_SIM [= GATEWATCH_SIMULATOR]  1: run simulator/windmill_metrics.py, a simulated
#                                     Windmill server + workers scraped as jobs windmill_server and
#                                     windmill_worker; every series carries simulated="true"
#   GATEWATCH_WINDMILL_SIM_PORT [9801] the simulated server; worker i on PORT+i
#   GATEWATCH_WINDMILL_SIM_WORKERS [3]
#   GATEWATCH_SECOND_GATEWAY [0]      1: a second Pushgateway (own persistence file), proxied by
#                                     nginx as /pushgateway-2/ and scraped as a second target of the
#                                     prometheus_gateway job; 0: /pushgateway-2/ answers 502
#   GATEWATCH_PUSHGATEWAY_2_PORT [9092]
#   GATEWATCH_DELETE_HTPASSWD []      an htpasswd file: DELETE on /pushgateway*/metrics/ then needs
#                                     HTTP basic auth (docs/security.md); empty: no auth
#   GATEWATCH_PROMETHEUS_UPSTREAM [127.0.0.1:<prometheus port>]  GATEWATCH_PUSHGATEWAY_UPSTREAM
#                                     [127.0.0.1:<gateway port>]: where nginx sends /prometheus/ and
#                                     /pushgateway/ (the backends still listen on their ports and
#                                     Prometheus scrapes the gateway directly). The fault tests put
#                                     a fault-injecting proxy there (tests/e2e/fault_proxy.py).
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

STACK_SERVICES=(pushgateway pushgateway-2 prometheus victoriametrics vmalert nginx simulator windmill-sim)

# _stack_spawn RUN_DIR NAME CMD...: start CMD in its own session, log to NAME.log, pid to NAME.pid,
# and CMD itself (NUL-separated) to NAME.cmd for stack_start_service.
_stack_spawn() {
  local run=$1 name=$2
  shift 2
  printf '%s\0' "$@" >"$run/$name.cmd"
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
  pushgateway | pushgateway-2) want=prometheus-pushgateway ;;
  victoriametrics) want=victoria-metrics ;;
  simulator) want=scheduler.py ;;
  windmill-sim) want=windmill_metrics.py ;;
  *) want=$2 ;;
  esac
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -- "$want" >/dev/null && echo "$pid"
}

# _stack_wait RUN_DIR NAME URL [PATTERN]: wait until URL answers 2xx (body matching PATTERN).
_stack_wait() {
  local run=$1 name=$2 url=$3 pattern=${4:-} deadline body
  deadline=$((SECONDS + ${GATEWATCH_READY_TIMEOUT:-30}))
  while ((SECONDS < deadline)); do
    # Liveness only: the process was spawned just now, so its pid cannot be a recycled one, and
    # _stack_pid's command-line check can read an empty /proc/<pid>/cmdline while the spawning
    # shell execs the service (seen once: a healthy vmalert reported as exited and stopped).
    if ! kill -0 "$(cat "$run/$name.pid" 2>/dev/null)" 2>/dev/null; then
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
#   _stack_render RUN_DIR PROM_PORT GW_PORT HTTP_PORT DIST [GW2_PORT [SIM_PORT [SIM_WORKERS]]]
# (an empty GW2_PORT / SIM_PORT: no second gateway / no Windmill simulator)
# prometheus.yml: its `compose only` block (Docker service discovery of the Windmill containers)
# is replaced by static jobs windmill_server and windmill_worker scraping the Windmill simulator
# when it runs (else dropped), the second gateway is a second target of the prometheus_gateway
# job, and its `rule_files: rules/*.yml` (relative to the config file) finds a copy of
# deploy/prometheus/rules/ in RUN_DIR/rules, as /etc/prometheus/rules in compose.
# nginx: /pushgateway-2/ goes to the second gateway, or, without one, to a unix socket that never
# exists (nginx answers 502; its error log names the socket: no-second-gateway.sock).
# shellcheck disable=SC2016  # envsubst gets the literal ${VAR} names it may replace
_stack_render() {
  local run=$1 prom_port=$2 gw_port=$3 http_port=$4 dist=$5 gw2_port=${6:-} sim_port=${7:-}
  local sim_workers=${8:-3} gw_targets="\"127.0.0.1:$gw_port\"" gw2_upstream sim_jobs="" i
  if [ -n "$gw2_port" ]; then
    gw_targets="$gw_targets, \"127.0.0.1:$gw2_port\""
    gw2_upstream=127.0.0.1:$gw2_port
  else
    gw2_upstream=unix:$run/no-second-gateway.sock
  fi
  if [ -n "$sim_port" ]; then
    # Same job names, 1 s interval and `container` label as compose's Docker discovery gives the
    # real containers. honor_labels: the simulator exposes simulated="true" on every series and
    # the target label says the same (so `up` and the targets API show it too); without it the
    # exposed one would be renamed exported_simulated.
    sim_jobs="  # Written by scripts/lib/stack.sh: the SIMULATED Windmill of simulator/windmill_metrics.py
  # in place of the compose-only Docker discovery of the real containers.
  - job_name: windmill_server
    scrape_interval: 1s
    honor_labels: true
    static_configs:
      - targets: [\"127.0.0.1:$sim_port\"]
        labels: {simulated: \"true\", container: windmill-sim-server}
  - job_name: windmill_worker
    scrape_interval: 1s
    honor_labels: true
    static_configs:"
    for i in $(seq "$sim_workers"); do
      sim_jobs="$sim_jobs
      - targets: [\"127.0.0.1:$((sim_port + i))\"]
        labels: {simulated: \"true\", container: windmill-sim-worker-$i}"
    done
  fi
  sed -e "s/\"prometheus_gateway:9091\"/$gw_targets/" -e "s/localhost:9090/127.0.0.1:$prom_port/" \
    "$GATEWATCH_ROOT/deploy/prometheus.yml" |
    awk -v jobs="$sim_jobs" '
      /# >>> compose only/ { skip = 1; if (jobs != "") print jobs; next }
      /# <<< compose only/ { skip = 0; next }
      !skip' >"$run/prometheus.yml"
  rm -rf "$run/rules"
  cp -R "$GATEWATCH_ROOT/deploy/prometheus/rules" "$run/rules"
  local njs_dir="$GATEWATCH_ROOT/deploy/nginx" script_hashes=""
  # The CSP allows trunk's inline loaders by their hashes, read from the documents nginx will serve
  # (none before a build: scripts/test's stack-files level renders without one).
  if [ -f "$dist/index.html" ]; then
    script_hashes=$(python3 "$GATEWATCH_ROOT/scripts/lib/loader_csp.py" "$dist") ||
      die "no CSP hashes for $dist/index.html"
  fi
  GATEWATCH_LISTEN_ADDR=127.0.0.1 GATEWATCH_LISTEN_PORT=$http_port GATEWATCH_ROOT=$dist \
    PROMETHEUS_UPSTREAM=${GATEWATCH_PROMETHEUS_UPSTREAM:-127.0.0.1:$prom_port} \
    PUSHGATEWAY_UPSTREAM=${GATEWATCH_PUSHGATEWAY_UPSTREAM:-127.0.0.1:$gw_port} \
    PUSHGATEWAY_2_UPSTREAM=$gw2_upstream GATEWATCH_DELETE_HTPASSWD=${GATEWATCH_DELETE_HTPASSWD:-} \
    GATEWATCH_NJS_DIR=$njs_dir GATEWATCH_SCRIPT_HASHES=$script_hashes \
    envsubst '${GATEWATCH_LISTEN_ADDR} ${GATEWATCH_LISTEN_PORT} ${GATEWATCH_ROOT} ${PROMETHEUS_UPSTREAM} ${PUSHGATEWAY_UPSTREAM} ${PUSHGATEWAY_2_UPSTREAM} ${GATEWATCH_DELETE_HTPASSWD} ${GATEWATCH_NJS_DIR} ${GATEWATCH_SCRIPT_HASHES}' \
    <"$GATEWATCH_ROOT/deploy/nginx/gatewatch.conf.template" >"$run/gatewatch.conf"
  GATEWATCH_RUN_DIR=$run GATEWATCH_NGINX_USER="$(id -un) $(id -gn)" \
    envsubst '${GATEWATCH_RUN_DIR} ${GATEWATCH_NGINX_USER}' \
    <"$GATEWATCH_ROOT/deploy/nginx/local-main.conf.template" >"$run/nginx.conf"
}

# _stack_backend RUN_DIR PROM_PORT: start the Prometheus-compatible backend of GATEWATCH_BACKEND.
_stack_backend() {
  local run=$1 prom_port=$2 vmalert_port=${GATEWATCH_VMALERT_PORT:-8880}
  case ${GATEWATCH_BACKEND:-prometheus} in
  prometheus)
    mkdir -p "$run/prometheus-data"
    _stack_spawn "$run" prometheus prometheus \
      --config.file="$run/prometheus.yml" --storage.tsdb.path="$run/prometheus-data" \
      --web.listen-address="127.0.0.1:$prom_port"
    _stack_wait "$run" prometheus "http://127.0.0.1:$prom_port/-/ready"
    ;;
  victoriametrics)
    # strictParse=false: VictoriaMetrics' scraper has no evaluation_interval or rule_files (it
    # skips them); the rules run in vmalert, which VictoriaMetrics proxies /api/v1/rules and
    # /api/v1/alerts to, and whose ALERTS series it writes back. latencyOffset=0s: answer with
    # the newest samples like Prometheus (the default 30s hides them for half a minute).
    # maxQueryLen: PromQL up to nginx's 1m body limit, as Prometheus takes (the default 16 KiB
    # refuses the console's long POSTed queries with 422).
    mkdir -p "$run/victoria-metrics-data"
    _stack_spawn "$run" victoriametrics victoria-metrics \
      -httpListenAddr="127.0.0.1:$prom_port" -storageDataPath="$run/victoria-metrics-data" \
      -retentionPeriod=15d -promscrape.config="$run/prometheus.yml" \
      -promscrape.config.strictParse=false -search.latencyOffset=0s -search.maxQueryLen=1048576 \
      -vmalert.proxyURL="http://127.0.0.1:$vmalert_port"
    _stack_wait "$run" victoriametrics "http://127.0.0.1:$prom_port/health" OK || return 1
    # vmalert needs somewhere to send alerts: no Alertmanager here (as with Prometheus).
    printf '# No Alertmanager: firing alerts are only in vmalert and the ALERTS series.\nstatic_configs: []\n' \
      >"$run/vmalert-notifiers.yml"
    _stack_spawn "$run" vmalert vmalert -httpListenAddr="127.0.0.1:$vmalert_port" \
      -rule="$run/rules/*.yml" -evaluationInterval=15s \
      -datasource.url="http://127.0.0.1:$prom_port" -remoteWrite.url="http://127.0.0.1:$prom_port" \
      -remoteRead.url="http://127.0.0.1:$prom_port" -notifier.config="$run/vmalert-notifiers.yml"
    _stack_wait "$run" vmalert "http://127.0.0.1:$vmalert_port/health" OK
    ;;
  *) die "GATEWATCH_BACKEND must be prometheus or victoriametrics, not '$GATEWATCH_BACKEND'" ;;
  esac
}

stack_start() {
  [ $# -eq 1 ] || die "usage: stack_start RUN_DIR"
  local run prom_port=${GATEWATCH_PROMETHEUS_PORT:-9090} gw_port=${GATEWATCH_PUSHGATEWAY_PORT:-9091}
  local http_port=${GATEWATCH_HTTP_PORT:-8080} dist=${GATEWATCH_DIST:-$GATEWATCH_ROOT/dist} port nginx_bin
  local gw2_port="" sim_port="" sim_workers=${GATEWATCH_WINDMILL_SIM_WORKERS:-3} ports i
  local backend=${GATEWATCH_BACKEND:-prometheus}
  [ "${GATEWATCH_SECOND_GATEWAY:-0}" = 1 ] && gw2_port=${GATEWATCH_PUSHGATEWAY_2_PORT:-9092}
  [ "${GATEWATCH_WINDMILL_SIM:-${GATEWATCH_SIMULATOR:-0}}" = 1 ] && sim_port=${GATEWATCH_WINDMILL_SIM_PORT:-9801}
  case $backend in
  prometheus) have prometheus || die "prometheus is not installed (scripts/lib/install.sh)" ;;
  victoriametrics)
    if ! have victoria-metrics || ! have vmalert; then
      die "victoria-metrics/vmalert are not installed (apt package victoria-metrics; scripts/lib/install.sh)"
    fi
    ;;
  *) die "GATEWATCH_BACKEND must be prometheus or victoriametrics, not '$backend'" ;;
  esac
  mkdir -p "$1"
  run=$(cd "$1" && pwd)
  dist=$(cd "$dist" 2>/dev/null && pwd) || die "no $dist: build first (scripts/lib/build.sh)"
  [ -f "$dist/index.html" ] || die "no $dist/index.html: build first"
  stack_running "$run" && die "a stack is already running in $run (stack_stop $run first)"
  ports=("$prom_port" "$gw_port" "$http_port")
  [ -n "$gw2_port" ] && ports+=("$gw2_port")
  [ "$backend" = victoriametrics ] && ports+=("${GATEWATCH_VMALERT_PORT:-8880}")
  if [ -n "$sim_port" ]; then
    for i in $(seq 0 "$sim_workers"); do ports+=($((sim_port + i))); done
  fi
  for port in "${ports[@]}"; do
    port_busy "$port" && die "port $port is in use: $(ss -ltnpH "sport = :$port" 2>/dev/null)"
  done
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

  mkdir -p "$run/nginx-tmp"
  _stack_render "$run" "$prom_port" "$gw_port" "$http_port" "$dist" "$gw2_port" "$sim_port" "$sim_workers"
  "$nginx_bin" -t -q -p "$run" -e "$run/nginx-error.log" -c "$run/nginx.conf" ||
    die "nginx rejects $run/nginx.conf"

  # shellcheck disable=SC2086  # GATEWATCH_PUSHGATEWAY_ARGS is a list of flags
  _stack_spawn "$run" pushgateway prometheus-pushgateway \
    --web.listen-address="127.0.0.1:$gw_port" --persistence.file="$run/pushgateway.data" \
    ${GATEWATCH_PUSHGATEWAY_ARGS:-}
  if [ -n "$gw2_port" ]; then
    # shellcheck disable=SC2086
    _stack_spawn "$run" pushgateway-2 prometheus-pushgateway \
      --web.listen-address="127.0.0.1:$gw2_port" --persistence.file="$run/pushgateway-2.data" \
      ${GATEWATCH_PUSHGATEWAY_ARGS:-}
  fi
  if [ -n "$sim_port" ]; then
    local py=$GATEWATCH_ROOT/.venv/bin/python # windmill_metrics.py needs only the stdlib
    [ -x "$py" ] || py=python3
    _stack_spawn "$run" windmill-sim "$py" -u \
      "$GATEWATCH_ROOT/simulator/windmill_metrics.py" --port "$sim_port" --workers "$sim_workers"
  fi
  _stack_spawn "$run" nginx "$nginx_bin" -p "$run" -e "$run/nginx-error.log" \
    -c "$run/nginx.conf" -g 'daemon off;'

  if ! { _stack_wait "$run" pushgateway "http://127.0.0.1:$gw_port/-/ready" &&
    { [ -z "$gw2_port" ] || _stack_wait "$run" pushgateway-2 "http://127.0.0.1:$gw2_port/-/ready"; } &&
    { [ -z "$sim_port" ] ||
      _stack_wait "$run" windmill-sim "http://127.0.0.1:$((sim_port + sim_workers))/metrics" worker_busy; } &&
    _stack_backend "$run" "$prom_port" &&
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
  log "stack up in $run: http://127.0.0.1:$http_port ($backend :$prom_port, pushgateway :$gw_port${gw2_port:+, pushgateway-2 :$gw2_port}${sim_port:+, simulated Windmill :$sim_port-$((sim_port + sim_workers))})"
}

# _stack_kill RUN_DIR NAME: SIGTERM (the gateway writes its persistence file, Prometheus closes
# its TSDB), SIGKILL after 10 s; the pid file goes.
_stack_kill() {
  local run=$1 name=$2 pid _
  if pid=$(_stack_pid "$run" "$name"); then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      warn "$name (pid $pid) ignored SIGTERM for 10s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$run/$name.pid"
}

stack_stop() {
  [ $# -eq 1 ] || die "usage: stack_stop RUN_DIR"
  local name
  for name in simulator windmill-sim nginx vmalert prometheus victoriametrics pushgateway-2 pushgateway; do
    _stack_kill "$1" "$name"
  done
}

# _stack_ready_url RUN_DIR NAME: where NAME says it is ready, from the listen address in NAME.cmd.
_stack_ready_url() {
  local arg
  while IFS= read -r -d '' arg; do
    case $arg in
    --web.listen-address=*) echo "http://${arg#*=}/-/ready" && return 0 ;;
    -httpListenAddr=*) echo "http://${arg#*=}/health" && return 0 ;;
    esac
  done <"$1/$2.cmd"
  return 1
}

stack_stop_service() {
  [ $# -eq 2 ] || die "usage: stack_stop_service RUN_DIR NAME"
  _stack_pid "$1" "$2" >/dev/null || die "$2 is not running in $1"
  _stack_kill "$1" "$2"
}

stack_start_service() {
  [ $# -eq 2 ] || die "usage: stack_start_service RUN_DIR NAME"
  local run=$1 name=$2 url cmd
  case $name in
  pushgateway | pushgateway-2 | prometheus | victoriametrics | vmalert) ;;
  *) die "stack_start_service starts a backend (pushgateway, pushgateway-2, prometheus, victoriametrics, vmalert), not '$name'" ;;
  esac
  [ -f "$run/$name.cmd" ] || die "no $run/$name.cmd: $name was never started in $run"
  _stack_pid "$run" "$name" >/dev/null && die "$name is already running in $run"
  url=$(_stack_ready_url "$run" "$name") || die "no listen address in $run/$name.cmd"
  mapfile -d '' -t cmd <"$run/$name.cmd"
  [ -f "$run/$name.log" ] && mv -f "$run/$name.log" "$run/$name.log.1"
  _stack_spawn "$run" "$name" "${cmd[@]}"
  _stack_wait "$run" "$name" "$url"
}
