"""Chromium's own logs for the end-to-end tests: a headless Chromium that keeps its console log
and its performance log (the DevTools Network events), and readers for what went wrong in them:
console errors (level SEVERE) and HTTP answers of 400 or more.

Each read drains Chromedriver's buffer, so a test reads after each step to know where a problem
arose (BrowserLogs.collect)."""
import json
import os

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from private_stack import CHROMIUM_ARGS


def chromium_with_logs(user_data_dir):
    """As private_stack.chromium(browser_log=True), with the performance log too."""
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager reach the network
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in (*CHROMIUM_ARGS, f"--user-data-dir={user_data_dir}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.set_page_load_timeout(30)
    return driver


def console_errors(entries):
    """The browser log's SEVERE entries, as their messages."""
    return [e["message"] for e in entries if e.get("level") == "SEVERE"]


def http_errors(entries):
    """(status, method, url, form body) of every answer >= 400 in performance log entries; the
    body (a POSTed PromQL form) says which query it was."""
    sent, failed = {}, []
    for entry in entries:
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message.get("method") == "Network.requestWillBeSent":
            request = params.get("request", {})
            sent[params.get("requestId")] = (request.get("method", "?"), request.get("postData", ""))
        elif message.get("method") == "Network.responseReceived":
            response = params.get("response", {})
            status = int(response.get("status", 0))
            if status >= 400:
                method, body = sent.get(params.get("requestId"), ("?", ""))
                failed.append((status, method, response.get("url", "?"), body[:300]))
    return failed


class BrowserLogs:
    """Drains a driver's logs after each step of a test and keeps what went wrong, by step."""

    def __init__(self, driver):
        self.driver = driver
        self.problems = []  # (step, "console" | "http", detail)

    def collect(self, step):
        for message in console_errors(self.driver.get_log("browser")):
            self.problems.append((step, "console", message))
        for status, method, url, body in http_errors(self.driver.get_log("performance")):
            self.problems.append((step, "http", f"{status} {method} {url} {body}".rstrip()))

    def report(self):
        return "\n".join(f"  [{step}] {kind}: {detail}" for step, kind, detail in self.problems)
