"""The private DuckDB warehouse: the connection (one writer, parameters, the keyed-hash macros), the SQL
model files of sql/ (discovery, dependencies, materialisation, incremental by month) and the publication
(write-audit-publish of analytics.duckdb and Parquet). Imports common and ingest (the raw table schemas)."""
