# Windmill's Pushgateway tutorial script: push one random gauge per run, grouped by the
# script's path (WM_JOB_PATH, e.g. "u/admin/random_number_metric_script").
import os
import random

from prometheus_client import CollectorRegistry, Gauge, push_to_gateway


def main():
    # Inside Windmill's docker compose the gateway service is called prometheus_gateway.
    gateway = os.environ.get("PUSHGATEWAY_ADDR", "prometheus_gateway:9091")
    registry = CollectorRegistry()
    gauge = Gauge(
        "job_records_processed",
        "Number of records processed by the job",
        registry=registry,
    )
    value = random.randint(0, 100)
    gauge.set(value)
    # The job path contains '/': prometheus_client sends it as job@base64/<urlsafe base64>.
    push_to_gateway(gateway, job=os.environ["WM_JOB_PATH"], registry=registry)
    return value
