"""Progress bars for long commands: on stderr, only when it is a terminal and not ``--json``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def progress_bar(description: str, total: int, *, enabled: bool = True
                 ) -> Iterator[Callable[[], None]]:
    """Yield a function to call once per finished step; a no-op when not shown."""
    if not enabled or not sys.stderr.isatty():
        yield lambda: None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(),
                  TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda: progress.advance(task)
