"""Errors raised by the policy engine."""

from __future__ import annotations

from pathlib import Path


class PolicyError(ValueError):
    """A policy file is invalid.

    ``str()`` names the file, the rule (when the problem is inside a rule) and the
    problem, in Dutch, so a policy officer can fix the file without reading code.
    """

    def __init__(self, file: str | Path | None, rule_id: str | None, problem: str):
        self.file = str(file) if file is not None else None
        self.rule_id = rule_id
        self.problem = problem
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.file if self.file is not None else "<beleid zonder bestand>"
        if self.rule_id is not None:
            return f"{where}: regel '{self.rule_id}': {self.problem}"
        return f"{where}: {self.problem}"

    def __reduce__(self):  # keep picklable across processes (Dagster, xdist)
        return (type(self), (self.file, self.rule_id, self.problem))


class FeatureSchemaError(ValueError):
    """The feature frame handed to the engine lacks columns or has wrong types."""
