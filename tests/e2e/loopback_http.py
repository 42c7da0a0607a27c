"""What the tests' HTTP proxies share: a threaded server on 127.0.0.1 that can be started and
stopped at will, the headers a proxy does not pass on, and the PromQL a request carries."""
import threading
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# Not forwarded: hop-by-hop headers, the length (recomputed), Accept-Encoding (plain bodies can be
# cut and read), Host (http.client sets the upstream's).
DROPPED = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
           "upgrade", "accept-encoding", "host", "content-length"}


def path_and_query(path, body):
    """The request's path without its query string, and its PromQL `query` parameter (from the
    URL or a form body), or None."""
    url = urlsplit(path)
    query = parse_qs(url.query).get("query") or parse_qs(body.decode("utf-8", "replace")).get("query")
    return url.path, query[0] if query else None


class LoopbackServer:
    """Serves `handler` (a BaseHTTPRequestHandler subclass whose `owner` becomes this object) on
    127.0.0.1:port, one thread per request."""

    def __init__(self, port, handler):
        self.port = port
        self.handler = handler
        self._server = None
        self._thread = None

    def start(self):
        if self._server is not None:
            return
        Handler = type("Handler", (self.handler,), {"owner": self})
        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        server.daemon_threads = True  # a request hanging on a frozen backend never blocks stop()
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()

    def stop(self):
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
            self._thread.join(timeout=5)
