"""A headless Chromium spoken to over the Chrome DevTools Protocol on a pipe.

``chromium --remote-debugging-pipe`` reads DevTools commands from file descriptor 3 and writes
answers and events to descriptor 4, each message JSON ended by a NUL byte (what Puppeteer and
Playwright use). Starting one is a plain ``Popen``: no driver process, no HTTP hop, no thread,
so a build can start the browser first thing and fork its workers afterwards. The browser gets a
throw-away profile folder and no network: every host name but 127.0.0.1 (the preview
server) resolves to nothing.

Commands are answered in order; ``call`` waits for its answer (with a time limit, so a browser
that hangs fails the build with a message instead of hanging it) and keeps events aside.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import tempfile
import time

FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
    "--disable-component-update", "--disable-default-apps", "--disable-sync", "--disable-breakpad",
    "--mute-audio", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    # the browser's own pages (the omnibox popup, preloaded) cost a renderer and 0.3-0.45 s of CPU;
    # a name this Chromium does not know is ignored
    "--disable-features=WebUIOmniboxAimPopup,WebUIOmniboxPopup,WebUIOmniboxFullPopup,PreloadTopChromeWebUI",
    # nobody looks at these pages: a tab opened with enableBeginFrameControl draws a frame only
    # when asked (never), while layout, which axe-core needs, still runs on demand (13 % less
    # CPU over 12 briefs, same findings)
    "--enable-begin-frame-control",
)
TIMEOUT = 60.0  # seconds to wait for one answer

_OPEN_FDS: set[int] = set()  # our ends of every live browser's pipes: closed in forked children


def _close_in_child() -> None:
    for fd in list(_OPEN_FDS):
        try:
            os.close(fd)
        except OSError:
            pass
    _OPEN_FDS.clear()


os.register_at_fork(after_in_child=_close_in_child)


def _above_4(fd: int) -> int:
    """``fd`` moved to a number above 4, so the redirections onto 3 and 4 cannot clobber it."""
    import fcntl

    if fd > 4:
        return fd
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


class _Spawned:
    """The browser process: ``pid``, ``poll()`` and ``wait(timeout)`` like a ``Popen``'s."""

    def __init__(self, pid: int):
        import threading

        self.pid = pid
        self.returncode: int | None = None
        # the build's thread that talks to the browser polls it too (to say why it stopped)
        # while the main thread ends it: one waitpid at a time, or the second finds no child
        self._lock = threading.Lock()

    def poll(self) -> int | None:
        with self._lock:
            if self.returncode is None:
                try:
                    pid, status = os.waitpid(self.pid, os.WNOHANG)
                except ChildProcessError:  # not ours to wait for any more
                    self.returncode = -1
                    return self.returncode
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
            return self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() >= deadline:
                return None
            time.sleep(0.01)
        return self.returncode


class BrowserError(RuntimeError):
    """The browser stopped, hung or refused a command."""


class Chromium:
    """One headless browser process; ``call(method, params, session)`` sends a DevTools command."""

    def __init__(self, binary: str, width: int = 1100, height: int = 1400):
        self.profile = tempfile.mkdtemp(prefix="briefgen-chromium-")
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        to_browser_r, from_browser_w = _above_4(to_browser_r), _above_4(from_browser_w)

        # posix_spawn puts the pipe ends on the browser's fds 3 and 4 and starts it in a session
        # of its own (closing kills every helper process of its group); unlike a Popen
        # ``preexec_fn`` it is safe in a process with threads (a pool's manager thread)
        null = os.devnull
        try:
            self.process = _Spawned(os.posix_spawn(
                binary, [binary, *FLAGS, "--remote-debugging-pipe", f"--user-data-dir={self.profile}",
                         f"--window-size={width},{height}", "about:blank"], os.environ,
                file_actions=[(os.POSIX_SPAWN_DUP2, to_browser_r, 3), (os.POSIX_SPAWN_DUP2, from_browser_w, 4),
                              (os.POSIX_SPAWN_OPEN, 0, null, os.O_RDONLY, 0),
                              (os.POSIX_SPAWN_OPEN, 1, null, os.O_WRONLY, 0),
                              (os.POSIX_SPAWN_OPEN, 2, null, os.O_WRONLY, 0)],
                setsid=True))
        except OSError as exc:
            for fd in (to_browser_r, to_browser_w, from_browser_r, from_browser_w):
                os.close(fd)
            shutil.rmtree(self.profile, ignore_errors=True)
            raise BrowserError(f"cannot start {binary}: {exc.strerror or exc}") from None
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._out, self._in = to_browser_w, from_browser_r
        _OPEN_FDS.update((self._out, self._in))
        self._buffer = b""
        self._next = 0
        self._killed = False
        self.events: list[dict] = []

    def call(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = TIMEOUT) -> dict:
        """Send a command and return its ``result``; raise ``BrowserError`` on an error answer."""
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode("utf-8") + b"\0"
        try:
            while data:
                data = data[os.write(self._out, data):]
        except OSError:
            raise BrowserError(f"the browser stopped (exit status {self.process.poll()})") from None
        answer = self._wait(lambda m: m.get("id") == self._next, timeout, method)
        if "error" in answer:
            raise BrowserError(f"{method}: {answer['error'].get('message', answer['error'])}")
        return answer.get("result", {})

    def wait_event(self, method: str, session: str | None = None, timeout: float = TIMEOUT) -> dict:
        for i, event in enumerate(self.events):
            if event.get("method") == method and event.get("sessionId") == session:
                return self.events.pop(i)
        return self._wait(lambda m: m.get("method") == method and m.get("sessionId") == session, timeout, method)

    def _wait(self, wanted, timeout: float, what: str) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([self._in], [], [], left)[0]:
                    raise BrowserError(f"no answer to {what} within {timeout:g} s")
                chunk = os.read(self._in, 1 << 20)
                if not chunk:
                    raise BrowserError(f"the browser stopped (exit status {self.process.poll()})")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            message = json.loads(raw)
            if wanted(message):
                return message
            if "method" in message:
                self.events.append(message)

    def kill(self) -> None:
        """End the browser and every helper process of its group (a command waiting for an
        answer then fails with "the browser stopped"). By signal, not ``Browser.close``: the
        profile is thrown away, so there is nothing to save, and a polite shutdown cost 0.1 s
        of waiting at the end of every build."""
        if not self._killed:
            self._killed = True
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self.process.wait()

    def close(self) -> None:
        """``kill()``, then close the pipes and remove the profile folder. Not while another
        thread is still waiting for an answer: kill, let it finish, then close."""
        self.kill()
        for fd in (self._out, self._in):
            _OPEN_FDS.discard(fd)
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)
