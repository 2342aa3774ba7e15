"""Run planned expectations on a pandas DataFrame in an ephemeral, quiet GX context.

Data source (pandas) -> dataframe asset -> batch definition for the whole dataframe ->
batch -> ``batch.validate(suite)``. Results are reduced at once to counts and row numbers:
the GX result objects hold failing values (personal data) and never leave this module.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import warnings
from typing import Any

os.environ["GX_ANALYTICS_ENABLED"] = "False"  # before the imports below

import great_expectations as gx  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402
from great_expectations.execution_engine import pandas_execution_engine  # noqa: E402
from great_expectations.expectations.expectation import Expectation  # noqa: E402

from pipeline.contracts.expectations import PlannedRule  # noqa: E402
from pipeline.contracts.outcome import MAX_ROW_NUMBERS, RuleResult  # noqa: E402


def _silence_gx_logging() -> None:
    """WARNING for every GX logger: some GX modules set their own logger to INFO on import."""
    for name in list(logging.root.manager.loggerDict):
        if name == "great_expectations" or name.startswith("great_expectations."):
            logging.getLogger(name).setLevel(logging.WARNING)


_silence_gx_logging()

# GX fingerprints every pandas batch with an md5 over all its rows (batch_markers
# "pandas_data_fingerprint") when the frame is under HASH_THRESHOLD bytes (1 GB). We never read that
# marker, and on a national chunk of 500,000 rows it costs more than the checks themselves.
# Threshold 0 skips it; the expectations and their results are the same.
pandas_execution_engine.HASH_THRESHOLD = 0

ERROR_DETAIL = "controle kon niet worden uitgevoerd"

_CONFIGURATION = Expectation.configuration


@contextlib.contextmanager
def fixed_configurations():
    """Within one `batch.validate`, build each expectation's configuration once.

    GX 1.x rebuilds `Expectation.configuration` (a pydantic dump plus a new
    ExpectationConfiguration) on every read, and reads it about 85 times per expectation while it
    plans the metrics: on a publication contract of 300 expectations that is a second of the
    check. Nothing changes an expectation during a validation, so the first build is the answer;
    the memo lives for one call and the property is restored after it (tests/contracts checks that
    the results are the same with and without). The in-process executor runs one step at a time.
    """
    memo: dict[int, tuple[Expectation, Any]] = {}

    def configuration(self: Expectation) -> Any:
        found = memo.get(id(self))
        if found is None:
            found = memo[id(self)] = (self, _CONFIGURATION.fget(self))  # keeps self: its id stays unique
        return found[1]

    Expectation.configuration = property(configuration)  # type: ignore[assignment,method-assign]
    try:
        yield
    finally:
        Expectation.configuration = _CONFIGURATION  # type: ignore[method-assign]


def _quiet_context():
    context = gx.get_context(mode="ephemeral")
    context.enable_analytics(False)
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return context


_lock = threading.Lock()
_source: Any = None
_batch_definitions: dict[str, Any] = {}


def _batch_definition(name: str) -> Any:
    """The whole-dataframe batch definition of asset `name`, built once per process.

    One ephemeral context with one pandas data source serves every check of the process: building
    them (and registering an asset and batch definition, which GX writes to its YAML store) cost
    a tenth of a second or more per check. The frame is given per validation as a batch parameter.
    Call with `_lock` held."""
    global _source
    if _source is None:
        _source = _quiet_context().data_sources.add_pandas(name="vroegsignaal")
    found = _batch_definitions.get(name)
    if found is None:
        asset = _source.add_dataframe_asset(name=name)
        found = _batch_definitions[name] = asset.add_batch_definition_whole_dataframe("hele_tabel")
    return found


def _result_format(index_column: str | None) -> dict[str, Any]:
    fmt: dict[str, Any] = {
        "result_format": "SUMMARY",
        "partial_unexpected_count": MAX_ROW_NUMBERS,
        "return_unexpected_index_query": False,
    }
    if index_column is not None:
        fmt["unexpected_index_column_names"] = [index_column]
    return fmt


def _raised(exception_info: Any) -> bool:
    if not exception_info:
        return False
    if "raised_exception" in exception_info:
        return bool(exception_info["raised_exception"])
    return any(isinstance(v, dict) and v.get("raised_exception") for v in exception_info.values())


def _row_numbers(result: dict, index_column: str | None) -> list[int]:
    numbers: list[int] = []
    for entry in result.get("partial_unexpected_index_list") or []:
        value = entry.get(index_column) if isinstance(entry, dict) else entry
        if value is not None:
            numbers.append(int(value))
    return numbers[:MAX_ROW_NUMBERS]


def _detail(rule: str, passed: bool, result: dict) -> str | None:
    if passed:
        return None
    if rule.endswith(": bestaat"):
        return "kolom ontbreekt"
    if rule == "rijen_minimaal":
        return f"{int(result.get('observed_value') or 0)} rijen, te weinig"
    return None


def _to_rule_result(planned: PlannedRule, validation: Any, index_column: str | None) -> RuleResult:
    if validation is None or _raised(validation.exception_info):
        return RuleResult(planned.rule, planned.column, False, detail=ERROR_DETAIL)
    result = validation.result or {}
    passed = bool(validation.success)
    count = int(result.get("unexpected_count") or 0)
    return RuleResult(
        planned.rule,
        planned.column,
        passed,
        failing_rows=count if not passed else 0,
        failing_row_numbers=_row_numbers(result, index_column) if not passed else [],
        detail=_detail(planned.rule, passed, result),
    )


def _validate(batch: Any, name: str, planned: list[PlannedRule], result_format: dict[str, Any]) -> dict[str, Any]:
    """One `batch.validate` of `planned`; the GX results by contract rule."""
    suite = gx.ExpectationSuite(name=f"contract_{name}", expectations=[p.expectation for p in planned])
    with warnings.catch_warnings(), fixed_configurations():
        # pandas warns when a contract pattern has groups, as in ^([0-9]{4}|alle)$; harmless
        warnings.filterwarnings("ignore", message="This pattern is interpreted as a regular expression")
        run = batch.validate(suite, result_format=result_format)
    return {r.expectation_config.meta.get("regel"): r for r in run.results}


def validate(frame: Any, planned: list[PlannedRule], *, name: str, index_column: str | None) -> list[RuleResult]:
    """Validate the pandas `frame` against `planned`; one RuleResult per planned rule, same order.

    Two passes: every rule first as BOOLEAN_ONLY (pass or fail, which is all a passing rule
    reports), then only the rules that failed or raised again with the SUMMARY format for their
    counts and row numbers. GX computes the lists of failing values and row indexes of every
    expectation in the SUMMARY format, also when nothing fails: on a chunk of 500,000 rows that
    was half the check. The outcome is the same as one SUMMARY pass.
    """
    if not planned:
        return []
    _silence_gx_logging()
    with _lock:
        batch = _batch_definition(name).get_batch(batch_parameters={"dataframe": frame})
        by_rule = _validate(batch, name, planned, {"result_format": "BOOLEAN_ONLY"})
        again = [p for p in planned
                 if (found := by_rule.get(p.rule)) is None or not found.success or _raised(found.exception_info)]
        if again:
            by_rule.update(_validate(batch, name, again, _result_format(index_column)))
        del batch
    return [_to_rule_result(p, by_rule.get(p.rule), index_column) for p in planned]
