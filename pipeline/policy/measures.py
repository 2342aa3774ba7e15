"""Recurrence measures (maatregelen), applied after the deciding rule.

Input: the feature frame plus the rule outcome columns (RULE, R_*). Output: the
final decision columns plus one boolean column per measure (M_*) saying whether
that measure changed or flagged the row, for `explain.py`.

Precedence:
  0. a rule that does not pick the melding up stands (decided before history);
  1. bekend_shv (always on): not picked up, status "Inwoner al bekend bij SHV";
     niet_benaderen (when on): aanpak geen;
  2. pauze_na_zonder_contact: uitgesteld after N meldingen in a row without
     contact, unless meervoudig;
  3. intensiveren: opeenvolgend + rule gave brief/mail/geen -> personal contact;
  4. recidive_brief: opeenvolgend + never reached -> the recidive letter;
  5. bewind_overwegen_na, 6. andere_systemen_na: flags;
  7. zelfde_consulent; 8. prioriteit (crisis -> 1, meer_prioriteit_recidive).
Measures 2-8 apply only to "active" rows: picked up and not stopped by step 1.
"""

from __future__ import annotations

import polars as pl

from pipeline.policy.frames import BEKEND_SHV, OPGEPAKT
from pipeline.policy.model import Policy

# Internal columns (dropped before output).
RULE = "__regel"
R_AANPAK = "__r_aanpak"
R_KANALEN = "__r_kanalen"
R_SJABLOON = "__r_sjabloon"
R_PRIORITEIT = "__r_prioriteit"
R_STATUS = "__r_status"
ACTIVE = "__actief"
M_SHV = "__m_bekend_shv"
M_NIET_BENADEREN = "__m_niet_benaderen"
M_PAUZE = "__m_pauze"
M_INTENSIVEREN = "__m_intensiveren"
M_RECIDIVE_BRIEF = "__m_recidive_brief"
M_BEWIND = "__m_bewind"
M_ANDERE_SYSTEMEN = "__m_andere_systemen"
M_CONSULENT = "__m_consulent"
M_CRISIS = "__m_crisis"
M_PRIORITEIT_RECIDIVE = "__m_prioriteit_recidive"

NO_RULE = "geen_regel"
UTF8_LIST = pl.List(pl.Utf8)
INTENSIVE_TELEFOON = ["telefoon", "sms_whatsapp", "huisbezoek"]
INTENSIVE_HUISBEZOEK = ["huisbezoek"]
# Rule outcomes the intensiveren measure upgrades to personal contact.
INTENSIFIABLE = ["brief", "mail", "geen"]
CONTACT = ["huisbezoek", "telefoon", "sms_whatsapp", "mail", "brief"]


def _flag(name: str) -> pl.Expr:
    return pl.col(name).fill_null(False)


def _at_least(name: str, n: int) -> pl.Expr:
    return (pl.col(name) >= n).fill_null(False)


def apply_measures(frame: pl.DataFrame, policy: Policy) -> pl.DataFrame:
    m = policy.measures
    off = pl.lit(False)
    opeenvolgend = _flag("is_opeenvolgend")

    # Step 1: stops.
    frame = frame.with_columns(
        (pl.col(R_STATUS) == OPGEPAKT).alias("__base_opgepakt"),
    ).with_columns(
        (pl.col("__base_opgepakt") & _flag("bekend_shv")).alias(M_SHV),
    ).with_columns(
        (
            pl.col("__base_opgepakt") & ~pl.col(M_SHV) & _flag("niet_benaderen")
            if m.niet_benaderen.aan
            else off
        ).alias(M_NIET_BENADEREN),
    ).with_columns(
        (pl.col("__base_opgepakt") & ~pl.col(M_SHV) & ~pl.col(M_NIET_BENADEREN)).alias(ACTIVE),
    )
    active = pl.col(ACTIVE)

    # Steps 2-3: routing changes.
    pauze = m.pauze_na_zonder_contact
    frame = frame.with_columns(
        (
            active
            & pl.col(R_AANPAK).is_in(CONTACT)
            & _at_least("zonder_contact_op_rij", pauze.aantal)
            & ~_flag("is_meervoudig")
            if pauze.aan
            else off
        ).alias(M_PAUZE),
    ).with_columns(
        (
            active & ~pl.col(M_PAUZE) & opeenvolgend & pl.col(R_AANPAK).is_in(INTENSIFIABLE)
            if m.intensiveren.aan
            else off
        ).alias(M_INTENSIVEREN),
    )
    telefoon = _flag("telefoon_bekend")
    frame = frame.with_columns(
        pl.when(pl.col(M_SHV) | pl.col(M_NIET_BENADEREN))
        .then(pl.lit("geen"))
        .when(pl.col(M_PAUZE))
        .then(pl.lit("uitgesteld"))
        .when(pl.col(M_INTENSIVEREN))
        .then(pl.when(telefoon).then(pl.lit("telefoon")).otherwise(pl.lit("huisbezoek")))
        .otherwise(pl.col(R_AANPAK))
        .alias("aanpak"),
    )
    approached = active & pl.col("aanpak").is_in(CONTACT)

    # Steps 4-7: letter, flags, consultant.
    recidive = m.recidive_brief
    bewind = m.bewind_overwegen_na
    andere = m.andere_systemen_na
    frame = frame.with_columns(
        (approached & opeenvolgend & ~_flag("eerder_bereikt") if recidive.aan else off).alias(
            M_RECIDIVE_BRIEF
        ),
        (active & _at_least("meldingen_12m", bewind.aantal) if bewind.aan else off).alias(M_BEWIND),
        (
            active & opeenvolgend & _at_least("zonder_contact_op_rij", andere.aantal)
            if andere.aan
            else off
        ).alias(M_ANDERE_SYSTEMEN),
        (
            active & (pl.col("aanpak") != "geen") & pl.col("vorige_consulent").is_not_null()
            if m.zelfde_consulent.aan
            else off
        ).alias(M_CONSULENT),
    )

    # Step 8: priority.
    crisis = _flag("is_crisis")
    base = pl.col(R_PRIORITEIT)
    frame = frame.with_columns(
        (active & crisis & (base > 1)).alias(M_CRISIS),
        (
            active & ~crisis & opeenvolgend & (base > 1)
            if m.meer_prioriteit_recidive.aan
            else off
        ).alias(M_PRIORITEIT_RECIDIVE),
    )

    stopped = pl.col(M_SHV) | pl.col(M_NIET_BENADEREN) | pl.col(M_PAUZE)
    return frame.with_columns(
        pl.when(stopped)
        .then(pl.lit([], dtype=UTF8_LIST))
        .when(pl.col(M_INTENSIVEREN))
        .then(
            pl.when(telefoon)
            .then(pl.lit(INTENSIVE_TELEFOON, dtype=UTF8_LIST))
            .otherwise(pl.lit(INTENSIVE_HUISBEZOEK, dtype=UTF8_LIST))
        )
        .otherwise(pl.col(R_KANALEN))
        .alias("kanalen"),
        pl.when(stopped)
        .then(pl.lit(None, dtype=pl.Utf8))
        .when(pl.col(M_RECIDIVE_BRIEF))
        .then(pl.lit(recidive.sjabloon, dtype=pl.Utf8))
        .otherwise(pl.col(R_SJABLOON))
        .alias("brief_sjabloon"),
        pl.when(pl.col(M_CRISIS))
        .then(pl.lit(1, dtype=pl.Int64))
        .when(pl.col(M_PRIORITEIT_RECIDIVE))
        .then(base - 1)
        .otherwise(base)
        .cast(pl.Int64)
        .alias("prioriteit"),
        pl.when(pl.col(M_CONSULENT))
        .then(pl.col("vorige_consulent"))
        .otherwise(pl.lit(None, dtype=pl.Utf8))
        .alias("consulent"),
        pl.col(M_BEWIND).alias("bewind_overwegen"),
        pl.col(M_ANDERE_SYSTEMEN).alias("andere_systemen_raadplegen"),
        (pl.col("aanpak") == "uitgesteld").alias("uitgesteld"),
        pl.when(pl.col(M_SHV))
        .then(pl.lit("bekend_shv"))
        .when(pl.col(M_NIET_BENADEREN))
        .then(pl.lit("niet_benaderen"))
        .when(pl.col(M_PAUZE))
        .then(pl.lit("pauze_na_zonder_contact"))
        .when(pl.col(M_INTENSIVEREN))
        .then(pl.lit("intensiveren"))
        .otherwise(pl.col(RULE))
        .alias("regel"),
        pl.when(pl.col(M_SHV))
        .then(pl.lit(BEKEND_SHV))
        .otherwise(pl.col(R_STATUS))
        .alias("signaalstatus"),
        ((pl.col(R_STATUS) == OPGEPAKT) & ~pl.col(M_SHV)).alias("opgepakt"),
    )
