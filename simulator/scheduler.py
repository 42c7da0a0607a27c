#!/usr/bin/env python3
"""Plays Windmill's scheduler for gatewatch's demo: runs Windmill-style scripts (`main()`)
on fixed intervals with WM_JOB_PATH set, each pushing to the Pushgateway.

Jobs:
  u/admin/random_number_metric_script  every 5 s: the Windmill tutorial's script
  f/etl/nightly_import                 every 10 s, unscheduled after --nightly-stop-after s (stale)
  f/billing/sync_invoices              every 10 s: first push good, then every push fails (400)
  f/reports/daily_summary              every 5 s: extra grouping labels instance + tag

One log line per run; SIGTERM or SIGINT stops it cleanly.
"""
import argparse
import importlib.util
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parent.parent
JOBS = Path(__file__).resolve().parent / "jobs"


@dataclass
class Job:
    path: str  # WM_JOB_PATH, pushed as the job label
    script: Path
    every: float
    args: Callable[[int], dict] = lambda run: {}
    stop_after: Optional[float] = None  # seconds after start; None: forever
    runs: int = 0
    next_run: float = 0.0
    main: Callable = field(default=None, repr=False)


def load_main(script: Path) -> Callable:
    spec = importlib.util.spec_from_file_location(script.stem, script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def jobs(nightly_stop_after: float) -> list[Job]:
    return [
        Job("u/admin/random_number_metric_script",
            ROOT / "windmill/u/admin/random_number_metric_script.py", every=5),
        Job("f/etl/nightly_import", JOBS / "nightly_import.py", every=10,
            stop_after=nightly_stop_after),
        Job("f/billing/sync_invoices", JOBS / "sync_invoices.py", every=10,
            args=lambda run: {"break_schema": run > 0}),
        Job("f/reports/daily_summary", JOBS / "daily_summary.py", every=5,
            args=lambda run: {"instance": f"wm-worker-{run % 2 + 1}"}),
    ]


def log(path: str, message: str) -> None:
    print(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} {path} {message}", flush=True)


def run_once(job: Job, gateway: str) -> bool:
    os.environ["WM_JOB_PATH"] = job.path
    os.environ["PUSHGATEWAY_ADDR"] = gateway
    kwargs = job.args(job.runs)
    started = time.monotonic()
    try:
        result = job.main(**kwargs)
    except Exception as e:  # a failed Windmill job: log it and keep the schedule
        body = getattr(e, "read", lambda: b"")()[:200].decode(errors="replace").strip()
        log(job.path, f"FAILED run {job.runs + 1} after {time.monotonic() - started:.3f}s: "
                      f"{e}{' - ' + body if body else ''}")
        ok = False
    else:
        extra = f" result={result}" if result is not None else ""
        log(job.path, f"ok run {job.runs + 1} in {time.monotonic() - started:.3f}s{extra}")
        ok = True
    job.runs += 1
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gateway", default=os.environ.get("PUSHGATEWAY_ADDR", "127.0.0.1:9091"),
                        help="Pushgateway host:port (default: $PUSHGATEWAY_ADDR or 127.0.0.1:9091)")
    parser.add_argument("--nightly-stop-after", type=float,
                        default=float(os.environ.get("SIM_NIGHTLY_STOP_AFTER", "180")),
                        help="seconds until f/etl/nightly_import stops pushing (default 180)")
    parser.add_argument("--once", action="store_true", help="run every job once, then exit")
    opts = parser.parse_args()

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())

    schedule = jobs(opts.nightly_stop_after)
    for job in schedule:
        job.main = load_main(job.script)
    start = time.monotonic()
    print(f"scheduler: {len(schedule)} jobs pushing to {opts.gateway}", flush=True)

    if opts.once:
        results = [run_once(job, opts.gateway) for job in schedule]
        return 0 if all(results) else 1

    while not stop.is_set():
        now = time.monotonic()
        for job in schedule:
            if job.stop_after is not None and now - start >= job.stop_after:
                if job.next_run != float("inf"):
                    log(job.path, f"unscheduled after {job.stop_after:g}s (its group goes stale)")
                    job.next_run = float("inf")
                continue
            if now >= job.next_run:
                run_once(job, opts.gateway)
                job.next_run = now + job.every
        due = min(job.next_run for job in schedule)
        stop.wait(max(0.05, min(due - time.monotonic(), 1.0)))
    print("scheduler: stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
