"""``briefgen preview``: a local page showing one brief as it will print, re-rendered on save.

The server listens on 127.0.0.1 only (a random free port unless ``--port``). The page shows the
pages, the page and word budget, the fit and what the fit loop dropped, links to the PDF and DOCX,
and any problem of the latest save as ``file:line: field: message`` above the last good pages.
Nothing is written to disk, so stopping (Ctrl-C) can leave no partial file.
"""

from __future__ import annotations

import queue
import threading
from typing import Callable

from .render import PreviewOptions, Renderer, Snapshot

__all__ = ["preview", "start", "Preview", "PreviewOptions", "Snapshot"]


def describe(snap: Snapshot) -> list[str]:
    """Terminal lines for a render."""
    if snap.problems:
        kept = f"the page keeps render {snap.number}" if snap.rendered_ok else "nothing rendered yet"
        return [*snap.problems, f"render failed; {kept}"]
    words = f"{snap.words}" + (f"/{snap.budget_words}" if snap.budget_words else "")
    dropped = f", dropped {len(snap.dropped)}" if snap.dropped else ""
    return [f"render {snap.number}: {snap.name}: {len(snap.pages)}/{snap.budget_pages} pages "
            f"({snap.used_pages:.2f} used), {words} words{dropped}, {snap.seconds:.2f} s"]


class Preview:
    """A running preview: the server thread, the watcher thread and the render loop.

    Renders run in whichever thread calls ``render_loop`` -- the main thread for ``briefgen
    preview``, so the template time limit (a SIGALRM timer, main thread only) applies as in a
    build -- or in a thread of their own when ``start(..., render_thread=True)`` (tests)."""

    def __init__(self, options: PreviewOptions, say: Callable[[str], None]):
        from .server import PreviewServer

        self.say = say
        self.renderer = Renderer(options)
        self.server = PreviewServer((options.host, options.port), self.renderer, say)
        self.saves = queue.Queue()
        self.threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def render(self) -> None:
        for line in describe(self.renderer.render(on_publish=self.server.announce)):
            self.say(line)

    def render_loop(self) -> None:
        """Render after each save (saves arriving during a render make one more render)."""
        while not self.server.stopping.is_set():
            try:
                self.saves.get(timeout=0.5)
            except queue.Empty:
                continue
            while not self.saves.empty():
                self.saves.get_nowait()
            self.render()

    def stop(self) -> None:
        self.server.stopping.set()
        self.server.announce()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)


def start(options: PreviewOptions, say: Callable[[str], None] = print, render_thread: bool = True) -> Preview:
    """Render once and start serving and watching; ``stop()`` the result to end."""
    from .server import watch

    running = Preview(options, say)
    running.render()
    running.threads = [
        threading.Thread(target=running.server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True,
                         name="preview-http"),
        threading.Thread(target=watch, args=(running.renderer, running.server, lambda: running.saves.put(1)),
                         daemon=True, name="preview-watch"),
    ]
    if render_thread:
        running.threads.append(threading.Thread(target=running.render_loop, daemon=True, name="preview-render"))
    for thread in running.threads:
        thread.start()
    return running


def preview(options: PreviewOptions, say: Callable[[str], None] = print) -> None:
    """Serve the preview until interrupted (Ctrl-C); renders run in this (the main) thread."""
    running = None
    try:
        running = start(options, say, render_thread=False)
        say(f"preview of {running.renderer.snapshot.name or running.renderer.folder.name} at "
            f"{running.url} (Ctrl-C to stop)")
        running.render_loop()
    except KeyboardInterrupt:
        pass
    finally:
        if running is not None:
            running.stop()
    say("preview stopped")
