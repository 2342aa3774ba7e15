"""Errors raised by the policy engine."""

from __future__ import annotations

from pipeline.common.strict_yaml import FileError


class PolicyError(FileError):
    """A policy file is invalid.

    ``str()`` names the file, the rule (when the problem is inside a rule) and the
    problem, in Dutch, so a policy officer can fix the file without reading code.
    """

    without_file = "<beleid zonder bestand>"

    @property
    def rule_id(self) -> str | None:
        return self.place

    def place_text(self) -> str | None:
        return None if self.rule_id is None else f"regel '{self.rule_id}'"


class FeatureSchemaError(ValueError):
    """The feature frame handed to the engine lacks columns or has wrong types."""
