"""Raw warehouse tables, one per landing input, with columns derived from the ingestion schemas."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.ingest import CONTACTPOGINGEN, GEMEENTEN, SIGNALEN, InputSchema
from pipeline.ingest.reference_schemas import BEKEND_SHV, HUISHOUDENS, NIET_BENADEREN

DUCKDB_TYPES = {
    "text": "varchar",
    "enum": "varchar",
    "date": "date",
    "amount": "double",
    "bool": "boolean",
    "int": "bigint",
}


@dataclass(frozen=True)
class LandingInput:
    """One kind of landing file: where it lies, how it parses, where its rows go."""

    soort: str  # folder under the landing folder, and the `soort` in bestanden/quarantaine
    table: str
    schema: InputSchema
    monthly: bool  # <landing>/<soort>/<YYYY-MM>/ folders, else <landing>/referentie/<file>
    reference_file: str | None = None


SIGNAAL_INPUT = LandingInput("signalen", "raw_signalen", SIGNALEN, monthly=True)
CONTACTPOGING_INPUT = LandingInput("contactpogingen", "raw_contactpogingen", CONTACTPOGINGEN, monthly=True)
GEMEENTEN_INPUT = LandingInput("gemeenten", "raw_gemeenten", GEMEENTEN, monthly=False, reference_file="gemeenten.csv")
REFERENCE_INPUTS = (
    GEMEENTEN_INPUT,
    LandingInput("huishoudens", "raw_huishoudens", HUISHOUDENS, monthly=False, reference_file="huishoudens.csv"),
    LandingInput("niet_benaderen", "raw_niet_benaderen", NIET_BENADEREN, monthly=False, reference_file="niet_benaderen.csv"),
    LandingInput("bekend_shv", "raw_bekend_shv", BEKEND_SHV, monthly=False, reference_file="bekend_shv.csv"),
)

INPUTS = (SIGNAAL_INPUT, CONTACTPOGING_INPUT, *REFERENCE_INPUTS)


#: Columns computed once per signal row when its month is ingested (docs/run-architecture.md):
#: the signal month, the normalised address (private), the keyed pseudonyms, the creditor key,
#: the content fingerprint and the facts derived from personal data. A purge (vroegsignaal
#: opschonen) nulls the personal fields and `adres`, sets `opgeschoond_op`, and keeps the rest.
DERIVED_SIGNAL_COLUMNS = (
    "maand date, adres varchar, adres_sleutel varchar, inwoner_sleutel varchar, klant_sleutel varchar, "
    "partner_sleutel varchar, inhoud_hash varchar, heeft_telefoon boolean, heeft_email boolean, "
    "leeftijd bigint, opgeschoond_op date"
)

#: The derivation of those columns from a relation of raw signal rows (`{bron}`): the same formulas
#: the models used before (stg_signalen, int_melding_kandidaten); every distinct value is hashed once.
#: Uses the adres_norm and sleutel_hash macros of the warehouse connection.
DERIVE_SIGNAL_SQL = """
with bron as (
    select * from {bron}
),

genormaliseerd as (
    select
        *,
        cast(date_trunc('month', signaaldatum) as date) as _maand,
        -- a DDAS client given by BSN alone, with no address found through its zaak: the resident
        -- stands in for the address (see README, DDAS as input)
        case
            when postcode is null and huisnummer is null and bsn is not null then 'bsn|' || bsn
            else adres_norm(postcode, huisnummer, huisletter, huisnummertoevoeging)
        end as _adres,
        -- a DDAS delivery has no creditor name: "same creditor" is then the same type
        signaalpartner_type || '|' || coalesce(lower(trim(signaalpartner_naam)), '') as _partner_sleutel,
        nullif(trim(klantnummer), '') as _klantnummer,
        nullif(trim(telefoonnummer), '') as _telefoonnummer,
        nullif(trim(email), '') as _email,
    from bron
),

bronwaarden as (
    select
        *,
        case
            when bsn is not null then 'bsn'
            when geboortedatum is not null and _adres is not null then 'adres_geboortedatum'
        end as _inwoner_soort,
        case
            when bsn is not null then bsn
            when geboortedatum is not null and _adres is not null then _adres || '|' || geboortedatum
        end as _inwoner_waarde,
        _partner_sleutel || '|' || _klantnummer as _klant_waarde,
    from genormaliseerd
),

bronnen as (
    select distinct 'adres' as soort, _adres as waarde from bronwaarden where _adres is not null
    union all
    select distinct _inwoner_soort, _inwoner_waarde from bronwaarden where _inwoner_waarde is not null
    union all
    select distinct 'klant', _klant_waarde from bronwaarden where _klant_waarde is not null
),

pseudoniemen as (
    select soort, waarde, sleutel_hash(soort, waarde) as sleutel from bronnen
)

select
    bronwaarden.* exclude (
        _maand, _adres, _partner_sleutel, _klantnummer, _telefoonnummer, _email,
        _inwoner_soort, _inwoner_waarde, _klant_waarde
    ),
    _maand as maand,
    _adres as adres,
    adressen.sleutel as adres_sleutel,
    inwoners.sleutel as inwoner_sleutel,
    klanten.sleutel as klant_sleutel,
    _partner_sleutel as partner_sleutel,
    md5(concat_ws('|',
        signaal_id, gemeentecode, signaalpartner_type, trim(signaalpartner_naam), signaaldatum,
        cast(bedrag as decimal(12, 2)), upper(replace(postcode, ' ', '')), huisnummer, nullif(upper(trim(huisletter)), ''),
        coalesce(regexp_replace(upper(huisnummertoevoeging), '[\\s\\-]', '', 'g'), ''), _klantnummer,
        ontstaansdatum, coalesce(crisissignaal, false), coalesce(warme_overdracht, false), bsn, geboortedatum,
        geslacht, voorletters, tussenvoegsel, achternaam, straat, woonplaats, _telefoonnummer, _email
    )) as inhoud_hash,
    _telefoonnummer is not null as heeft_telefoon,
    coalesce(regexp_full_match(_email, '[^@\\s]+@[^@\\s]+\\.[^@\\s]+'), false) as heeft_email,
    date_sub('year', geboortedatum, last_day(_maand)) as leeftijd,
from bronwaarden
left join pseudoniemen as adressen
    on adressen.soort = 'adres' and adressen.waarde = bronwaarden._adres
left join pseudoniemen as inwoners
    on inwoners.soort = bronwaarden._inwoner_soort and inwoners.waarde = bronwaarden._inwoner_waarde
left join pseudoniemen as klanten
    on klanten.soort = 'klant' and klanten.waarde = bronwaarden._klant_waarde
"""


#: Columns only a DDAS delivery fills (pipeline/ingest/ddas.py): the status the platform delivered,
#: and for a zaak's contact attempt the signal that ties it to a melding.
DDAS_COLUMNS = {"raw_signalen": "status_geleverd varchar", "raw_contactpogingen": "zaak_signaal_id varchar"}


def columns_ddl(inp: LandingInput) -> str:
    fields = ", ".join(f"{f.name} {DUCKDB_TYPES[f.kind]}" for f in inp.schema.fields)
    extra = f", {DERIVED_SIGNAL_COLUMNS}" if inp is SIGNAAL_INPUT else ""
    extra += f", {DDAS_COLUMNS[inp.table]}" if inp.table in DDAS_COLUMNS else ""
    return f"partitie date, bestand varchar, rij bigint, {fields}{extra}"


def insert_signal_rows(con, source: str) -> None:
    """Insert raw signal rows from a relation `source` (raw fields only) with their derived columns."""
    con.execute(f"insert into raw_signalen by name {DERIVE_SIGNAL_SQL.format(bron=source)}")


RAW_DDL = {inp.table: columns_ddl(inp) for inp in INPUTS}
