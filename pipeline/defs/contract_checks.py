"""Data contracts (data_contracts/*.yaml) as Dagster asset checks, run with Great Expectations.

Great Expectations is imported only when a check runs (pipeline.contracts imports it lazily), so
loading the definitions stays fast. Monthly inputs and the published tables are checked for the
months of the run (the rows the run can have changed); reference tables whole.
"""

import datetime as dt

import dagster as dg

from pipeline.contracts import Contract, check_frame, load_contracts
from pipeline.defs.models import upstream_keys
from pipeline.resources import Omgeving
from pipeline.runner import RANGE_END, RANGE_START
from pipeline.settings import PROJECT_ROOT
from pipeline.warehouse import open_warehouse

CONTRACTS = load_contracts(PROJECT_ROOT / "data_contracts")

#: The column that scopes a table to the run's months.
MONTH_COLUMN = {"raw_signalen": "partitie", "raw_contactpogingen": "partitie",
                "signalen": "maand", "meldingen": "maand", "aanpaklijst": "maand", "monitor_maand": "maand",
                "monitor": "periode", "monitor_verdeling": "periode"}


#: Rows a contract does not judge: signal rows whose personal fields were purged on purpose.
EXTRA_CONDITIONS = {"raw_signalen": ("opgeschoond_op is null",)}


def run_months(context) -> tuple[dt.date, dt.date] | None:
    tags = context.run.tags
    start = tags.get(RANGE_START) or tags.get("dagster/partition")
    end = tags.get(RANGE_END) or tags.get("dagster/partition")
    if start and end:
        return dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    return None


def contract_check(contract: Contract) -> dg.AssetChecksDefinition:
    [asset_key] = upstream_keys([contract.tabel])[:1]

    @dg.asset_check(
        asset=asset_key, name=contract.naam, blocking=contract.blokkerend,
        description=f"Contract {contract.naam} ({'blokkerend' if contract.blokkerend else 'waarschuwing'}): "
        + " ".join(contract.beschrijving.split()),
    )
    def _check(context: dg.AssetCheckExecutionContext, omgeving: Omgeving) -> dg.AssetCheckResult:
        settings = omgeving.settings()
        column = MONTH_COLUMN.get(contract.tabel)
        months = run_months(context)
        conditions, params = list(EXTRA_CONDITIONS.get(contract.tabel, ())), []
        if column and months:
            conditions.append(f"{column} between ? and ?")
            params = list(months)
        where = ("where " + " and ".join(conditions)) if conditions else ""
        with open_warehouse(settings) as con:
            frame = con.sql(f"select * from {contract.tabel} {where}", params=params).pl()
        outcome = check_frame(contract, frame, today=dt.date.today())
        if not outcome.passed:
            context.log.warning(outcome.summary())
        return dg.AssetCheckResult(
            passed=outcome.passed,
            severity=dg.AssetCheckSeverity.ERROR if contract.blokkerend else dg.AssetCheckSeverity.WARN,
            metadata=outcome.metadata(),
        )

    return _check


contract_checks = [contract_check(c) for c in CONTRACTS.values()]
