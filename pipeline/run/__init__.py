"""One run of the pipeline, without Dagster: what changed since the last run (the fast 'niets nieuws'
state), the range of months to recompute (run_bereik), building the SQL models and the policy steps in
graph order, and the what-if (`simuleer`) that replays history under another policy in memory.
Imports common, ingest, warehouse and policy."""
