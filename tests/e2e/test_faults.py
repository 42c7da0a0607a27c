"""Failing backends, end to end in Chromium: a fault-injecting proxy (fault_proxy.py) between
nginx and the real Pushgateway / Prometheus stops the backend, slows it down, answers 502 with
HTML, 503 with text, or cuts its JSON in half. For each fault the console must name the backend
in an error, keep the last good data with its time, retry with growing gaps, never have more
than one request in flight per panel, and recover by itself (no reload) when the backend is back.

The Pushgateway is watched on the Groups page, Prometheus on the Charts page (two panels, each
with its own query). The module runs a stack of its own (scripts/lib/stack.sh, no simulators)
on GATEWATCH_E2E_FAULTS_PORT_BASE (27390): Prometheus +0, Pushgateway +1, nginx +2, and the
proxies for Prometheus +3 and the gateway +4, in GATEWATCH_E2E_FAULTS_RUN_DIR (.run/e2e-faults).
The console's retry backoff is shortened through its saved settings (0.3 s doubling to 2.4 s).
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
from fault_proxy import FaultProxy
from helpers import push_group, unique_job, wait_until
from private_stack import ROOT, chromium_with_settings, release_dist, single_gateway_env, stack_sh

RETRY_BASE, RETRY_MAX = 0.3, 2.4
METRIC = "fault_e2e_value"
ERROR_FAULTS = ["down", "html502", "text503", "truncate"]
# What the banner's first line says for each fault ("down": nginx's own 502 page).
EXPECTED = {
    "down": r"answered HTTP 502: 502 Bad Gateway",
    "html502": r"answered HTTP 502: 502 Bad Gateway fault-proxy",
    "text503": r"answered HTTP 503: Service Unavailable",
    "truncate": r"^Malformed answer from \w+: invalid JSON: the answer is cut off after \d+ bytes",
}


class Faults:
    """The private stack, its two proxies, and the data pushed before the tests."""

    def __init__(self, base):
        self.prometheus_url = f"http://127.0.0.1:{base}"
        self.gateway = f"127.0.0.1:{base + 1}"
        self.base_url = f"http://127.0.0.1:{base + 2}"
        self.prometheus = FaultProxy(base + 3, f"127.0.0.1:{base}")
        self.pushgateway = FaultProxy(base + 4, f"127.0.0.1:{base + 1}")
        self.job = unique_job("faults")

    def push(self, value, job=None):
        push_group(self.gateway, job or self.job, {METRIC: value})

    def scraped(self, value):
        """Prometheus has scraped `value` for the job (it scrapes the gateway every second)."""
        r = requests.get(f"{self.prometheus_url}/api/v1/query", timeout=5,
                         params={"query": f'{METRIC}{{exported_job="{self.job}"}}'})
        result = r.json()["data"]["result"]
        return bool(result) and float(result[0]["value"][1]) == value


@pytest.fixture(scope="module")
def faults():
    base = int(os.environ.get("GATEWATCH_E2E_FAULTS_PORT_BASE", "27390"))
    run_dir = Path(os.environ.get("GATEWATCH_E2E_FAULTS_RUN_DIR", ROOT / ".run/e2e-faults")).resolve()
    dist = release_dist()
    f = Faults(base)
    env = single_gateway_env(
        base, dist,
        GATEWATCH_PROMETHEUS_UPSTREAM=f"127.0.0.1:{base + 3}",
        GATEWATCH_PUSHGATEWAY_UPSTREAM=f"127.0.0.1:{base + 4}",
    )
    stack_sh("stack_stop", run_dir, env)
    shutil.rmtree(run_dir, ignore_errors=True)
    f.prometheus.start()
    f.pushgateway.start()
    started = stack_sh("stack_start", run_dir, env)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        f.push(1)
        wait_until(lambda: f.scraped(1), timeout=20, interval=0.3, what="Prometheus to scrape the job")
        yield f
    finally:
        stopped = stack_sh("stack_stop", run_dir, env)
        if stopped.returncode != 0:
            print(f"stack_stop failed:\n{stopped.stdout}{stopped.stderr}")
        f.prometheus.stop()
        f.pushgateway.stop()


@pytest.fixture(scope="module")
def browser(faults, tmp_path_factory):
    """One headless Chromium for the module, with the short retry backoff saved in its settings."""
    driver = chromium_with_settings(tmp_path_factory.mktemp("chrome"), faults.base_url,
                                    {"retry_base_secs": RETRY_BASE, "retry_max_secs": RETRY_MAX})
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(autouse=True)
def healthy(faults):
    """Every test starts and ends with both backends passing through."""
    for proxy in (faults.prometheus, faults.pushgateway):
        proxy.set_mode("pass")
        proxy.reset_stats()
    yield
    for proxy in (faults.prometheus, faults.pushgateway):
        proxy.set_mode("pass")


# ---- reading the page ----

def attempts(browser, url_part, since_ms):
    """Start times (s) of the console's requests to url_part since since_ms (page clock), as the
    browser saw them, requests within 150 ms counted as one attempt (panels fail together)."""
    starts = browser.execute_script(
        "return performance.getEntriesByType('resource')"
        ".filter(e => e.name.includes(arguments[0]) && e.startTime >= arguments[1])"
        ".map(e => e.startTime).sort((a, b) => a - b);", url_part, since_ms)
    grouped = []
    for start in starts:
        if not grouped or start - grouped[-1] > 150:
            grouped.append(start)
    return [s / 1000 for s in grouped]


def assert_growing_gaps(times, what):
    """The first gaps between attempts are the backoff's 0.3, 0.6, 1.2 s: never shorter (a timer
    never fires early), at most a little longer (the request itself, a loaded machine)."""
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(gaps) >= 3, f"{what}: attempts at {times}"
    for n, gap in enumerate(gaps[:3]):
        backoff = min(RETRY_BASE * 2 ** n, RETRY_MAX)
        assert backoff * 0.95 <= gap <= backoff + 1.0, f"{what}: gaps {gaps}, gap {n} should be {backoff}"
    assert gaps[2] > gaps[0], f"{what}: the gaps must grow: {gaps}"


def proxy_attempts(proxy, key_prefix, mode, at_least):
    """Start times per panel key of the requests that met the fault, once each panel has
    at_least of them."""
    def ready():
        per_key = {}
        for r in list(proxy.requests):
            if r["key"].startswith(key_prefix) and r["mode"] == mode:
                per_key.setdefault(r["key"], []).append(r["start"])
        return per_key if per_key and all(len(t) >= at_least for t in per_key.values()) else None
    return wait_until(ready, timeout=8, what=f"{at_least} attempts per panel at the proxy")


def check_backoff(browser, proxy, fault, url_part, key_prefix, since, panels):
    """Attempts as the proxy saw them per panel; with the backend "down" nothing reaches the
    proxy, so as the browser saw them (the panels' requests grouped)."""
    if fault == "down":
        times = wait_until(lambda: (a := attempts(browser, url_part, since)) and len(a) >= 4 and a,
                           timeout=8, what="4 attempts")
        assert_growing_gaps(times, f"{url_part} {fault}")
        return
    per_key = proxy_attempts(proxy, key_prefix, fault, 4)
    assert len(per_key) == panels, list(per_key)
    for key, times in per_key.items():
        assert_growing_gaps(times, f"{key} {fault}")


def assert_one_in_flight(proxy, key_prefix):
    seen = {k: n for k, n in proxy.max_concurrency().items() if k.startswith(key_prefix)}
    assert seen, f"no request to {key_prefix} reached the proxy"
    assert all(n == 1 for n in seen.values()), f"requests in flight at once, per panel: {seen}"


def check_error_state(browser, scope, backend, fault):
    boxes = banners(browser, scope, backend)
    assert boxes, f"no {backend} error in {scope}"
    text = boxes[0].text
    first = text.splitlines()[0]
    assert backend in first, text
    assert re.search(EXPECTED[fault], first), text
    assert STALE_NOTE.search(text), f"no time of the data still shown: {text}"
    return text


# ---- the Pushgateway (Groups page) ----

@pytest.mark.parametrize("fault", ERROR_FAULTS)
def test_gateway_fault(browser, faults, fault):
    open_page(browser, faults.base_url + "/groups")
    wait_until(lambda: faults.job in group_jobs(browser), timeout=15, what="the group listed")
    newcomer = unique_job(f"faults-{fault}")

    faults.pushgateway.set_mode(fault)
    push_group(faults.gateway, newcomer, {METRIC: 2})  # behind the fault: shown after recovery
    since = page_clock_ms(browser)
    click_refresh(browser)
    wait_until(lambda: banners(browser, "section.page", "Pushgateway"), timeout=10, what="a Pushgateway error")
    text = check_error_state(browser, "section.page", "Pushgateway", fault)
    assert faults.job in group_jobs(browser), "the last good groups must stay on screen"
    assert newcomer not in group_jobs(browser)
    wait_until(lambda: RETRY_NOTE.search(" ".join(b.text for b in banners(browser, "section.page", "Pushgateway"))),
               timeout=5, what=f"a retry note (banner: {text})")

    # attempts at 0, 0.3, 0.9, 2.1 s: the gaps double
    check_backoff(browser, faults.pushgateway, fault, "/pushgateway/api/v1/metrics", "/api/v1/metrics", since, 1)

    faults.pushgateway.set_mode("pass")
    wait_until(lambda: not banners(browser, "section.page", "Pushgateway") and newcomer in group_jobs(browser),
               timeout=RETRY_MAX + 5, what="recovery: no error and the new group listed")
    assert not_reloaded(browser)
    assert_one_in_flight(faults.pushgateway, "/api/v1/metrics")


def test_gateway_slow(browser, faults):
    open_page(browser, faults.base_url + "/groups", auto_refresh=5)
    wait_until(lambda: faults.job in group_jobs(browser), timeout=15, what="the group listed")
    newcomer = unique_job("faults-slow")
    faults.pushgateway.reset_stats()

    faults.pushgateway.set_mode("slow", delay=30)
    push_group(faults.gateway, newcomer, {METRIC: 3})  # in the answer once it is let through
    click_refresh(browser)
    note = wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, ".slow-note[data-backend='Pushgateway']"),
                      timeout=9, what="the slow-answer note")[0]
    assert re.match(r"Waiting for Pushgateway: no answer after \d+ s\.", note.text), note.text
    click_refresh(browser)  # the user insists, and the 5 s auto-refresh ticks: still one request
    time.sleep(1.5)
    assert faults.job in group_jobs(browser) and newcomer not in group_jobs(browser)
    assert len(faults.pushgateway.starts("/api/v1/metrics")) == 1
    assert not banners(browser, "section.page", "Pushgateway"), "slow is not an error"

    faults.pushgateway.set_mode("pass")  # the held request goes through now
    wait_until(lambda: newcomer in group_jobs(browser), timeout=5, what="the slow answer shown")
    wait_until(lambda: not browser.find_elements(By.CSS_SELECTOR, ".slow-note"), timeout=3, what="the note gone")
    assert not_reloaded(browser)
    assert_one_in_flight(faults.pushgateway, "/api/v1/metrics")


# ---- Prometheus (Charts page: two panels, each its own query) ----

def open_charts(browser, faults):
    url = f"{faults.base_url}/charts?metric={METRIC}&job={quote(faults.job, safe='')}&range=5m&min_step=1"
    open_page(browser, url, auto_refresh=5)
    for scope in PANELS:
        wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, f"{scope} figure.time-chart[data-state='drawn']"),
                   timeout=20, what=f"{scope} drawn")
    browser.find_element(By.CSS_SELECTOR, f"{PANELS[0]} button.table-toggle").click()
    wait_until(lambda: newest_raw_value(browser), timeout=5, what="the raw value table")


@pytest.mark.parametrize("fault", ERROR_FAULTS)
def test_prometheus_fault(browser, faults, fault):
    value = 41.0 + ERROR_FAULTS.index(fault)  # a value per test, to see fresh data arrive
    open_charts(browser, faults)

    faults.prometheus.set_mode(fault)
    faults.push(value)  # Prometheus scrapes it; the console sees it only after recovery
    since = page_clock_ms(browser)
    click_refresh(browser)
    for scope in PANELS:
        wait_until(lambda: banners(browser, scope, "Prometheus"), timeout=10, what=f"a Prometheus error in {scope}")
        check_error_state(browser, scope, "Prometheus", fault)
        assert browser.find_elements(By.CSS_SELECTOR, f"{scope} figure.time-chart[data-state='drawn']"), \
            "the last good chart must stay on screen"
    assert newest_raw_value(browser) != f"{value:g}"
    wait_until(lambda: RETRY_NOTE.search(" ".join(b.text for b in banners(browser, PANELS[0], "Prometheus"))),
               timeout=5, what="a retry note")

    check_backoff(browser, faults.prometheus, fault, "/prometheus/api/v1/query_range", "/api/v1/query_range",
                  since, 2)

    wait_until(lambda: faults.scraped(value), timeout=5, interval=0.2, what="Prometheus to scrape the new value")
    faults.prometheus.set_mode("pass")
    for scope in PANELS:
        wait_until(lambda: not banners(browser, scope, "Prometheus"), timeout=RETRY_MAX + 5,
                   what=f"recovery of {scope}")
    # the next auto-refresh (5 s) charts up to now, with the value pushed during the fault
    wait_until(lambda: newest_raw_value(browser) == f"{value:g}", timeout=8, what="fresh data after recovery")
    assert not_reloaded(browser)
    assert_one_in_flight(faults.prometheus, "/api/v1/query_range")


def test_prometheus_slow(browser, faults):
    open_charts(browser, faults)
    faults.prometheus.reset_stats()

    faults.prometheus.set_mode("slow", delay=30)
    faults.push(99)
    wait_until(lambda: faults.scraped(99), timeout=5, interval=0.2, what="Prometheus to scrape the new value")
    click_refresh(browser)  # (unless the 5 s auto-refresh asked already: then this does nothing)
    for scope in PANELS:
        note = wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, f"{scope} .slow-note[data-backend='Prometheus']"),
                          timeout=9, what=f"the slow-answer note in {scope}")[0]
        assert re.match(r"Waiting for Prometheus: no answer after \d+ s\.", note.text), note.text
    click_refresh(browser)  # the user insists, and the 5 s auto-refresh ticks: still one per panel
    time.sleep(1.5)
    assert newest_raw_value(browser) != "99", "the old data stays until the answer"
    ranges = [r for r in faults.prometheus.requests if r["key"].startswith("/api/v1/query_range")]
    assert len(ranges) == 2, [r["key"] for r in ranges]

    faults.prometheus.set_mode("pass")
    # the held answer, or the next auto-refresh's if a tick asked before 99 was scraped
    wait_until(lambda: newest_raw_value(browser) == "99", timeout=10, what="the slow answer shown")
    wait_until(lambda: not browser.find_elements(By.CSS_SELECTOR, ".slow-note"), timeout=3, what="the notes gone")
    assert not banners(browser, "section.page", "Prometheus")
    assert not_reloaded(browser)
    assert_one_in_flight(faults.prometheus, "/api/v1/query_range")
