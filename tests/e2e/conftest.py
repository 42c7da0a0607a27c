"""End-to-end fixtures: the real local stack (scripts/lib/stack.sh) on test ports, without the
push simulator but with the simulated Windmill (simulator/windmill_metrics.py) and a second
gateway, plus a headless Chromium.

Environment overrides: GATEWATCH_E2E_PROMETHEUS_PORT (19090), GATEWATCH_E2E_PUSHGATEWAY_PORT
(19091), GATEWATCH_E2E_HTTP_PORT (18080), GATEWATCH_E2E_PUSHGATEWAY_2_PORT (19092),
GATEWATCH_E2E_WINDMILL_SIM_PORT (19801; workers on the next 3 ports), GATEWATCH_E2E_VMALERT_PORT
(18880), GATEWATCH_E2E_RUN_DIR (.run/e2e) and GATEWATCH_DIST (dist/, the trunk release build).
GATEWATCH_E2E_BACKEND: prometheus (default) or victoriametrics, the stack's GATEWATCH_BACKEND.
GATEWATCH_E2E_WINDMILL_SIM / GATEWATCH_E2E_SECOND_GATEWAY: 0 leaves that part out (default 1).
"""
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from browser_logs import chromium_with_logs
from helpers import gateway_groups, wait_until
from private_stack import chromium

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Stack:
    base_url: str  # nginx: the console and both proxies
    prometheus_url: str  # direct
    gateway_url: str  # direct
    gateway: str  # host:port for prometheus_client
    dist: Path
    run_dir: Path
    backend: str = "prometheus"  # or "victoriametrics"
    gateway2_url: str = ""  # the second gateway, direct ("" when not started)
    gateway2: str = ""  # its host:port for prometheus_client
    windmill_sim_urls: tuple = ()  # the simulated Windmill server, then its workers (direct)


def _stack_sh(command, run_dir, env):
    return subprocess.run(
        ["bash", "-c", f'set -euo pipefail; . "$0/scripts/lib/stack.sh"; {command} "$1"', str(ROOT), str(run_dir)],
        env=env, capture_output=True, text=True, timeout=120,
    )


def _flag(name, default="1"):
    value = os.environ.get(name, default)
    if value not in ("0", "1"):
        pytest.exit(f"{name} must be 0 or 1, not {value!r}", 1)
    return value == "1"


@pytest.fixture(scope="session")
def stack():
    ports = {
        "GATEWATCH_PROMETHEUS_PORT": os.environ.get("GATEWATCH_E2E_PROMETHEUS_PORT", "19090"),
        "GATEWATCH_PUSHGATEWAY_PORT": os.environ.get("GATEWATCH_E2E_PUSHGATEWAY_PORT", "19091"),
        "GATEWATCH_HTTP_PORT": os.environ.get("GATEWATCH_E2E_HTTP_PORT", "18080"),
        "GATEWATCH_PUSHGATEWAY_2_PORT": os.environ.get("GATEWATCH_E2E_PUSHGATEWAY_2_PORT", "19092"),
        "GATEWATCH_WINDMILL_SIM_PORT": os.environ.get("GATEWATCH_E2E_WINDMILL_SIM_PORT", "19801"),
        "GATEWATCH_VMALERT_PORT": os.environ.get("GATEWATCH_E2E_VMALERT_PORT", "18880"),
    }
    backend = os.environ.get("GATEWATCH_E2E_BACKEND", "prometheus")
    if backend not in ("prometheus", "victoriametrics"):
        pytest.exit(f"GATEWATCH_E2E_BACKEND must be prometheus or victoriametrics, not {backend!r}", 1)
    windmill_sim, second_gateway = _flag("GATEWATCH_E2E_WINDMILL_SIM"), _flag("GATEWATCH_E2E_SECOND_GATEWAY")
    run_dir = Path(os.environ.get("GATEWATCH_E2E_RUN_DIR", ROOT / ".run/e2e")).resolve()
    dist = Path(os.environ.get("GATEWATCH_DIST", ROOT / "dist")).resolve()
    if not (dist / "index.html").is_file():
        pytest.exit(f"no {dist}/index.html: run the release build first (scripts/lib/build.sh)", 1)
    env = {
        **os.environ, **ports,
        "GATEWATCH_DIST": str(dist),
        "GATEWATCH_SIMULATOR": "0",
        "GATEWATCH_WINDMILL_SIM": "1" if windmill_sim else "0",
        "GATEWATCH_WINDMILL_SIM_WORKERS": "3",
        "GATEWATCH_SECOND_GATEWAY": "1" if second_gateway else "0",
        "GATEWATCH_BACKEND": backend,
        # Lets the tests prove that nginx, not the gateway, refuses the wipe.
        "GATEWATCH_PUSHGATEWAY_ARGS": "--web.enable-admin-api",
    }
    _stack_sh("stack_stop", run_dir, env)  # leftovers of an interrupted run, by pid file
    shutil.rmtree(run_dir, ignore_errors=True)  # fresh gateway persistence and TSDB
    started = _stack_sh("stack_start", run_dir, env)
    if started.returncode != 0:
        pytest.exit(f"stack_start failed:\n{started.stdout}{started.stderr}", 1)
    gw_port, gw2_port = ports["GATEWATCH_PUSHGATEWAY_PORT"], ports["GATEWATCH_PUSHGATEWAY_2_PORT"]
    sim_port = int(ports["GATEWATCH_WINDMILL_SIM_PORT"])
    try:
        yield Stack(
            base_url=f"http://127.0.0.1:{ports['GATEWATCH_HTTP_PORT']}",
            prometheus_url=f"http://127.0.0.1:{ports['GATEWATCH_PROMETHEUS_PORT']}",
            gateway_url=f"http://127.0.0.1:{gw_port}",
            gateway=f"127.0.0.1:{gw_port}",
            dist=dist,
            run_dir=run_dir,
            backend=backend,
            gateway2_url=f"http://127.0.0.1:{gw2_port}" if second_gateway else "",
            gateway2=f"127.0.0.1:{gw2_port}" if second_gateway else "",
            windmill_sim_urls=tuple(f"http://127.0.0.1:{sim_port + i}" for i in range(4)) if windmill_sim else (),
        )
    finally:
        stopped = _stack_sh("stack_stop", run_dir, env)
        if stopped.returncode != 0:
            print(f"stack_stop failed:\n{stopped.stdout}{stopped.stderr}")


@pytest.fixture(scope="session")
def base_url(stack):
    """The console's origin, e.g. http://127.0.0.1:18080 (no trailing slash)."""
    return stack.base_url


@pytest.fixture
def browser(stack, tmp_path):
    """Headless Chromium with a fresh profile; `browser.get(base_url)` opens the console.
    Console messages: browser.get_log("browser")."""
    driver = chromium(tmp_path / "chrome", browser_log=True)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def logged_browser(stack, tmp_path):
    """As `browser`, also keeping Chromium's performance log (DevTools Network events): read both
    logs with browser_logs.BrowserLogs, or driver.get_log("browser" / "performance")."""
    driver = chromium_with_logs(tmp_path / "chrome")
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def clean_gateway(stack):
    """Start every test from an empty gateway (the admin API is reachable directly, not via nginx)."""
    requests.put(f"{stack.gateway_url}/api/v1/admin/wipe", timeout=10).raise_for_status()
    wait_until(lambda: gateway_groups(stack.gateway_url) == [], what="empty gateway")
    return stack
