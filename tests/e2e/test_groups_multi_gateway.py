"""Several gateways: the same grouping key on two gateways shows as two rows with a Gateway
column, and deleting one removes it from that gateway only; the header's gateway badge checks
every gateway and names the one that fails."""
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


def header_badge(browser):
    """(class, text, title) of the header's Pushgateway badge."""
    found = browser.find_elements(By.CSS_SELECTOR, ".health .badge[data-backend='Pushgateway']")
    return (found[0].get_attribute("class"), found[0].text, found[0].get_attribute("title")) if found else ("", "", "")


def test_the_gateway_badge_checks_every_gateway(browser, stack):
    if not stack.gateway2_url:
        pytest.skip("second gateway disabled (GATEWATCH_E2E_SECOND_GATEWAY=0)")
    # Both answer: one green badge for the two.
    browser.get(stack.base_url + "/groups")
    settings = {"more_pushgateways": ["/pushgateway-2"]}
    browser.execute_script("localStorage.setItem('gatewatch.settings', arguments[0]);", json.dumps(settings))
    browser.refresh()
    wait_until(lambda: "on 2 gateways" in header_badge(browser)[1], what=f"badge for 2 gateways: {header_badge(browser)}")
    assert "up" in header_badge(browser)[0].split()

    # A second gateway nobody answers at (loopback, closed port): the badge turns red and its
    # title names that gateway; the first gateway's groups are still listed.
    dead = "http://127.0.0.1:9/pushgateway"
    settings = {"more_pushgateways": [dead]}
    browser.execute_script("localStorage.setItem('gatewatch.settings', arguments[0]);", json.dumps(settings))
    browser.refresh()
    wait_until(lambda: "down" in header_badge(browser)[0].split(), what=f"badge down: {header_badge(browser)}")
    _, text, title = header_badge(browser)
    assert text == "Pushgateway: unreachable"
    assert f"Cannot reach Pushgateway: gateway {dead}" in title, title
    assert "Check that the server is running" in title, title
    boxes = browser.find_elements(By.CSS_SELECTOR, ".error-box[role='alert']")
    assert any(f"Gateway {dead}" in b.text for b in boxes), [b.text for b in boxes]
