"""A base URL changed in Settings reaches every open read at once, end to end in Chromium:

- with auto-refresh Off, a new Prometheus base makes the open Charts, Explore and Windmill views
  send every panel's query_range to the new base within 1 s of saving Settings, and show its data;
- a new Pushgateway base saved while the old gateway is frozen (kill -STOP: the Groups view's
  list read hangs in flight) makes the next read go to the new base: its groups are listed.

The new bases are another real stack (scripts/lib/stack.sh: its own backend, same kind as the
session's, and gateway, no simulators) on GATEWATCH_E2E_BASE_CHANGE_PORT_BASE (27420): backend
+0, Pushgateway +1, nginx +2, vmalert +4 (VictoriaMetrics only), in
GATEWATCH_E2E_BASE_CHANGE_RUN_DIR (.run/e2e-base-change). Chromium opens the console through a
recording proxy on +3 (route_proxy.py) that passes everything to the session stack's nginx, but
/prometheus-b/ and /pushgateway-b/ to the other stack's /prometheus/ and /pushgateway/: same
origin for the page, and the test sees which requests each base received, and when.

The same job pushes 1 to the session's gateway and 2 to the other one, so the value on screen
tells which backend answered; the other backend has no Windmill metrics, so the Windmill view
says so once it reads the new base.
"""
import os
import shutil
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from console_page import (click_refresh, group_jobs, idle, newest_raw_value, one, open_page, panel,
                          show_table)
from helpers import push_group, unique_job, wait_until
from private_stack import ROOT, single_gateway_env, stack_sh
from route_proxy import RouteProxy

METRIC = "base_change_e2e_value"
OLD_VALUE, NEW_VALUE = 1, 2
NEW_PROMETHEUS, NEW_GATEWAY = "/prometheus-b", "/pushgateway-b"
WITHIN = 1.0  # seconds from saving Settings to the new base's first query_range of every panel
# VictoriaMetrics makes a new series searchable ~10 s after its first scrape.
SCRAPED = 40
NO_WINDMILL = "No Windmill metrics in Prometheus."


@dataclass
class Other:
    prometheus_url: str  # the other backend, direct
    gateway: str  # its gateway, host:port
    proxy: RouteProxy  # what Chromium opens: the session's nginx, and the other stack's under -b


def latest(prometheus_url, expr):
    r = requests.post(f"{prometheus_url}/api/v1/query", data={"query": expr}, timeout=10)
    result = r.json()["data"]["result"]
    return float(result[0]["value"][1]) if result else None


@pytest.fixture(scope="module")
def other(stack):
    base = int(os.environ.get("GATEWATCH_E2E_BASE_CHANGE_PORT_BASE", "27420"))
    run_dir = Path(os.environ.get("GATEWATCH_E2E_BASE_CHANGE_RUN_DIR", ROOT / ".run/e2e-base-change")).resolve()
    env = single_gateway_env(base, stack.dist, GATEWATCH_BACKEND=stack.backend,
                             GATEWATCH_VMALERT_PORT=str(base + 4))
    stack_sh("stack_stop", run_dir, env)
    shutil.rmtree(run_dir, ignore_errors=True)
    nginx = stack.base_url.removeprefix("http://")
    proxy = RouteProxy(base + 3, nginx, {
        NEW_PROMETHEUS + "/": (f"127.0.0.1:{base + 2}", "/prometheus/"),
        NEW_GATEWAY + "/": (f"127.0.0.1:{base + 2}", "/pushgateway/"),
    })
    started = stack_sh("stack_start", run_dir, env)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        proxy.start()
        yield Other(prometheus_url=f"http://127.0.0.1:{base}", gateway=f"127.0.0.1:{base + 1}",
                    proxy=proxy)
    finally:
        proxy.stop()
        stopped = stack_sh("stack_stop", run_dir, env)
        if stopped.returncode != 0:
            print(f"stack_stop failed:\n{stopped.stdout}{stopped.stderr}")


@pytest.fixture(scope="module")
def job_on_both(stack, other):
    """A job holding OLD_VALUE on the session's backend and NEW_VALUE on the other, scraped."""
    job = unique_job("base-change")
    push_group(stack.gateway, job, {METRIC: OLD_VALUE})
    push_group(other.gateway, job, {METRIC: NEW_VALUE})
    for url, value in ((stack.prometheus_url, OLD_VALUE), (other.prometheus_url, NEW_VALUE)):
        wait_until(lambda: latest(url, f'{METRIC}{{exported_job="{job}"}}') == value
                   and latest(url, f'push_time_seconds{{exported_job="{job}"}}') is not None,
                   timeout=SCRAPED, interval=0.3, what=f"{url} to scrape {job}")
    return job


# ---- the page ----

def newest_value(browser, title):
    cells = browser.find_elements(By.CSS_SELECTOR, f"{panel(title)} table tbody tr:first-child td")
    return cells[0].text if cells else None


def save_base(browser, field_id, value):
    """Types `value` into the Settings dialog's field and saves; returns when Save was clicked
    (time.monotonic(), the proxy's clock)."""
    browser.find_element(By.CSS_SELECTOR, "button.settings-button").click()
    dialog = one(browser, "[role='dialog'][aria-labelledby='settings-title']", "the Settings dialog")
    field = dialog.find_element(By.ID, field_id)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(value)
    assert field.get_attribute("value") == value
    save = dialog.find_element(By.XPATH, ".//button[normalize-space()='Save']")
    saved_at = time.monotonic()
    save.click()
    wait_until(lambda: not browser.find_elements(By.CSS_SELECTOR, "[role='dialog']"), what="Settings to close")
    return saved_at


# ---- a new Prometheus base ----

def charts_url(job):
    return f"/charts?metric={METRIC}&job={quote(job, safe='')}&range=5m&min_step=1"


def explore_url(job):
    expr = METRIC + '{exported_job="' + job + '"}'
    return f"/explore?expr={quote(expr, safe='')}&range=5m"


def shows_old_data(browser, stack, view):
    """Waits for the view's data from the session's backend."""
    if view == "charts":
        show_table(browser, "Raw value")
        wait_until(lambda: newest_raw_value(browser) == str(OLD_VALUE), what="the raw chart's old value")
    elif view == "explore":
        show_table(browser, "Result")
        wait_until(lambda: newest_value(browser, "Result") == str(OLD_VALUE), what="Explore's old value")
    else:
        one(browser, "p.simulated" if stack.windmill_sim_urls else "div.notice",
            "the Windmill presence check", timeout=20)


def shows_new_data(browser, stack, view):
    """Waits for the view's data from the other backend (or fails, saying what it shows)."""
    if view == "charts":
        shown = lambda: newest_raw_value(browser)  # noqa: E731
    elif view == "explore":
        shown = lambda: newest_value(browser, "Result")  # noqa: E731
    elif stack.windmill_sim_urls:
        shown = lambda: NO_WINDMILL if NO_WINDMILL in browser.find_element(By.ID, "main").text else "its panels"  # noqa: E731
    else:
        return  # the session's backend has no Windmill metrics either: nothing tells them apart
    want = NO_WINDMILL if view == "windmill" else str(NEW_VALUE)
    try:
        wait_until(lambda: shown() == want, timeout=5, what=view)
    except AssertionError:
        raise AssertionError(f"{view}: still shows {shown()!r} 5 s after saving the new base, "
                             f"not the new backend's {want!r}") from None


@pytest.mark.parametrize("view", ["charts", "explore", "windmill"])
def test_a_new_prometheus_base_is_queried_at_once_with_auto_refresh_off(browser, stack, other, job_on_both, view):
    proxy = other.proxy
    url = {"charts": charts_url(job_on_both), "explore": explore_url(job_on_both), "windmill": "/windmill"}[view]
    # Explore has no auto-refresh; Charts and Windmill have theirs turned Off.
    open_page(browser, proxy.origin + url, auto_refresh=None if view == "explore" else 0)
    shows_old_data(browser, stack, view)
    idle(browser)
    panels = len(browser.find_elements(By.CSS_SELECTOR, "section.chart-panel"))
    assert panels >= 1

    saved_at = save_base(browser, "prometheus-base", NEW_PROMETHEUS)

    def panel_queries():
        ranges = proxy.requests(NEW_PROMETHEUS + "/api/v1/query_range", since=saved_at)
        return ranges if len({r["query"] for r in ranges}) >= panels else None

    try:
        wait_until(panel_queries, timeout=WITHIN + 2, interval=0.05, what="query_range")
    except AssertionError:
        received = [r["path"] for r in proxy.requests(NEW_PROMETHEUS, since=saved_at)]
        ranges = {r["query"] for r in proxy.requests(NEW_PROMETHEUS + "/api/v1/query_range", since=saved_at)}
        raise AssertionError(
            f"{view}: {len(ranges)} of {panels} panels sent query_range to the new base "
            f"{NEW_PROMETHEUS} within {WITHIN + 2} s of saving Settings; it received {received}") from None
    firsts = {}
    for r in panel_queries():
        firsts.setdefault(r["query"], r["start"] - saved_at)
    slowest = max(firsts.values())
    assert slowest <= WITHIN, f"{view}: the last panel's first query_range to the new base came {slowest:.2f} s after saving: {firsts}"
    shows_new_data(browser, stack, view)


# ---- a new Pushgateway base while the old gateway is frozen ----

def test_a_new_gateway_base_while_the_old_gateway_is_frozen_is_read_next(browser, stack, other):
    proxy = other.proxy
    old_job, new_job = unique_job("frozen-old"), unique_job("frozen-new")
    push_group(stack.gateway, old_job, {METRIC: OLD_VALUE})
    push_group(other.gateway, new_job, {METRIC: NEW_VALUE})
    open_page(browser, proxy.origin + "/groups", auto_refresh=0)
    wait_until(lambda: old_job in group_jobs(browser), what="the old gateway's group listed")
    idle(browser)

    pid = int((stack.run_dir / "pushgateway.pid").read_text())
    os.kill(pid, signal.SIGSTOP)
    try:
        frozen_at = time.monotonic()
        click_refresh(browser)
        # The list read is in flight: it reached the frozen gateway, and the page waits for it.
        wait_until(lambda: proxy.requests("/pushgateway/api/v1/metrics", since=frozen_at),
                   what="the Groups view's read of the frozen gateway")
        one(browser, ".refresh .spinner.active", "the page waiting for its read")

        saved_at = save_base(browser, "pushgateway-base", NEW_GATEWAY)
        try:
            wait_until(lambda: proxy.requests(NEW_GATEWAY + "/api/v1/metrics", since=saved_at), timeout=5,
                       interval=0.05, what="read")
        except AssertionError:
            received = [r["path"] for r in proxy.requests(NEW_GATEWAY, since=saved_at)]
            raise AssertionError(
                f"no group list read reached the new gateway base {NEW_GATEWAY} within 5 s of saving "
                f"Settings while the old gateway's read hung; it received {received}") from None
        wait_until(lambda: new_job in group_jobs(browser), timeout=5,
                   what=f"the new gateway's group listed (listed: {group_jobs(browser)})")
        assert old_job not in group_jobs(browser)
    finally:
        os.kill(pid, signal.SIGCONT)
