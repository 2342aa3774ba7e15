"""Shared helpers for the ingestion tests (unique module name: imported by the tests)."""

from __future__ import annotations

import datetime as dt

TODAY = dt.date(2024, 2, 1)

def valid_signal(**overrides: str) -> dict[str, str]:
    row = {
        "signaal_id": "S1",
        "gemeentecode": "GM0546",
        "signaalpartner_type": "Zorg",
        "signaalpartner_naam": "Zorgverzekeraar A",
        "signaaldatum": "2024-01-15",
        "bedrag": "120,50",
        "postcode": "2311AB",
        "huisnummer": "12",
    }
    row.update(overrides)
    return row


def csv_text(rows: list[dict[str, str]], delimiter: str = ";", headers: list[str] | None = None) -> str:
    """Rows as CSV text; fields holding the delimiter or a quote are quoted."""
    headers = headers or list(rows[0].keys())

    def field(value: str) -> str:
        if delimiter in value or '"' in value or "\n" in value:
            return '"' + value.replace('"', '""') + '"'
        return value

    lines = [delimiter.join(field(h) for h in headers)]
    lines += [delimiter.join(field(r.get(h, "")) for h in headers) for r in rows]
    return "\n".join(lines) + "\n"


def bsn_with_check(first8: str) -> str:
    """A valid BSN from 8 digits (the check digit makes the eleven-test pass)."""
    total = sum(int(d) * w for d, w in zip(first8, range(9, 1, -1)))
    check = total % 11
    assert check < 10, "no valid check digit for this prefix"
    return first8 + str(check)


def assert_accounting(result) -> None:
    """rows_read == accepted + quarantined, rij sets disjoint."""
    rows = set(result.rows["rij"].to_list())
    quarantined = result.quarantine["rij"].to_list()
    assert len(quarantined) == len(set(quarantined)), "one quarantine row per input row"
    assert result.rows_read == result.rows.height + result.quarantine.height
    assert rows.isdisjoint(quarantined)
    assert len(rows) == result.rows.height
