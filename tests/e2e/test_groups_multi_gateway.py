"""Several gateways in the Groups view: the same grouping key on two gateways shows as two rows
with a Gateway column, and deleting one removes it from that gateway only."""
import json

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from helpers import find_group, gateway_groups, push_group, wait_until
from test_groups_ui import click_delete_on_row, rows


def test_the_same_key_on_two_gateways_is_deleted_from_one(browser, stack):
    if not stack.gateway2_url:
        pytest.skip("second gateway disabled (GATEWATCH_E2E_SECOND_GATEWAY=0)")
    for url in (stack.gateway_url, stack.gateway2_url):
        requests.put(f"{url}/api/v1/admin/wipe", timeout=10).raise_for_status()
    job = "u/admin/random_number_metric_script"
    push_group(stack.gateway, job, {"job_records_processed": 1})
    push_group(stack.gateway2, job, {"job_records_processed": 2})

    browser.get(stack.base_url + "/groups")
    settings = {"more_pushgateways": ["/pushgateway-2"]}
    browser.execute_script("localStorage.setItem('gatewatch.settings', arguments[0]);", json.dumps(settings))
    browser.refresh()
    wait = WebDriverWait(browser, 15)
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "p.summary"), "2 groups:"))
    headers = browser.find_element(By.CSS_SELECTOR, "table.groups thead").text
    assert "Gateway" in headers
    assert len(rows(browser)) == 2

    click_delete_on_row(browser, lambda tr: "/pushgateway-2" in tr.text)
    dialog = browser.find_element(By.CSS_SELECTOR, "[role='dialog']")
    assert "/pushgateway-2" in dialog.text
    dialog.find_element(By.XPATH, ".//button[normalize-space()='Delete group']").click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[role='dialog'] [role='status']"), "Deleted"))
    wait_until(lambda: gateway_groups(stack.gateway2_url) == [], what="gone from the second gateway")
    assert find_group(stack.gateway_url, {"job": job}) is not None, "the first gateway keeps its group"
