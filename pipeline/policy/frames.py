"""Column contracts of the engine: what goes in, what comes out.

The vocabulary follows DDAS Vroegsignalering v1.2 (EnumSignaalstatus,
EnumSignaalpartner) where it exists.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from pipeline.common.ddas_enums import CONTACTSOORTEN, EINDRESULTATEN, SIGNAALPARTNER_TYPES  # noqa: F401 (re-exported)

from pipeline.policy.errors import FeatureSchemaError

# Approaches, in the order a werkvoorraad lists them.
AANPAKKEN: tuple[str, ...] = (
    "huisbezoek",
    "telefoon",
    "sms_whatsapp",
    "mail",
    "brief",
    "uitgesteld",
    "geen",
)
# Approaches that contact the resident (and may appear in `kanalen`).
KANALEN: tuple[str, ...] = ("huisbezoek", "telefoon", "sms_whatsapp", "mail", "brief")

# EnumSignaalstatus values the engine produces.
OPGEPAKT = "Opgepakt"
NIET_OPGEPAKT_ONTERECHT = "Niet opgepakt: onterecht signaal"
NIET_OPGEPAKT_HERHAALD = "Niet opgepakt: herhaalde melding"
NIET_OPGEPAKT_ANDERE_REDEN = "Niet opgepakt: andere reden"
BEKEND_SHV = "Inwoner al bekend bij schuldhulpverlening"
# Statuses a rule may set (BEKEND_SHV comes from the `bekend_shv` feature only).
RULE_SIGNAALSTATUSSEN: tuple[str, ...] = (
    OPGEPAKT,
    NIET_OPGEPAKT_ONTERECHT,
    NIET_OPGEPAKT_HERHAALD,
    NIET_OPGEPAKT_ANDERE_REDEN,
)




FEATURE_SCHEMA = pl.Schema(
    {
        "melding_id": pl.Utf8,
        "gemeentecode": pl.Utf8,
        "maand": pl.Date,
        "leeftijd": pl.Int64,
        "totaal_bedrag": pl.Float64,
        "aantal_signalen": pl.Int64,
        "is_meervoudig": pl.Boolean,
        "is_opeenvolgend": pl.Boolean,
        "meldingen_12m": pl.Int64,
        "is_crisis": pl.Boolean,
        "signaalpartner_types": pl.List(pl.Utf8),
        "minderjarige_kinderen": pl.Int64,
        "telefoon_bekend": pl.Boolean,
        "email_bekend": pl.Boolean,
        "eerdere_meldingen": pl.Int64,
        "maanden_sinds_vorige": pl.Int64,
        "bedrag_trend": pl.Utf8,
        "opeenvolgend_zelfde_partner": pl.Boolean,
        "opeenvolgend_andere_partner": pl.Boolean,
        "eerder_bereikt": pl.Boolean,
        "eerder_contactpoging": pl.Boolean,
        "vorig_resultaat": pl.Utf8,
        "vorige_soorten": pl.List(pl.Utf8),
        "vorige_consulent": pl.Utf8,
        "zonder_contact_op_rij": pl.Int64,
        "niet_benaderen": pl.Boolean,
        "bekend_shv": pl.Boolean,
    }
)

# Feature columns known before the history is computed: the only ones the rules
# that decide pick-up may use.
SAME_MONTH_COLUMNS: tuple[str, ...] = (
    "leeftijd",
    "totaal_bedrag",
    "is_meervoudig",
    "is_crisis",
    "signaalpartner_types",
    "minderjarige_kinderen",
    "telefoon_bekend",
    "email_bekend",
)

OUTPUT_SCHEMA = pl.Schema(
    {
        "melding_id": pl.Utf8,
        "gemeentecode": pl.Utf8,
        "maand": pl.Date,
        "aanpak": pl.Utf8,
        "kanalen": pl.List(pl.Utf8),
        "brief_sjabloon": pl.Utf8,
        "prioriteit": pl.Int64,
        "consulent": pl.Utf8,
        "bewind_overwegen": pl.Boolean,
        "andere_systemen_raadplegen": pl.Boolean,
        "uitgesteld": pl.Boolean,
        "regel": pl.Utf8,
        "reden": pl.Utf8,
        "signaalstatus": pl.Utf8,
        "opgepakt": pl.Boolean,
    }
)

PICKUP_SCHEMA = pl.Schema(
    {
        "melding_id": pl.Utf8,
        "opgepakt": pl.Boolean,
        "signaalstatus": pl.Utf8,
        "regel": pl.Utf8,
    }
)

WORKLOAD_SCHEMA = pl.Schema(
    {
        "gemeentecode": pl.Utf8,
        "maand": pl.Date,
        "aanpak": pl.Utf8,
        "aantal_meldingen": pl.Int64,
    }
)


def conform(frame: pl.DataFrame, columns: Iterable[str]) -> pl.DataFrame:
    """Select `columns` from `frame`, cast to their FEATURE_SCHEMA dtypes.

    Raises FeatureSchemaError naming every missing column, or the column that
    cannot be cast. Extra columns in `frame` are ignored.
    """
    wanted = list(dict.fromkeys(columns))
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        raise FeatureSchemaError(
            "feature frame mist kolommen: " + ", ".join(missing)
        )
    exprs = []
    for name in wanted:
        target = FEATURE_SCHEMA[name]
        if frame.schema[name] == target:
            exprs.append(pl.col(name))
        else:
            exprs.append(pl.col(name).cast(target, strict=True))
    try:
        return frame.select(exprs)
    except pl.exceptions.PolarsError as exc:
        raise FeatureSchemaError(f"feature frame heeft een verkeerd type: {exc}") from exc
