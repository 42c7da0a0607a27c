"""Helpers for the end-to-end tests: push to the test gateway directly (as a Windmill job
would), read its groups, build the same group paths as the console."""
import base64
import time
import uuid

import requests
from prometheus_client import CollectorRegistry, Gauge, push_to_gateway


def unique_job(prefix="e2e"):
    """A fresh job path containing '/', like a Windmill script path."""
    return f"{prefix}/{uuid.uuid4().hex[:10]}/job"


def push_group(gateway, job, metrics, grouping_key=None):
    """Push gauges {name: value} to gateway ("127.0.0.1:PORT") as one group.
    prometheus_client sends job and label values containing '/' as <name>@base64/<value>."""
    registry = CollectorRegistry()
    for name, value in metrics.items():
        Gauge(name, f"e2e gauge {name}", registry=registry).set(value)
    push_to_gateway(gateway, job=job, registry=registry, grouping_key=grouping_key or {})


def gateway_groups(gateway_url):
    """The gateway's /api/v1/metrics data: a list of groups (dicts with "labels", ...)."""
    response = requests.get(f"{gateway_url}/api/v1/metrics", timeout=10)
    response.raise_for_status()
    return response.json()["data"]


def find_group(gateway_url, labels):
    """The group whose grouping labels are exactly `labels` (instance="" is implicit), or None."""
    want = {"instance": "", **labels}
    for group in gateway_groups(gateway_url):
        if {"instance": "", **group["labels"]} == want:
            return group
    return None


def group_path(labels):
    """/metrics/job@base64/<job>/<name>@base64/<value>... - every value urlsafe-base64 encoded,
    an empty one written '='. Job first, then the other labels sorted."""
    def segment(name, value):
        encoded = base64.urlsafe_b64encode(value.encode()).decode() or "="
        return f"/{name}@base64/{encoded}"

    rest = sorted((k, v) for k, v in labels.items() if k != "job")
    return "/metrics" + segment("job", labels["job"]) + "".join(segment(k, v) for k, v in rest)


def wait_until(predicate, timeout=10.0, interval=0.1, what="condition"):
    """Poll predicate() until it returns a truthy value; return it or fail after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def push_twice(stack, job, metrics, apart):
    """Two pushes of the group `job`, the second `apart` seconds after the backend has scraped the
    first (it may scrape a new target late, and VictoriaMetrics finds a new series ~10 s after
    its first scrape). Returns both push times once the backend holds both, as it stores them."""
    selector = f'push_time_seconds{{exported_job="{job}"}}'

    def scraped_push_time(other_than=None):
        response = requests.post(f"{stack.prometheus_url}/api/v1/query", data={"query": selector},
                                 timeout=10)
        values = [float(s["value"][1]) for s in response.json()["data"]["result"]]
        return next((v for v in values if v != other_than), None)

    push_group(stack.gateway, job, metrics)
    first = wait_until(scraped_push_time, timeout=40, interval=0.2,
                       what=f"the first push of {job} scraped")
    time.sleep(apart)
    push_group(stack.gateway, job, metrics)
    second = wait_until(lambda: scraped_push_time(other_than=first), timeout=40, interval=0.2,
                        what=f"the second push of {job} scraped")
    return first, second
