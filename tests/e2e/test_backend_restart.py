"""Real backends stopped and started again, end to end in Chromium: the Pushgateway process (Groups
page) and the Prometheus process (Charts page) are stopped by their pid files while the console
shows their data, then started again with the same command (scripts/lib/stack.sh
stack_stop_service / stack_start_service: same port, the gateway's persistence file, Prometheus'
TSDB). Meanwhile the console must name the backend in an error, keep the last good data with its
time, count down to its next retry, turn the backend's header badge red within seconds of the
page's error (not at its next 15 s re-check), and recover by itself (no reload) when the process
is back: error gone, fresh data, badge green.

test_faults.py covers the same faults through a proxy (stopped there = the proxy's socket
closed); this module stops the processes themselves. It runs a stack of its own (no simulators,
no proxies) on GATEWATCH_E2E_RESTART_PORT_BASE (27400): Prometheus +0, Pushgateway +1, nginx +2,
in GATEWATCH_E2E_RESTART_RUN_DIR (.run/e2e-restart). The console's retry backoff is shortened
through its saved settings (0.3 s doubling to 2.4 s). GATEWATCH_E2E_SHOTS: a folder for
screenshots of the pages with their backend stopped.
"""
import os
import re
import shutil
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from selenium.webdriver.common.by import By

from console_page import (PANELS, RETRY_NOTE, STALE_NOTE, banners, click_refresh, group_jobs,
                          newest_raw_value, not_reloaded, open_page, page_clock_ms)
from helpers import find_group, push_group, unique_job, wait_until
from private_stack import ROOT, chromium_with_settings, release_dist, single_gateway_env, stack_sh

RETRY_BASE, RETRY_MAX = 0.3, 2.4
METRIC = "restart_e2e_value"
# nginx's answer while the backend's port is closed (Prometheus, starting, may send 503 text).
STOPPED = re.compile(r"^(\w+) answered HTTP 502: 502 Bad Gateway")
BADGE_LAG = 3.0  # the most a header badge may trail the page's error or recovery (s)
BADGE_RECHECK_MS = 15_000  # the badge's own re-check period while its backend answers


def running(pid):
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False


class Stack:
    """The private stack; stop() and start() one backend process by its pid file."""

    def __init__(self, base, run_dir, env):
        self.prometheus_url = f"http://127.0.0.1:{base}"
        self.gateway = f"127.0.0.1:{base + 1}"
        self.gateway_url = f"http://{self.gateway}"
        self.base_url = f"http://127.0.0.1:{base + 2}"
        self.run_dir, self.env = run_dir, env
        self.job = unique_job("restart")

    def service(self, command, name):
        done = stack_sh(command, self.run_dir, self.env, name)
        assert done.returncode == 0, f"{command} {name}: {done.stdout}{done.stderr}"

    def stop(self, name):
        pid = int((self.run_dir / f"{name}.pid").read_text())
        self.service("stack_stop_service", name)
        assert not running(pid), f"{name} (pid {pid}) still runs"

    def start(self, name):
        self.service("stack_start_service", name)

    def push(self, value, job=None):
        push_group(self.gateway, job or self.job, {METRIC: value})

    def scraped(self, value):
        """Prometheus has scraped `value` for the job (it scrapes the gateway every second)."""
        try:
            r = requests.get(f"{self.prometheus_url}/api/v1/query", timeout=5,
                             params={"query": f'{METRIC}{{exported_job="{self.job}"}}'})
            result = r.json()["data"]["result"]
        except (requests.RequestException, ValueError, KeyError):
            return False
        return bool(result) and float(result[0]["value"][1]) == value


@pytest.fixture(scope="module")
def backends():
    """The private stack (a name of its own: conftest.py's `stack` is the shared one)."""
    base = int(os.environ.get("GATEWATCH_E2E_RESTART_PORT_BASE", "27400"))
    run_dir = Path(os.environ.get("GATEWATCH_E2E_RESTART_RUN_DIR", ROOT / ".run/e2e-restart")).resolve()
    env = single_gateway_env(base, release_dist())
    stack_sh("stack_stop", run_dir, env)
    shutil.rmtree(run_dir, ignore_errors=True)
    s = Stack(base, run_dir, env)
    started = stack_sh("stack_start", run_dir, env)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        s.push(1)
        wait_until(lambda: s.scraped(1), timeout=20, interval=0.3, what="Prometheus to scrape the job")
        yield s
    finally:
        stopped = stack_sh("stack_stop", run_dir, env)
        if stopped.returncode != 0:
            print(f"stack_stop failed:\n{stopped.stdout}{stopped.stderr}")


@pytest.fixture(scope="module")
def browser(backends, tmp_path_factory):
    """One headless Chromium for the module, with the short retry backoff saved in its settings."""
    driver = chromium_with_settings(tmp_path_factory.mktemp("chrome"), backends.base_url,
                                    {"retry_base_secs": RETRY_BASE, "retry_max_secs": RETRY_MAX})
    try:
        yield driver
    finally:
        driver.quit()


# ---- reading the page ----

def badge(browser, backend):
    """(class, text) of the header's health badge of `backend`."""
    found = browser.find_elements(By.CSS_SELECTOR, f".health .badge[data-backend='{backend}']")
    return (found[0].get_attribute("class"), found[0].text) if found else ("", "")


def wait_badge(browser, backend, state, timeout):
    return wait_until(lambda: state in badge(browser, backend)[0].split(), timeout=timeout, interval=0.05,
                      what=f"the {backend} badge {state} (now {badge(browser, backend)})")


def check_stopped_state(browser, scope, backend):
    """The error names the backend as nginx reports it gone, the data's time and a countdown."""
    boxes = wait_until(lambda: banners(browser, scope, backend), timeout=10, what=f"a {backend} error in {scope}")
    text = boxes[0].text
    first = text.splitlines()[0]
    match = STOPPED.search(first)
    assert match and match.group(1) == backend, text
    assert STALE_NOTE.search(text), f"no time of the data still shown: {text}"
    wait_until(lambda: RETRY_NOTE.search(" ".join(b.text for b in banners(browser, scope, backend))),
               timeout=5, what=f"a retry countdown (banner: {text})")


def check_badge_follows(browser, backend):
    """The badge turns red within BADGE_LAG of the page's error, and before its own first 15 s
    re-check (the badge mounts after the page clock's 0): the page's report made it check."""
    wait_badge(browser, backend, "down", BADGE_LAG)
    assert page_clock_ms(browser) < BADGE_RECHECK_MS - 500, \
        "too slow to tell the page's report from the badge's own re-check"
    assert badge(browser, backend)[1] == f"{backend}: unreachable"


def screenshot(browser, name):
    folder = os.environ.get("GATEWATCH_E2E_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(Path(folder) / name))


# ---- the Pushgateway (Groups page) ----

def test_pushgateway_stopped_and_started_again(browser, backends):
    open_page(browser, backends.base_url + "/groups", auto_refresh=5)
    wait_until(lambda: backends.job in group_jobs(browser), timeout=15, what="the group listed")
    wait_badge(browser, "Pushgateway", "up", 5)

    backends.stop("pushgateway")
    # The bulk delete cannot re-check against a stopped gateway: it says so and deletes nothing.
    batch = {"groups": [{"path": "/metrics/job@base64/eA==", "labels": {"job": "x"},
                         "push_time": 1.0, "push_failure_time": None}]}
    refused = requests.post(backends.base_url + "/pushgateway/gatewatch/bulk-delete", json=batch, timeout=30)
    assert refused.status_code == 502, refused.text
    assert refused.json()["errorType"] == "unavailable"
    assert "could not re-read the group list before deleting: HTTP 502" in refused.json()["error"]
    click_refresh(browser)
    check_stopped_state(browser, "section.page", "Pushgateway")
    assert backends.job in group_jobs(browser), "the last good groups must stay on screen"
    check_badge_follows(browser, "Pushgateway")
    assert "up" in badge(browser, "Prometheus")[0].split(), "only the stopped backend is red"
    screenshot(browser, "groups-pushgateway-stopped.png")
    time.sleep(RETRY_MAX * 1.5)  # a few retries (and auto-refresh ticks) against the closed port
    check_stopped_state(browser, "section.page", "Pushgateway")
    assert "down" in badge(browser, "Pushgateway")[0].split()

    backends.start("pushgateway")
    assert find_group(backends.gateway_url, {"job": backends.job}), "the persistence file brings the group back"
    newcomer = unique_job("restart-new")
    push_group(backends.gateway, newcomer, {METRIC: 5})
    # the next retry (<= 2.4 s) recovers, the next auto-refresh (5 s) at the latest lists the newcomer
    wait_until(lambda: not banners(browser, "section.page", "Pushgateway"), timeout=RETRY_MAX + 3,
               what="the error gone")
    wait_badge(browser, "Pushgateway", "up", BADGE_LAG)
    wait_until(lambda: {backends.job, newcomer} <= set(group_jobs(browser)), timeout=8,
               what="the groups listed again, with the one pushed after the restart")
    assert not_reloaded(browser)


# ---- Prometheus (Charts page: two panels, each its own query) ----

def test_prometheus_stopped_and_started_again(browser, backends):
    url = f"{backends.base_url}/charts?metric={METRIC}&job={quote(backends.job, safe='')}&range=5m&min_step=1"
    open_page(browser, url, auto_refresh=5)
    for scope in PANELS:
        wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, f"{scope} figure.time-chart[data-state='drawn']"),
                   timeout=20, what=f"{scope} drawn")
    browser.find_element(By.CSS_SELECTOR, f"{PANELS[0]} button.table-toggle").click()
    wait_until(lambda: newest_raw_value(browser) == "1", timeout=5, what="the raw value table")
    wait_badge(browser, "Prometheus", "up", 5)

    backends.stop("prometheus")
    click_refresh(browser)
    for scope in PANELS:
        check_stopped_state(browser, scope, "Prometheus")
        assert browser.find_elements(By.CSS_SELECTOR, f"{scope} figure.time-chart[data-state='drawn']"), \
            "the last good chart must stay on screen"
    assert newest_raw_value(browser) == "1"
    check_badge_follows(browser, "Prometheus")
    assert "up" in badge(browser, "Pushgateway")[0].split(), "only the stopped backend is red"
    screenshot(browser, "charts-prometheus-stopped.png")

    backends.push(2)  # scraped once Prometheus is back
    backends.start("prometheus")  # replays its TSDB's WAL: a few seconds
    wait_until(lambda: backends.scraped(2), timeout=10, interval=0.2, what="Prometheus to scrape the new value")
    for scope in PANELS:
        wait_until(lambda: not banners(browser, scope, "Prometheus"), timeout=RETRY_MAX + 3,
                   what=f"recovery of {scope}")
    wait_badge(browser, "Prometheus", "up", BADGE_LAG)
    # the next auto-refresh (5 s) charts up to now, with the value pushed while it was down
    wait_until(lambda: newest_raw_value(browser) == "2", timeout=8, what="fresh data after the restart")
    assert browser.find_elements(By.CSS_SELECTOR, f"{PANELS[0]} figure.time-chart[data-state='drawn']")
    assert not_reloaded(browser)
