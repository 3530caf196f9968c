"""``briefgen preview``: a local page showing one brief as it will print, re-rendered on save.

The server listens on 127.0.0.1 only (a random free port unless ``--port``). The page shows the
pages, the page and word budget, the fit and what the fit loop dropped, links to the PDF and DOCX,
and any problem of the latest save as ``file:line: field: message`` above the last good pages.
Nothing is written to disk, so stopping (Ctrl-C) can leave no partial file.
"""

from __future__ import annotations

import threading
from typing import Callable

from .render import PreviewOptions, Renderer, Snapshot

__all__ = ["preview", "start", "PreviewOptions", "Snapshot"]


def describe(snap: Snapshot) -> list[str]:
    """Terminal lines for a render."""
    if snap.problems:
        return [*snap.problems, f"render {snap.version}: failed; the page keeps the last good render"]
    words = f"{snap.words}" + (f"/{snap.budget_words}" if snap.budget_words else "")
    dropped = f", dropped {len(snap.dropped)}" if snap.dropped else ""
    return [f"render {snap.version}: {snap.name}: {len(snap.pages)}/{snap.budget_pages} pages "
            f"({snap.used_pages:.2f} used), {words} words{dropped}, {snap.seconds:.2f} s"]


def start(options: PreviewOptions, say: Callable[[str], None] = print):
    """Render once, start the server and the watcher; return ``(server, threads)``. Stop with
    ``stop(server, threads)``."""
    from .server import PreviewServer, watch

    renderer = Renderer(options)
    server = PreviewServer((options.host, options.port), renderer)

    def report(snap: Snapshot) -> None:
        for line in describe(snap):
            say(line)

    report(renderer.render())
    threads = [threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True,
                                name="preview-http"),
               threading.Thread(target=watch, args=(renderer, server, report), daemon=True, name="preview-watch")]
    for thread in threads:
        thread.start()
    return server, threads


def stop(server, threads) -> None:
    server.stopping.set()
    server.announce()
    server.shutdown()
    server.server_close()
    for thread in threads:
        thread.join(timeout=5)


def preview(options: PreviewOptions, say: Callable[[str], None] = print) -> None:
    """Serve the preview until interrupted (Ctrl-C)."""
    server = threads = None
    try:
        server, threads = start(options, say)
        host, port = server.server_address[:2]
        say(f"preview of {server.renderer.snapshot.name or server.renderer.folder.name} at "
            f"http://{host}:{port}/ (Ctrl-C to stop)")
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            stop(server, threads)
    say("preview stopped")
