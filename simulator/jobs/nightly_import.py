# An ETL job that pushes while it is scheduled; the simulator unschedules it after a few
# minutes, so its group goes stale on the gateway (what gatewatch must flag as late/stale).
import os
import random
import time

from prometheus_client import CollectorRegistry, Counter, Gauge, push_to_gateway


def main():
    gateway = os.environ.get("PUSHGATEWAY_ADDR", "prometheus_gateway:9091")
    registry = CollectorRegistry()
    rows = Counter("etl_rows_imported", "Rows imported by the last run", registry=registry)
    rows.inc(random.randint(1_000, 5_000))  # exposed as etl_rows_imported_total
    duration = Gauge("etl_duration_seconds", "Duration of the last run", registry=registry)
    duration.set(round(random.uniform(2, 40), 2))
    Gauge(
        "etl_last_success_timestamp_seconds", "End of the last successful run", registry=registry
    ).set(time.time())
    push_to_gateway(gateway, job=os.environ["WM_JOB_PATH"], registry=registry)
