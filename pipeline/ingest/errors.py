"""The one exception ingestion raises for file-level problems."""

from __future__ import annotations


class FileProblem(Exception):
    """A whole file cannot be ingested (unreadable, empty, wrong columns, ...).

    Row-level problems never raise: they go to the quarantine. The message names
    the file and the problem, never a cell value.
    """

    def __init__(self, file: str, problem: str) -> None:
        super().__init__(f"{file}: {problem}")
        self.file = file
        self.problem = problem

    def __reduce__(self):  # keep picklable (multiprocessing, Dagster)
        return (type(self), (self.file, self.problem))
