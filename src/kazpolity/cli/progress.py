"""Progress bars for long commands: on stderr, only when it is a terminal and not ``--json``.

``progress_bar`` yields a ``Step``: call it once per finished step (it is the ``on_step``
callback the core functions take); ``step.start(n)`` sets the number of steps when it is
known only later. ``total=None`` draws a bar without a count (elapsed time only).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text


class StepsColumn(ProgressColumn):
    """``12/40`` when the number of steps is known, ``12 done`` when it is not (never
    ``0/?``), nothing before the first step of an unknown count."""

    def render(self, task: Task) -> Text:
        return Text(steps_label(int(task.completed), task.total), style="progress.download")


def steps_label(done: int, total: float | None) -> str:
    """The count a bar shows after ``done`` steps of ``total`` (None: unknown)."""
    if total is None:
        return f"{done:,} done" if done else ""
    return f"{done:,}/{int(total):,}"


class Step:
    """One bar's step counter; a no-op bar when nothing is drawn."""

    def __init__(self, progress: Progress | None = None, task: TaskID | None = None) -> None:
        self.done = 0
        self._progress = progress
        self._task = task

    def __call__(self) -> None:
        self.done += 1
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)

    def start(self, total: int | None) -> None:
        """(Re)set the number of steps and start counting from zero."""
        self.done = 0
        if self._progress is not None and self._task is not None:
            self._progress.reset(self._task, total=total)

    def describe(self, text: str) -> None:
        """Change the bar's label (e.g. the stage now running)."""
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, description=text)


def shown(enabled: bool = True) -> bool:
    """Whether a bar would be drawn: enabled and standard error is a terminal."""
    return enabled and sys.stderr.isatty()


@contextmanager
def progress_bar(description: str, total: int | None, *, enabled: bool = True
                 ) -> Iterator[Step]:
    """Yield a ``Step`` to call once per finished step; a no-op when not shown."""
    if not shown(enabled):
        yield Step()
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), StepsColumn(),
                  TimeElapsedColumn(), console=Console(stderr=True),
                  transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield Step(progress, task)

