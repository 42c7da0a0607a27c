"""Groups view end to end: groups pushed by prometheus_client to the real gateway are listed with
their status, deleted one by one and in bulk through the UI behind the real nginx config; the
gateway's own API then shows exactly those groups gone and every other intact."""
import base64
import json
import re
import threading
import time

import requests
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from helpers import find_group, gateway_groups, push_group, push_twice, unique_job, wait_until

TRICKY_VALUES = [
    "u/admin/random_number_metric_script",
    "100% done?#frag",
    'with "quotes" and \\ backslash',
    "spaces  and\ttab",
    "ünïcødé ✓ 日本",
    "x" * 2000,
]


def open_groups(browser, base_url, stale_after_secs=600, per_job=None):
    """Opens the groups view with the given thresholds saved as the user's settings."""
    browser.get(base_url + "/groups")
    settings = {
        "prometheus_base": "/prometheus",
        "pushgateway_base": "/pushgateway",
        "theme": "system",
        "stale_after_secs": stale_after_secs,
        "per_job_stale_secs": per_job or {},
    }
    browser.execute_script(
        "localStorage.setItem('gatewatch.settings', arguments[0]);", json.dumps(settings)
    )
    browser.refresh()
    wait = WebDriverWait(browser, 15)
    # "1 group: ..." or "N groups: ..." once the gateway has answered.
    wait.until(lambda b: re.match(r"\d+ groups?:", b.find_element(By.CSS_SELECTOR, "p.summary").text))
    return wait


def retrying(action, attempts=10):
    """Rows are re-rendered when a group's status or push time changes; retry a DOM action
    that raced with such a re-render."""
    for attempt in range(attempts):
        try:
            return action()
        except StaleElementReferenceException:
            if attempt == attempts - 1:
                raise
            time.sleep(0.2)


def rows(browser):
    return retrying(lambda: _rows(browser))


def _rows(browser):
    """[(job, other labels text, status)] of the rows shown."""
    out = []
    for tr in browser.find_elements(By.CSS_SELECTOR, "table.groups tbody tr.group-row"):
        cells = tr.find_elements(By.TAG_NAME, "td")
        out.append((cells[0].get_attribute("textContent"), cells[1].text, cells[2].text))
    return out


def refresh_until(browser, predicate, what, timeout=20):
    def check():
        browser.find_element(By.XPATH, "//button[normalize-space()='Refresh']").click()
        time.sleep(0.4)
        shown = rows(browser)
        return shown if predicate(shown) else None

    return wait_until(check, timeout=timeout, interval=0.2, what=what)


def test_every_tricky_group_is_listed_with_its_exact_job(browser, clean_gateway):
    stack = clean_gateway
    for value in TRICKY_VALUES:
        push_group(stack.gateway, value, {"job_records_processed": 42})
    push_group(stack.gateway, "f/many/labels", {"x": 1},
               grouping_key={f"l{i}": f"v/{i}%" for i in range(8)})
    push_group(stack.gateway, "f/empty/label", {"x": 1}, grouping_key={"tag": ""})
    open_groups(browser, stack.base_url)
    shown = refresh_until(browser, lambda r: len(r) == len(TRICKY_VALUES) + 2, "all groups")
    jobs = {job for job, _, _ in shown}
    assert set(TRICKY_VALUES) <= jobs
    assert all(status == "fresh" for _, _, status in shown), shown
    many = next(r for r in shown if r[0] == "f/many/labels")
    assert "l7=v/7%" in many[1]
    empty = next(r for r in shown if r[0] == "f/empty/label")
    assert "tag=(empty)" in empty[1]
    summary = browser.find_element(By.CSS_SELECTOR, "p.summary").text
    assert summary.startswith(f"{len(TRICKY_VALUES) + 2} groups: {len(TRICKY_VALUES) + 2} fresh")


def test_statuses_filters_and_failed_pushes(browser, clean_gateway):
    stack = clean_gateway
    push_group(stack.gateway, "f/old/job", {"job_records_processed": 1})
    time.sleep(3)
    push_group(stack.gateway, "f/fresh/job", {"job_records_processed": 2})
    # A push whose TYPE conflicts with a family another group holds is refused (400), and the
    # gateway records push_failure_time_seconds on the group it was meant for.
    conflicting = "# TYPE job_records_processed counter\njob_records_processed 5\n"
    push_group(stack.gateway, "f/failing/job", {"other_metric": 1})
    for job in ("f/failing/job", "f/never/job"):
        b64 = base64.urlsafe_b64encode(job.encode()).decode()
        r = requests.put(f"{stack.gateway_url}/metrics/job@base64/{b64}", data=conflicting, timeout=10)
        assert r.status_code == 400, r.text

    open_groups(browser, stack.base_url, stale_after_secs=2)
    expected = {"f/old/job": "stale", "f/failing/job": "failed", "f/never/job": "never succeeded"}
    shown = refresh_until(
        browser,
        lambda r: {j: s for j, _, s in r if j in expected} == expected and len(r) == 4,
        "every status",
    )
    assert len(shown) == 4
    summary = browser.find_element(By.CSS_SELECTOR, "p.summary").text
    assert "4 groups:" in summary and "1 failed" in summary and "1 never succeeded" in summary

    box = browser.find_element(By.ID, "group-filter")
    box.send_keys("FAILING")
    wait_until(lambda: [j for j, _, _ in rows(browser)] == ["f/failing/job"], what="text filter")
    box.clear()
    box.send_keys(" ")  # clear() does not fire input events
    browser.execute_script(
        "const s=document.getElementById('status-filter'); s.value='stale';"
        "s.dispatchEvent(new Event('change'));"
    )
    # f/fresh/job turns stale 2 s after its push too, and on a slow run it already has: the filter
    # shows the stale rows and only them, whichever they are by now.
    def only_stale():
        shown = rows(browser)
        jobs = {j for j, _, _ in shown}
        return "f/old/job" in jobs and jobs <= {"f/old/job", "f/fresh/job"} and all(
            s == "stale" for _, _, s in shown
        )

    wait_until(only_stale, what=f"status filter (rows {rows(browser)})")


def _intervals(browser, next_push=False):
    """{job: expected interval text} of the rows shown; with next_push, the cell's second line
    (when the next push is due) instead."""
    out = {}
    for tr in browser.find_elements(By.CSS_SELECTOR, "table.groups tbody tr.group-row"):
        cells = tr.find_elements(By.TAG_NAME, "td")
        lines = cells[4].text.split("\n")
        out[cells[0].get_attribute("textContent")] = (lines[1:] or [""])[0] if next_push else lines[0]
    return out


def test_a_group_created_by_a_failed_push_gets_no_made_up_interval(browser, clean_gateway):
    """A failed first push creates the group with push_time_seconds 0. Prometheus scrapes that 0,
    and it must not count as a push: the interval would be the time since 1970. The group has no
    interval until the 0 leaves the window; a group pushed the same way without the failure has
    one."""
    stack = clean_gateway
    push_group(stack.gateway, "f/other/job", {"job_records_processed": 1})  # holds the gauge family
    b64 = base64.urlsafe_b64encode(b"f/first/failed").decode()
    conflicting = "# TYPE job_records_processed counter\njob_records_processed 5\n"
    r = requests.put(f"{stack.gateway_url}/metrics/job@base64/{b64}", data=conflicting, timeout=10)
    assert r.status_code == 400, r.text
    time.sleep(2.5)  # Prometheus scrapes the gateway every second: the 0 is in its history
    for _ in range(3):
        for job in ("f/first/failed", "f/steady/job"):
            push_group(stack.gateway, job, {"job_records_processed": 1})
        time.sleep(1.5)

    open_groups(browser, stack.base_url)

    def steady_has_one():
        browser.find_element(By.XPATH, "//button[normalize-space()='Refresh']").click()
        time.sleep(0.4)
        shown = retrying(lambda: _intervals(browser))
        return shown if shown.get("f/steady/job", "unknown") != "unknown" else None

    shown = wait_until(steady_has_one, timeout=20, interval=0.2, what="the steady job's interval")
    assert shown["f/steady/job"] in ("1s", "2s"), shown
    assert shown["f/first/failed"] == "unknown", shown
    # Beside a known interval, when the next push is due; nothing is due without one.
    due = retrying(lambda: _intervals(browser, next_push=True))
    assert re.fullmatch(r"next push in .+|due .+ ago|overdue by .+", due["f/steady/job"]), due
    assert due["f/first/failed"] == "", due


def test_a_young_group_gets_the_spacing_of_its_pushes_on_either_backend(browser, clean_gateway):
    """Two pushes some seconds apart: the interval is their spacing. VictoriaMetrics' `changes`
    also counts the first sample of a series younger than the window (2 here, not 1), so the
    console asks it with `changes_prometheus`; with plain `changes` this group would show half
    the spacing there."""
    stack = clean_gateway
    job = unique_job("f/young")  # a name no earlier run left in the backend's window
    first, second = push_twice(stack, job, {"job_records_processed": 1}, apart=4)
    spacing = second - first
    assert spacing >= 4, spacing
    open_groups(browser, stack.base_url)

    def young_has_one():
        browser.find_element(By.XPATH, "//button[normalize-space()='Refresh']").click()
        time.sleep(0.4)
        shown = retrying(lambda: _intervals(browser)).get(job, "unknown")
        return shown if shown != "unknown" else None

    shown = wait_until(young_has_one, timeout=30, interval=0.5, what="the young job's interval")
    assert shown == f"{int(spacing + 0.5)}s", (shown, spacing)  # whole seconds, half up


def click_delete_on_row(browser, matches):
    def attempt():
        row = next(tr for tr in browser.find_elements(By.CSS_SELECTOR, "table.groups tbody tr.group-row")
                   if matches(tr))
        row.find_element(By.CSS_SELECTOR, "button.danger").click()

    retrying(attempt)


def confirm_delete_of(browser, job):
    click_delete_on_row(
        browser, lambda tr: tr.find_element(By.TAG_NAME, "td").get_attribute("textContent") == job
    )
    dialog = browser.find_element(By.CSS_SELECTOR, "[role='dialog']")
    key = dialog.find_element(By.ID, "delete-key").text
    dialog.find_element(By.XPATH, ".//button[normalize-space()='Delete group']").click()
    WebDriverWait(browser, 15).until(
        EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[role='dialog'] [role='status']"), "Deleted")
    )
    dialog.find_element(By.XPATH, ".//button[normalize-space()='Close']").click()
    return key


def test_single_deletes_remove_exactly_that_group(browser, clean_gateway):
    stack = clean_gateway
    for value in TRICKY_VALUES:
        push_group(stack.gateway, value, {"job_records_processed": 1})
    push_group(stack.gateway, "f/empty/label", {"x": 1}, grouping_key={"tag": ""})
    push_group(stack.gateway, "f/empty/label", {"x": 1}, grouping_key={"tag": "eu"})
    open_groups(browser, stack.base_url)
    refresh_until(browser, lambda r: len(r) == len(TRICKY_VALUES) + 2, "all groups")

    remaining = {v: {"job": v} for v in TRICKY_VALUES}
    remaining["eu"] = {"job": "f/empty/label", "tag": "eu"}
    for value in TRICKY_VALUES[:4]:
        key = confirm_delete_of(browser, value)
        assert value.split("\t")[0] in key.replace("\\\\", "\\").replace('\\"', '"')
        del remaining[value]
        assert find_group(stack.gateway_url, {"job": value}) is None
        for labels in remaining.values():
            assert find_group(stack.gateway_url, labels) is not None, labels
    # The empty-valued label is part of the key: deleting {tag=""} leaves {tag="eu"}.
    click_delete_on_row(browser, lambda tr: "tag=(empty)" in tr.text)
    dialog = browser.find_element(By.CSS_SELECTOR, "[role='dialog']")
    assert 'tag=""' in dialog.find_element(By.ID, "delete-key").text
    dialog.find_element(By.XPATH, ".//button[normalize-space()='Delete group']").click()
    WebDriverWait(browser, 15).until(
        EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[role='dialog'] [role='status']"), "Deleted")
    )
    assert find_group(stack.gateway_url, {"job": "f/empty/label", "tag": ""}) is None
    for labels in remaining.values():
        assert find_group(stack.gateway_url, labels) is not None, labels


def test_bulk_cleanup_keeps_groups_pushed_after_the_preview(browser, clean_gateway):
    stack = clean_gateway
    stale_jobs = [f"f/stale/{i}" for i in range(5)] + TRICKY_VALUES[1:4]
    for job in stale_jobs:
        push_group(stack.gateway, job, {"job_records_processed": 1})
    stop = threading.Event()

    def keep_fresh():
        while not stop.is_set():
            push_group(stack.gateway, "u/admin/random_number_metric_script", {"job_records_processed": 7})
            stop.wait(0.5)

    pusher = threading.Thread(target=keep_fresh, daemon=True)
    pusher.start()
    try:
        time.sleep(4)
        open_groups(browser, stack.base_url, stale_after_secs=3)
        refresh_until(
            browser,
            lambda r: sum(1 for _, _, s in r if s == "stale") == len(stale_jobs),
            "stale groups",
        )
        browser.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Delete stale groups')]").click()
        dialog = browser.find_element(By.CSS_SELECTOR, "[role='dialog']")
        preview = dialog.find_element(By.CSS_SELECTOR, "table.preview").text
        assert "random_number_metric_script" not in preview, "a fresh group was offered for deletion"
        assert all(job.split("\t")[0][:20] in preview for job in stale_jobs[:5])
        # One previewed group is pushed again before the delete runs: it must survive.
        push_group(stack.gateway, "f/stale/2", {"job_records_processed": 9})
        # And one is unticked by the user: it must survive too.
        dialog.find_element(By.CSS_SELECTOR, "input[aria-label*='f/stale/4']").click()
        dialog.find_element(By.XPATH, ".//button[starts-with(normalize-space(), 'Delete ')]").click()
        WebDriverWait(browser, 30).until(
            EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[role='dialog'] p.summary"), "Deleted ")
        )
        report = dialog.find_element(By.CSS_SELECTOR, "p.summary").text
        assert report == f"Deleted {len(stale_jobs) - 2}, kept 1, already gone 0, failed 0.", report
        assert "pushed again — kept" in dialog.find_element(By.CSS_SELECTOR, "table.report").text
        assert dialog.find_element(By.CSS_SELECTOR, "progress").get_attribute("value") == str(len(stale_jobs) - 1)
    finally:
        stop.set()
        pusher.join()
    left = {g["labels"]["job"] for g in gateway_groups(stack.gateway_url)}
    assert left == {"u/admin/random_number_metric_script", "f/stale/2", "f/stale/4"}, left
