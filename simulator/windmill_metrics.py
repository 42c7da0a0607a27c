#!/usr/bin/env python3
"""Simulated Windmill metrics: a stand-in for the `METRICS_ADDR` endpoints of a Windmill
(Enterprise Edition) server and its workers, for gatewatch's local stack, where no Windmill runs.

One process, one HTTP listener per simulated instance, so that Prometheus scrapes them as
separate targets (like the compose stack's containers):

  --port P        the server:   queue_count{tag}, pool_connections_{active,idle,max}
  P+1 .. P+N      N workers:    worker_started, worker_busy{name}, pool_connections_*,
                                worker_pull_duration{name,has_job} (histogram),
                                worker_save_duration{name} (histogram),
                                worker_execution_count{name,tag} (counter)

The names, types and labels are those of Windmill's Rust `prometheus` crate exposition (counters
keep their plain name, no `_total`), as used by deploy/grafana/dashboards/windmill_monitoring.json.
EVERY series also carries `simulated="true"`, and every `# HELP` text says it is simulated, so
nobody mistakes these numbers for a real Windmill's.

The values move: jobs arrive per tag into the server's queue, idle workers pull them (has_job
"true" pulls), run them for a while (worker_busy 1), count them per tag and save the result;
idle workers keep polling an empty queue (has_job "false" pulls). Seeded (--seed), so a run is
reproducible up to timing.

  windmill_metrics.py --port 9801 --workers 3     serve until SIGTERM/SIGINT
  windmill_metrics.py --dump worker-1             print one instance's exposition and exit
Stdlib only.
"""
import argparse
import math
import random
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SIMULATED = 'simulated="true"'
HELP_SUFFIX = " (SIMULATED by gatewatch simulator/windmill_metrics.py, not a real Windmill)"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

# The default buckets of the Rust prometheus crate (Windmill's histograms use them).
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

# tag -> (jobs arriving per second on average, mean run time in seconds)
TAGS = {
    "python3": (0.45, 2.0),
    "deno": (0.3, 1.2),
    "bun": (0.2, 0.8),
    "flow": (0.06, 4.0),
    "dependency": (0.03, 6.0),
}

TICK = 0.25  # seconds of simulated time per step
EMPTY_POLLS_PER_SECOND = 4  # an idle worker polls the queue this often (has_job="false")
SERVER_POOL_MAX = 50
WORKER_POOL_MAX = 8


def fmt(value: float) -> str:
    if value == math.inf:
        return "+Inf"
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def labels(**pairs: str) -> str:
    """`{a="x",b="y",simulated="true"}` - values here never need escaping."""
    inner = ",".join(f'{k}="{v}"' for k, v in pairs.items())
    return "{" + (inner + "," if inner else "") + SIMULATED + "}"


class Histogram:
    def __init__(self):
        self.counts = [0] * len(BUCKETS)  # non-cumulative, per bucket; +Inf is `count`
        self.sum = 0.0
        self.count = 0

    def observe(self, value: float) -> None:
        for i, bound in enumerate(BUCKETS):
            if value <= bound:
                self.counts[i] += 1
                break
        self.sum += value
        self.count += 1

    def lines(self, name: str, /, **pairs: str) -> list[str]:
        out, cumulative = [], 0
        for bound, n in zip(BUCKETS, self.counts):
            cumulative += n
            out.append(f"{name}_bucket{labels(**pairs, le=fmt(bound))} {cumulative}")
        out.append(f"{name}_bucket{labels(**pairs, le='+Inf')} {self.count}")
        out.append(f"{name}_sum{labels(**pairs)} {fmt(self.sum)}")
        out.append(f"{name}_count{labels(**pairs)} {self.count}")
        return out


class Pool:
    """A database connection pool: `active` is the pool's size (open connections, as sqlx's
    size()), `idle` those not in use; the dashboards plot active - idle as "in use"."""

    def __init__(self, rng: random.Random, maximum: int, base: int):
        self.rng, self.max, self.base = rng, maximum, base
        self.active, self.idle = base, base

    def step(self, load: float) -> None:
        in_use = min(self.max, max(0, round(self.base * load + self.rng.gauss(0, 1))))
        # the pool grows on demand and keeps a few spare connections around
        self.active = min(self.max, max(self.active - 1, in_use + self.rng.randint(1, 3)))
        self.idle = self.active - in_use


class Worker:
    def __init__(self, index: int, rng: random.Random):
        self.index = index
        self.name = f"wk-default-sim-worker-{index}"
        self.rng = rng
        self.busy_until = 0.0  # simulated time when the running job ends; 0: idle
        self.running_tag = ""
        self.executions = {tag: 0 for tag in TAGS}
        self.pull_job = Histogram()
        self.pull_empty = Histogram()
        self.save = Histogram()
        self.pool = Pool(rng, WORKER_POOL_MAX, base=2)
        self.poll_debt = 0.0

    def pull_seconds(self, has_job: bool) -> float:
        # a pull that finds a job also locks and updates it: slower than an empty poll
        median = 0.012 if has_job else 0.004
        return self.rng.lognormvariate(math.log(median), 0.8)

    def step(self, now: float, queue: dict[str, int]) -> None:
        if self.busy_until and now >= self.busy_until:
            self.executions[self.running_tag] += 1
            self.save.observe(self.rng.lognormvariate(math.log(0.02), 0.9))
            self.busy_until, self.running_tag = 0.0, ""
        if not self.busy_until:
            waiting = [tag for tag, n in queue.items() if n > 0]
            if waiting:
                tag = self.rng.choices(waiting, weights=[queue[t] for t in waiting])[0]
                queue[tag] -= 1
                self.pull_job.observe(self.pull_seconds(True))
                self.running_tag = tag
                self.busy_until = now + self.rng.expovariate(1 / TAGS[tag][1])
            else:
                self.poll_debt += EMPTY_POLLS_PER_SECOND * TICK
                while self.poll_debt >= 1:
                    self.pull_empty.observe(self.pull_seconds(False))
                    self.poll_debt -= 1
        self.pool.step(1.5 if self.busy_until else 0.5)

    def exposition(self) -> str:
        n = self.name
        out = [
            *meta("worker_started", "gauge", "Number of workers started"),
            f"worker_started{labels()} 1",
            *meta("worker_busy", "gauge", "Is the worker busy executing a job?"),
            f"worker_busy{labels(name=n)} {1 if self.busy_until else 0}",
            *pool_lines(self.pool),
            *meta("worker_pull_duration", "histogram", "Duration pulling next job"),
            *self.pull_job.lines("worker_pull_duration", name=n, has_job="true"),
            *self.pull_empty.lines("worker_pull_duration", name=n, has_job="false"),
            *meta("worker_save_duration", "histogram", "Duration sending job to completed job channel"),
            *self.save.lines("worker_save_duration", name=n),
            *meta("worker_execution_count", "counter", "Number of executed jobs"),
        ]
        out += [f"worker_execution_count{labels(name=n, tag=tag)} {count}"
                for tag, count in self.executions.items() if count]
        return "\n".join(out) + "\n"


class Server:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.queue = {tag: 0 for tag in TAGS}
        self.pool = Pool(rng, SERVER_POOL_MAX, base=6)
        self.burst_left = 0.0

    def step(self) -> None:
        # now and then a burst (a schedule firing many jobs at once) that the workers drain
        if self.burst_left <= 0 and self.rng.random() < TICK / 90:
            self.burst_left = self.rng.uniform(5, 15)
        factor = 6.0 if self.burst_left > 0 else 1.0
        self.burst_left -= TICK
        for tag, (rate, _) in TAGS.items():
            self.queue[tag] += poisson(self.rng, rate * factor * TICK)
        self.pool.step(1.0 + sum(self.queue.values()) / 10)

    def exposition(self) -> str:
        out = [
            *meta("queue_count", "gauge", "Number of jobs in the queue"),
            *[f"queue_count{labels(tag=tag)} {n}" for tag, n in self.queue.items()],
            *pool_lines(self.pool),
        ]
        return "\n".join(out) + "\n"


def meta(name: str, kind: str, help_text: str) -> list[str]:
    return [f"# HELP {name} {help_text}{HELP_SUFFIX}", f"# TYPE {name} {kind}"]


def pool_lines(pool: Pool) -> list[str]:
    return [
        *meta("pool_connections_active", "gauge", "Number of active postgresql connections in the pool"),
        f"pool_connections_active{labels()} {pool.active}",
        *meta("pool_connections_idle", "gauge", "Number of idle postgresql connections in the pool"),
        f"pool_connections_idle{labels()} {pool.idle}",
        *meta("pool_connections_max", "gauge", "Number of max postgresql connections in the pool"),
        f"pool_connections_max{labels()} {pool.max}",
    ]


def poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


class Simulation:
    """The shared state of one server and its workers; step() advances it by TICK seconds."""

    def __init__(self, workers: int, seed: int):
        rng = random.Random(seed)
        self.lock = threading.Lock()
        self.server = Server(rng)
        self.workers = [Worker(i, rng) for i in range(1, workers + 1)]
        self.now = 0.0

    def step(self) -> None:
        with self.lock:
            self.now += TICK
            self.server.step()
            for worker in self.workers:
                worker.step(self.now, self.server.queue)

    def exposition(self, instance: str) -> str:
        with self.lock:
            if instance == "server":
                role, body = "server", self.server.exposition()
            else:
                worker = self.workers[int(instance.removeprefix("worker-")) - 1]
                role, body = f"worker {worker.name}", worker.exposition()
        return (f"# gatewatch: SIMULATED Windmill {role}; every series carries {SIMULATED}\n" + body)


def serve(sim: Simulation, host: str, port: int, instance: str) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.split("?")[0] == "/metrics":
                body, ctype, status = sim.exposition(instance).encode(), CONTENT_TYPE, 200
            elif self.path == "/":
                body = (f"gatewatch: simulated Windmill {instance} (not a real Windmill); "
                        "metrics at /metrics\n").encode()
                ctype, status = "text/plain; charset=utf-8", 200
            else:
                body, ctype, status = b"not found\n", "text/plain; charset=utf-8", 404
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_):  # scrapes every second: keep the log quiet
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name=f"http-{instance}", daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1", help="listen address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=9801,
                        help="the server's port; worker i listens on PORT+i (default 9801)")
    parser.add_argument("--workers", type=int, default=3, help="number of workers (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--dump", metavar="INSTANCE",
                        help="print the exposition of 'server' or 'worker-N' after 2 simulated "
                             "minutes, then exit (no listener)")
    opts = parser.parse_args()
    if opts.workers < 1:
        parser.error("--workers must be at least 1")

    sim = Simulation(opts.workers, opts.seed)
    if opts.dump:
        for _ in range(int(120 / TICK)):
            sim.step()
        sys.stdout.write(sim.exposition(opts.dump))
        return 0

    instances = ["server"] + [f"worker-{i}" for i in range(1, opts.workers + 1)]
    servers = [serve(sim, opts.host, opts.port + i, name) for i, name in enumerate(instances)]
    print(f"windmill_metrics: simulated Windmill server on {opts.host}:{opts.port}, "
          f"{opts.workers} workers on ports {opts.port + 1}-{opts.port + opts.workers}", flush=True)

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    next_tick = time.monotonic()
    while not stop.is_set():
        sim.step()
        next_tick += TICK
        stop.wait(max(0.0, next_tick - time.monotonic()))
    for server in servers:
        server.shutdown()
    print("windmill_metrics: stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
