"""Monthly partitions for the landing inputs."""

import dagster as dg

maanden = dg.MonthlyPartitionsDefinition(start_date="2021-01-01", end_offset=0)
