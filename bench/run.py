#!/usr/bin/env python3
"""The benchmarks of issues #6 and #16, side by side in one run, in headless Chromium on this machine.
Started by scripts/bench, which builds what is missing and starts the private stack first:

  1. transfer size of the console (html + js + wasm + css, gzip) against its budget
  2. navigation to the first chart drawn, against the local stack, also over an emulated
     10 Mbit/s, 40 ms round-trip link
  3. chart redraw (1, 10, 100 series x 11,000 points), the console's drawing code vs uPlot
  4. the Groups view with 1,000 and 10,000 groups vs the Pushgateway's own page; a filter keystroke
  5. bulk delete of 1,000 stale groups through the console vs a sequential curl loop
  6. wasm memory after the 100-series chart
  7. a long open tab: Groups and Charts on 5 s auto-refresh for 30 min, JS heap and wasm memory

Timings are taken inside the page (performance.now(), event timestamps, Navigation/Resource
Timing, MutationObserver), never around WebDriver round trips. --smoke: tiny sizes, one run,
to check that every benchmark still works (scripts/test's bench level).
"""
import argparse
import base64
import collections
import concurrent.futures
import datetime
import gzip
import http.server
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT / "scripts/lib"))
from bundle_size import DOCUMENTS, FIRST_LOAD, document_files  # noqa: E402  (the gate's own count)

# Targets of issues #6 and #16.
TARGET_FIRST_CHART_MS = 400
TARGET_THROTTLED_MS = 1200
TARGET_REDRAW_RATIO = 1.0
TARGET_GROUPS_RATIO = 0.1
TARGET_FILTER_MS = 50
TARGET_DELETE_SPEEDUP = 5.0
TARGET_LONG_TAB_DRIFT = 0.10  # memory at the end against its level at the baseline, either way

# The emulated link of the throttled first chart: 10 Mbit/s each way, 40 ms round trip
# (Chromium's network emulation through CDP; latency is added between request and response).
THROTTLE = {"offline": False, "latency": 40, "downloadThroughput": 10_000_000 / 8,
            "uploadThroughput": 10_000_000 / 8}
NO_THROTTLE = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}


def bundle_budget_kb():
    """The size budget, KB of 1,024 bytes gzip -9: scripts/lib/build.sh's BUNDLE_BUDGET_KB, which
    scripts/test's build level enforces."""
    found = re.search(r"^BUNDLE_BUDGET_KB=(\d+)$", (ROOT / "scripts/lib/build.sh").read_text(), re.M)
    if not found:
        raise RuntimeError("no BUNDLE_BUDGET_KB in scripts/lib/build.sh")
    return int(found.group(1))


TARGET_BUNDLE_KB = bundle_budget_kb()


def bulk_batch():
    """Groups per bulk delete request (core/src/gateway/bulk_delete.rs), quoted in RESULTS.md."""
    found = re.search(r"pub const BULK_BATCH: usize = (\d+);", (ROOT / "core/src/gateway/bulk_delete.rs").read_text())
    return f"{found.group(1) if found else '?'} (BULK_BATCH)"


CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,900",
)


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------- statistics


@dataclass
class Stat:
    values: list

    @property
    def median(self):
        return statistics.median(self.values)

    @property
    def min(self):
        return min(self.values)

    @property
    def max(self):
        return max(self.values)

    @property
    def runs(self):
        return len(self.values)

    def ms(self, digits=0):
        """'123 ms (101–140, 7 runs)'"""
        f = f"{{:.{digits}f}}"
        return f"{f.format(self.median)} ms ({f.format(self.min)}–{f.format(self.max)}, {self.runs} runs)"

    def json(self):
        return {"median": self.median, "min": self.min, "max": self.max, "runs": self.runs, "values": self.values}


def verdict(ok):
    return "PASS" if ok else "MISS"


# ---------------------------------------------------------------- browser


def chromium(profile_dir):
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager reach the network
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in CHROMIUM_FLAGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={profile_dir}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.set_page_load_timeout(90)
    driver.set_script_timeout(110)
    driver.execute_cdp_cmd("Network.enable", {})
    return driver


def set_cache(driver, enabled):
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": not enabled})


def blank(driver):
    driver.get("about:blank")


# Installed in every new document of the console's origin before any of its scripts run: records
# when the app reached each milestone, in performance.now() time (0 = navigation start).
PROBE = r"""
(() => {
  if (location.origin !== %(origin)s) return;
  const b = window.__gwBench = { marks: {}, wasm: null };
  performance.setResourceTimingBufferSize(100000); // the default 250 misses most of a bulk delete
  addEventListener("TrunkApplicationStarted", (e) => {
    b.wasm = e.detail && e.detail.wasm;
    b.marks.wasmStarted = performance.now();
  });
  const check = () => {
    const m = b.marks, now = performance.now();
    if (m.firstChart === undefined && document.querySelector('figure.time-chart[data-state="drawn"]')) {
      m.firstChart = now;
    }
    if (m.allCharts === undefined) {
      const figures = [...document.querySelectorAll("figure.time-chart")];
      if (figures.length >= 2 && figures.every((f) => f.dataset.state === "drawn")) m.allCharts = now;
    }
    if (m.table === undefined) {
      const rows = document.querySelectorAll("table.groups tbody tr").length;
      const pager = document.querySelector("nav.pager span");
      const total = pager && /of (\d+)/.exec(pager.textContent);
      if (rows > 0 && total && +total[1] > 0) {
        m.table = now;
        m.tableRows = rows;
        m.tableTotal = +total[1];
      }
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, characterData: true, attributeFilter: ["data-state"],
  });
})();
"""

# Resolves with the page's marks once `want` are all set (or after `timeout` ms with what exists).
WAIT_MARKS = r"""
const [want, timeout, done] = arguments;
const t0 = performance.now();
const tick = () => {
  const b = window.__gwBench;
  const m = b ? b.marks : {};
  if (want.every((k) => m[k] !== undefined) || performance.now() - t0 > timeout) {
    const nav = performance.getEntriesByType("navigation")[0];
    const paints = Object.fromEntries(performance.getEntriesByType("paint").map((p) => [p.name, p.startTime]));
    const resources = performance.getEntriesByType("resource").map((r) => ({
      name: r.name, start: r.startTime, end: r.responseEnd, transfer: r.transferSize,
      encoded: r.encodedBodySize, decoded: r.decodedBodySize, type: r.initiatorType,
    }));
    done({
      marks: m, paints, resources,
      nav: nav && { responseEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd,
                    domComplete: nav.domComplete, loadEnd: nav.loadEventEnd, transfer: nav.transferSize,
                    encoded: nav.encodedBodySize, decoded: nav.decodedBodySize },
      wasmMemory: b && b.wasm && b.wasm.memory ? b.wasm.memory.buffer.byteLength : null,
    });
  } else {
    setTimeout(tick, 10);
  }
};
tick();
"""


def page_timings(driver, want, timeout_ms=60000):
    return driver.execute_async_script(WAIT_MARKS, want, timeout_ms)


def profile_summary(prof, top=12):
    """The functions with the most samples on top of the stack (self) and anywhere in it."""
    nodes = {n["id"]: n for n in prof["nodes"]}
    parent = {c: n["id"] for n in prof["nodes"] for c in n.get("children", [])}
    name = lambda n: f"{n['callFrame']['functionName'] or '(anonymous)'} [{n['callFrame']['url'].rsplit('/', 1)[-1]}]"
    own, anywhere = collections.Counter(), collections.Counter()
    for sample in prof["samples"]:
        own[name(nodes[sample])] += 1
        seen, at = set(), sample
        while at in nodes:
            key = name(nodes[at])
            if key not in seen:
                anywhere[key] += 1
                seen.add(key)
            at = parent.get(at)
    total = max(1, len(prof["samples"]))
    fmt = lambda c: "\n".join(f"    {n / total:6.1%}  {k[:160]}" for k, n in c.most_common(top))
    return f"  self:\n{fmt(own)}\n  total:\n{fmt(anywhere)}"


class CpuProfile:
    """`with CpuProfile(driver, path):` samples the page's JavaScript and wasm (Chromium's CPU
    profiler, 100 µs) around the block; saved as a .cpuprofile (Chrome DevTools opens it),
    summarized in the log. Names of wasm functions need a build with its name section."""

    def __init__(self, driver, path, enabled=True):
        self.driver, self.path, self.enabled = driver, Path(path), enabled

    def __enter__(self):
        if self.enabled:
            self.driver.execute_cdp_cmd("Profiler.enable", {})
            self.driver.execute_cdp_cmd("Profiler.setSamplingInterval", {"interval": 100})
            self.driver.execute_cdp_cmd("Profiler.start", {})
        return self

    def __exit__(self, *exc):
        if self.enabled:
            prof = self.driver.execute_cdp_cmd("Profiler.stop", {})["profile"]
            self.path.write_text(json.dumps(prof))
            log(f"  CPU profile {self.path}:\n{profile_summary(prof)}")


class Watchdog(threading.Thread):
    """WebDriver blocks for good behind a page whose main thread never comes back (it answers
    no command while its script runs). Every WebDriver command is timed; one that runs longer
    than `limit` seconds gets the page profiled through its DevTools socket, then chromedriver
    and its browser are stopped (by pid) so that the command fails and the run ends."""

    def __init__(self, driver, profile_dir, run_dir, limit=150):
        super().__init__(daemon=True)
        self.driver, self.profile_dir, self.run_dir, self.limit = driver, profile_dir, run_dir, limit
        self.current = None  # (command, started) of the command in flight
        self.fired = None
        execute = driver.execute

        def timed_execute(command, params=None):
            self.current = (command, time.monotonic())
            try:
                return execute(command, params)
            finally:
                self.current = None

        driver.execute = timed_execute
        self.start()

    def run(self):
        while self.fired is None:
            time.sleep(1)
            current = self.current
            if current and time.monotonic() - current[1] > self.limit:
                self.fired = current[0]
                log(f"WebDriver command '{current[0]}' got no answer for {self.limit} s: the page's main "
                    "thread is busy; profiling it for 3 s, then stopping the browser")
                # The inspector answers a busy page slowly, if at all: give it a minute.
                profiler = threading.Thread(target=profile_hung_page, args=(self.profile_dir, self.run_dir),
                                            daemon=True)
                profiler.start()
                profiler.join(60)
                self.kill_browser()

    def kill_browser(self):
        """chromedriver's process and its descendants (the browser), by pid."""
        root = self.driver.service.process.pid
        pids, todo = [], [root]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            for task in Path(f"/proc/{pid}/task").glob("*"):
                try:
                    todo.extend(int(c) for c in (task / "children").read_text().split())
                except OSError:
                    pass
        for pid in reversed(pids):
            try:
                os.kill(pid, 9)
            except OSError:
                pass


def profile_hung_page(profile_dir, run_dir, seconds=3):
    """Samples the JavaScript/wasm stacks of the console's page straight through its DevTools
    socket (WebDriver itself is stuck behind the busy page): run_dir/hung-page.cpuprofile (open
    it in Chrome DevTools' Performance panel) and the busiest functions in the log."""
    import websocket  # selenium's dependency
    try:
        port = (Path(profile_dir) / "DevToolsActivePort").read_text().split()[0]
        pages = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        page = next(p for p in pages if p["type"] == "page")
        ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=55)
        ids = iter(range(1, 100))

        def call(method, params=None):
            n = next(ids)
            ws.send(json.dumps({"id": n, "method": method, "params": params or {}}))
            while True:
                m = json.loads(ws.recv())
                if m.get("id") == n:
                    return m.get("result", {})

        call("Profiler.enable")
        call("Profiler.start")
        time.sleep(seconds)
        prof = call("Profiler.stop")["profile"]
        ws.close()
        out = Path(run_dir) / "hung-page.cpuprofile"
        out.write_text(json.dumps(prof))
        frames = {n["id"]: n["callFrame"] for n in prof["nodes"]}
        busiest = collections.Counter(f"{frames[s]['functionName'] or '?'} ({frames[s]['url'].rsplit('/', 1)[-1]})"
                                      for s in prof["samples"])
        total = max(1, len(prof["samples"]))
        log(f"  page {page['url']}: {out}; busiest: "
            + ", ".join(f"{name} {count / total:.0%}" for name, count in busiest.most_common(5)))
    except Exception as e:  # best effort: the report must not hide the failure itself
        log(f"  could not profile the page: {e}")


# ---------------------------------------------------------------- static file server (bench page)


class BenchPageServer:
    """Serves bench/web/ at /, uPlot's dist at /uplot/ and the chart-bench wasm-bindgen output at
    /pkg/ on 127.0.0.1:port, from a thread of this process."""

    def __init__(self, port, pkg_dir):
        mounts = {"/uplot/": BENCH / "node_modules/uplot/dist", "/pkg/": Path(pkg_dir), "/": BENCH / "web"}

        class Handler(http.server.SimpleHTTPRequestHandler):
            extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                              ".wasm": "application/wasm", ".js": "text/javascript"}

            def translate_path(self, path):
                path = path.split("?", 1)[0]
                for prefix, directory in mounts.items():
                    if path.startswith(prefix):
                        rel = path[len(prefix):] or "chart.html"
                        target = (directory / rel).resolve()
                        if directory.resolve() in target.parents or target == directory.resolve():
                            return str(target)
                return str(BENCH / "web" / "missing")

            def end_headers(self):
                self.send_header("Cache-Control", "no-store")
                super().end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.url = f"http://127.0.0.1:{port}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


# ---------------------------------------------------------------- the Pushgateway


def b64(value):
    return base64.urlsafe_b64encode(value.encode()).decode() or "="


def group_url(gateway_url, job):
    """The group {job=...} as the console addresses it: job@base64 (a job may contain '/')."""
    return f"{gateway_url}/metrics/job@base64/{b64(job)}"


class Gateway:
    def __init__(self, url):
        self.url = url
        self.session = requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_connections=16, pool_maxsize=16)
        self.session.mount("http://", adapter)

    def push(self, job, value):
        body = f"# TYPE bench_value gauge\nbench_value {value}\n# TYPE job_records_processed gauge\njob_records_processed {value}\n"
        r = self.session.put(group_url(self.url, job), data=body, timeout=30)
        r.raise_for_status()

    def push_many(self, jobs, threads=8):
        """Pushes one group per job, `threads` at a time (the gateway runs with
        --push.disable-consistency-check, so this stays fast at 10,000 groups)."""
        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            list(pool.map(lambda j: self.push(j, random.randint(1, 100)), jobs))

    def jobs(self):
        r = self.session.get(f"{self.url}/api/v1/metrics", timeout=60)
        r.raise_for_status()
        return {g["labels"].get("job") for g in r.json()["data"]}

    def wipe(self):
        """Deletes every group (admin API: the bench gateway runs with --web.enable-admin-api)."""
        self.session.put(f"{self.url}/api/v1/admin/wipe", timeout=60).raise_for_status()
        wait_for(lambda: not self.jobs(), 30, "an empty gateway")


def wait_for(predicate, timeout, what, interval=0.1):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


# ---------------------------------------------------------------- 3. chart redraw vs uPlot


def bench_redraw(driver, page_url, cfg):
    log(f"chart redraw: {cfg.redraw_sizes} series x {cfg.redraw_points} points, {cfg.redraw_runs} runs each")
    set_cache(driver, False)
    driver.get(f"{page_url}/chart.html")
    wait_for(lambda: driver.execute_script("return window.chartBenchReady === true"), 30, "the chart bench page")
    results = []
    for n in cfg.redraw_sizes:
        r = driver.execute_async_script(
            "const [o, done] = arguments; window.chartBench.measure(o).then(done, (e) => done({error: String(e)}));",
            {"series": n, "len": cfg.redraw_points, "runs": cfg.redraw_runs, "warmup": cfg.redraw_warmup,
             "width": 1200, "height": 400, "seed": 6})
        if "error" in r:
            raise RuntimeError(f"chart redraw ({n} series): {r['error']}")
        for who in ("gatewatch", "uplot"):
            if r["ink"][who] < 0.001:
                raise RuntimeError(f"chart redraw ({n} series): {who} drew nothing ({r['ink'][who]:.5f} of the pixels)")
        g, u = Stat(r["gatewatch"]["all"]), Stat(r["uplot"]["all"])
        log(f"  {n} series: gatewatch {g.ms(1)}, uPlot {u.ms(1)}, ratio {g.median / u.median:.2f}")
        results.append({"series": n, "points": r["points"], "dpr": r["dpr"], "gatewatch": g, "uplot": u,
                        "ratio": g.median / u.median, "ink": r["ink"], "wasm_memory": r["wasmMemoryBytes"]})
    shots = driver.execute_script("return window.chartBench.snapshot()")
    for who, data_url in shots.items():
        if data_url:
            (cfg.run_dir / f"redraw-{who}.png").write_bytes(base64.b64decode(data_url.split(",", 1)[1]))
    return results


# ---------------------------------------------------------------- 1. bundle size


def gzip_size(data, level):
    return len(gzip.compress(data, compresslevel=level, mtime=0))


def bench_bundle(dist):
    """Every file each document loads, except the favicon: html, js, wasm, css (the files
    scripts/lib/bundle_size.py counts for the gate). The first document's total is the budget's."""
    documents = []
    for html in DOCUMENTS:
        rows = []
        for p in document_files(dist, html):
            data = p.read_bytes()
            rows.append({"file": p.name, "raw": len(data), "gzip6": gzip_size(data, 6), "gzip9": gzip_size(data, 9)})
        total = {k: sum(r[k] for r in rows) for k in ("raw", "gzip6", "gzip9")}
        log(f"bundle: {html}: {len(rows)} files, {total['raw'] / 1024:.1f} KB raw, {total['gzip9'] / 1024:.1f} KB gzip -9")
        documents.append({"document": html, "files": rows, "total": total})
    first = next(d for d in documents if d["document"] == FIRST_LOAD)
    return {"documents": documents, "files": first["files"], "total": first["total"]}


def wire_bytes(resources, nav, origin):
    """Bytes Chromium received for the console's own files (headers included), from Resource Timing."""
    own = [r for r in resources if r["name"].startswith(origin) and r["type"] in ("link", "script", "other", "fetch")
           and r["name"].rsplit(".", 1)[-1] in ("js", "wasm", "css")]
    return (nav["transfer"] if nav else 0) + sum(r["transfer"] for r in own), len(own)


# ---------------------------------------------------------------- 2. navigation to first chart


class Pusher(threading.Thread):
    """Pushes job_records_processed for `jobs` every second, as a Windmill schedule would."""

    def __init__(self, gateway, jobs):
        super().__init__(daemon=True)
        self.gateway, self.jobs, self.stop = gateway, jobs, threading.Event()

    def run(self):
        while not self.stop.is_set():
            for job in self.jobs:
                try:
                    self.gateway.push(job, random.randint(1, 100))
                except requests.RequestException:
                    pass
            self.stop.wait(1.0)


def prometheus_samples(prom_url, expr):
    r = requests.get(f"{prom_url}/api/v1/query", params={"query": expr}, timeout=10)
    r.raise_for_status()
    result = r.json()["data"]["result"]
    return float(result[0]["value"][1]) if result else 0.0


CHART_JOBS = ("bench/chart/a", "bench/chart/b", "bench/chart/c")


FIRST_CHART_MODES = ("cold", "warm", "throttled")


def bench_first_chart(driver, cfg):
    """Opens /charts for the pushing jobs, cold (HTTP cache disabled: every file fetched, the wasm
    compiled afresh), warm (cache on, after one load) and throttled (cold over the emulated
    10 Mbit/s, 40 ms link of THROTTLE), until the first chart is drawn."""
    want = cfg.first_chart_history
    log(f"first chart: waiting for {want} scrapes of the pushing jobs in Prometheus")
    wait_for(lambda: prometheus_samples(
        cfg.prom_url, 'min(count_over_time(push_time_seconds{exported_job=~"bench/chart/.*"}[5m]))') >= want,
        want + 60, "the pushing jobs' history")
    url = f"{cfg.console}/charts?metric=job_records_processed&range=1h"
    out = {}
    for mode in FIRST_CHART_MODES:
        set_cache(driver, mode == "warm")
        if mode == "warm":
            driver.get(url)
            page_timings(driver, ["firstChart", "allCharts"])
        runs = []
        for _ in range(cfg.runs):
            blank(driver)
            if mode == "throttled":
                driver.execute_cdp_cmd("Network.emulateNetworkConditions", THROTTLE)
            try:
                driver.get(url)
                t = page_timings(driver, ["firstChart", "allCharts"], 30000)
            finally:
                if mode == "throttled":
                    driver.execute_cdp_cmd("Network.emulateNetworkConditions", NO_THROTTLE)
            if "firstChart" not in t["marks"]:
                raise RuntimeError(f"first chart ({mode}): no chart drawn within 30 s: {t['marks']}")
            runs.append(t)
        first = Stat([t["marks"]["firstChart"] for t in runs])
        both = Stat([t["marks"].get("allCharts", t["marks"]["firstChart"]) for t in runs])
        out[mode] = {"first": first, "all": both, "runs": runs}
        log(f"  {mode}: first chart {first.ms()}, both charts {both.ms()}")
    return out


def breakdown(run, origin):
    """Where one navigation's time went: milestones and the console's requests, in ms."""
    m, res = run["marks"], run["resources"]

    def ends(pred):
        picked = [r for r in res if pred(r["name"])]
        return (min(r["start"] for r in picked), max(r["end"] for r in picked)) if picked else None

    steps = [("HTML received", run["nav"]["responseEnd"] if run["nav"] else None)]
    wasm = ends(lambda n: n.startswith(origin) and n.endswith(".wasm"))
    js = ends(lambda n: n.startswith(origin) and n.endswith(".js"))
    if js:
        steps.append(("JS received", js[1]))
    if wasm:
        steps.append(("wasm received", wasm[1]))
    steps.append(("wasm instantiated, app starting", m.get("wasmStarted")))
    for label, pred in (
        ("gateway groups answered", lambda n: "/pushgateway/api/v1/metrics" in n),
        ("series + targets answered", lambda n: "/api/v1/series" in n or "/api/v1/targets" in n),
        ("range queries answered", lambda n: "/api/v1/query_range" in n),
        ("intervals + alerts answered", lambda n: "/prometheus/api/v1/query" in n and "query_range" not in n),
    ):
        span = ends(pred)
        if span:
            steps.append((label, span[1]))
    for key, label in (("firstChart", "first chart drawn"), ("allCharts", "both charts drawn"),
                       ("table", "table rendered")):
        if key in m:
            steps.append((label, m[key]))
    return [(k, v) for k, v in steps if v is not None]


# ---------------------------------------------------------------- 4. groups view vs the Pushgateway's page


def fill_gateway(gateway, jobs):
    gateway.wipe()
    t0 = time.monotonic()
    gateway.push_many(jobs)
    wait_for(lambda: len(gateway.jobs()) == len(jobs), 60, f"{len(jobs)} groups on the gateway")
    log(f"  gateway holds {len(jobs)} groups (pushed in {time.monotonic() - t0:.1f} s)")


def gateway_page(driver, cfg, n):
    """The Pushgateway's own page: navigation start to its load event (it is server-rendered:
    every group and metric is in the HTML)."""
    set_cache(driver, False)
    runs = []
    for _ in range(cfg.runs):
        blank(driver)
        driver.get(f"{cfg.gateway_url}/")  # returns after the load event
        t = page_timings(driver, [], 0)
        if not t["nav"] or not t["nav"]["loadEnd"]:
            raise RuntimeError("the Pushgateway page reported no load event")
        runs.append(t)
    elements = driver.execute_script("return document.getElementsByTagName('*').length")
    return {
        "load": Stat([t["nav"]["loadEnd"] for t in runs]),
        "dom": Stat([t["nav"]["domComplete"] for t in runs]),
        "fcp": Stat([t["paints"].get("first-contentful-paint", 0) for t in runs]),
        "html_bytes": runs[-1]["nav"]["decoded"],
        "elements": elements,
    }


def console_groups(driver, cfg, n, mode):
    set_cache(driver, mode == "warm")
    if mode == "warm":
        driver.get(f"{cfg.console}/")
        page_timings(driver, ["table"])
    runs = []
    for i in range(cfg.runs):
        blank(driver)
        last = i == cfg.runs - 1 and mode == "cold"
        with CpuProfile(driver, cfg.run_dir / f"groups-{n}.cpuprofile", cfg.profile and last):
            driver.get(f"{cfg.console}/")
            t = page_timings(driver, ["table"], 60000)
        m = t["marks"]
        if m.get("tableTotal") != n:
            raise RuntimeError(f"groups view ({n}): table rendered with {m.get('tableTotal')} groups, not {n}: {m}")
        runs.append(t)
    return {"table": Stat([t["marks"]["table"] for t in runs]), "rows": runs[-1]["marks"]["tableRows"],
            "runs": runs, "wasm_memory": runs[-1]["wasmMemory"]}


# Before a keystroke: watches the rows (tbody's children) and the pager's text.
FILTER_ARM = r"""
const p = window.__filterProbe = { key: null, rows: [], pager: [], frames: [] };
const input = document.getElementById("group-filter");
input.addEventListener("keydown", (e) => { p.key = e.timeStamp; }, { once: true, capture: true });
p.mo1 = new MutationObserver(() => {
  p.rows.push(performance.now());
  requestAnimationFrame(() => p.frames.push(performance.now()));  // the frame that shows it
});
p.mo1.observe(document.querySelector("table.groups tbody"), { childList: true });
p.mo2 = new MutationObserver(() => p.pager.push(performance.now()));
p.mo2.observe(document.querySelector("nav.pager"), { childList: true, subtree: true, characterData: true });
input.focus();
"""

# After it: waits until the rows have been quiet for 300 ms, then reports, with the first animation
# frame after the last change (rAF runs right before the frame is painted).
FILTER_COLLECT = r"""
const done = arguments[0];
const p = window.__filterProbe;
const t0 = performance.now();
const tick = () => {
  const last = Math.max(p.rows.length ? p.rows[p.rows.length - 1] : 0, p.pager.length ? p.pager[p.pager.length - 1] : 0);
  const now = performance.now();
  if ((p.key !== null && p.rows.length && now - last > 300) || now - t0 > 5000) {
    p.mo1.disconnect();
    p.mo2.disconnect();
    const rowsLast = p.rows[p.rows.length - 1];
    done({ key: p.key, rowsFirst: p.rows[0], rowsLast, pagerLast: p.pager[p.pager.length - 1],
           frame: p.frames.find((f) => f >= rowsLast), mutations: p.rows.length,
           pagerText: document.querySelector("nav.pager span").textContent,
           rows: document.querySelectorAll("table.groups tbody tr").length });
  } else {
    setTimeout(tick, 20);
  }
};
tick();
"""

CLEAR_FILTER = r"""
const [n, done] = arguments;
const input = document.getElementById("group-filter");
input.value = "";
input.dispatchEvent(new Event("input", { bubbles: true }));
const t0 = performance.now();
const tick = () => {
  const text = document.querySelector("nav.pager span").textContent;
  if (text.endsWith(`of ${n}`) || performance.now() - t0 > 5000) setTimeout(() => done(text), 300);
  else setTimeout(tick, 20);
};
tick();
"""


def filter_keystroke(driver, cfg, n, char="7"):
    """With the table of `n` groups open: types one character into the filter and measures from
    the keydown event to the last change of the table's rows (and of its pager)."""
    time.sleep(cfg.settle)  # let the intervals and alerts queries land first
    field_ = driver.find_element(By.ID, "group-filter")
    runs = []
    for i in range(cfg.runs):
        text = driver.execute_async_script(CLEAR_FILTER, n)
        if not text.endswith(f"of {n}"):
            raise RuntimeError(f"filter ({n}): clearing the filter left '{text}'")
        driver.execute_script(FILTER_ARM)
        with CpuProfile(driver, cfg.run_dir / f"filter-{n}.cpuprofile", cfg.profile and i == cfg.runs - 1):
            field_.send_keys(char)
            r = driver.execute_async_script(FILTER_COLLECT)
        if r["key"] is None or r["rowsLast"] is None:
            raise RuntimeError(f"filter ({n}): the rows did not change after a keystroke: {r}")
        expected = sum(1 for i in range(n) if char in f"bench/group/{i:05d}")
        if not r["pagerText"].endswith(f"of {expected}"):
            raise RuntimeError(f"filter ({n}): '{char}' should leave {expected} groups, pager says '{r['pagerText']}'")
        runs.append(r)
    return {
        "rows": Stat([r["rowsLast"] - r["key"] for r in runs]),
        "pager": Stat([max(r["rowsLast"], r["pagerLast"] or 0) - r["key"] for r in runs]),
        "frame": Stat([r["frame"] - r["key"] for r in runs]),
        "matching": expected,
    }


def group_jobs(n):
    return [f"bench/group/{i:05d}" for i in range(n)]


def bench_groups(driver, cfg):
    out = []
    for n in cfg.group_sizes:
        log(f"groups view: {n} groups")
        fill_gateway(cfg.gateway, group_jobs(n))
        gw = gateway_page(driver, cfg, n)
        log(f"  Pushgateway page: load event {gw['load'].ms()}, first paint {gw['fcp'].ms()}, "
            f"{gw['html_bytes'] / 1e6:.1f} MB HTML, {gw['elements']} elements")
        entry = {"groups": n, "gateway": gw}
        for mode in ("cold", "warm"):
            c = console_groups(driver, cfg, n, mode)
            entry[mode] = c
            log(f"  console ({mode}): table rendered {c['table'].ms()}, ratio {c['table'].median / gw['load'].median:.3f}")
        entry["wasm_memory"] = entry["warm"]["wasm_memory"]
        f = filter_keystroke(driver, cfg, n)
        entry["filter"] = f
        log(f"  filter keystroke: rows updated {f['rows'].ms(1)}, next frame {f['frame'].ms(1)}")
        out.append(entry)
    return out


# ---------------------------------------------------------------- 5. bulk delete


def stale_jobs(n):
    return [f"bench/stale/{i:04d}" for i in range(n)]


def control_jobs(n):
    return [f"bench/control/{i:02d}" for i in range(n)]


def set_settings(driver, cfg, settings):
    driver.get(f"{cfg.console}/targets")  # any page of the console's origin
    driver.execute_script(
        "const s = JSON.parse(localStorage.getItem('gatewatch.settings') || '{}');"
        "localStorage.setItem('gatewatch.settings', JSON.stringify(Object.assign(s, arguments[0])));", settings)


def stage_stale(cfg, n, wait):
    """`n` groups older than the stale threshold, then the control groups, pushed just now."""
    gw = cfg.gateway
    gw.wipe()
    gw.push_many(stale_jobs(n))
    time.sleep(wait)
    gw.push_many(control_jobs(cfg.controls))
    wait_for(lambda: len(gw.jobs()) == n + cfg.controls, 30, "the staged groups")


def check_outcome(cfg, n, what):
    left = cfg.gateway.jobs()
    stale_left = left & set(stale_jobs(n))
    controls_left = left & set(control_jobs(cfg.controls))
    other = left - set(stale_jobs(n)) - set(control_jobs(cfg.controls))
    if stale_left or len(controls_left) != cfg.controls or other:
        raise RuntimeError(f"{what}: {len(stale_left)} stale groups left, {len(controls_left)} of "
                           f"{cfg.controls} controls left, unexpected: {sorted(other)[:5]}")


# Clicks "Delete N groups" and waits for the dialog's report; times click to report, in the page.
RUN_CLEANUP = r"""
const [n, done] = arguments;
const dialog = document.querySelector(".dialog[aria-labelledby='bulk-title']");
const button = [...dialog.querySelectorAll("button.danger")].find((b) => b.textContent.startsWith("Delete "));
if (!button || button.textContent !== `Delete ${n} groups`) { done({ error: `button says ${button && button.textContent}` }); return; }
const t0 = performance.now();
button.click();
const tick = () => {
  const summary = dialog.querySelector("p.summary[role=status]");
  if (summary && summary.textContent.startsWith("Deleted")) {
    const t1 = performance.now();
    // The requests the cleanup made (Resource Timing), to see what bounds it.
    const spans = (pred) => performance.getEntriesByType("resource")
      .filter((r) => r.startTime >= t0 && r.startTime <= t1 && pred(r.name))
      .map((r) => [r.startTime, r.responseEnd]);
    done({ ms: t1 - t0, t0, summary: summary.textContent,
           lists: spans((n) => n.includes("/pushgateway/api/v1/metrics")),
           deletes: spans((n) => n.includes("/pushgateway/metrics/")),
           bulk: spans((n) => n.includes("/pushgateway/gatewatch/bulk-delete")) });
  }
  else if (performance.now() - t0 > 100000) done({ error: "no report after 100 s" });
  else setTimeout(tick, 5);
};
tick();
"""


def console_cleanup(driver, cfg, n):
    stage_stale(cfg, n, cfg.stale_secs + 1)
    set_cache(driver, True)
    driver.get(f"{cfg.console}/")
    label = f"Delete stale groups ({n})"
    wait_for(lambda: driver.execute_script(
        "const b = [...document.querySelectorAll('.toolbar button.danger')].find((b) => b.textContent === arguments[0]);"
        "return !!b && !b.disabled;", label), 30, f"'{label}'")
    t0 = time.monotonic()
    driver.execute_script(
        "[...document.querySelectorAll('.toolbar button.danger')].find((b) => b.textContent === arguments[0]).click()", label)
    wait_for(lambda: driver.execute_script(
        "return document.querySelectorAll(\".dialog table.preview tbody tr\").length") == n, 30, "the preview")
    preview = time.monotonic() - t0
    with CpuProfile(driver, cfg.run_dir / "bulk-delete.cpuprofile", cfg.profile):
        r = driver.execute_async_script(RUN_CLEANUP, n)
    if "error" in r:
        raise RuntimeError(f"bulk delete through the console: {r['error']}")
    want = f"Deleted {n}, kept 0, already gone 0, failed 0."
    if r["summary"] != want:
        raise RuntimeError(f"bulk delete through the console reported '{r['summary']}', not '{want}'")
    check_outcome(cfg, n, "bulk delete through the console")
    return r, preview * 1000


def curl_cleanup(cfg, n):
    """The same groups deleted by a sequential shell loop of curl -X DELETE, straight to the
    gateway; then the time until the gateway stops listing them (deletes are queued)."""
    stage_stale(cfg, n, 0)
    urls = cfg.run_dir / "delete-urls.txt"
    urls.write_text("".join(group_url(cfg.gateway_url, j) + "\n" for j in stale_jobs(n)))
    t0 = time.monotonic()
    subprocess.run(["bash", "-c", 'while IFS= read -r url; do curl -fsS -o /dev/null -X DELETE "$url"; done <"$0"',
                    str(urls)], check=True)
    loop = time.monotonic() - t0
    wait_for(lambda: not (cfg.gateway.jobs() & set(stale_jobs(n))), 60, "the curl deletes to land", 0.02)
    gone = time.monotonic() - t0
    check_outcome(cfg, n, "curl loop")
    return loop * 1000, gone * 1000


def bench_bulk_delete(driver, cfg):
    n = cfg.delete_groups
    log(f"bulk delete: {n} stale groups (+{cfg.controls} fresh controls), stale threshold {cfg.stale_secs} s")
    set_settings(driver, cfg, {"stale_after_secs": cfg.stale_secs})
    console, preview, loop, gone, profile = [], [], [], [], []
    for i in range(cfg.runs):
        r, pre = console_cleanup(driver, cfg, n)
        ms = r["ms"]
        console.append(ms)
        profile.append(cleanup_profile(r))
        preview.append(pre)
        a, b = curl_cleanup(cfg, n)
        loop.append(a)
        gone.append(b)
        log(f"  run {i + 1}: console {ms:.0f} ms (preview {pre:.0f} ms), curl loop {a:.0f} ms (listed gone after {b:.0f} ms)")
    set_settings(driver, cfg, {"stale_after_secs": 600})
    c, l = Stat(console), Stat(loop)
    return {"groups": n, "controls": cfg.controls, "console": c, "preview": Stat(preview), "curl": l,
            "curl_gone": Stat(gone), "speedup": l.median / c.median,
            "profile": {k: statistics.median(p[k] for p in profile) for k in profile[0]}}


def union_ms(spans):
    """Total time covered by at least one of the (start, end) spans."""
    total, end = 0.0, float("-inf")
    for a, b in sorted(spans):
        if b > end:
            total += b - max(a, end)
            end = b
    return total


def cleanup_profile(r):
    """What one console cleanup spent its time on, from the requests it made."""
    lists, deletes, bulk = r["lists"], r["deletes"], r["bulk"]

    def each(spans):
        return statistics.median(b - a for a, b in spans) if spans else 0.0
    return {
        "list_reads": len(lists), "list_ms": union_ms(lists), "list_each_ms": each(lists),
        "deletes": len(deletes), "delete_ms": union_ms(deletes), "delete_each_ms": each(deletes),
        "bulk": len(bulk), "bulk_ms": union_ms(bulk), "bulk_each_ms": each(bulk),
        "other_ms": r["ms"] - union_ms(lists + deletes + bulk),
    }


# ---------------------------------------------------------------- 7. a long open tab


def long_tab_jobs(cfg):
    """The Charts tab's jobs (pushed every second) and the rest of the Groups tab's groups."""
    charts = [f"bench/tab/chart/{i:02d}" for i in range(cfg.long_tab_chart_jobs)]
    return charts, [f"bench/tab/group/{i:05d}" for i in range(cfg.long_tab_groups - len(charts))]


# One sample of a long-open tab: its wasm memory and what it did since the last sample (the
# Resource Timing entries are counted and cleared, so that they do not pile up in the JS heap).
TAB_STATE = r"""
const b = window.__gwBench;
const names = performance.getEntriesByType("resource").map((r) => r.name);
performance.clearResourceTimings();
const pager = document.querySelector("nav.pager span");
return {
  wasm: b && b.wasm && b.wasm.memory ? b.wasm.memory.buffer.byteLength : null,
  groupReads: names.filter((n) => n.includes("/pushgateway/api/v1/metrics")).length,
  rangeReads: names.filter((n) => n.includes("/api/v1/query_range")).length,
  pager: pager ? pager.textContent : null,
  drawn: document.querySelectorAll('figure.time-chart[data-state="drawn"]').length,
  visibility: document.visibilityState,
};
"""


def tab_sample(driver, t):
    """JS heap after a forced garbage collection (CDP), wasm memory and the tab's state."""
    driver.execute_cdp_cmd("HeapProfiler.collectGarbage", {})
    heap = driver.execute_cdp_cmd("Runtime.getHeapUsage", {})
    return {"t": t, "heap": heap["usedSize"], "heap_total": heap["totalSize"], **driver.execute_script(TAB_STATE)}


def sample_times(duration, baseline):
    """Seconds after the start at which both tabs are sampled: regularly (about 12 times, every
    5 s to 1 min), the baseline and the end included."""
    every = max(5.0, min(60.0, duration / 12))
    times = {round(i * every, 1) for i in range(int(duration // every) + 1)} | {baseline, duration}
    return sorted(t for t in times if t <= duration)


def open_tab(cfg, kind, url, ready):
    """A browser of its own (each is a visible page: a hidden tab would not poll), the page
    loaded until `ready`, then auto-refresh set to 5 s."""
    profile = tempfile.mkdtemp(prefix=f"chrome-{kind}-", dir=cfg.run_dir)
    driver = chromium(profile)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE % {"origin": json.dumps(cfg.console)}})
    set_cache(driver, True)
    driver.get(url)
    marks = page_timings(driver, [ready], 60000)["marks"]
    if ready not in marks:
        raise RuntimeError(f"long tab ({kind}): the page did not get ready ({ready}) within 60 s: {marks}")
    picker = wait_for(lambda: driver.find_elements(By.ID, "auto-refresh"), 30, f"the {kind} view's auto-refresh picker")
    Select(picker[0]).select_by_value("5")
    return driver, profile


def bench_long_tab(cfg):
    """Groups (cfg.long_tab_groups groups) and Charts (cfg.long_tab_chart_jobs jobs pushing every
    second), each in a browser of its own, both on 5 s auto-refresh for cfg.long_tab_minutes; JS
    heap and wasm memory sampled along the way, compared at the end with their baseline level."""
    duration, baseline = cfg.long_tab_minutes * 60, cfg.long_tab_baseline_minutes * 60
    charts, static = long_tab_jobs(cfg)
    log(f"long tab: Groups with {cfg.long_tab_groups} groups and Charts with {len(charts)} jobs, 5 s "
        f"auto-refresh, {duration / 60:g} min (baseline at {baseline / 60:g} min)")
    cfg.gateway.wipe()
    cfg.gateway.push_many(static + charts)
    pusher = Pusher(cfg.gateway, charts)
    pusher.start()
    tabs = {}
    try:
        wait_for(lambda: prometheus_samples(
            cfg.prom_url, 'min(count_over_time(push_time_seconds{exported_job=~"bench/tab/chart/.*"}[5m]))') >= 3,
            90, "the charts' jobs in Prometheus")
        query = "&".join(f"job={requests.utils.quote(j, safe='')}" for j in charts)
        for kind, url, ready in (("groups", f"{cfg.console}/", "table"),
                                 ("charts", f"{cfg.console}/charts?metric=job_records_processed&{query}&range=1h",
                                  "allCharts")):
            tabs[kind] = {"driver": open_tab(cfg, kind, url, ready), "samples": []}
        t0 = time.monotonic()
        for at in sample_times(duration, baseline):
            time.sleep(max(0.0, t0 + at - time.monotonic()))
            for kind, tab in tabs.items():
                tab["samples"].append(tab_sample(tab["driver"][0], round(time.monotonic() - t0, 1)))
            g, c = tabs["groups"]["samples"][-1], tabs["charts"]["samples"][-1]
            log(f"  {at / 60:5.1f} min: Groups heap {mib(g['heap'])}, wasm {mib(g['wasm'])}; "
                f"Charts heap {mib(c['heap'])}, wasm {mib(c['wasm'])}")
    finally:
        pusher.stop.set()
        for tab in tabs.values():
            driver, profile = tab["driver"]
            driver.quit()
            shutil.rmtree(profile, ignore_errors=True)
    out = {"group_count": cfg.long_tab_groups, "chart_jobs": len(charts), "duration": duration, "baseline": baseline}
    for kind, tab in tabs.items():
        samples = tab["samples"]
        base = next(s for s in samples if s["t"] >= baseline - 1)
        end = samples[-1]
        reads = sum(s["groupReads" if kind == "groups" else "rangeReads"] for s in samples[1:])
        # Every auto-refresh re-reads: the gateway's groups (Groups), both charts' range queries (Charts).
        expected = (duration / 5) * (1 if kind == "groups" else 2)
        if reads < expected / 2:
            raise RuntimeError(f"long tab ({kind}): {reads} reads in {duration:g} s, expected about {expected:.0f}: "
                               "auto-refresh did not run")
        if kind == "groups" and not (end["pager"] or "").endswith(f"of {cfg.long_tab_groups}"):
            raise RuntimeError(f"long tab (groups): the pager says {end['pager']!r} at the end")
        if kind == "charts" and end["drawn"] < 2:
            raise RuntimeError(f"long tab (charts): {end['drawn']} charts drawn at the end")
        out[kind] = {"samples": samples, "base": base, "end": end, "reads": reads, "expected_reads": expected,
                     "heap_drift": end["heap"] / base["heap"] - 1, "wasm_drift": end["wasm"] / base["wasm"] - 1}
        log(f"  {kind}: JS heap {mib(base['heap'])} -> {mib(end['heap'])} ({out[kind]['heap_drift']:+.1%}), "
            f"wasm {mib(base['wasm'])} -> {mib(end['wasm'])} ({out[kind]['wasm_drift']:+.1%}), {reads} reads")
    return out


def long_tab_ok(lt):
    return all(abs(lt[k][d]) <= TARGET_LONG_TAB_DRIFT for k in ("groups", "charts") for d in ("heap_drift", "wasm_drift"))


# ---------------------------------------------------------------- machine and versions


def sh(cmd):
    try:
        out = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30)
        return (out.stdout + out.stderr).strip()
    except (OSError, subprocess.SubprocessError) as e:
        return f"? ({e})"


def first_line(text):
    return text.splitlines()[0] if text else "?"


def machine():
    mem_kb = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal:")), 0)
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "?")
    return {"cpu": model, "cores": os.cpu_count(), "ram_gib": mem_kb / 1024 / 1024,
            "kernel": platform.release(), "os": first_line(sh(". /etc/os-release && echo $PRETTY_NAME")),
            "load": os.getloadavg()}


def versions():
    uplot = json.loads((BENCH / "node_modules/uplot/package.json").read_text())["version"]
    import selenium
    return {
        "Chromium": first_line(sh("chromium --version")).replace(" built on", ",").split(",")[0],
        "chromedriver": first_line(sh("chromedriver --version")).split(" (")[0],
        "Prometheus": first_line(sh("prometheus --version")).split(" (")[0],
        "Pushgateway": first_line(sh("prometheus-pushgateway --version")).split(" (")[0],
        "nginx": first_line(sh("$(command -v nginx || echo /usr/sbin/nginx) -v")),
        "nginx njs (bulk delete)": first_line(sh("dpkg-query -W -f '${Version}' libnginx-mod-http-js")),
        "rustc": first_line(sh("rustc --version")),
        "trunk": first_line(sh("trunk --version")),
        "wasm-bindgen": first_line(sh("wasm-bindgen --version")),
        "wasm-opt": first_line(sh("wasm-opt --version")),
        "uPlot (npm)": uplot,
        "curl": first_line(sh("curl --version")).split(" (")[0],
        "Python / Selenium": f"{platform.python_version()} / {selenium.__version__}",
    }


# ---------------------------------------------------------------- RESULTS.md


def kb(n):
    return f"{n / 1024:.1f} KB"


def mib(n):
    return f"{n / 1024 / 1024:.1f} MiB" if n else "?"


def median_breakdown(runs, origin):
    """Each milestone's median over the runs that reached it, in time order."""
    seen = {}
    for run in runs:
        for label, t in breakdown(run, origin):
            seen.setdefault(label, []).append(t)
    return sorted(((label, statistics.median(ts)) for label, ts in seen.items()), key=lambda x: x[1])


def render_results(r, cfg):
    L = []
    add = L.append
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    add("# gatewatch benchmarks\n")
    if cfg.smoke:
        add("**SMOKE RUN** (`scripts/bench --smoke`): tiny sizes and one run, to check that every benchmark "
            "still works. The numbers mean nothing.\n")
    add(f"Written by `scripts/bench` on {now}: every benchmark side by side in one run, in headless Chromium "
        f"on this machine, against a private local stack (nginx + Prometheus + Pushgateway on 127.0.0.1). "
        f"Figures are medians of {cfg.runs} runs unless noted, with min–max. Timings are taken inside the page "
        "(performance.now(), event timestamps, Navigation and Resource Timing, MutationObserver), not around "
        "WebDriver calls. The machine is shared: background load at the start and end is listed below.\n")

    b, fc, rd, gr, bd = r.get("bundle"), r.get("first_chart"), r.get("redraw"), r.get("groups"), r.get("bulk")
    lt = r.get("long_tab")
    big = gr[-1] if gr else None
    add("## Summary\n")
    add("| # | Benchmark | Measured (median) | Target | Result |")
    add("|---|---|---|---|---|")
    if b:
        t = b["total"]["gzip9"]
        add(f"| 1 | Transfer size of the first load, index.html (html + js + wasm + css), gzip -9 | {kb(t)} | ≤ {TARGET_BUNDLE_KB} KB (budget) | "
            f"{verdict(t <= TARGET_BUNDLE_KB * 1024)} |")
        for d in b.get("documents", []):
            if d["document"] != FIRST_LOAD:
                add(f"| 1 | … of `{d['document']}` (every view; loaded on a move to a view index.html lacks) | "
                    f"{kb(d['total']['gzip9'])} | reported | — |")
        if b.get("wire"):
            add(f"| 1 | … as Chromium receives it from the stack's nginx (zopfli `.gz` files, headers included) | "
                f"{kb(b['wire'])} | reported | — |")
    if fc:
        c = fc["cold"]["first"]
        add(f"| 2 | Navigation → first chart drawn, cold cache | {c.median:.0f} ms | ≤ {TARGET_FIRST_CHART_MS} ms | "
            f"{verdict(c.median <= TARGET_FIRST_CHART_MS)} |")
        t = fc["throttled"]["first"]
        add(f"| 2 | … cold over an emulated 10 Mbit/s, 40 ms round-trip link | {t.median:.0f} ms | "
            f"≤ {TARGET_THROTTLED_MS} ms | {verdict(t.median <= TARGET_THROTTLED_MS)} |")
    if rd:
        ratios = " · ".join(f"{x['ratio']:.2f}" for x in rd)
        sizes = " · ".join(str(x["series"]) for x in rd)
        ok = all(x["ratio"] <= TARGET_REDRAW_RATIO for x in rd)
        add(f"| 3 | Chart redraw, gatewatch / uPlot, {sizes} series × {rd[0]['points']:,} points | {ratios} | "
            f"≤ {TARGET_REDRAW_RATIO:.1f} at every size | {verdict(ok)} |")
    if big:
        ratio = big["cold"]["table"].median / big["gateway"]["load"].median
        add(f"| 4 | Groups view / Pushgateway page, {big['groups']:,} groups, cold cache | {ratio:.3f} | "
            f"≤ {TARGET_GROUPS_RATIO} | {verdict(ratio <= TARGET_GROUPS_RATIO)} |")
        f = big["filter"]["rows"]
        add(f"| 4 | Filter keystroke → rows updated, {big['groups']:,} groups | {f.median:.1f} ms | "
            f"≤ {TARGET_FILTER_MS} ms | {verdict(f.median <= TARGET_FILTER_MS)} |")
    if bd:
        add(f"| 5 | Bulk delete of {bd['groups']:,} stale groups: curl loop time / console time | "
            f"{bd['speedup']:.1f}× | ≥ {TARGET_DELETE_SPEEDUP:.0f}× | {verdict(bd['speedup'] >= TARGET_DELETE_SPEEDUP)} |")
        add(f"| 5 | … and nothing but those groups deleted ({bd['controls']} fresh control groups) | "
            f"yes, every run | exactly those | PASS |")
    if rd:
        add(f"| 6 | Wasm memory after the {rd[-1]['series']}-series chart | {mib(rd[-1]['wasm_memory'])} | reported | — |")
    if lt:
        drifts = " · ".join(f"{lt[k]['heap_drift']:+.1%} / {lt[k]['wasm_drift']:+.1%}" for k in ("groups", "charts"))
        add(f"| 7 | Long open tab, {lt['duration'] / 60:g} min on 5 s auto-refresh: JS heap / wasm memory at the end "
            f"against {lt['baseline'] / 60:g} min, Groups ({lt['group_count']:,} groups) · Charts ({lt['chart_jobs']} jobs) | "
            f"{drifts} | within ±{TARGET_LONG_TAB_DRIFT:.0%} | {verdict(long_tab_ok(lt))} |")
    add("")

    m = r["machine"]
    add("## Machine\n")
    add("| | |\n|---|---|")
    add(f"| CPU | {m['cpu']}, {m['cores']} cores |")
    add(f"| RAM | {m['ram_gib']:.1f} GiB |")
    add(f"| OS, kernel | {m['os']}, Linux {m['kernel']} |")
    add(f"| Load average (1, 5, 15 min) at start | {' '.join(f'{x:.2f}' for x in m['load'])} |")
    add(f"| … at end | {' '.join(f'{x:.2f}' for x in r['load_end'])} |")
    add(f"| Browser | headless Chromium, software rendering (`--disable-gpu`), window 1280×900, devicePixelRatio "
        f"{rd[0]['dpr'] if rd else '?'} |")
    add("")
    add("## Versions\n")
    add("| | |\n|---|---|")
    for k, v in r["versions"].items():
        add(f"| {k} | {v} |")
    add("")

    if b:
        add("## 1. Transfer size\n")
        add(f"Every file each of the console's documents loads from `dist/` except the favicon, compressed with gzip "
            f"(Python's zlib, the same deflate as `gzip -6` / `gzip -9`), KB of 1,024 bytes. Budget for the first "
            f"load, index.html: at most {TARGET_BUNDLE_KB} KB (`scripts/lib/build.sh`'s `BUNDLE_BUDGET_KB`, which "
            f"`scripts/test` enforces); all-views.html is reported beside it.\n")
        for d in b.get("documents", [{"document": FIRST_LOAD, "files": b["files"], "total": b["total"]}]):
            add(f"`{d['document']}`:\n")
            add("| File | Raw | gzip -6 | gzip -9 |\n|---|---:|---:|---:|")
            for f in d["files"]:
                add(f"| `{f['file']}` | {kb(f['raw'])} | {kb(f['gzip6'])} | {kb(f['gzip9'])} |")
            t = d["total"]
            add(f"| **Total** | **{kb(t['raw'])}** | **{kb(t['gzip6'])}** | **{kb(t['gzip9'])}** |\n")
        t = b["total"]
        if b.get("wire"):
            add(f"\nOver the wire from the stack's nginx (the build's zopfli `.gz` copies, sent by `gzip_static`), as Chromium's Resource "
                f"Timing reports it for a cold load (headers included): **{kb(b['wire'])}** for the page and its "
                f"{b['wire_files']} files.")
        add(f"\n**{verdict(t['gzip9'] <= TARGET_BUNDLE_KB * 1024)}**: {kb(t['gzip9'])} against {TARGET_BUNDLE_KB} KB.\n")

    if fc:
        add("## 2. Navigation to first chart drawn\n")
        add("`/charts?metric=job_records_processed&range=1h` while three jobs push every second (Prometheus scrapes "
            "the gateway every second). Measured from navigation start to the first `figure.time-chart` whose "
            "`data-state` turns `drawn` (set by the chart right after its canvas drawing, seen by a "
            "MutationObserver installed before the page's scripts). Cold: HTTP cache disabled, so every file is "
            "fetched and the wasm compiled afresh; warm: cache on, after one load; throttled: cold, over a link "
            "that Chromium's network emulation (CDP `Network.emulateNetworkConditions`) limits to 10 Mbit/s "
            "down and up with 40 ms added between each request and its response, what a user on an ordinary "
            "office or home link sees. The view has two charts (raw and irate-adjusted); both drawn is listed "
            "too.\n")
        add("| Cache | First chart drawn | Both charts drawn |\n|---|---:|---:|")
        labels = {"cold": "cold", "warm": "warm", "throttled": "cold, 10 Mbit/s, 40 ms RTT"}
        for mode in FIRST_CHART_MODES:
            add(f"| {labels[mode]} | {fc[mode]['first'].ms()} | {fc[mode]['all'].ms()} |")
        for mode in ("cold", "throttled"):
            add(f"\nWhere the time goes ({labels[mode]}, medians of each milestone, ms after navigation start):\n")
            add("| Milestone | ms |\n|---|---:|")
            for label, t in median_breakdown(fc[mode]["runs"], cfg.console):
                add(f"| {label} | {t:.0f} |")
        c, t = fc["cold"]["first"], fc["throttled"]["first"]
        add(f"\n**{verdict(c.median <= TARGET_FIRST_CHART_MS)}**: {c.median:.0f} ms against {TARGET_FIRST_CHART_MS} ms "
            f"unthrottled. **{verdict(t.median <= TARGET_THROTTLED_MS)}**: {t.median:.0f} ms against "
            f"{TARGET_THROTTLED_MS} ms over the emulated link.\n")

    if rd:
        add("## 3. Chart redraw against uPlot\n")
        add(f"The console's drawing code (`gatewatch::chart::render::render`, what the chart component calls on "
            f"every redraw: background, axes, min/max decimation per pixel column, every series) compiled as "
            f"shipped (opt-level z, LTO, `wasm-opt -Oz`) from `bench/chart-bench/`, and uPlot "
            f"{r['versions']['uPlot (npm)']} (`redraw(true, true)` inside `batch()`: paths and axes rebuilt, "
            f"drawn synchronously), draw the same seeded random walks (1 s steps, rare spikes) into canvases of "
            f"the same size, 1200×400 CSS px at devicePixelRatio {rd[0]['dpr']}, on one page "
            f"(`bench/web/chart.html`). One redraw = the call plus a one-pixel `getImageData` that forces the "
            f"canvas to rasterise; {cfg.redraw_warmup} warm-up draws each, then {cfg.redraw_runs} alternated "
            f"runs each. Both pictures are checked for ink.\n")
        add("| Series × points | gatewatch | uPlot | Ratio (medians) |\n|---|---:|---:|---:|")
        for x in rd:
            add(f"| {x['series']} × {x['points']:,} | {x['gatewatch'].ms(1)} | {x['uplot'].ms(1)} | {x['ratio']:.2f} |")
        ok = all(x["ratio"] <= TARGET_REDRAW_RATIO for x in rd)
        add(f"\n**{verdict(ok)}**: target ratio ≤ {TARGET_REDRAW_RATIO:.1f} at every size.\n")

    if gr:
        add("## 4. Groups view against the Pushgateway's own page\n")
        add("The gateway is filled with N groups (`job=\"bench/group/NNNNN\"`, two gauges each; pushed with "
            "`--push.disable-consistency-check`). The console: navigation start to the groups table rendered — "
            "its first page of rows (it pages by 100) with the pager counting all N groups, i.e. every group "
            "fetched, parsed, classified and sorted. The Pushgateway's page (`/` on the gateway itself, "
            "server-rendered with every group and metric): navigation start to its load event. Ratio = console "
            "/ Pushgateway page, medians.\n")
        add("| Groups | Pushgateway page: load event | (its first paint) | Console, cold | Console, warm | "
            "Ratio cold | Ratio warm |\n|---:|---:|---:|---:|---:|---:|---:|")
        for e in gr:
            g = e["gateway"]
            add(f"| {e['groups']:,} | {g['load'].ms()} | {g['fcp'].median:.0f} ms | {e['cold']['table'].ms()} | "
                f"{e['warm']['table'].ms()} | {e['cold']['table'].median / g['load'].median:.3f} | "
                f"{e['warm']['table'].median / g['load'].median:.3f} |")
        add("")
        for e in gr:
            add(f"- {e['groups']:,} groups: the Pushgateway page is {e['gateway']['html_bytes'] / 1e6:.1f} MB of "
                f"HTML with {e['gateway']['elements']:,} elements; the console renders {e['cold']['rows']} rows.")
        add("\nWhere the console's time goes at the largest size (cold, medians, ms after navigation start):\n")
        add("| Milestone | ms |\n|---|---:|")
        for label, t in median_breakdown(big["cold"]["runs"], cfg.console):
            add(f"| {label} | {t:.0f} |")
        add("\n**Filter keystroke.** With the table open, one character (`7`) typed into the filter (Chromium "
            "key events through WebDriver): from the `keydown` event's timestamp to the last change of the "
            "table's rows (a MutationObserver on its body; the rows are quiet 300 ms later), and to the next "
            "animation frame after it. Target: rows updated within 50 ms.\n")
        add("| Groups | Matching | Rows updated | Rows + pager updated | Next frame |\n|---:|---:|---:|---:|---:|")
        for e in gr:
            f = e["filter"]
            add(f"| {e['groups']:,} | {f['matching']:,} | {f['rows'].ms(1)} | {f['pager'].ms(1)} | {f['frame'].ms(1)} |")
        ratio = big["cold"]["table"].median / big["gateway"]["load"].median
        f = big["filter"]["rows"]
        add(f"\n**{verdict(ratio <= TARGET_GROUPS_RATIO)}**: ratio {ratio:.3f} at {big['groups']:,} groups against "
            f"{TARGET_GROUPS_RATIO}. **{verdict(f.median <= TARGET_FILTER_MS)}**: keystroke {f.median:.1f} ms "
            f"against {TARGET_FILTER_MS} ms.\n")

    if bd:
        add("## 5. Bulk delete\n")
        add(f"Each run stages {bd['groups']:,} groups older than the stale threshold (set to {cfg.stale_secs} s in "
            f"the console's saved settings) and {bd['controls']} fresh control groups. **Console**: Groups view → "
            f"*Delete stale groups* → preview of {bd['groups']:,} → *Delete {bd['groups']:,} groups*, timed in the "
            f"page from that click to the dialog's verified report (`Deleted {bd['groups']:,}, kept 0, already gone "
            f"0, failed 0.`): the groups go to the console's nginx in batches of {bulk_batch()} "
            f"(`POST /pushgateway/gatewatch/bulk-delete`: njs re-reads the group list and deletes every group "
            f"not pushed to since the preview, next to the gateway), then the console re-reads the list until "
            f"the gateway no longer lists them. **curl loop**: the same groups restaged, then "
            f"`while read url; do curl -fsS -o /dev/null -X DELETE \"$url\"; done` straight to the gateway, timed "
            f"until the loop ends (the gateway answers 202 and deletes later; the time until it lists none of "
            f"them is given too). After each, the gateway must list every control and none of the deleted "
            f"groups.\n")
        add("| | Median | Min–max |\n|---|---:|---:|")
        for label, s in (("Console: click → verified report", bd["console"]),
                         ("(console: opening the preview)", bd["preview"]),
                         ("curl loop", bd["curl"]),
                         ("(curl loop until the gateway lists none)", bd["curl_gone"])):
            add(f"| {label} | {s.median:.0f} ms | {s.min:.0f}–{s.max:.0f} ms ({s.runs} runs) |")
        p = bd["profile"]
        add(f"\nWhere the console's time goes (Resource Timing of the cleanup's requests, medians over the runs): "
            f"{p['bulk']:.0f} bulk delete requests took {p['bulk_ms']:.0f} ms in all ({p['bulk_each_ms']:.0f} ms each); "
            f"{p['list_reads']:.0f} read(s) of the group list for the verification, {p['list_ms']:.0f} ms; "
            f"{p['deletes']:.0f} single DELETEs from the page (the group-by-group fallback: none expected); "
            f"{p['other_ms']:.0f} ms with no request in flight (building the batches, reading the outcomes, "
            f"rendering the report, the verification's pauses).")
        add(f"\nSpeed-up (curl loop / console, medians): **{bd['speedup']:.1f}×**; against the curl loop until "
            f"the gateway lists none: {bd['curl_gone'].median / bd['console'].median:.1f}×. Only the staged "
            f"groups were deleted, every control kept, in every run.\n")
        add(f"**{verdict(bd['speedup'] >= TARGET_DELETE_SPEEDUP)}**: target ≥ {TARGET_DELETE_SPEEDUP:.0f}×.\n")

    add("## 6. Wasm memory\n")
    add("Size of the wasm linear memory (`memory.buffer.byteLength`; it grows, never shrinks):\n")
    add("| When | Wasm memory |\n|---|---:|")
    if rd:
        x = rd[-1]
        add(f"| Chart bench module after the {x['series']} × {x['points']:,} chart (all sizes drawn before it) | "
            f"{mib(x['wasm_memory'])} |")
    if fc and fc["cold"]["runs"][-1].get("wasmMemory"):
        add(f"| Console after both charts of §2 are drawn | {mib(fc['cold']['runs'][-1]['wasmMemory'])} |")
    for e in gr or []:
        add(f"| Console with the groups view of {e['groups']:,} groups | {mib(e['wasm_memory'])} |")
    add("")
    if lt:
        add("## 7. A long open tab\n")
        add(f"Dashboards stay open on wall screens for days. Two browsers side by side (each its own visible page: "
            f"the console pauses polling in a hidden tab), both with auto-refresh set to 5 s: the Groups view with "
            f"{lt['group_count']:,} groups on the gateway, and the Charts view of `job_records_processed` for "
            f"{lt['chart_jobs']} of them, which push every second (two charts, raw and irate-adjusted, range 1 h). "
            f"Open for {lt['duration'] / 60:g} min. At each sample: JS heap used after a forced garbage collection "
            f"(CDP `HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage`) and the wasm linear memory "
            f"(`memory.buffer.byteLength`, which only grows). The figure: the level at the end against the level "
            f"after {lt['baseline'] / 60:g} min (the start-up's allocations are done by then). Resource Timing "
            f"entries are counted and cleared at each sample, so the benchmark's own bookkeeping does not grow the "
            f"heap; the counts show that every auto-refresh ran.\n")
        add("| Minutes | Groups: JS heap | Groups: wasm | Charts: JS heap | Charts: wasm |\n|---:|---:|---:|---:|---:|")
        for g, c in zip(lt["groups"]["samples"], lt["charts"]["samples"]):
            add(f"| {g['t'] / 60:.{1 if lt['duration'] >= 600 else 2}f} | {mib(g['heap'])} | {mib(g['wasm'])} | {mib(c['heap'])} | {mib(c['wasm'])} |")
        add("")
        add("| View | Reads during the run (expected ≈) | JS heap: baseline → end | Wasm: baseline → end |\n"
            "|---|---:|---:|---:|")
        for kind, label, what in (("groups", "Groups", "group list reads"), ("charts", "Charts", "range queries")):
            x = lt[kind]
            add(f"| {label} | {x['reads']} {what} ({x['expected_reads']:.0f}) | {mib(x['base']['heap'])} → "
                f"{mib(x['end']['heap'])} ({x['heap_drift']:+.1%}) | {mib(x['base']['wasm'])} → {mib(x['end']['wasm'])} "
                f"({x['wasm_drift']:+.1%}) |")
        add(f"\n**{verdict(long_tab_ok(lt))}**: every level at the end within ±{TARGET_LONG_TAB_DRIFT:.0%} of its "
            f"level at {lt['baseline'] / 60:g} min.\n")
    notes = BENCH / "NOTES.md"
    if notes.is_file() and not cfg.smoke:
        add(notes.read_text().strip() + "\n")
    return "\n".join(L)


# ---------------------------------------------------------------- main


@dataclass
class Config:
    smoke: bool
    runs: int
    console: str
    gateway_url: str
    prom_url: str
    page_port: int
    dist: Path
    pkg_dir: Path
    run_dir: Path
    out: Path
    only: list
    redraw_sizes: list = field(default_factory=lambda: [1, 10, 100])
    redraw_points: int = 11_000
    redraw_runs: int = 15
    redraw_warmup: int = 2
    group_sizes: list = field(default_factory=lambda: [1_000, 10_000])
    delete_groups: int = 1_000
    controls: int = 20
    stale_secs: float = 8.0
    first_chart_history: int = 20
    settle: float = 2.0
    long_tab_groups: int = 1_000
    long_tab_chart_jobs: int = 10
    long_tab_minutes: float = 30.0
    long_tab_baseline_minutes: float = 5.0
    profile: bool = False
    gateway: Gateway = None


def to_json(value):
    if isinstance(value, Stat):
        return value.json()
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


BENCHMARKS = ("bundle", "redraw", "first-chart", "bulk-delete", "groups", "long-tab")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--smoke", action="store_true", help="tiny sizes, one run: check that everything works")
    p.add_argument("--runs", type=int, help="runs per figure (default 7; smoke: 1)")
    p.add_argument("--http-port", type=int, required=True, help="the stack's nginx (the console)")
    p.add_argument("--gateway-port", type=int, required=True)
    p.add_argument("--prometheus-port", type=int, required=True)
    p.add_argument("--page-port", type=int, required=True, help="for the chart bench page (served from here)")
    p.add_argument("--dist", type=Path, default=ROOT / "dist")
    p.add_argument("--pkg", type=Path, required=True, help="wasm-bindgen output of bench/chart-bench")
    p.add_argument("--run-dir", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True, help="the RESULTS.md to write")
    p.add_argument("--only", default=",".join(BENCHMARKS), help=f"comma-separated subset of {','.join(BENCHMARKS)}")
    p.add_argument("--profile", action="store_true",
                   help="CPU-profile the console during the bulk delete and the groups view (run dir)")
    p.add_argument("--long-tab-minutes", type=float, help="how long the long tab stays open (default 30; smoke 0.35)")
    p.add_argument("--long-tab-baseline-minutes", type=float,
                   help="when its memory is taken as the baseline (default 5; smoke 0.15)")
    a = p.parse_args()
    only = [x for x in a.only.split(",") if x]
    for x in only:
        if x not in BENCHMARKS:
            p.error(f"unknown benchmark {x!r}")
    cfg = Config(smoke=a.smoke, runs=a.runs or (1 if a.smoke else 7), console=f"http://127.0.0.1:{a.http_port}",
                 gateway_url=f"http://127.0.0.1:{a.gateway_port}", prom_url=f"http://127.0.0.1:{a.prometheus_port}",
                 page_port=a.page_port, dist=a.dist, pkg_dir=a.pkg, run_dir=a.run_dir, out=a.out, only=only)
    cfg.profile = a.profile
    if cfg.smoke:
        cfg.redraw_sizes, cfg.redraw_points, cfg.redraw_runs, cfg.redraw_warmup = [1, 10], 1_100, 1, 1
        cfg.group_sizes, cfg.delete_groups, cfg.controls, cfg.stale_secs = [50, 200], 20, 3, 3.0
        cfg.first_chart_history, cfg.settle = 3, 0.5
        cfg.long_tab_groups, cfg.long_tab_chart_jobs = 30, 3
        cfg.long_tab_minutes, cfg.long_tab_baseline_minutes = 0.35, 0.15
    if a.long_tab_minutes is not None:
        cfg.long_tab_minutes = a.long_tab_minutes
    if a.long_tab_baseline_minutes is not None:
        cfg.long_tab_baseline_minutes = a.long_tab_baseline_minutes
    if not 0 < cfg.long_tab_baseline_minutes < cfg.long_tab_minutes:
        p.error("the long tab's baseline must come after its start and before its end")
    if cfg.runs < 1:
        p.error("--runs must be at least 1")
    cfg.run_dir.mkdir(parents=True, exist_ok=True)
    cfg.gateway = Gateway(cfg.gateway_url)

    results = {"machine": machine(), "versions": versions()}
    log(f"{'smoke run' if cfg.smoke else 'benchmarks'}: {', '.join(only)}; {cfg.runs} runs per figure")
    pusher = Pusher(cfg.gateway, CHART_JOBS)
    if "first-chart" in only:
        cfg.gateway.wipe()
        pusher.start()  # history for the charts accumulates while the other benchmarks run
    profile = tempfile.mkdtemp(prefix="chrome-", dir=cfg.run_dir)
    driver = chromium(profile)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE % {"origin": json.dumps(cfg.console)}})
    watchdog = Watchdog(driver, profile, cfg.run_dir)
    try:
        if "bundle" in only:
            results["bundle"] = bench_bundle(cfg.dist)
        if "redraw" in only:
            with BenchPageServer(cfg.page_port, cfg.pkg_dir) as server:
                results["redraw"] = bench_redraw(driver, server.url, cfg)
        if "first-chart" in only:
            results["first_chart"] = bench_first_chart(driver, cfg)
            pusher.stop.set()
            pusher.join()
            if "bundle" in only:
                last = results["first_chart"]["cold"]["runs"][-1]
                results["bundle"]["wire"], results["bundle"]["wire_files"] = wire_bytes(
                    last["resources"], last["nav"], cfg.console)
        if "bulk-delete" in only:
            results["bulk"] = bench_bulk_delete(driver, cfg)
        if "groups" in only:
            results["groups"] = bench_groups(driver, cfg)
        if "long-tab" in only:
            blank(driver)  # idle while the two tabs of their own run
            results["long_tab"] = bench_long_tab(cfg)
    except BaseException:
        (cfg.run_dir / "results-partial.json").write_text(json.dumps(to_json(results), indent=1, default=str))
        if watchdog.fired:
            raise RuntimeError(f"the page stopped answering during WebDriver command '{watchdog.fired}' "
                               f"(its main thread never came back; profile: {cfg.run_dir / 'hung-page.cpuprofile'})")
        else:
            # The page's console, for the post-mortem (a panic, a failed request...).
            try:
                logs = driver.get_log("browser")
                (cfg.run_dir / "browser-console.log").write_text("\n".join(json.dumps(x) for x in logs))
                log(f"the browser's console log: {cfg.run_dir / 'browser-console.log'}")
            except Exception:  # the browser may be what failed
                pass
        raise
    finally:
        pusher.stop.set()
        if not watchdog.fired:
            driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    results["load_end"] = os.getloadavg()

    (cfg.run_dir / "results.json").write_text(json.dumps(to_json(results), indent=1, default=str))
    cfg.out.parent.mkdir(parents=True, exist_ok=True)
    cfg.out.write_text(render_results(results, cfg))
    log(f"wrote {cfg.out} (raw figures: {cfg.run_dir / 'results.json'})")


if __name__ == "__main__":
    sys.exit(main())
