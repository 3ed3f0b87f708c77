"""A progress bar on stderr for long runs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


@contextmanager
def progress_bar(enabled: bool, total: int | None, what: str
                 ) -> Iterator[Callable[..., None]]:
    """Yields ``advance(n=1)``; draws nothing when disabled or stderr is not a terminal."""
    if not enabled:
        yield lambda n=1: None
        return
    columns = (TextColumn(f"[bold]{what}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(what, total=total)
        yield lambda n=1: progress.advance(task, n)
