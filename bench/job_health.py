#!/usr/bin/env python3
"""The benchmarks of issue #18 (job health), in headless
Chromium against a private stack whose Prometheus was backfilled first (`backfill`, with
`promtool tsdb create-blocks-from openmetrics`):

  1. the Groups view with 1,000 groups and their 24 h heartbeat strips: navigation to every
     strip of the first page drawn (target 1.5 s);
  2. the Job page over 7 days of a job that pushed every 5 s (120,960 runs, sampled by a 1 s
     scrape: 604,800 samples a family): navigation to its run timeline drawn (target 1 s);
  3. what the history queries of both cost the backend: the queries the page sent (recorded
     in the page), asked again with Prometheus' `stats=all`: samples read and evaluation time.

Started by scripts/bench (`--only job-health`, and in the full run), which backfills, starts the
stack and stops it. The Job page is all-views.html's (a navigation to it loads that document).
Timings are taken inside the page.
"""
import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import requests

from run import Gateway, Stat, blank, chromium, log, set_cache, verdict, wait_for

TARGET_STRIPS_MS = 1500
TARGET_JOB_PAGE_MS = 1000

WEEK = 7 * 86_400
DAY = 86_400
JOB_EVERY_5S = "bench/every_5s"
STRIP_JOB = "bench/strips/{:04d}"
STRIP_PERIOD = 300  # the strips' jobs push every 5 min
SCRAPE = 1  # deploy/prometheus.yml scrapes the gateway every second

# Installed before the console's scripts: marks when the strips and the timeline are drawn, in
# performance.now() time, and records every PromQL request the page sends (to replay them).
PROBE = r"""
(() => {
  if (location.origin !== %(origin)s) return;
  const b = window.__gwJob = { marks: {}, queries: [] };
  const fetch0 = window.fetch;
  window.fetch = function (input, init) {
    // gloo-net hands fetch a Request: its body is read from a copy.
    const url = typeof input === "string" ? input : input.url;
    if (/\/api\/v1\/query(_range)?$/.test(url)) {
      const body = init && init.body ? Promise.resolve(String(init.body)) : input.clone().text();
      body.then((text) => b.queries.push({ url, body: text }));
    }
    return fetch0.apply(this, arguments);
  };
  const check = () => {
    const m = b.marks, now = performance.now();
    if (m.strips === undefined) {
      const strips = [...document.querySelectorAll("table.groups tbody canvas.heartbeat")];
      if (strips.length && strips.every((c) => c.dataset.state === "drawn")) {
        m.strips = now;
        m.stripCount = strips.length;
        m.firstStrip = strips[0].getAttribute("aria-label");
      }
    }
    if (m.timeline === undefined) {
      const figure = document.querySelector("figure.run-timeline[data-state=drawn]");
      if (figure) {
        m.timeline = now;
        m.summary = figure.querySelector("[data-testid=timeline-summary]").textContent;
      }
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, characterData: true, attributeFilter: ["data-state"],
  });
})();
"""

WAIT = r"""
const [want, timeout, done] = arguments;
const t0 = performance.now();
const tick = () => {
  const b = window.__gwJob || { marks: {}, queries: [] };
  if (b.marks[want] !== undefined || performance.now() - t0 > timeout) done(b);
  else setTimeout(tick, 10);
};
tick();
"""


# ---------------------------------------------------------------- backfill


def series(family, job, instance):
    return f'{family}{{exported_job="{job}",instance="{instance}",job="prometheus_gateway"}}'


def openmetrics(out, instance, now, smoke):
    """Both families of every benchmark group, as the gateway's scrape would have stored them."""
    week = DAY if smoke else WEEK
    strip_groups = 20 if smoke else 1000
    with open(out, "w") as f:
        for family in ("push_time_seconds", "push_failure_time_seconds"):
            f.write(f"# TYPE {family} gauge\n")
            # The 5 s job, sampled every second: the value is its last push time.
            name = series(family, JOB_EVERY_5S, instance)
            start = now - week
            for t in range(int(start), int(now) - 60, SCRAPE):
                value = t - t % 5 if family == "push_time_seconds" else 0
                f.write(f"{name} {value} {t}\n")
            # The strips' jobs: one sample per push (a second's scrape would repeat it 300 times,
            # which no backfill here can afford for 1,000 groups).
            for i in range(strip_groups):
                name = series(family, STRIP_JOB.format(i), instance)
                offset = i % STRIP_PERIOD
                for t in range(int(now - DAY) + offset, int(now) - 60, STRIP_PERIOD):
                    f.write(f"{name} {t if family == 'push_time_seconds' else 0} {t}\n")
        f.write("# EOF\n")


def backfill(data_dir, instance, smoke):
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir.parent) as tmp:
        text = Path(tmp) / "backfill.om"
        t0 = time.monotonic()
        openmetrics(text, instance, time.time(), smoke)
        log(f"  backfill: {text.stat().st_size / 2**20:.0f} MiB of OpenMetrics in {time.monotonic() - t0:.0f} s")
        t0 = time.monotonic()
        subprocess.run(["promtool", "tsdb", "create-blocks-from", "openmetrics", "-q", str(text), str(data_dir)],
                       check=True)
        log(f"  backfill: promtool wrote the blocks in {time.monotonic() - t0:.0f} s")


# ---------------------------------------------------------------- benchmarks


def timed(driver, url, mark, runs):
    out = []
    for _ in range(runs):
        blank(driver)
        driver.get(url)
        b = driver.execute_async_script(WAIT, mark, 60000)
        if mark not in b["marks"]:
            raise RuntimeError(f"{url}: '{mark}' was not drawn within 60 s: {b['marks']}")
        out.append(b)
    return out


def replay(prom_url, query):
    """A query the page sent, asked again with stats=all: (samples read, evaluation seconds)."""
    path = query["url"].split("/api/v1/")[1]
    body = query["body"] + "&stats=all"
    r = requests.post(f"{prom_url}/api/v1/{path}", data=body, timeout=60,
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    r.raise_for_status()
    stats = r.json()["data"]["stats"]
    return {"expr": query["body"], "samples": stats["samples"]["totalQueryableSamples"],
            "eval_s": stats["timings"]["evalTotalTime"]}


def history_queries(prom_url, b):
    # The per-step history queries name their families with this label (core::schedule::history).
    return [replay(prom_url, q) for q in b["queries"] if "gatewatch_family" in q["body"]]


def run(cfg):
    gateway = Gateway(cfg.gateway_url)
    strip_groups = 20 if cfg.smoke else 1000
    gateway.wipe()
    gateway.push_many([STRIP_JOB.format(i) for i in range(strip_groups)] + [JOB_EVERY_5S])
    time.sleep(3)  # scraped
    profile = tempfile.mkdtemp(prefix="chrome-", dir=cfg.run_dir)
    driver = chromium(profile)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                           {"source": PROBE % {"origin": json.dumps(cfg.console)}})
    set_cache(driver, False)
    try:
        strips = timed(driver, f"{cfg.console}/", "strips", cfg.runs)
        first = strips[-1]["marks"]["firstStrip"]
        runs = int(re.search(r"(\d+) runs", first).group(1))
        if runs < 200:
            raise RuntimeError(f"the strips did not read the backfilled history: {first}")
        job_url = f"{cfg.console}/job?job={quote(JOB_EVERY_5S, safe='')}&range=7d"
        job = timed(driver, job_url, "timeline", cfg.runs)
        summary = job[-1]["marks"]["summary"]
        job_runs = int(re.search(r"(\d+) runs", summary).group(1))
        if job_runs < (10_000 if cfg.smoke else 100_000):
            raise RuntimeError(f"the Job page did not read the backfilled week: {summary}")
    finally:
        driver.quit()
    return {
        "strips": Stat([b["marks"]["strips"] for b in strips]),
        "strip_count": strips[-1]["marks"]["stripCount"],
        "first_strip": first,
        "strip_queries": history_queries(cfg.prom_url, strips[-1]),
        "job": Stat([b["marks"]["timeline"] for b in job]),
        "job_summary": summary,
        "job_queries": history_queries(cfg.prom_url, job[-1]),
    }


def render(r, cfg):
    def cost(queries):
        return "; ".join(f"{q['samples']:,} samples, {q['eval_s'] * 1000:.0f} ms" for q in queries) or "none recorded"

    strips_ok = r["strips"].median <= TARGET_STRIPS_MS
    job_ok = r["job"].median <= TARGET_JOB_PAGE_MS
    return "\n".join([
        "",
        "## Job health (issue #18)",
        "",
        "| figure | target | result | verdict |",
        "|---|---|---|---|",
        f"| Groups, {cfg.strip_groups:,} groups: navigation → the {r['strip_count']} strips of the first page drawn "
        f"| ≤ {TARGET_STRIPS_MS:,} ms | {r['strips'].ms()} | {verdict(strips_ok)} |",
        f"| Job page, 7 d of a 5 s job: navigation → run timeline drawn "
        f"| ≤ {TARGET_JOB_PAGE_MS:,} ms | {r['job'].ms()} | {verdict(job_ok)} |",
        "",
        f"- First strip: \"{r['first_strip']}\". Job page: \"{r['job_summary']}\".",
        f"- The strips' history query (Prometheus `stats=all`): {cost(r['strip_queries'])}.",
        f"- The Job page's history query: {cost(r['job_queries'])}.",
        "- Backfilled with promtool: the 5 s job at the 1 s scrape's resolution (604,800 samples a "
        "family a week), the strips' 5-minute jobs at one sample per push.",
        "",
    ])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("backfill", help="write TSDB blocks for the benchmark's history")
    b.add_argument("--data-dir", type=Path, required=True, help="Prometheus' --storage.tsdb.path")
    b.add_argument("--gateway-instance", required=True, help="host:port, as Prometheus labels the gateway")
    b.add_argument("--smoke", action="store_true")
    m = sub.add_parser("measure", help="run the benchmarks against the started stack")
    m.add_argument("--http-port", type=int, required=True)
    m.add_argument("--gateway-port", type=int, required=True)
    m.add_argument("--prometheus-port", type=int, required=True)
    m.add_argument("--run-dir", type=Path, required=True)
    m.add_argument("--out", type=Path, required=True, help="a RESULTS.md to append to")
    m.add_argument("--runs", type=int)
    m.add_argument("--smoke", action="store_true")
    a = p.parse_args()
    if a.command == "backfill":
        backfill(a.data_dir, a.gateway_instance, a.smoke)
        return 0
    cfg = argparse.Namespace(
        console=f"http://127.0.0.1:{a.http_port}", gateway_url=f"http://127.0.0.1:{a.gateway_port}",
        prom_url=f"http://127.0.0.1:{a.prometheus_port}", run_dir=a.run_dir, smoke=a.smoke,
        runs=a.runs or (1 if a.smoke else 7), strip_groups=20 if a.smoke else 1000)
    cfg.run_dir.mkdir(parents=True, exist_ok=True)
    log(f"job health: {cfg.runs} runs per figure")
    r = run(cfg)
    (cfg.run_dir / "job-health.json").write_text(json.dumps(
        {k: (v.json() if isinstance(v, Stat) else v) for k, v in r.items()}, indent=1))
    with open(a.out, "a") as f:
        f.write(render(r, cfg))
    log(f"job health: strips {r['strips'].ms()}, Job page {r['job'].ms()} -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
