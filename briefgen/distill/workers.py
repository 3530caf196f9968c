"""The drafting workers: processes that load the parser while distill reads the report.

The drafts' cost is the parse (tens of milliseconds a sentence) and, once per process, loading
the parser's dictionary, the wording vocabulary, the plain-word list and the reading tables
(``_load``, about 0.3 s). ``warm()``, which distill enters before it reads its reports, forks
``WORKERS`` processes that load all that on the other core while the report is read; ``run``
then drafts with them. Without ``warm()`` (``briefgen draft``), ``run`` forks workers for the
occasion, after loading once (they inherit it), or drafts in this process when a fork is not
possible or not worth it. Each job is a pure function of its arguments: the results are the same
whichever way they are computed, in the same order.
"""

from __future__ import annotations

import multiprocessing
import os
from contextlib import contextmanager

WORKERS = 2  # processes that draft at once (the parse is the cost; the machines have two cores)
FEW = 4  # fewer jobs than this are drafted in this process (a fork costs more than it saves)
_pool = None


def _load() -> None:
    from ..compose.readability import reading
    from ..wording import vocabulary
    from .parse import available
    from .plainwords import data

    available()
    vocabulary()
    reading("Loaded once, before the jobs.")
    data()


def _forkable() -> bool:
    return (os.cpu_count() or 1) >= 2 and "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def warm():
    """Workers loading the drafters' data now, for the ``run`` calls made inside the block."""
    global _pool
    if _pool is not None or not _forkable():
        yield
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("fork"), initializer=_load)
    pool.submit(int)  # a fork-context pool starts all its workers at the first job: they load from now on
    _pool = pool
    try:
        yield
    finally:
        _pool = None
        pool.shutdown(cancel_futures=True)


def run(function, arguments: list) -> list:
    """``[function(a) for a in arguments]``, in order, by the workers when that is quicker."""
    if _pool is not None and len(arguments) > 1:
        return list(_pool.map(function, arguments))
    if len(arguments) < FEW or not _forkable():
        return [function(a) for a in arguments]
    from concurrent.futures import ProcessPoolExecutor

    _load()  # once, before the fork: the workers inherit it
    with ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(function, arguments))


def call(function, *arguments):
    """``function(*arguments)`` in a warm worker when there is one (its data is loaded there),
    else here."""
    if _pool is not None:
        return _pool.submit(function, *arguments).result()
    return function(*arguments)


__all__ = ["WORKERS", "call", "run", "warm"]
