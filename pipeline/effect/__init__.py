"""Vaker erop af? Whether contact, and which approach, keeps signals from coming back (issue #10).

Reads the warehouse (meldingen, aanpaklijst, int_contactpogingen, signalen: facts a purge keeps),
computes per melding the months to the next melding at the same address, and writes
three small tables before publication: `herhaling_curve` (Kaplan-Meier per group), `herhaling_effect`
(Cox hazard ratios, raw and adjusted) and `bereik_per_poging` (reach at the k-th tried melding).
This package never imports the Dagster layer.
"""

from pipeline.effect.tables import DESCRIPTIONS, TABLES, build_tables, write_tables

__all__ = ["DESCRIPTIONS", "TABLES", "build_tables", "write_tables"]
