"""CPython's cyclic garbage collector for kazpolity's long runs: serving and ``audit verify``.

Both allocate a great many objects and make almost no reference cycles, so at the default
thresholds (700, 10, 10) the collector mostly walks live objects for nothing:
- serving 10,223 signed submissions (``bench/bench_administration.py --part http``): 841
  young and 79 older collections, 0.79 s of the server's 7 s;
- ``audit verify`` of 200,064 entries: 3,767 collections, 3.8 s of its 20.2 s (16.6 s at
  these thresholds).
At ``RARE_THRESHOLDS`` each run collects a few dozen times; cycles are still collected.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

RARE_THRESHOLDS: Final = (50_000, 20, 100)


def collect_rarely() -> None:
    """For the rest of the process (a server): what is loaded now is frozen out of every
    collection, and collections are rare from here on."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*RARE_THRESHOLDS)


@contextmanager
def rare_collections() -> Iterator[None]:
    """Rare collections for one long computation; the thresholds are restored after."""
    before = gc.get_threshold()
    gc.set_threshold(*RARE_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
