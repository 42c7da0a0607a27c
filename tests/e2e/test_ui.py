"""BROWSER UI TESTS - the lead adds the console's end-to-end UI tests here.

Fixtures (conftest.py): `browser` (headless Chromium, fresh profile), `base_url`
(nginx origin, no trailing slash), `stack` (direct URLs, `stack.gateway` for pushes);
helpers.py: push_group, gateway_groups, find_group, group_path, unique_job, wait_until.
"""


def test_console_page_loads(browser, base_url):
    browser.get(base_url + "/")
    assert browser.title == "gatewatch"
