#!/usr/bin/env python3
"""Screenshots a console view in headless Chromium, to look at it as a user would.

usage: screenshot.py URL OUT.png [--theme light|dark] [--size 1280x900] [--wait SECONDS]
       [--click CSS]...   (elements clicked in order before the shot)
"""
import argparse
import json
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def main():
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("out")
    p.add_argument("--theme", default="light")
    p.add_argument("--size", default="1280x900")
    p.add_argument("--wait", type=float, default=3.0)
    p.add_argument("--click", action="append", default=[])
    p.add_argument("--settings", default="{}", help="JSON merged into the saved settings")
    a = p.parse_args()
    width, height = a.size.split("x")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as profile:
        for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--hide-scrollbars", f"--window-size={width},{height}",
                    f"--user-data-dir={profile}"):
            options.add_argument(arg)
        driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
        try:
            driver.get(a.url)
            settings = {"theme": a.theme, **json.loads(a.settings)}
            driver.execute_script(
                "const s = JSON.parse(localStorage.getItem('gatewatch.settings') || '{}');"
                "localStorage.setItem('gatewatch.settings', JSON.stringify(Object.assign(s, arguments[0])));",
                settings)
            driver.refresh()
            time.sleep(a.wait)
            for css in a.click:
                driver.find_element(By.CSS_SELECTOR, css).click()
                time.sleep(0.8)
            driver.save_screenshot(a.out)
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
