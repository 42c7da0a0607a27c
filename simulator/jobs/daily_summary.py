# A job whose groups carry extra grouping labels besides job; the tag value contains '/', so
# prometheus_client sends it as tag@base64/<urlsafe base64> like the job path.
import os
import random

from prometheus_client import CollectorRegistry, Gauge, push_to_gateway


def main(instance: str = "wm-worker-1", tag: str = "region/eu-west"):
    gateway = os.environ.get("PUSHGATEWAY_ADDR", "prometheus_gateway:9091")
    registry = CollectorRegistry()
    Gauge("report_pages", "Pages in the generated report", registry=registry).set(
        random.randint(1, 30)
    )
    push_to_gateway(
        gateway,
        job=os.environ["WM_JOB_PATH"],
        registry=registry,
        grouping_key={"instance": instance, "tag": tag},
    )
