"""Shared test set-up: tests never use a persistent Dagster instance or a real key."""

import os

os.environ.pop("DAGSTER_HOME", None)
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
