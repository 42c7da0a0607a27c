# A job whose pushes fail after its first good one: it starts exposing job_records_processed
# as a summary while the tutorial script's group holds that name as a gauge. The gateway answers
# 400 and records push_failure_time_seconds on this group, keeping the last good metrics.
import os
import random

from prometheus_client import CollectorRegistry, Gauge, Summary, push_to_gateway


def main(break_schema: bool = False):
    gateway = os.environ.get("PUSHGATEWAY_ADDR", "prometheus_gateway:9091")
    registry = CollectorRegistry()
    Gauge("invoices_synced", "Invoices synced by the last run", registry=registry).set(
        random.randint(10, 200)
    )
    if break_schema:
        # A plain Counter would not conflict: Counter("x") is exposed as x_total.
        Summary(
            "job_records_processed", "Records processed (wrong type)", registry=registry
        ).observe(1)
    push_to_gateway(gateway, job=os.environ["WM_JOB_PATH"], registry=registry)
