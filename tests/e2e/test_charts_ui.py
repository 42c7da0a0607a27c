"""Charts end to end: a job pushes for a while and stops. While it pushes, the irate-adjusted
series has nonzero points; after it stops, the raw series stays at its last value and the
irate-adjusted series is 0 - checked through the queries the charts show and run, and through
the chart's table view in Chromium."""
import random
import threading
import time
from urllib.parse import quote

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from helpers import push_group, push_twice, unique_job, wait_until


def query_range(stack, expr, start, end, step=1):
    r = requests.post(f"{stack.prometheus_url}/api/v1/query_range",
                      data={"query": expr, "start": start, "end": end, "step": step}, timeout=10)
    body = r.json()
    assert body["status"] == "success", body
    return body["data"]["result"]


def panel(browser, title):
    return browser.find_element(By.CSS_SELECTOR, f"section.chart-panel[aria-label='{title}']")


def test_irate_adjusted_drops_to_zero_when_pushes_stop(browser, stack):
    job = unique_job("f/charts")
    values = []
    stop = threading.Event()

    def pusher():
        while not stop.is_set():
            value = random.randint(1, 100)
            push_group(stack.gateway, job, {"job_records_processed": value})
            values.append(value)
            stop.wait(1.0)

    started = time.time()
    thread = threading.Thread(target=pusher, daemon=True)
    thread.start()
    time.sleep(8)
    stop.set()
    thread.join()
    stopped = time.time()
    last_value = values[-1]

    browser.get(f"{stack.base_url}/charts?metric=job_records_processed&job={quote(job, safe='')}&range=5m&min_step=1")
    wait = WebDriverWait(browser, 20)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "section.chart-panel[aria-label='Irate-adjusted'] code.expr")))
    wait.until(lambda b: "irate(push_time_seconds" in panel(b, "Irate-adjusted").find_element(By.CSS_SELECTOR, "code.expr").text)
    raw_expr = panel(browser, "Raw value").find_element(By.CSS_SELECTOR, "code.expr").text
    irate_expr = panel(browser, "Irate-adjusted").find_element(By.CSS_SELECTOR, "code.expr").text
    assert f'exported_job="{job}"' in raw_expr, raw_expr
    assert "> bool 0" in irate_expr and " / " not in irate_expr, irate_expr

    # Let Prometheus scrape well past the stop (the window is two 1 s scrapes).
    time.sleep(max(0.0, stopped + 5 - time.time()))
    end = time.time()
    irate_points = query_range(stack, irate_expr, started, end)
    assert len(irate_points) == 1, irate_points
    pushed = [float(v) for t, v in irate_points[0]["values"] if float(t) < stopped]
    after = [float(v) for t, v in irate_points[0]["values"] if float(t) > stopped + 3]
    assert any(v > 0 for v in pushed), pushed
    assert after and all(v == 0 for v in after), after
    raw_points = query_range(stack, raw_expr, stopped + 3, end)
    assert [float(v) for _, v in raw_points[0]["values"]] == [float(last_value)] * len(raw_points[0]["values"])

    # The same through the UI: refresh, then read each chart's table view.
    browser.refresh()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "section.chart-panel[aria-label='Raw value'] canvas")))
    for title in ("Raw value", "Irate-adjusted"):
        p = panel(browser, title)
        wait.until(lambda b: p.find_element(By.XPATH, ".//button[contains(., 'table')]").is_displayed())
        p.find_element(By.XPATH, ".//button[contains(., 'table')]").click()

    def newest_value(title):
        # Newest row first; its time is a row header (th), the first td is the series' value.
        cells = panel(browser, title).find_elements(By.CSS_SELECTOR, "table tbody tr:first-child td")
        return cells[0].text if cells else None

    wait_until(lambda: newest_value("Raw value") == str(last_value), timeout=15, what="raw table shows the last value")
    wait_until(lambda: newest_value("Irate-adjusted") == "0", timeout=15, what="irate table shows 0")


def test_freshness_gated_holds_the_value_for_three_expected_intervals(browser, stack):
    """Two pushes d seconds apart: the gated chart shows the value until the last push is 3 x d
    old, then 0, on either backend. The chart shows the PromQL it runs: `changes` on Prometheus,
    `changes_prometheus` on VictoriaMetrics (whose `changes` would count this young series'
    first sample too, halve the interval and close the gate after 1.5 x d)."""
    job = unique_job("f/gated")
    first, pushed_at = push_twice(stack, job, {"job_records_processed": 7}, apart=4)
    spacing = pushed_at - first

    browser.get(f"{stack.base_url}/charts?metric=job_records_processed&job={quote(job, safe='')}"
                "&range=5m&min_step=1&gated=1")
    wait = WebDriverWait(browser, 30)

    def gated_expr(b):
        try:
            text = panel(b, "Freshness-gated").find_element(By.CSS_SELECTOR, "code.expr").text
        except Exception:  # not rendered yet
            return None
        return text if job in text else None

    expr = wait.until(gated_expr)
    changes = "changes_prometheus" if stack.backend == "victoriametrics" else "changes"
    assert f") / {changes}(push_time_seconds{{" in expr, expr

    gate = 3 * spacing
    time.sleep(max(0.0, pushed_at + gate + 5 - time.time()))
    [series] = query_range(stack, expr, pushed_at + 2, pushed_at + gate + 5)
    by_age = {float(t) - pushed_at: float(v) for t, v in series["values"]}
    open_gate = [v for age, v in by_age.items() if 2 <= age <= gate - 1.5]
    closed_gate = [v for age, v in by_age.items() if age >= gate + 1.5]
    assert open_gate and all(v == 7 for v in open_gate), by_age
    assert closed_gate and all(v == 0 for v in closed_gate), by_age
