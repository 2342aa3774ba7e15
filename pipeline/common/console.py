"""What a command prints when it ends: its lines on stdout, or why it stopped on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable


def print_lines_or_refusal(
    command: str, lines: Callable[[], Iterable[str]], refusals: type[Exception] | tuple[type[Exception], ...], status: int
) -> int:
    """Print the lines `lines()` returns and return 0; when it raises one of `refusals`, print
    'vroegsignaal <command>: <reason>' on stderr instead and return `status`."""
    try:
        done = list(lines())
    except refusals as problem:
        print(f"vroegsignaal {command}: {problem}", file=sys.stderr)
        return status
    for line in done:
        print(line)
    return 0
