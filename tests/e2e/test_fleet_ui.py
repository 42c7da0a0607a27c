"""Fleet views end to end: the Targets view lists every scrape target by job (the gateway and the
simulated Windmill server and workers) with health and last scrape; the Windmill view charts the
fleet from the simulator's metrics, says they are simulated, and shows each chart's PromQL."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from helpers import wait_until


def test_targets_are_grouped_by_job_with_health(browser, stack):
    if not stack.windmill_sim_urls:
        pytest.skip("Windmill simulator disabled")
    browser.get(stack.base_url + "/targets")
    wait = WebDriverWait(browser, 20)

    def pools():
        return {s.get_attribute("aria-label"): s.text for s in browser.find_elements(By.CSS_SELECTOR, "section.target-pool")}

    shown = wait_until(lambda: (p := pools()) and {"prometheus_gateway", "windmill_server", "windmill_worker"} <= set(p) and p,
                       timeout=30, what="target pools")
    assert "3 up" in shown["windmill_worker"], shown["windmill_worker"]
    assert "up" in shown["prometheus_gateway"]
    rows = browser.find_elements(By.CSS_SELECTOR, "section.target-pool[aria-label='prometheus_gateway'] tbody tr")
    cells = [c.text for c in rows[0].find_elements(By.TAG_NAME, "td")]
    assert cells[1] == "up" and (cells[2].endswith("ago") or cells[2] == "just now"), cells
    # Everything is up: no "targets down" banner.
    assert not [e for e in browser.find_elements(By.CSS_SELECTOR, "[role='alert']") if "Targets down" in e.text]
    wait.until(lambda b: b.find_element(By.ID, "page-title").text == "Targets")


def test_windmill_view_charts_the_simulated_fleet(browser, stack):
    if not stack.windmill_sim_urls:
        pytest.skip("Windmill simulator disabled")
    browser.get(stack.base_url + "/windmill?")
    WebDriverWait(browser, 30).until(
        lambda b: "Simulated" in b.find_element(By.TAG_NAME, "main").text
    )
    panel = browser.find_element(By.CSS_SELECTOR, "section.chart-panel[aria-label='Workers running']")
    assert panel.find_element(By.CSS_SELECTOR, "code.expr").text == "sum(worker_started)"
    wait_until(lambda: panel.find_element(By.CSS_SELECTOR, "figure").get_attribute("data-state") == "drawn",
               timeout=30, what="workers chart drawn")
    exprs = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "section.chart-panel code.expr")]
    assert any("worker_pull_duration_bucket" in e for e in exprs)
    assert any("queue_count" in e for e in exprs)
