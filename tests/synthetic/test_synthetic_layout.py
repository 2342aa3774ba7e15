"""Folder layout, file dialects and the reference table."""

from __future__ import annotations

import polars as pl

from pipeline.synthetic.population import month_index, month_label


def test_every_file_sits_in_its_month_folder(demo):
    summary, df = demo
    out = summary.out
    folders = sorted(p.name for p in (out / "signalen").iterdir())
    assert folders == [month_label(month_index("2023-01") + i) for i in range(24)]
    assert df["signaaldatum"].null_count() == 0
    assert (df["signaaldatum"].dt.strftime("%Y-%m") == df["map"]).all()
    assert df.select(pl.col("bestand").str.contains(pl.col("map"))).to_series().all()


def test_one_file_per_gemeente_per_partner_per_month(demo):
    summary, df = demo
    per_file = df.group_by("bestand").agg(
        pl.col("gemeentecode").n_unique().alias("gemeenten"),
        pl.col("signaalpartner_type").n_unique().alias("types"),
    )
    assert (per_file["gemeenten"] == 1).all() and (per_file["types"] == 1).all()
    stems = {f.split("/")[-1].split("_")[0] for f in summary.files if f.startswith("signalen/")}
    assert stems == {"zorg", "huur", "energie", "water", "cak", "overige"}


def test_dialects_per_partner(demo):
    summary, df = demo
    out = summary.out
    month = out / "signalen" / "2024-03"
    zorg = (month / "zorg_0546_2024-03.csv").read_bytes()
    assert not zorg.startswith(b"\xef\xbb\xbf")
    text = zorg.decode("cp1252")
    assert text.splitlines()[0].startswith("Kenmerk;Gemeentecode;") and "\r\n" in text
    with_oe = df.filter(pl.col("signaalpartner_naam") == "Zorgcoöperatie Oost")
    assert with_oe.height and "Zorgcoöperatie".encode("cp1252") in zorg
    energie = (month / "energie_0546_2024-03.csv").read_bytes()
    assert energie.startswith(b"\xef\xbb\xbfsignaal_id,gemeentecode,")

    raw = df.group_by("bestand").agg(pl.col("raw_signaaldatum").first(), pl.col("raw_gemeentecode").first())
    first = {b.split("/")[-1].split("_")[0]: (d, g) for b, d, g in raw.iter_rows()}
    assert first["zorg"][0][2] == "-" and first["energie"][0][4] == "-"
    assert first["energie"][1].startswith("GM") and first["zorg"][1] in ("0546", "1586")

    amounts = df.group_by(pl.col("bestand").str.extract(r"/(\w+?)_")).agg(pl.col("raw_bedrag"))
    by_stem = dict(amounts.iter_rows())
    assert all(pl.Series(by_stem["zorg"]).str.contains(r"^\d{1,3}(\.\d{3})*,\d{2}$"))
    assert any("." in a for a in by_stem["zorg"])  # thousands separators occur
    assert all(pl.Series(by_stem["energie"]).str.contains(r"^\d+\.\d{2}$"))

    huur = pl.read_excel(month / "huur_0546_2024-03.xlsx")
    assert huur.schema["Datum signaal"] == pl.Date and huur.schema["Bedrag"] == pl.Float64
    water = pl.read_parquet(month / "water_0546_2024-03.parquet")
    assert water.schema["signaaldatum"] == pl.Date and water.schema["crisissignaal"] == pl.Boolean
    assert water.schema["bedrag"] == pl.Float64 and water.schema["huisnummer"] == pl.Int32


def test_reference_gemeenten(demo):
    summary, _ = demo
    ref = pl.read_csv(summary.out / "referentie" / "gemeenten.csv", separator=";",
                      schema_overrides={"gemeentecode": pl.String})
    assert ref.columns == ["gemeentecode", "naam", "jaar", "inwoners"]
    rows = {(c, j): (n, i) for c, n, j, i in ref.iter_rows()}
    assert rows[("0546", 2024)] == ("Leiden", 130_067)
    assert rows[("1586", 2024)] == ("Oost Gelre", 29_696)
    assert set(ref["jaar"]) == {2023, 2024}
    assert abs(rows[("0546", 2023)][1] - 130_067) < 3000


def test_summary_counts_match_the_files(demo):
    summary, df = demo
    counted = df.group_by("gemeentecode", "map").len().sort("gemeentecode", "map")
    assert counted["len"].to_list() == summary.signals["signalen"].to_list()
    assert summary.total_signals == df.height
    assert set(summary.signals_per_month()) == {"0546", "1586"}
    assert all(v == 0 for v in summary.defects.values())
