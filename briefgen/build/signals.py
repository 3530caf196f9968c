"""Signals during a build: Ctrl-C (SIGINT), SIGTERM and SIGHUP unwind the build like an
exception, so whatever it started (workers, the accessibility gate's browser and its profile
folder, staging folders) is stopped and removed before the process ends."""

from __future__ import annotations


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP during a build (a CI cancel, ``timeout``, a closed terminal): unwound
    like Ctrl-C, so the workers are stopped and the browser and its profile folder removed."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class _Interrupt:
    """Ctrl-C during a build. Python raises KeyboardInterrupt wherever the main thread happens to
    be, and one raised inside an object's ``__del__`` is printed and ignored ("Exception ignored
    in: <function ZipFile.__del__ …>"): the build carried on and committed. The handler also
    remembers the signal, and the build ``check``s between steps, before anything is written.
    SIGTERM and SIGHUP, which would end the process on the spot (leaving the browser's profile
    folder and the workers behind), raise ``Terminated`` the same way."""

    def __init__(self) -> None:
        self.seen: int | None = None
        self._previous: dict = {}
        self._pending = False

    def __enter__(self) -> "_Interrupt":
        import signal
        import sys
        import threading

        self.seen = None
        self._pending = False
        if threading.current_thread() is threading.main_thread():
            for signum, usual in ((signal.SIGINT, signal.default_int_handler), (signal.SIGTERM, signal.SIG_DFL),
                                  (signal.SIGHUP, signal.SIG_DFL)):
                if signal.getsignal(signum) is usual:
                    self._previous[signum] = signal.signal(signum, self._handle)
            if self._previous:
                self._hook = sys.unraisablehook
                sys.unraisablehook = self._unraisable
        return self

    def _unraisable(self, unraisable) -> None:
        """The interrupt a destructor swallowed is remembered (``seen``): no traceback for it."""
        if not isinstance(unraisable.exc_value, KeyboardInterrupt):
            self._hook(unraisable)

    def _raise(self, signum: int):
        import signal

        raise KeyboardInterrupt if signum == signal.SIGINT else Terminated(signum)

    def _handle(self, signum, frame) -> None:
        self.seen = signum
        if _importing(frame):
            self._later(signum)
            return
        self._raise(signum)

    def _later(self, signum: int) -> None:
        """An interrupt that lands inside an import waits until the import is done. Raised in
        the middle of a compiled extension's set-up (pikepdf's enums, CI), it is a "Critical
        nanobind error": the process aborts on the spot and leaves its workers holding the
        terminal's pipes. The signal is sent again shortly, from a timer thread, until it lands
        outside an import; the build's ``check``s between steps see it too."""
        import signal
        import threading

        if self._pending:
            return
        self._pending = True

        def again() -> None:
            self._pending = False
            if signal.getsignal(signum) == self._handle:  # still inside the build
                signal.raise_signal(signum)

        timer = threading.Timer(_AGAIN_AFTER, again)
        timer.daemon = True
        timer.start()

    def check(self) -> None:
        if self.seen is not None:
            self._raise(self.seen)

    def __exit__(self, *exc) -> None:
        import signal
        import sys

        if self._previous:
            for signum, previous in self._previous.items():
                signal.signal(signum, previous)
            sys.unraisablehook = self._hook
            self._previous = {}


_AGAIN_AFTER = 0.05  # seconds between a deferred interrupt's deliveries


def _importing(frame) -> bool:
    """Whether the main thread is executing an import (importlib's frames are on its stack)."""
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


INTERRUPT = _Interrupt()  # the one a build enters (signal handlers are process-wide)
