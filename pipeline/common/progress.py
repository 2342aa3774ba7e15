"""Progress of a long step: one line per stage with step, months, rows and elapsed seconds.

The same line goes to the Dagster run log (`context.log.info`, when a context is given) and to
the terminal (stderr, when it is a terminal or `VROEGSIGNAAL_VOORTGANG=1`). Lines hold step and
table names, months and counts only, never a value from the data.

    progress = Progress("publicatie", context.log.info)
    progress("meldingen", maanden=(van, tot), rijen=12345)
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable


def to_terminal() -> bool:
    setting = os.environ.get("VROEGSIGNAAL_VOORTGANG")
    if setting is not None:
        return setting not in ("", "0", "nee", "false")
    return sys.stderr.isatty()


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def months_text(months: tuple[dt.date | None, dt.date | None] | list[dt.date] | None) -> str:
    if not months:
        return ""
    first, last = (months[0], months[-1])
    if first is None or last is None:
        return ""
    return f"{first:%Y-%m}" if first == last else f"{first:%Y-%m}..{last:%Y-%m}"


class Progress:
    """Report stages of one step; `elapsed` counts from construction."""

    def __init__(self, step: str, log: Callable[[str], None] | None = None, *, terminal: bool | None = None):
        self.step = step
        self.log = log
        self.terminal = to_terminal() if terminal is None else terminal
        self.started = time.perf_counter()

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def __call__(self, what: str, *, maanden=None, rijen: int | None = None, bestanden: int | None = None) -> str:
        parts = [what]
        if maanden:
            parts.append(f"maanden {months_text(maanden)}")
        if rijen is not None:
            parts.append(f"{_count(rijen)} rijen")
        if bestanden is not None:
            parts.append(f"{_count(bestanden)} bestanden")
        line = f"[{self.step} {self.elapsed:6.1f} s] " + ", ".join(p for p in parts if p)
        if self.log is not None:
            self.log(line)
        if self.terminal:
            print(line, file=sys.stderr, flush=True)
        return line
