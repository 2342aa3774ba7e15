"""Fault injection for the crash tests: `VROEGSIGNAAL_CRASH_BIJ=<stage>` kills the process at that
stage (ingest, model, publish) with SIGKILL, the way a power cut or an OOM kill would.

Unset in normal use; the check is a dictionary lookup.
"""

from __future__ import annotations

import os
import signal

STAGES = ("ingest", "model", "publish")


def crash_point(stage: str) -> None:
    if os.environ.get("VROEGSIGNAAL_CRASH_BIJ") == stage:
        os.kill(os.getpid(), signal.SIGKILL)
