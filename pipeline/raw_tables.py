"""Raw warehouse tables, one per landing input, with columns derived from the ingestion schemas."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.ingest import CONTACTPOGINGEN, GEMEENTEN, SIGNALEN, InputSchema
from pipeline.reference_schemas import BEKEND_SHV, HUISHOUDENS, NIET_BENADEREN

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


#: Pseudonyms kept on a signal row when its personal fields are purged (vroegsignaal opschonen),
#: so recurrence and duplicate detection still see the row.
RETAINED_COLUMNS = "adres_sleutel_bewaard varchar, inwoner_sleutel_bewaard varchar, klant_sleutel_bewaard varchar, " \
    "inhoud_hash_bewaard varchar, opgeschoond_op date"


#: Columns only a DDAS delivery fills (pipeline/ingest/ddas.py): the status the platform delivered,
#: and for a zaak's contact attempt the signal that ties it to a melding.
DDAS_COLUMNS = {"raw_signalen": "status_geleverd varchar", "raw_contactpogingen": "zaak_signaal_id varchar"}


def columns_ddl(inp: LandingInput) -> str:
    fields = ", ".join(f"{f.name} {DUCKDB_TYPES[f.kind]}" for f in inp.schema.fields)
    extra = f", {RETAINED_COLUMNS}" if inp is SIGNAAL_INPUT else ""
    extra += f", {DDAS_COLUMNS[inp.table]}" if inp.table in DDAS_COLUMNS else ""
    return f"partitie date, bestand varchar, rij bigint, {fields}{extra}"


RAW_DDL = {inp.table: columns_ddl(inp) for inp in INPUTS}
