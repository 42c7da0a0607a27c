"""For test modules that run a stack of their own (scripts/lib/stack.sh on ports of their own) and a
Chromium of their own: the stack.sh calls, the stack's environment, the browser."""
import json
import os
import subprocess
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,900",
)


def stack_sh(command, run_dir, env, *args):
    """Runs a scripts/lib/stack.sh function: `command RUN_DIR ARGS...`."""
    return subprocess.run(
        ["bash", "-c", f'set -euo pipefail; . "$0/scripts/lib/stack.sh"; {command} "$@"', str(ROOT),
         str(run_dir), *args],
        env=env, capture_output=True, text=True, timeout=120,
    )


def release_dist():
    """The release build the tests serve (GATEWATCH_DIST, else dist/); exits when missing."""
    dist = Path(os.environ.get("GATEWATCH_DIST", ROOT / "dist")).resolve()
    if not (dist / "index.html").is_file():
        pytest.exit(f"no {dist}/index.html: run the release build first (scripts/lib/build.sh)", 1)
    return dist


def single_gateway_env(base, dist, **extra):
    """The environment of a stack with Prometheus on base, the Pushgateway on base+1 and nginx on
    base+2, no simulators and no second gateway; `extra` adds or overrides variables."""
    env = {
        **os.environ,
        "GATEWATCH_PROMETHEUS_PORT": str(base), "GATEWATCH_PUSHGATEWAY_PORT": str(base + 1),
        "GATEWATCH_HTTP_PORT": str(base + 2), "GATEWATCH_DIST": str(dist),
        "GATEWATCH_SIMULATOR": "0", "GATEWATCH_WINDMILL_SIM": "0", "GATEWATCH_SECOND_GATEWAY": "0",
        "GATEWATCH_BACKEND": "prometheus",
    }
    for name in ("GATEWATCH_PUSHGATEWAY_ARGS", "GATEWATCH_DELETE_HTPASSWD",
                 "GATEWATCH_PROMETHEUS_UPSTREAM", "GATEWATCH_PUSHGATEWAY_UPSTREAM"):
        env.pop(name, None)
    env.update(extra)
    return env


def chromium(user_data_dir, browser_log=False):
    """Headless Chromium with a fresh profile in user_data_dir (offline Selenium Manager)."""
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager reach the network
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in (*CHROMIUM_ARGS, f"--user-data-dir={user_data_dir}"):
        options.add_argument(arg)
    if browser_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.set_page_load_timeout(30)
    return driver


def chromium_with_settings(user_data_dir, base_url, settings):
    """Chromium whose profile already holds `settings` as the console's saved settings at
    base_url (any path of the console's origin serves to reach its localStorage)."""
    driver = chromium(user_data_dir)
    try:
        driver.get(base_url + "/settings-probe")
        driver.execute_script("localStorage.setItem('gatewatch.settings', arguments[0]);", json.dumps(settings))
    except Exception:
        driver.quit()
        raise
    return driver
