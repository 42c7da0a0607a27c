"""Reading the console's page in the failing-backend tests: banners, the data kept, the panels."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from helpers import wait_until

STALE_NOTE = re.compile(r"Showing the last data received, from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d")
RETRY_NOTE = re.compile(r"Retrying (in \d+ s|now) \(attempt \d+\)")


def open_page(browser, url, auto_refresh=None):
    browser.get(url)
    # More than the default 250 timing entries, and a marker that a reload would lose.
    browser.execute_script("performance.setResourceTimingBufferSize(10000); window.__noReload = 1;")
    if auto_refresh is not None:
        select = wait_until(lambda: browser.find_elements(By.ID, "auto-refresh"), what="auto-refresh picker")[0]
        Select(select).select_by_value(str(auto_refresh))


def not_reloaded(browser):
    return browser.execute_script("return window.__noReload === 1;")


def page_clock_ms(browser):
    return browser.execute_script("return performance.now();")


def click_refresh(browser):
    browser.find_element(By.XPATH, "//div[@class='refresh']/button[normalize-space()='Refresh']").click()


def banners(browser, scope, backend):
    return browser.find_elements(By.CSS_SELECTOR, f"{scope} .error-box[role='alert'][data-backend='{backend}']")


def group_jobs(browser):
    """The jobs of the rows shown, read in one script: element by element, a row re-rendered
    meanwhile (a refresh, the strips' answer) would be a stale reference."""
    return browser.execute_script(
        "return [...document.querySelectorAll('table.groups tbody tr.group-row td.job')]"
        ".map(td => td.innerText.trim());")


def panel(title):
    return f"section.chart-panel[aria-label='{title}']"


PANELS = (panel("Raw value"), panel("Irate-adjusted"))


def newest_raw_value(browser):
    cells = browser.find_elements(By.CSS_SELECTOR, f"{PANELS[0]} table tbody tr:first-child td")
    return cells[0].text if cells else None


def one(browser, css, what, timeout=15):
    """The first element matching css, once there is one."""
    return wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, css), timeout=timeout,
                      what=what)[0]


def idle(browser):
    """Returns when no view has a read in flight (no active spinner)."""
    wait_until(lambda: not browser.find_elements(By.CSS_SELECTOR, ".spinner.active"),
               what="no read in flight")


def show_table(browser, title):
    """Switches the chart panel titled `title` to its table."""
    one(browser, f"{panel(title)} .table-toggle", f"the table button of {title}").click()
