"""The Job page end to end, reached from the Groups table (index.html) into all-views.html: a job pushed with prometheus_client every 2 s that skips 3 pushes and has 2 pushes
refused by the gateway (a conflicting TYPE, HTTP 400) shows exactly 3 missed runs and 2 failed
ones, and its runs agree with the backend's samples; odd job names and a job without history
get clear pages; the page logs no browser error."""
import re
import threading
import time
import urllib.error
from urllib.parse import quote

import requests
from prometheus_client import CollectorRegistry, Counter, Gauge, push_to_gateway
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser_logs import console_errors
from helpers import push_group, unique_job, wait_until

PERIOD = 2.0
PUSHES = 20
SKIPPED = {6, 7, 8}
REFUSED = {13, 16}
# Held by another group as a gauge: pushing it as a counter (which prometheus_client exposes
# as CONFLICTING_total) is refused (inconsistent TYPE).
CONFLICTING = "e2e_job_page_conflict"


def push_run(stack, job, refused):
    registry = CollectorRegistry()
    Gauge("job_records_processed", "records", registry=registry).set(1)
    if refused:
        Counter(CONFLICTING, "conflict", registry=registry).inc()
    push_to_gateway(stack.gateway, job=job, registry=registry)


class Pusher(threading.Thread):
    """Pushes on a 2 s grid, skips and refuses the chosen runs, then keeps pushing on the grid
    (a healthy schedule) until stopped, so that nothing after the holes counts as missed."""

    def __init__(self, stack, job):
        super().__init__(daemon=True)
        self.stack, self.job = stack, job
        self.stop = threading.Event()
        self.refusals = []

    def run(self):
        start = time.time()
        i = 0
        while not self.stop.is_set():
            self.stop.wait(max(0.0, start + i * PERIOD - time.time()))
            if i not in SKIPPED:
                try:
                    push_run(self.stack, self.job, refused=i in REFUSED)
                except urllib.error.HTTPError as e:
                    self.refusals.append(e.code)
            i += 1


def text(browser, css):
    return browser.find_element(By.CSS_SELECTOR, css).text


def backend_push_times(stack, job, family):
    """Distinct values of the job's `family` samples in the last 5 minutes, as the backend has them."""
    r = requests.post(f"{stack.prometheus_url}/api/v1/query",
                      data={"query": f'{family}{{exported_job="{job}"}}[5m]'}, timeout=10)
    result = r.json()["data"]["result"]
    return {v for series in result for _, v in series["values"] if float(v) > 0}


def test_missed_and_failed_runs_are_counted_exactly(browser, stack):
    push_group(stack.gateway, unique_job("f/holder"), {f"{CONFLICTING}_total": 1})
    job = unique_job("f/job-page")
    pusher = Pusher(stack, job)
    pusher.start()
    try:
        # Past the holes and three more runs, then one scrape more.
        time.sleep(PERIOD * (max(REFUSED) + 3) + 1.5)
        assert pusher.refusals == [400, 400], pusher.refusals
        browser.get(f"{stack.base_url}/job?job={quote(job, safe='')}&range=5m")
        wait = WebDriverWait(browser, 30)
        wait.until(lambda b: "missed" in text(b, "[data-testid=on-time]"))
        on_time = text(browser, "[data-testid=on-time]")
        assert "(3 missed, 0 late of" in on_time, on_time
        assert text(browser, "#missed-title") == "Missed runs (3)"
        assert "every 2s" in text(browser, "[data-testid=schedule]")
        assert "inferred from the runs" in text(browser, "[data-testid=schedule]")
        summary = text(browser, "[data-testid=timeline-summary]")
        assert ", 3 missed, 2 failed" in summary, summary
        outcomes = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "table.runs tbody td:nth-child(2)")]
        assert outcomes.count("failed") == 2, outcomes
        # The page's runs are the backend's samples: one per distinct push time.
        ok = backend_push_times(stack, job, "push_time_seconds")
        failed = backend_push_times(stack, job, "push_failure_time_seconds")
        assert len(failed) == 2
        runs = int(summary.split(" runs")[0])
        # The page read the history a moment before this query: at most one run newer here.
        assert len(ok) + len(failed) - runs in (0, 1), (len(ok), len(failed), summary)
        assert "every push, at its own time" in browser.find_element(By.CSS_SELECTOR, "dl.job-summary").text
        assert f'exported_job="{job}"' in text(browser, ".promql code.expr")
        assert console_errors(browser.get_log("browser")) == []
    finally:
        pusher.stop.set()
        pusher.join()
    # Once the last push is scraped, the Groups strip and a week of the Job page (runs counted
    # per step) count exactly the backend's distinct samples.
    time.sleep(3)
    ok = backend_push_times(stack, job, "push_time_seconds")
    failed = backend_push_times(stack, job, "push_failure_time_seconds")
    strip = groups_strip(browser, stack, job)
    # Its misses are judged per quarter by the mean spacing of the last hour (which the 3
    # skipped pushes stretch), so only the runs and failures must match the page exactly.
    assert re.fullmatch(rf"Last 24 h: {len(ok) + len(failed)} runs, \d+ missed, 2 failed", strip), strip
    # The job's name in its row opens its page.
    row = job_row(browser, job)
    row.find_element(By.CSS_SELECTOR, "td.job a").click()
    WebDriverWait(browser, 30).until(lambda b: text(b, "h1 code.job-name") == job)
    assert "/job?" in browser.current_url
    browser.get(f"{stack.base_url}/job?job={quote(job, safe='')}&range=7d")
    WebDriverWait(browser, 30).until(lambda b: "pushes counted per" in text(b, "dl.job-summary"))
    WebDriverWait(browser, 30).until(lambda b: " runs" in text(b, "[data-testid=timeline-summary]"))
    summary = text(browser, "[data-testid=timeline-summary]")
    assert summary.startswith(f"{len(ok) + len(failed)} runs,") and summary.endswith(", 2 failed"), summary
    assert console_errors(browser.get_log("browser")) == []


def job_row(browser, job):
    for row in browser.find_elements(By.CSS_SELECTOR, "table.groups tbody tr.group-row"):
        if row.find_element(By.CSS_SELECTOR, "td.job").text == job:
            return row
    return None


def groups_strip(browser, stack, job):
    """The aria-label of `job`'s heartbeat strip in the Groups table, once it has loaded."""
    browser.get(f"{stack.base_url}/")
    box = WebDriverWait(browser, 30).until(lambda b: b.find_element(By.ID, "group-filter"))
    box.send_keys(job)

    def label():
        row = job_row(browser, job)
        if row is None:
            return None
        name = row.find_element(By.CSS_SELECTOR, "td.strip canvas.heartbeat").get_attribute("aria-label")
        return None if "loading" in name else name

    return WebDriverWait(browser, 30).until(lambda b: label())


def test_a_set_schedule_wins_and_a_job_without_history_says_so(browser, stack):
    job = 'f/odd "quoted" %2F ü/job'
    push_group(stack.gateway, job, {"job_records_processed": 1})
    browser.get(f"{stack.base_url}/job?job={quote(job, safe='')}&range=5m")
    wait = WebDriverWait(browser, 30)
    # The page renders after the wasm starts: wait for it rather than read it at once.
    wait.until(lambda b: text(b, "h1 code.job-name") == job)
    wait.until(lambda b: "3 run" in b.find_element(By.CSS_SELECTOR, "ul.notes").text
               or "no push_time_seconds" in b.find_element(By.CSS_SELECTOR, "ul.notes").text)
    # Fewer than 3 runs: no schedule is made up.
    wait.until(lambda b: "none" in text(b, "[data-testid=schedule]"))
    # A set schedule wins over inference, and is kept with the settings.
    browser.find_element(By.CSS_SELECTOR, "#schedule-kind option[value=every]").click()
    field = wait.until(lambda b: b.find_element(By.ID, "schedule-value"))
    field.send_keys("1m")
    browser.find_element(By.ID, "schedule-grace").send_keys("10s")
    browser.find_element(By.CSS_SELECTOR, ".schedule-form button[type=submit]").click()
    wait.until(lambda b: "set for this job" in text(b, "[data-testid=schedule]"))
    assert "every 1m" in text(browser, "[data-testid=schedule]")
    browser.refresh()
    wait.until(lambda b: "set for this job" in text(b, "[data-testid=schedule]"))
    # A job that never pushed: the page says why there is nothing.
    browser.get(f"{stack.base_url}/job?job=never%2Fpushed&range=1h")
    wait.until(lambda b: "no push_time_seconds" in b.find_element(By.CSS_SELECTOR, "ul.notes").text)
    assert text(browser, "table.runs caption") == "No runs in the range"
    assert console_errors(browser.get_log("browser")) == []
