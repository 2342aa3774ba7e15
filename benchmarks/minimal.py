"""The reference of `make bench`: run benchmarks/minimal.sql over a landing folder in plain DuckDB.

    python benchmarks/minimal.py --landing LANDING --uitvoer kern_monitor.parquet

Prints the number of gemeente-months and the pooled shares, so a reader can set them beside the
pipeline's monitor_maand. Same window parameters as the pipeline's defaults.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
PARAMETERS = {"drempelbedrag": 50.0, "opeenvolgend_maanden": 6, "jaar_maanden": 12, "drie_in_jaar": 3}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--landing", required=True)
    parser.add_argument("--uitvoer", required=True, help="Parquet file to write the per gemeente-month table to")
    parser.add_argument("--geheugen", default="5GB", help="DuckDB memory_limit (the pipeline's default)")
    args = parser.parse_args()
    files = str(Path(args.landing).resolve() / "signalen" / "*" / "*.parquet")
    con = duckdb.connect()
    con.execute("set memory_limit = ?", [args.geheugen])
    con.execute("set variable signaalbestanden = ?", [files])
    for name, value in PARAMETERS.items():
        con.execute(f"set variable {name} = ?", [value])
    con.execute((HERE / "minimal.sql").read_text(encoding="utf-8"))
    con.execute("copy kern_monitor to '" + str(Path(args.uitvoer).resolve()).replace("'", "''") + "' (format parquet)")
    rows, meldingen, meerv, opeenv, drie = con.execute(
        "select count(*), sum(aantal_meldingen), sum(aantal_meervoudig) / sum(aantal_meldingen), "
        "sum(aantal_opeenvolgend) / sum(aantal_meldingen), sum(aantal_drie_in_jaar) / sum(aantal_meldingen) "
        "from kern_monitor").fetchone()
    print(f"{rows} gemeente-maanden, {meldingen} meldingen; aandeel meervoudig {meerv:.4f}, "
          f"opeenvolgend {opeenv:.4f}, drie in een jaar {drie:.4f}")


if __name__ == "__main__":
    main()
