"""Run tags and metadata keys the runner and the assets share (kept apart so no asset imports the runner)."""

RANGE_START = "dagster/asset_partition_range_start"
RANGE_END = "dagster/asset_partition_range_end"
#: --herbereken-beleid: 'alle' or 'YYYY-MM', read by the models step (pipeline/defs/models.py).
HERBEREKEN_TAG = "vroegsignaal/herbereken_beleid"
#: Materialisation metadata key of lines a step wants in the run log the CLI prints (one line each).
LOG_KEY = "logregels"
