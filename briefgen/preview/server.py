"""The preview's HTTP server (127.0.0.1 only) and the file watcher that re-renders on save."""

from __future__ import annotations

import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from .page import preview_page
from .render import Renderer

WATCHED_SUFFIXES = {".yaml", ".yml", ".j2", ".css", ".docx", ".svg", ".png", ".jpg", ".jpeg", ".gif",
                    ".txt", ".html", ".pdf", ".json"}


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, address, renderer: Renderer):
        super().__init__(address, Handler)
        self.renderer = renderer
        self.changed = threading.Condition()
        self.stopping = threading.Event()

    def announce(self) -> None:
        with self.changed:
            self.changed.notify_all()


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

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

    def do_GET(self):  # noqa: N802 - http.server's naming
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
            self._events(int(parse_qs(url.query).get("since", ["0"])[0] or 0))
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
