"""A fault-injecting HTTP proxy for the end-to-end tests: it sits between nginx and one real
backend (scripts/lib/stack.sh's GATEWATCH_*_UPSTREAM) and, switched at runtime by the test,

    pass      forwards every request unchanged
    slow      holds each request `delay` seconds (or until the mode changes), then forwards it
    html502   answers 502 with an HTML page, like a proxy whose upstream is gone
    text503   answers 503 text/plain "Service Unavailable", like a starting Prometheus
    truncate  forwards, then answers 200 with the first half of the backend's body
    down      closes its listening socket: connections are refused, as with a stopped backend

Independently of the mode, paths ending in one of `missing` (a set the test fills) are answered
404 with nginx's HTML page, as by a server that has no such endpoint.

It records every request it sees per key (the path, plus the PromQL `query` parameter of
Prometheus queries, so that each chart panel has a key of its own) with its start and end, and
the most requests in flight at once per key. Bound to 127.0.0.1 only.
"""
import http.client
import threading
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

from loopback_http import DROPPED, LoopbackServer, path_and_query

MODES = ("pass", "slow", "html502", "text503", "truncate", "down")

HTML_404 = (b"<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
            b"<center><h1>404 Not Found</h1></center>\r\n</body>\r\n</html>\r\n")
HTML_502 = (b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>fault-proxy</center>\r\n"
            b"</body>\r\n</html>\r\n")
TEXT_503 = b"Service Unavailable"


def request_key(path, body):
    """'/api/v1/metrics', or '/api/v1/query_range?<PromQL>' when the request carries a query."""
    path, query = path_and_query(path, body)
    return f"{path}?{query}" if query else path


class FaultProxy(LoopbackServer):
    def __init__(self, port, upstream):
        super().__init__(port, _Handler)
        self.upstream_host, upstream_port = upstream.rsplit(":", 1)
        self.upstream_port = int(upstream_port)
        self.mode = "pass"
        self.delay = 0.0
        self.missing = set()
        self._lock = threading.Lock()
        self.reset_stats()

    # ---- control ----

    def set_mode(self, mode, delay=0.0):
        assert mode in MODES, mode
        self.mode, self.delay = mode, delay
        if mode == "down":
            self.stop()
        else:
            self.start()

    def reset_stats(self):
        with self._lock:
            self.requests = []  # dicts: key, mode, start, end (time.monotonic())
            self.in_flight = {}
            self.max_in_flight = {}

    # ---- statistics ----

    def starts(self, key_prefix, mode=None):
        """Start times of the requests whose key begins with key_prefix (and that met `mode`),
        oldest first."""
        with self._lock:
            return [r["start"] for r in self.requests
                    if r["key"].startswith(key_prefix) and mode in (None, r["mode"])]

    def max_concurrency(self):
        with self._lock:
            return dict(self.max_in_flight)

    def _enter(self, key):
        with self._lock:
            record = {"key": key, "mode": self.mode, "start": time.monotonic(), "end": None}
            self.requests.append(record)
            self.in_flight[key] = self.in_flight.get(key, 0) + 1
            self.max_in_flight[key] = max(self.max_in_flight.get(key, 0), self.in_flight[key])
            return record

    def _leave(self, record):
        with self._lock:
            record["end"] = time.monotonic()
            self.in_flight[record["key"]] -= 1


class _Handler(BaseHTTPRequestHandler):
    owner = None  # the FaultProxy, set by a subclass per proxy
    protocol_version = "HTTP/1.0"  # one request per connection: nginx never reuses a dead one

    def log_message(self, *args):
        pass

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        proxy = self.owner
        record = proxy._enter(request_key(self.path, body))
        try:
            mode = proxy.mode
            if any(urlsplit(self.path).path.endswith(suffix) for suffix in proxy.missing):
                return self._answer(404, "text/html", HTML_404)
            if mode == "slow":
                until = time.monotonic() + proxy.delay
                while proxy.mode == "slow" and time.monotonic() < until:
                    time.sleep(0.05)
            if mode == "html502":
                return self._answer(502, "text/html", HTML_502)
            if mode == "text503":
                return self._answer(503, "text/plain; charset=utf-8", TEXT_503)
            status, content_type, answer = self._forward(body)
            if mode == "truncate" and status == 200:
                answer = answer[: len(answer) // 2]
            return self._answer(status, content_type, answer)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client (nginx) gave up
        finally:
            proxy._leave(record)

    def _forward(self, body):
        proxy = self.owner
        upstream = http.client.HTTPConnection(proxy.upstream_host, proxy.upstream_port, timeout=60)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in DROPPED}
            upstream.request(self.command, self.path, body=body or None, headers=headers)
            response = upstream.getresponse()
            return response.status, response.getheader("Content-Type"), response.read()
        finally:
            upstream.close()

    def _answer(self, status, content_type, body):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_HEAD = do_DELETE = _handle
