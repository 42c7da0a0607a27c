"""Race test: while a pusher keeps pushing some of the previewed stale groups, the bulk cleanup
runs in Chromium. Over 50 trials, no group pushed after the preview is deleted by the console:
the report says "pushed again — kept" for each of them, and only the untouched ones go."""
import json
import os
import threading
import time

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from helpers import gateway_groups, push_group, wait_until
from test_groups_ui import rows

TRIALS = int(os.environ.get("GATEWATCH_RACE_TRIALS", "50"))
STALE_AFTER = 1.5


def repushed(gateway_url, jobs):
    """Whether the gateway holds the pusher's second value for every one of `jobs`."""
    value = {g["labels"].get("job"): g.get("job_records_processed", {}).get("metrics", [{}])[0].get("value")
             for g in gateway_groups(gateway_url)}
    return all(value.get(job) is not None and float(value[job]) == 2 for job in jobs)


def test_groups_pushed_after_the_preview_are_never_deleted(browser, stack):
    browser.get(stack.base_url + "/groups")
    browser.execute_script(
        "localStorage.setItem('gatewatch.settings', arguments[0]);",
        json.dumps({"stale_after_secs": STALE_AFTER}),
    )
    wait = WebDriverWait(browser, 20)
    for trial in range(TRIALS):
        requests.put(f"{stack.gateway_url}/api/v1/admin/wipe", timeout=10).raise_for_status()
        wait_until(lambda: gateway_groups(stack.gateway_url) == [], what="empty gateway")
        jobs = [f"f/race/{trial}/{i}" for i in range(6)]
        alive = jobs[::2]  # these keep pushing once the preview is on screen
        for job in jobs:
            push_group(stack.gateway, job, {"job_records_processed": 1})
        time.sleep(STALE_AFTER + 0.7)
        browser.refresh()
        wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "p.summary"), "groups:"))

        def all_stale():
            browser.find_element(By.XPATH, "//button[normalize-space()='Refresh']").click()
            time.sleep(0.2)
            return sum(1 for _, _, s in rows(browser) if s == "stale") == len(jobs)

        wait_until(all_stale, timeout=15, interval=0.1, what=f"trial {trial}: all stale")
        browser.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Delete stale groups')]").click()
        dialog = browser.find_element(By.CSS_SELECTOR, "[role='dialog']")
        stop = threading.Event()

        def pusher():
            while not stop.is_set():
                for job in alive:
                    push_group(stack.gateway, job, {"job_records_processed": 2})
                stop.wait(0.05)

        thread = threading.Thread(target=pusher, daemon=True)
        thread.start()
        try:
            # "Pushed after the preview" means the gateway holds the new push before the delete
            # is asked for. A push still on its way while the console deletes is a race no client
            # of the Pushgateway API can win (it has no conditional delete): it re-creates the
            # group afterwards, which the `left` check below covers.
            wait_until(lambda: repushed(stack.gateway_url, alive), timeout=10, interval=0.02,
                       what=f"trial {trial}: pushes after the preview")
            dialog.find_element(By.XPATH, ".//button[starts-with(normalize-space(), 'Delete ')]").click()
            wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[role='dialog'] p.summary"), "Deleted "))
            report = dialog.find_element(By.CSS_SELECTOR, "table.report").text
        finally:
            stop.set()
            thread.join()
        for job in alive:
            line = next(l for l in report.splitlines() if f'"{job}"' in l)
            assert "pushed again — kept" in line, f"trial {trial}: {line}"
        left = {g["labels"]["job"] for g in gateway_groups(stack.gateway_url)}
        assert left == set(alive), f"trial {trial}: left {left}"
        dialog.find_element(By.XPATH, ".//button[normalize-space()='Close']").click()
