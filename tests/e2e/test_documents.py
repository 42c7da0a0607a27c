"""The console's two documents behind the real nginx config (gatewatch_core::page::Document):
nginx serves each view's path from the document that holds it, both with the same headers; a
link from index.html to a view it lacks loads all-views.html, and from there every view is a
move inside the app. No browser error on the way."""
import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser_logs import console_errors
from helpers import push_group, unique_job

TIMEOUT = 10
FIRST_LOAD = ["/", "/groups", "/?filter=a%2Fb", "/charts", "/charts?metric=x&range=1h", "/no-such-view"]
GROUPS_PATHS = ["/", "/groups", "/?filter=a%2Fb"]
ALL_VIEWS = ["/explore", "/explore?expr=up", "/targets", "/windmill", "/job", "/job?job=a%2Fb"]


@pytest.mark.parametrize("path,document", [(p, "index.html") for p in FIRST_LOAD]
                         + [(p, "all-views.html") for p in ALL_VIEWS])
def test_each_path_gets_its_document_with_the_document_headers(stack, path, document):
    r = requests.get(f"{stack.base_url}{path}", timeout=TIMEOUT)
    assert r.status_code == 200, (path, r.status_code)
    assert r.text == (stack.dist / document).read_text(), f"{path} should be {document}"
    assert r.headers.get("Cache-Control") == "no-cache", path
    assert "script-src" in r.headers.get("Content-Security-Policy", ""), path
    # Only the Groups view's document preloads the gateway's list.
    preload = "</pushgateway/api/v1/metrics>; rel=preload; as=fetch; crossorigin=anonymous"
    assert r.headers.get("Link") == (preload if path in GROUPS_PATHS else None), path


def test_the_groups_view_takes_over_the_preloaded_list(logged_browser, stack):
    """The browser fetches the list while the wasm loads; the console's read is that same fetch:
    the list is fetched once, and nothing warns that a preload went unused."""
    job = unique_job("f/preload")
    push_group(stack.gateway, job, {"job_records_processed": 1})
    logged_browser.get(f"{stack.base_url}/")
    job_link(logged_browser, job)  # listed
    reads = logged_browser.execute_script(
        "return performance.getEntriesByType('resource')"
        ".filter((e) => e.name.endsWith('/pushgateway/api/v1/metrics')).map((e) => e.initiatorType);")
    assert reads == ["link"], f"the list should be read once, by the preload: {reads}"
    logs = logged_browser.get_log("browser")
    assert not console_errors(logs), logs
    assert not [e for e in logs if "preload" in e["message"] and "not used" in e["message"]], logs


def title(browser):
    return browser.find_element(By.ID, "page-title").text


def job_link(browser, job):
    """The job's name in the Groups table, a link to its page (the filter brings it to page 1)."""
    box = WebDriverWait(browser, 20).until(lambda b: b.find_element(By.ID, "group-filter"))
    box.clear()
    box.send_keys(job)
    return WebDriverWait(browser, 20).until(
        lambda b: next((a for a in b.find_elements(By.CSS_SELECTOR, "td.job a") if a.text == job), None))


def document_marker(browser):
    """A mark on the current document's window: gone once the browser loads another document."""
    browser.execute_script("window.__gatewatchDocument = 1;")
    return lambda: browser.execute_script("return window.__gatewatchDocument === 1;")


def test_a_view_index_html_lacks_loads_all_views_and_then_the_app_moves_inside(browser, stack):
    job = unique_job("f/documents")
    push_group(stack.gateway, job, {"job_records_processed": 1})
    browser.get(f"{stack.base_url}/groups")
    WebDriverWait(browser, 20).until(lambda b: title(b) == "Groups")
    same_document = document_marker(browser)
    # Groups → Charts: both in index.html, no new document.
    browser.find_element(By.CSS_SELECTOR, "nav a[href='/charts']").click()
    WebDriverWait(browser, 20).until(lambda b: title(b) == "Charts")
    assert same_document(), "Charts is in index.html: the router should have moved"
    # Charts → Explore: all-views.html is loaded.
    browser.find_element(By.CSS_SELECTOR, "nav a[href='/explore']").click()
    WebDriverWait(browser, 20).until(lambda b: title(b) == "Explore")
    assert not same_document(), "Explore is in all-views.html: the browser should have loaded it"
    assert browser.find_element(By.ID, "expr").get_attribute("id") == "expr"
    # In all-views.html every view is a move of the router: Groups, then a job's page.
    same_document = document_marker(browser)
    browser.find_element(By.CSS_SELECTOR, "nav a[href='/groups']").click()
    WebDriverWait(browser, 20).until(lambda b: title(b) == "Groups")
    link = job_link(browser, job)
    assert link.get_dom_attribute("rel") is None, "all-views.html has the Job page itself"
    link.click()
    WebDriverWait(browser, 20).until(lambda b: b.find_element(By.CSS_SELECTOR, "h1 code.job-name").text == job)
    assert same_document(), "the Job page is in all-views.html: the router should have moved"
    assert console_errors(browser.get_log("browser")) == []


def test_the_job_link_of_index_html_loads_the_job_page(browser, stack):
    job = unique_job("f/documents ü/%2F")
    push_group(stack.gateway, job, {"job_records_processed": 1})
    browser.get(f"{stack.base_url}/groups")
    link = job_link(browser, job)
    assert link.get_dom_attribute("rel") == "external"
    same_document = document_marker(browser)
    link.click()
    WebDriverWait(browser, 20).until(lambda b: b.find_element(By.CSS_SELECTOR, "h1 code.job-name").text == job)
    assert not same_document()
    assert "/job?" in browser.current_url
    assert console_errors(browser.get_log("browser")) == []
