"""Privacy over time: rotating the pseudonymisation key and the retention purge. Imports the stages before
it (common, ingest, warehouse, policy)."""
