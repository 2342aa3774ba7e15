"""What a contract check returns: per rule a pass/fail with counts and row numbers.

Nothing here ever holds a value from the data: the checked tables hold personal data, and
results end up in logs and in the Dagster UI. Only rule names, column names, counts and row
numbers (the `rij` column of an input file, or the row position) are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_ROW_NUMBERS = 20


@dataclass(frozen=True)
class RuleResult:
    """One rule of a contract applied to one frame.

    rule: short Dutch name, "<kolom>: <regel>" (``postcode: patroon``) or a table rule
        (``rijen_minimaal``, ``unieke_combinatie: gemeentecode, jaar``).
    column: the column the rule is about (None for table rules).
    failing_rows: how many rows break the rule (0 for rules about the table's shape).
    failing_row_numbers: the first MAX_ROW_NUMBERS failing rows, as the frame's `rij`
        values when it has that column, else 0-based row positions.
    detail: a fixed Dutch explanation for failures that are not about rows
        ("kolom ontbreekt"); never a value from the data.
    engine: "gx" (a Great Expectations expectation) or "polars" (a rule computed here).
    """

    rule: str
    column: str | None
    passed: bool
    failing_rows: int = 0
    failing_row_numbers: list[int] = field(default_factory=list)
    detail: str | None = None
    engine: str = "gx"


def _rows(n: int) -> str:
    return f"{n:,} rij".replace(",", ".") if n == 1 else f"{n:,} rijen".replace(",", ".")


@dataclass(frozen=True)
class CheckOutcome:
    contract: str
    tabel: str
    blokkerend: bool
    rows: int
    results: list[RuleResult]

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    @property
    def failed(self) -> list[RuleResult]:
        return [r for r in self.results if not r.passed]

    def summary(self) -> str:
        """Short Dutch text: which rules failed and how often. Never a value from the data."""
        head = f"Contract {self.contract} (tabel {self.tabel}, {_rows(self.rows)})"
        failed = self.failed
        if not failed:
            return f"{head}: alle {len(self.results)} regels gehaald."
        parts = []
        for r in failed:
            if r.detail:
                parts.append(f"{r.rule} ({r.detail})")
            else:
                parts.append(f"{r.rule} ({_rows(r.failing_rows)})")
        kind = "blokkerend" if self.blokkerend else "waarschuwing"
        return f"{head}: {len(failed)} van {len(self.results)} regels niet gehaald [{kind}]: " + "; ".join(parts) + "."

    def metadata(self) -> dict[str, object]:
        """Plain values for a Dagster AssetCheckResult (counts and row numbers only)."""
        return {
            "contract": self.contract,
            "tabel": self.tabel,
            "rijen": self.rows,
            "regels": len(self.results),
            "regels_niet_gehaald": len(self.failed),
            "samenvatting": self.summary(),
            "niet_gehaald": {
                r.rule: {"rijen": r.failing_rows, "rijnummers": list(r.failing_row_numbers), "uitleg": r.detail}
                for r in self.failed
            },
        }
