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

    def __enter__(self) -> "_Interrupt":
        import signal
        import sys
        import threading

        self.seen = None
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
        self._raise(signum)

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


INTERRUPT = _Interrupt()  # the one a build enters (signal handlers are process-wide)
