"""A broken contract file gives a ContractError naming the file and the key."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from pipeline.contracts import ContractError, load_contract, load_contracts
from tests.contracts.conftest import CONTRACTS_DIR

GOOD = """\
naam: proef
beschrijving: Een proefcontract.
eigenaar: Datasteward
soort: invoer
tabel: raw_proef
blokkerend: true
kolommen:
  postcode:
    type: tekst
    verplicht: true
    patroon: '^[1-9][0-9]{3}[A-Z]{2}$'
    beschrijving: Postcode.
  bedrag:
    type: bedrag
    verplicht: false
    minimum: 0
    beschrijving: Bedrag.
  datum:
    type: datum
    verplicht: false
    niet_na: vandaag
    beschrijving: Datum.
  soort:
    type: keuze
    verplicht: false
    waarden: [a, b]
    beschrijving: Soort.
"""


def write(tmp_path: Path, text: str, name: str = "proef.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_base_contract_is_valid(tmp_path):
    contract = load_contract(write(tmp_path, GOOD))
    assert contract.naam == "proef" and [c.name for c in contract.kolommen] == ["postcode", "bedrag", "datum", "soort"]


BROKEN = [
    ("unknown top-level key", GOOD.replace("eigenaar:", "eigenaarr:"), "eigenaarr"),
    ("missing required key", GOOD.replace("eigenaar: Datasteward\n", ""), "eigenaar"),
    ("unknown column key", GOOD.replace("    patroon:", "    patron:"), "kolommen.postcode.patron"),
    ("blokkerend not a boolean", GOOD.replace("blokkerend: true", "blokkerend: misschien"), "blokkerend"),
    ("verplicht not a boolean", GOOD.replace("verplicht: true", "verplicht: 1"), "kolommen.postcode.verplicht"),
    ("unknown soort", GOOD.replace("soort: invoer", "soort: uitvoer"), "soort"),
    ("unknown type", GOOD.replace("type: bedrag", "type: geld"), "kolommen.bedrag.type"),
    ("minimum as text", GOOD.replace("minimum: 0", "minimum: nul"), "kolommen.bedrag.minimum"),
    ("minimum on text", GOOD.replace("    patroon:", "    minimum: 1\n    patroon:"), "kolommen.postcode.minimum"),
    ("bad regex", GOOD.replace("'^[1-9][0-9]{3}[A-Z]{2}$'", "'^[1-9'"), "kolommen.postcode.patroon"),
    ("bad date", GOOD.replace("niet_na: vandaag", "niet_na: gisteren"), "kolommen.datum.niet_na"),
    ("date rule on an amount", GOOD.replace("minimum: 0", "niet_voor: 2020-01-01"), "kolommen.bedrag.niet_voor"),
    ("keuze without waarden", GOOD.replace("    waarden: [a, b]\n", ""), "kolommen.soort.waarden"),
    ("waarde read as a boolean", GOOD.replace("waarden: [a, b]", "waarden: [ja, no]"), "kolommen.soort.waarden[1]"),
    ("elfproef on an amount", GOOD.replace("minimum: 0", "elfproef: true"), "kolommen.bedrag.elfproef"),
    ("column without beschrijving", GOOD.replace("    beschrijving: Bedrag.\n", ""), "kolommen.bedrag.beschrijving"),
    ("unieke_combinatie with an unknown column",
     GOOD + "unieke_combinatie: [postcode, huisnummer]\n", "unieke_combinatie"),
    ("maand_gelijk_aan_partitie on a text column",
     GOOD + "maand_gelijk_aan_partitie: postcode\n", "maand_gelijk_aan_partitie"),
    ("rijen_minimaal negative", GOOD + "rijen_minimaal: -1\n", "rijen_minimaal"),
    ("publicatie without persoonsgegevens_verboden",
     GOOD.replace("soort: invoer", "soort: publicatie"), "persoonsgegevens_verboden"),
    ("a forbidden column listed as a column",
     GOOD.replace("soort: invoer", "soort: publicatie") + "persoonsgegevens_verboden: [postcode, bsn]\n",
     "kolommen.postcode"),
    ("naam differs from the file name", GOOD.replace("naam: proef", "naam: anders"), "naam"),
    ("kolommen not a mapping", GOOD.split("kolommen:")[0] + "kolommen: [postcode]\n", "kolommen"),
]


@pytest.mark.parametrize(("why", "text", "key"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_contract_names_file_and_key(tmp_path, why, text, key):
    path = write(tmp_path, text)
    with pytest.raises(ContractError) as info:
        load_contract(path)
    err = info.value
    assert err.key == key
    assert err.file == str(path)
    message = str(err)
    assert str(path) in message and f": {key}: " in message


def test_duplicate_key_is_an_error(tmp_path):
    path = write(tmp_path, GOOD.replace("tabel: raw_proef\n", "tabel: raw_proef\ntabel: raw_ander\n"))
    with pytest.raises(ContractError, match=r"proef\.yaml: .*sleutel 'tabel' staat twee keer"):
        load_contract(path)


def test_invalid_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path, GOOD.replace("soort: invoer", "soort: [invoer"))
    with pytest.raises(ContractError, match=r"proef\.yaml: geen geldige YAML op regel \d+"):
        load_contract(path)


def test_a_contract_must_be_a_mapping(tmp_path):
    with pytest.raises(ContractError, match="proef.yaml"):
        load_contract(write(tmp_path, "- naam\n- tabel\n"))


def test_load_contracts_reports_the_broken_file(tmp_path):
    for path in CONTRACTS_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    write(tmp_path, GOOD.replace("type: bedrag", "type: geld"))
    with pytest.raises(ContractError) as info:
        load_contracts(tmp_path)
    assert info.value.file.endswith("proef.yaml") and info.value.key == "kolommen.bedrag.type"


def test_load_contracts_skips_subfolders_and_other_files(tmp_path):
    write(tmp_path, GOOD)
    (tmp_path / "ddas").mkdir()
    write(tmp_path / "ddas", "iets: anders\n", "schema.yaml")
    write(tmp_path, "# uitleg\n", "README.md")
    assert list(load_contracts(tmp_path)) == ["proef"]


def test_empty_or_missing_folder(tmp_path):
    with pytest.raises(ContractError, match="geen contracten"):
        load_contracts(tmp_path)
    with pytest.raises(ContractError, match="bestaat niet"):
        load_contracts(tmp_path / "nergens")


def test_contract_error_survives_pickling():
    err = ContractError("a.yaml", "kolommen.x.type", "onbekend type")
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err) == "a.yaml: kolommen.x.type: onbekend type"
