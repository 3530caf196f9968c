"""Ctrl-C during a build: remembered, so the build stops before it writes anything."""

from __future__ import annotations


class _Interrupt:
    """Ctrl-C during a build. Python raises KeyboardInterrupt wherever the main thread happens to
    be, and one raised inside an object's ``__del__`` is printed and ignored ("Exception ignored
    in: <function ZipFile.__del__ …>"): the build carried on and committed. The handler also
    remembers the signal, and the build ``check``s between steps, before anything is written."""

    def __init__(self) -> None:
        self.seen = False
        self._previous = None

    def __enter__(self) -> "_Interrupt":
        import signal
        import sys
        import threading

        self.seen = False
        if threading.current_thread() is threading.main_thread() \
                and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._hook = sys.unraisablehook
            sys.unraisablehook = self._unraisable
        return self

    def _unraisable(self, unraisable) -> None:
        """The interrupt a destructor swallowed is remembered (``seen``): no traceback for it."""
        if not isinstance(unraisable.exc_value, KeyboardInterrupt):
            self._hook(unraisable)

    def _handle(self, signum, frame) -> None:
        self.seen = True
        raise KeyboardInterrupt

    def check(self) -> None:
        if self.seen:
            raise KeyboardInterrupt

    def __exit__(self, *exc) -> None:
        import signal
        import sys

        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            sys.unraisablehook = self._hook
            self._previous = None


INTERRUPT = _Interrupt()
