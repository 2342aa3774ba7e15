"""Data contracts (data_contracts/*.yaml) as Dagster asset checks, run with Great Expectations.

Great Expectations is imported only when a check runs (pipeline.contracts imports it lazily), so
loading the definitions stays fast. Monthly inputs and the published month-keyed tables are
checked on the run's months (`run_bereik`: the months >= vanaf; every month on a full run), in
chunks of whole months of at most `VROEGSIGNAAL_CONTROLE_RIJEN` rows, so memory stays bounded on
a full rebuild; uniqueness over several chunks is counted in DuckDB. Reference tables and the
small published tables are checked whole.
"""

import datetime as dt
import os

import dagster as dg

from pipeline.contracts import Contract, check_frame, load_contracts
from pipeline.contracts.chunks import merge_outcomes, month_chunks, unique_results
from pipeline.defs.models import upstream_keys
from pipeline.defs.resources import Omgeving, warehouse_step
from pipeline.defs.tags import RANGE_END, RANGE_START
from pipeline.common.settings import PROJECT_ROOT

CONTRACTS = load_contracts(PROJECT_ROOT / "data_contracts")

#: The column that scopes a table to the run's months.
MONTH_COLUMN = {"raw_signalen": "partitie", "raw_contactpogingen": "partitie",
                "signalen": "maand", "meldingen": "maand", "aanpaklijst": "maand", "monitor_maand": "maand"}

#: Tables scoped by the run's partitions (the Dagster run tags) as well as by run_bereik.
INGESTED = ("raw_signalen", "raw_contactpogingen")

#: Rows a contract does not judge: signal rows whose personal fields were purged on purpose.
EXTRA_CONDITIONS = {"raw_signalen": ("opgeschoond_op is null",)}

#: At most this many rows in memory per chunk (whole months; one month may be larger).
CHUNK_ROWS = int(os.environ.get("VROEGSIGNAAL_CONTROLE_RIJEN", "500000"))


def run_months(context) -> tuple[dt.date, dt.date] | None:
    tags = context.run.tags
    start = tags.get(RANGE_START) or tags.get("dagster/partition")
    end = tags.get(RANGE_END) or tags.get("dagster/partition")
    if start and end:
        return dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    return None


def scope(contract: Contract, context, bereik) -> tuple[list[str], list]:
    """The conditions (and parameters) selecting the rows of `contract.tabel` this run checks."""
    conditions, params = list(EXTRA_CONDITIONS.get(contract.tabel, ())), []
    column = MONTH_COLUMN.get(contract.tabel)
    if column is None:
        return conditions, params
    months = run_months(context) if contract.tabel in INGESTED else None
    if months:
        conditions.append(f"{column} between ? and ?")
        params += list(months)
    condition, extra = bereik.condition(column)
    if condition != "true":
        conditions.append(condition)
        params += extra
    return conditions, params


def contract_check(contract: Contract) -> dg.AssetChecksDefinition:
    [asset_key] = upstream_keys([contract.tabel])[:1]

    @dg.asset_check(
        asset=asset_key, name=contract.naam, blocking=contract.blokkerend,
        description=f"Contract {contract.naam} ({'blokkerend' if contract.blokkerend else 'waarschuwing'}): "
        + " ".join(contract.beschrijving.split()),
    )
    def _check(context: dg.AssetCheckExecutionContext, omgeving: Omgeving) -> dg.AssetCheckResult:
        column = MONTH_COLUMN.get(contract.tabel)
        today = dt.date.today()
        with warehouse_step(context, omgeving, f"contract {contract.naam}", read_only=True) as (_, progress, con, bereik):
            if column and bereik.niets:
                progress("niets nieuws: niets te controleren")
                return dg.AssetCheckResult(passed=True, metadata={"contract": contract.naam, "rijen": 0,
                                                                  "samenvatting": "niets nieuws"})
            conditions, params = scope(contract, context, bereik)
            where = ("where " + " and ".join(conditions)) if conditions else ""
            chunks = month_chunks(con, contract.tabel, column, where, params, CHUNK_ROWS) if column else [None]
            outcomes = []
            for chunk in chunks:
                chunk_where, chunk_params = where, list(params)
                if chunk is not None:
                    chunk_where = (where + " and " if where else "where ") + f"{column} between ? and ?"
                    chunk_params += [chunk.first, chunk.last]
                frame = con.sql(f"select * from {contract.tabel} {chunk_where}", params=chunk_params).pl()
                outcomes.append(check_frame(contract, frame, today=today))
                if chunk is not None:
                    progress(contract.tabel, maanden=(chunk.first, chunk.last), rijen=frame.height)
                del frame
            uniques = unique_results(con, contract, contract.tabel, where, params) if len(outcomes) > 1 else []
        outcome = merge_outcomes(contract, outcomes, uniques)
        progress(f"{contract.tabel}: {'gehaald' if outcome.passed else 'niet gehaald'}", rijen=outcome.rows)
        if not outcome.passed:
            context.log.warning(outcome.summary())
        return dg.AssetCheckResult(
            passed=outcome.passed,
            severity=dg.AssetCheckSeverity.ERROR if contract.blokkerend else dg.AssetCheckSeverity.WARN,
            metadata={**outcome.metadata(), "bereik": bereik.text(), "delen": len(outcomes),
                      "seconden": round(progress.elapsed, 2)},
        )

    return _check


contract_checks = [contract_check(c) for c in CONTRACTS.values()]
