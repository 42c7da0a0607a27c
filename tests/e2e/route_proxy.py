"""A recording, prefix-routing HTTP proxy for the end-to-end tests: Chromium opens the console
through it, so every path it routes is on the console's own origin (the CSP's connect-src 'self'
holds, no CORS). Requests whose path starts with one of `routes`' prefixes go to that route's
upstream with the prefix replaced (e.g. /prometheus-b/api/v1/query -> another stack's nginx at
/prometheus/api/v1/query); all others go to the default upstream unchanged (the main stack's
nginx: the page, /prometheus/, /pushgateway/).

It records every request when it arrives (before forwarding, so a request that hangs on a frozen
backend is recorded too): the path as the browser sent it, the PromQL `query` parameter if any,
and its time.monotonic(). Bound to 127.0.0.1 only; one request per connection (HTTP/1.0).
"""
import http.client
import threading
import time
from http.server import BaseHTTPRequestHandler

from loopback_http import DROPPED, LoopbackServer, path_and_query
# send_response() writes its own Server and Date.
NOT_ANSWERED = DROPPED | {"server", "date"}


class RouteProxy(LoopbackServer):
    def __init__(self, port, default_upstream, routes):
        """default_upstream: "host:port"; routes: {prefix: ("host:port", replacement prefix)}."""
        super().__init__(port, _Handler)
        self.origin = f"http://127.0.0.1:{port}"
        self.default_upstream = default_upstream
        self.routes = dict(routes)
        self._lock = threading.Lock()
        self._requests = []  # dicts: path, query, start

    def requests(self, prefix="", since=None):
        """The requests whose path starts with prefix (and that arrived after `since`), oldest
        first, as dicts with path, query and start (time.monotonic())."""
        with self._lock:
            return [dict(r) for r in self._requests
                    if r["path"].startswith(prefix) and (since is None or r["start"] >= since)]

    def _record(self, path, body):
        path, query = path_and_query(path, body)
        with self._lock:
            self._requests.append({"path": path, "query": query, "start": time.monotonic()})

    def _route(self, path):
        for prefix, (upstream, replacement) in self.routes.items():
            if path.startswith(prefix):
                return upstream, replacement + path[len(prefix):]
        return self.default_upstream, path


class _Handler(BaseHTTPRequestHandler):
    owner = None  # the RouteProxy, set by a subclass per proxy
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        proxy = self.owner
        proxy._record(self.path, body)
        upstream, path = proxy._route(self.path)
        host, port = upstream.rsplit(":", 1)
        connection = http.client.HTTPConnection(host, int(port), timeout=120)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in DROPPED}
            connection.request(self.command, path, body=body or None, headers=headers)
            response = connection.getresponse()
            answer = response.read()
            self.send_response(response.status, response.reason)
            for name, value in response.getheaders():
                if name.lower() not in NOT_ANSWERED:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(answer)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser gave up (an aborted fetch)
        finally:
            connection.close()

    do_GET = do_POST = do_HEAD = do_DELETE = do_PUT = _handle
