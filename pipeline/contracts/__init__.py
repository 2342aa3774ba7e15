"""Data contracts: readable YAML per input and published table, checked with Great Expectations.

    contracts = load_contracts(Path("data_contracts"))
    outcome = check_frame(contracts["invoer_signalen"], frame, today=date.today(), partitie=maand)
    outcome.passed, outcome.summary(), outcome.results

Importing this package does not import great_expectations (that takes seconds); the first
`check_frame` call does.
"""

from pipeline.contracts.outcome import CheckOutcome, RuleResult
from pipeline.contracts.runner import check_frame
from pipeline.contracts.schema import ColumnRule, Contract, ContractError, load_contract, load_contracts, parse_contract

__all__ = [
    "CheckOutcome",
    "ColumnRule",
    "Contract",
    "ContractError",
    "RuleResult",
    "check_frame",
    "load_contract",
    "load_contracts",
    "parse_contract",
]
