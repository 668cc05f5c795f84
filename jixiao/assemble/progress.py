"""Progress: stage names and counts on stderr; a live bar on a terminal, plain lines in CI logs."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

LOG_STEPS = 10
"""Without a terminal, a counter prints a line at every tenth of the way."""


class Progress:
    """Silent with --quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.started = time.perf_counter()
        self.live = not quiet and sys.stderr.isatty()

    def stage(self, name: str, detail: str = "") -> None:
        if not self.quiet:
            elapsed = time.perf_counter() - self.started
            print(f"[{elapsed:6.2f}s] {name}{('：' + detail) if detail else ''}", file=sys.stderr, flush=True)

    @contextmanager
    def counter(self, name: str, total: int, detail: str = "") -> Iterator[Callable[[int], None]]:
        """A context yielding ``advance(n)``; shows done/total, rate and time left."""
        self.stage(name, f"{total} 个" + (f"，{detail}" if detail else ""))
        if self.quiet or total == 0:
            yield lambda n: None
            return
        if self.live:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            columns = (TextColumn(name), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            with Progress(*columns, transient=True, console=_console()) as bar:
                task = bar.add_task(name, total=total)
                yield lambda n: bar.advance(task, n)
            return
        done, next_line, started = 0, total / LOG_STEPS, time.perf_counter()

        def advance(n: int) -> None:
            nonlocal done, next_line
            done += n
            if done >= next_line or done == total:
                rate = done / max(time.perf_counter() - started, 1e-9)
                print(f"         {name} {done}/{total}（每秒 {rate:.0f} 个）", file=sys.stderr, flush=True)
                next_line = done + total / LOG_STEPS

        yield advance


def _console():
    from rich.console import Console

    return Console(file=sys.stderr)
