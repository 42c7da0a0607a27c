"""The bulk delete endpoint (deploy/nginx/bulk_delete.js behind the real nginx config): what it
deletes, what it keeps, what it refuses; and the console falling back to one delete per group
where a server has no such endpoint (tests/e2e/fault_proxy.py in front of the stack's nginx on
GATEWATCH_E2E_NO_BULK_PORT [27410], answering 404 for the endpoint only)."""
import json
import os
import time

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from fault_proxy import FaultProxy
from helpers import find_group, gateway_groups, group_path, push_group, unique_job, wait_until
from test_groups_ui import open_groups, refresh_until

TIMEOUT = 30
ENDPOINT = "/gatewatch/bulk-delete"


def times(group):
    """push_time / push_failure_time of a gateway group as the console previews them."""
    def value(family):
        metrics = group.get(family, {}).get("metrics") or [{}]
        return float(metrics[0].get("value", 0)) or None
    return value("push_time_seconds"), value("push_failure_time_seconds")


def previewed(gateway_url, labels):
    group = find_group(gateway_url, labels)
    assert group is not None, labels
    push_time, failure_time = times(group)
    return {"path": group_path(group["labels"]), "labels": group["labels"],
            "push_time": push_time, "push_failure_time": failure_time}


def bulk(base_url, prefix, groups, **kwargs):
    return requests.post(f"{base_url}{prefix}{ENDPOINT}", json={"groups": groups}, timeout=TIMEOUT, **kwargs)


@pytest.mark.parametrize("prefix,gw", [("/pushgateway", ""), ("/pushgateway-2", "2")])
def test_deletes_untouched_groups_keeps_re_pushed_and_reports_gone(stack, prefix, gw):
    gateway, gateway_url = getattr(stack, f"gateway{gw}"), getattr(stack, f"gateway{gw}_url")
    if not gateway:
        pytest.skip("the stack runs without a second gateway")
    tag = unique_job("bulk")
    tricky = [
        {"job": f"{tag}/u/admin/script"},
        {"job": f"{tag}/100% done?#frag", "instance": "w/1"},
        {"job": f'{tag}/with "quotes" and \\ backslash'},
        {"job": f"{tag}/ünïcødé ✓ 日本", "tag": ""},
        {"job": f"{tag}/pushed again"},
        {"job": f"{tag}/gone"},
    ]
    control = {"job": f"{tag}/control"}
    for labels in tricky + [control]:
        push_group(gateway, labels["job"], {"e2e_value": 1},
                   grouping_key={k: v for k, v in labels.items() if k != "job"})
    batch = [previewed(gateway_url, labels) for labels in tricky]
    time.sleep(1.1)  # push times have a resolution of ms; make the re-push clearly newer
    push_group(gateway, f"{tag}/pushed again", {"e2e_value": 2})
    requests.delete(f"{gateway_url}{group_path(tricky[5])}", timeout=TIMEOUT).raise_for_status()
    wait_until(lambda: find_group(gateway_url, tricky[5]) is None, what="the group to go first")

    answer = bulk(stack.base_url, prefix, batch)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"].startswith("application/json")
    outcomes = [o["outcome"] for o in answer.json()["data"]]
    assert outcomes == ["deleted"] * 4 + ["pushed_again", "gone"]
    for labels in tricky[:4]:
        wait_until(lambda: find_group(gateway_url, labels) is None, what=f"{labels} to go")
    assert find_group(gateway_url, tricky[4]) is not None, "a group pushed after the preview was deleted"
    assert find_group(gateway_url, control) is not None, "a group that was not asked for was deleted"


def test_a_failed_push_after_the_preview_also_keeps_the_group(stack):
    job = unique_job("bulk-failed")
    push_group(stack.gateway, job, {"e2e_value": 1})
    push_group(stack.gateway, job + "/other", {"e2e_value": 1})
    batch = [previewed(stack.gateway_url, {"job": job})]
    time.sleep(1.1)
    # A push whose TYPE conflicts with the family another group holds is refused (400), and the
    # gateway records push_failure_time_seconds on the group it was meant for.
    bad = "# TYPE e2e_value counter\ne2e_value 1\n"
    refused = requests.put(f"{stack.gateway_url}{group_path({'job': job})}", data=bad, timeout=TIMEOUT)
    assert refused.status_code == 400, refused.text
    assert times(find_group(stack.gateway_url, {"job": job}))[1], "the gateway recorded no failed push"
    answer = bulk(stack.base_url, "/pushgateway", batch)
    assert [o["outcome"] for o in answer.json()["data"]] == ["pushed_again"]
    assert find_group(stack.gateway_url, {"job": job}) is not None


def test_an_empty_batch_is_fine(stack):
    answer = bulk(stack.base_url, "/pushgateway", [])
    assert answer.status_code == 200 and answer.json() == {"status": "success", "data": []}


BAD_REQUESTS = [
    ("not json", {"data": "{not json", "headers": {"Content-Type": "application/json"}}, 400, "not JSON"),
    ("wrong type", {"data": '{"groups": []}', "headers": {"Content-Type": "text/plain"}}, 415, "application/json"),
    ("form post", {"data": {"groups": "x"}}, 415, "application/json"),
    ("no groups", {"json": {"group": []}}, 400, '"groups" array'),
    ("groups not a list", {"json": {"groups": "all"}}, 400, '"groups" array'),
    ("a path outside /metrics/", {"json": {"groups": [{"path": "/api/v1/admin/wipe", "labels": {}}]}}, 400, "path"),
    ("a climbing path", {"json": {"groups": [{"path": "/metrics/job@base64/../../api", "labels": {}}]}}, 400, "path"),
    ("a plain segment", {"json": {"groups": [{"path": "/metrics/job/x", "labels": {"job": "x"}}]}}, 400, "path"),
    ("no labels", {"json": {"groups": [{"path": "/metrics/job@base64/eA=="}]}}, 400, "labels"),
    ("too many", {"json": {"groups": [{"path": "/metrics/job@base64/eA==", "labels": {"job": "x"}}] * 1001}},
     400, "at most 1000"),
]


@pytest.mark.parametrize("case", BAD_REQUESTS, ids=lambda c: c[0])
def test_bad_requests_get_a_clear_api_error_and_delete_nothing(stack, case):
    _, kwargs, status, message = case
    before = len(gateway_groups(stack.gateway_url))
    answer = requests.post(f"{stack.base_url}/pushgateway{ENDPOINT}", timeout=TIMEOUT, **kwargs)
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["status"] == "error" and message in body["error"], body
    assert len(gateway_groups(stack.gateway_url)) == before


def test_other_methods_big_bodies_and_the_internal_prefix_are_refused(stack):
    url = f"{stack.base_url}/pushgateway{ENDPOINT}"
    for method in ("GET", "PUT", "DELETE"):
        answer = requests.request(method, url, timeout=TIMEOUT)
        assert answer.status_code == 405 and answer.json()["status"] == "error"
    huge = json.dumps({"groups": [], "padding": "x" * 600_000})
    too_big = requests.post(url, data=huge, headers={"Content-Type": "application/json"}, timeout=TIMEOUT)
    assert too_big.status_code == 413
    # The subrequests' own prefix is internal: not reachable from outside, not even to read.
    for path in ("/_gatewatch/pushgateway/api/v1/metrics", "/_gatewatch/pushgateway/api/v1/admin/wipe"):
        assert requests.get(f"{stack.base_url}{path}", timeout=TIMEOUT).status_code == 404


# ---- the console without the endpoint: one delete per group, re-checked in the page ----

def test_the_console_deletes_group_by_group_where_there_is_no_bulk_endpoint(browser, clean_gateway):
    stack = clean_gateway
    port = int(os.environ.get("GATEWATCH_E2E_NO_BULK_PORT", "27410"))
    proxy = FaultProxy(port, stack.base_url.removeprefix("http://"))
    proxy.missing.add(ENDPOINT)
    proxy.start()
    try:
        stale = [f"f/stale/{i}" for i in range(4)]
        for job in stale:
            push_group(stack.gateway, job, {"job_records_processed": 1})
        time.sleep(3.5)
        push_group(stack.gateway, "f/fresh", {"job_records_processed": 1})
        open_groups(browser, f"http://127.0.0.1:{port}", stale_after_secs=3)
        refresh_until(browser, lambda r: sum(1 for _, _, s in r if s == "stale") == len(stale), "stale groups")
        browser.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Delete stale groups')]").click()
        dialog = browser.find_element(By.CSS_SELECTOR, "[role='dialog']")
        push_group(stack.gateway, "f/stale/1", {"job_records_processed": 9})  # alive after the preview
        proxy.reset_stats()
        dialog.find_element(By.XPATH, ".//button[starts-with(normalize-space(), 'Delete ')]").click()
        WebDriverWait(browser, 30).until(
            EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[role='dialog'] p.summary"), "Deleted "))
        report = dialog.find_element(By.CSS_SELECTOR, "p.summary").text
        assert report == "Deleted 3, kept 1, already gone 0, failed 0.", report
        # It asked for the endpoint once, got 404, then sent one DELETE per group.
        assert len(proxy.starts(f"/pushgateway{ENDPOINT}")) == 1
        assert len(proxy.starts("/pushgateway/metrics/job@base64/")) == 3
    finally:
        proxy.stop()
    left = {g["labels"]["job"] for g in gateway_groups(stack.gateway_url)}
    assert left == {"f/fresh", "f/stale/1"}, left
