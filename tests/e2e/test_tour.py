"""A tour of every view on a healthy stack: Groups, a group's details, the bulk-cleanup preview,
the Settings dialog, Charts, Explore (graph and table), Targets and Windmill, each once its data
has arrived. Nothing may go wrong in Chromium's own logs on the way: no console error (level
SEVERE) and no HTTP answer of 400 or more (the DevTools Network events of the performance log).
A healthy backend is not a reason for a red line in the console, whichever backend it is: run on
Prometheus and on VictoriaMetrics (GATEWATCH_E2E_BACKEND=victoriametrics)."""
import json
import re
import time
from urllib.parse import quote

import pytest
import requests
from selenium.webdriver.common.by import By

from browser_logs import BrowserLogs
from console_page import idle, newest_raw_value, one, panel, show_table
from helpers import push_group, unique_job, wait_until

METRIC = "tour_e2e_value"
STALE_AFTER = 2  # seconds: the tour's group is stale by the time Groups opens
# VictoriaMetrics makes a new series searchable ~10 s after its first scrape.
SCRAPED = 40


def scraped(stack, expr):
    r = requests.post(f"{stack.prometheus_url}/api/v1/query", data={"query": expr}, timeout=10)
    return r.json()["data"]["result"]


def settled(browser):
    """No view's read in flight, then a moment for the header's own checks to land."""
    idle(browser)
    time.sleep(0.5)


def test_a_tour_of_every_view_logs_no_error(logged_browser, clean_gateway):
    stack, browser = clean_gateway, logged_browser
    logs = BrowserLogs(browser)
    job = unique_job("tour")
    push_group(stack.gateway, job, {METRIC: 3})
    selector = f'{METRIC}{{exported_job="{job}"}}'
    wait_until(lambda: scraped(stack, selector) and scraped(stack, f'push_time_seconds{{exported_job="{job}"}}'),
               timeout=SCRAPED, interval=0.3, what=f"{stack.backend} to scrape {job}")

    # Groups, with a stale threshold short enough for the bulk cleanup to have a group to offer.
    browser.get(stack.base_url + "/groups")
    browser.execute_script("localStorage.setItem('gatewatch.settings', arguments[0]);",
                           json.dumps({"stale_after_secs": STALE_AFTER}))
    time.sleep(STALE_AFTER)
    browser.refresh()
    wait_until(lambda: re.match(r"1 group: 0 fresh, 0 late, 1 stale",
                                one(browser, "p.summary", "the summary").text),
               what="Groups to list the tour's group as stale")
    settled(browser)
    logs.collect("groups")

    row = one(browser, "table.groups tbody tr.group-row", "the group's row")
    row.find_element(By.XPATH, ".//button[contains(normalize-space(), 'metrics')]").click()
    one(browser, "tr.details-row .family", "the group's details")
    settled(browser)
    logs.collect("group details")

    browser.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Delete stale groups')]").click()
    dialog = one(browser, "[role='dialog'][aria-labelledby='bulk-title']", "the bulk-cleanup preview")
    wait_until(lambda: job in dialog.text, what="the preview to list the group")
    settled(browser)
    dialog.find_element(By.XPATH, ".//button[normalize-space()='Cancel']").click()
    wait_until(lambda: not browser.find_elements(By.CSS_SELECTOR, "[role='dialog']"),
               what="the preview to close")
    settled(browser)
    logs.collect("bulk-cleanup preview")

    browser.find_element(By.CSS_SELECTOR, "button.settings-button").click()
    dialog = one(browser, "[role='dialog'][aria-labelledby='settings-title']", "the Settings dialog")
    dialog.find_element(By.XPATH, ".//button[normalize-space()='Cancel']").click()
    wait_until(lambda: not browser.find_elements(By.CSS_SELECTOR, "[role='dialog']"),
               what="Settings to close")
    settled(browser)
    logs.collect("settings dialog")

    browser.get(f"{stack.base_url}/charts?metric={METRIC}&job={quote(job, safe='')}&range=5m&min_step=1")
    show_table(browser, "Raw value")
    wait_until(lambda: newest_raw_value(browser) == "3", timeout=15, what="the raw chart's data")
    settled(browser)
    logs.collect("charts")

    browser.get(f"{stack.base_url}/explore?expr={quote(selector, safe='')}&range=5m")
    show_table(browser, "Result")
    result_cells = f"{panel('Result')} table tbody tr:first-child td"
    wait_until(lambda: [c.text for c in browser.find_elements(By.CSS_SELECTOR, result_cells)][:1] == ["3"],
               timeout=15, what="Explore's graph data")
    browser.find_element(By.XPATH, "//div[@aria-label='Result view']/button[normalize-space()='Table']").click()
    wait_until(lambda: any(td.text == "3" for td in browser.find_elements(By.CSS_SELECTOR, "table.instant td")),
               timeout=15, what="Explore's instant table")
    settled(browser)
    logs.collect("explore")

    browser.get(f"{stack.base_url}/targets")
    one(browser, "section.target-pool table.targets tbody tr", "the targets", timeout=15)
    settled(browser)
    logs.collect("targets")

    browser.get(f"{stack.base_url}/windmill")
    one(browser, "section.chart-panel", "the Windmill panels")
    # The presence check has answered: either the simulator's note or the empty state.
    one(browser, "p.simulated, div.notice", "the Windmill presence check", timeout=20)
    settled(browser)
    logs.collect("windmill")

    if logs.problems:
        pytest.fail(f"the tour on {stack.backend} logged errors in Chromium:\n{logs.report()}", pytrace=False)
