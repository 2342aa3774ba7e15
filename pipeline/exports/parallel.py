"""Run independent export jobs (one file each) in worker processes when there are enough of them.

On a national run (342 gemeenten) building and validating the files is Python work that one
core does at a time; two processes halve it. Small runs stay in-process (starting a worker costs
about a second). Workers are started with 'spawn' (the parent holds DuckDB and polars threads,
which a fork would copy mid-flight). Results come back in the order of the jobs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")

#: At least this much work (rows over all jobs) before worker processes are used.
MIN_ROWS = int(os.environ.get("VROEGSIGNAAL_EXPORT_PARALLEL_RIJEN", "20000"))


def workers() -> int:
    setting = os.environ.get("VROEGSIGNAAL_EXPORT_PROCESSEN")
    if setting:
        return max(1, int(setting))
    return max(1, min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)))


def run_jobs(function: Callable[..., T], jobs: Sequence[tuple], rows: int,
             done: Callable[[int], None] | None = None) -> list[T]:
    """`function(*job)` for every job, in worker processes when `rows` is large; results in job order.

    `done(n)` is called as jobs finish (n = jobs finished so far), for progress lines."""
    count = workers()
    if count == 1 or rows < MIN_ROWS or len(jobs) < 2:
        results = []
        for i, job in enumerate(jobs, start=1):
            results.append(function(*job))
            if done:
                done(i)
        return results
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        futures = [pool.submit(function, *job) for job in jobs]
        results = []
        for i, future in enumerate(futures, start=1):
            results.append(future.result())
            if done:
                done(i)
        return results
