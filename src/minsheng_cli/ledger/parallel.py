"""Projects read on every core: no key spans two projects, so a big ledger's projects can be read,
folded and checked in worker processes, each answering for its own (PRODUCT.md §5: a province
ledger on the hardware it is run on).

Only where it pays and is safe: Linux (fork: the workers start with the parent's memory — plan,
imports — without pickling it), more than one core free to this process, and at least
`MIN_BYTES` of progress files (below that, starting the workers costs more than they save).
Workers ignore Ctrl-C (the parent stops them at once and says so once) and hand back plain results;
an item whose work raised is worked again in the parent, which raises what a run without
workers raises.
"""

from __future__ import annotations

import os
import sys
from typing import Callable, Iterable, Optional, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_BYTES = 3 * 1024 * 1024  # ≈ 25,000 records: the break-even measured on 2 cores (0.55 MB: +10 ms; 2.3 MB: even; 7.6 MB: −100 ms)
_WORK: list = []  # the function a forked worker runs (inherited, never pickled)


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worth_it(total_bytes: int, items: int) -> bool:
    if os.environ.get("MINSHENG_WORKERS", "") == "1":
        return False
    return sys.platform.startswith("linux") and items > 1 and total_bytes >= MIN_BYTES and cores() > 1


def map_items(work: Callable[[Item], Result], items: Sequence[Item], weights: Sequence[int],
              meanwhile: Optional[Callable[[], None]] = None) -> list[Result]:
    """`[work(item) for item in items]`, computed on every core when `worth_it`; the biggest
    items first, so the workers finish together. `meanwhile`: what this process will need
    next (imports), done while it waits for the workers — never when there are none."""
    if not worth_it(sum(weights), len(items)):
        return [work(item) for item in items]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    order = sorted(range(len(items)), key=lambda index: -weights[index])
    done: dict[int, Optional[tuple]] = {}
    _WORK[:] = [work]
    pool = ProcessPoolExecutor(min(cores(), len(items)), mp_context=multiprocessing.get_context("fork"), initializer=_ignore_interrupt)
    try:
        results = pool.map(_run, [items[index] for index in order])
        if meanwhile is not None:
            meanwhile()
        for index, result in zip(order, results):
            done[index] = result
    except BrokenProcessPool:
        pass  # a worker died (killed, out of memory): what it left undone is done here
    except BaseException:  # Ctrl-C: stop the workers now, not after the work queued for them
        _stop(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _WORK.clear()
    # An item whose work raised is worked again here, so its exception is the very one a run
    # without workers raises (an exception is never sent back: pickle may not rebuild it).
    return [done[index][0] if isinstance(done.get(index), tuple) else work(items[index]) for index in range(len(items))]


def _stop(pool) -> None:
    for process in list(getattr(pool, "_processes", {}).values()):  # the executor has no public way to stop a task
        process.terminate()


def _run(item):
    try:
        return (_WORK[0](item),)
    except Exception:
        return None  # not the exception: see map_items


def _ignore_interrupt() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def file_sizes(paths: Iterable) -> int:
    total = 0
    for path in paths:
        try:
            total += os.stat(path).st_size
        except OSError:
            pass  # the reader says what is wrong with it
    return total
