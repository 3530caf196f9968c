"""The preview's HTTP server (127.0.0.1 only) and the file watcher that re-renders on save.

The server answers only requests addressed to ``127.0.0.1:PORT`` or ``localhost:PORT`` (403
otherwise: a page on another site that reaches it through DNS rebinding cannot read the brief),
and no request that a page on another site makes in the background. It serves a bounded number
of connections at once and closes idle ones (limits: ``briefgen/data/preview.yaml``). A bad
request gets 400 and one line in the terminal, never a traceback.
"""

from __future__ import annotations

import json
import threading
import time
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from .page import preview_page
from .render import Renderer

WATCHED_SUFFIXES = {".yaml", ".yml", ".j2", ".css", ".docx", ".svg", ".png", ".jpg", ".jpeg", ".gif",
                    ".txt", ".html", ".pdf", ".json"}


@lru_cache(maxsize=1)
def limits() -> dict:
    """``server`` of briefgen/data/preview.yaml."""
    from importlib import resources

    import yaml

    return yaml.safe_load(resources.files("briefgen").joinpath("data/preview.yaml").read_text("utf-8"))["server"]


BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
        b"Retry-After: 1\r\nConnection: close\r\n\r\nbusy\n")


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, address, renderer: Renderer, say: Callable[[str], None] = lambda line: None):
        self.request_queue_size = limits()["listen_backlog"]  # read by server_activate()
        super().__init__(address, Handler)
        self.renderer = renderer
        self.say = say
        self.changed = threading.Condition()
        self.stopping = threading.Event()
        port = self.server_address[1]
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.slots = threading.BoundedSemaphore(limits()["max_connections"])
        self._told: dict[str, float] = {}

    def announce(self) -> None:
        with self.changed:
            self.changed.notify_all()

    def tell(self, line: str, key: str | None = None) -> None:
        """One line in the terminal; the same ``key`` at most every 10 s (a page that retries
        must not flood the terminal)."""
        now = time.monotonic()
        if key is not None:
            if now - self._told.get(key, -10.0) < 10.0:
                return
            self._told[key] = now
        self.say(f"preview: {line}")

    def process_request(self, request, client_address) -> None:
        """A thread per connection, up to ``max_connections``; beyond that, 503 at once."""
        if not self.slots.acquire(blocking=False):
            self.tell(f"more than {limits()['max_connections']} connections at once: the others are refused "
                      "(briefgen/data/preview.yaml, max_connections)", "busy")
            try:
                request.sendall(BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request, client_address) -> None:
        """One line, not a traceback, for a request that failed in a way not foreseen."""
        import sys

        kind, error = sys.exc_info()[:2]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return  # the client went away or stayed silent: nothing to report
        self.tell(f"a request failed: {kind.__name__ if kind else 'error'}: {error}", "error")


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        self.timeout = limits()["idle_timeout_seconds"]  # applied to the connection by setup()
        super().setup()

    def log_message(self, format, *args):  # quiet: the terminal shows renders and problems
        return

    def _send(self, body: bytes, kind: str, extra: dict | None = None) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page went away (reloaded, closed) while we answered: nothing to do

    def _refuse(self, status: HTTPStatus, line: str, key: str) -> None:
        self.server.tell(line, key)
        body = f"{status.value} {status.phrase}: {line}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def _allowed(self) -> bool:
        """Addressed to this server by name (no DNS rebinding) and not fetched in the background
        by a page on another site."""
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in self.server.hosts:
            self._refuse(HTTPStatus.FORBIDDEN, f"refused a request for host '{host[:80]}': the preview answers only "
                         f"{' and '.join(sorted(self.server.hosts))}", "host:" + host[:80])
            return False
        if self.headers.get("Sec-Fetch-Site") == "cross-site" and self.headers.get("Sec-Fetch-Mode") != "navigate":
            self._refuse(HTTPStatus.FORBIDDEN, "refused a request made by a page on another site", "cross-site")
            return False
        return True

    def do_GET(self):  # noqa: N802 - http.server's naming
        if not self._allowed():
            return
        url = urlsplit(self.path)
        snap = self.server.renderer.snapshot
        path = url.path
        if path == "/":
            self._send(preview_page(snap).encode("utf-8"), "text/html; charset=utf-8",
                       {"Content-Security-Policy": "default-src 'self'; style-src 'unsafe-inline'; "
                                                   "script-src 'unsafe-inline'; img-src 'self'"})
        elif path == "/version":
            self._send(str(snap.version).encode(), "text/plain")
        elif path == "/events":
            since = parse_qs(url.query).get("since", ["0"])[-1] or "0"
            if not (since.isascii() and since.isdigit() and len(since) <= 18):
                self._refuse(HTTPStatus.BAD_REQUEST, f"bad request {self.path[:80]!r}: 'since' must be a render "
                             "number", "since")
                return
            self._events(int(since))
        elif path.startswith("/page/") and path.endswith(".png"):
            try:
                self._send(snap.pages[int(path[6:-4]) - 1], "image/png")
            except (ValueError, IndexError):
                self.send_error(HTTPStatus.NOT_FOUND)
        elif path == "/checks":
            done = self.server.renderer.finished()
            self._send(json.dumps({"version": done.version, "checks": list(done.checks)}).encode(),
                       "application/json")
        elif snap.rendered_ok and path == f"/files/{snap.name}.pdf":
            done = self.server.renderer.finished()
            self._send(done.pdf, "application/pdf", {"Content-Disposition": f'inline; filename="{snap.name}.pdf"'})
        elif snap.rendered_ok and path == f"/files/{snap.name}.docx":
            self._send(self.server.renderer.docx(snap),
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       {"Content-Disposition": f'attachment; filename="{snap.name}.docx"'})
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _events(self, since: int) -> None:
        """Server-Sent Events: the render version, whenever it is newer than the page's."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            while not self.server.stopping.is_set():
                version = self.server.renderer.snapshot.version
                if version > since:
                    self.wfile.write(f"data: {version}\n\n".encode())
                    self.wfile.flush()
                    since = version
                with self.server.changed:
                    if self.server.renderer.snapshot.version <= since:
                        self.server.changed.wait(timeout=10)
                if self.server.renderer.snapshot.version <= since:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return


def relevant(changes, folders: list[Path]) -> bool:
    """Whether a set of watchfiles changes touches this brief's files (not editor temp files)."""
    for _, name in changes:
        path = Path(name)
        if path.name.startswith(".") or path.name.endswith("~") or path.suffix.lower() not in WATCHED_SUFFIXES:
            continue
        if any(path.resolve().is_relative_to(folder.resolve()) for folder in folders):
            return True
    return False


def watch(renderer: Renderer, server: PreviewServer, saved: Callable[[], None]) -> None:
    """Call ``saved()`` whenever a content or template file of this brief is saved (a thread)."""
    import watchfiles

    folders = renderer.watched()
    for changes in watchfiles.watch(*folders, stop_event=server.stopping, debounce=400, step=30,
                                    rust_timeout=500, yield_on_timeout=False, raise_interrupt=False):
        if server.stopping.is_set():
            return
        if relevant(changes, folders):
            saved()
