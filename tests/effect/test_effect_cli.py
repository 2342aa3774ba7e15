"""`vroegsignaal effect` prints the key figures from the publication, per gemeente or all together."""

from __future__ import annotations

import duckdb

from pipeline.cli import main
from pipeline.effect.tables import EffectConfig, build_tables, write_tables
from pipeline.synthetic.effect import planted_meldingen


def test_effect_command(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("VROEGSIGNAAL_OUT", raising=False)
    meldingen, end = planted_meldingen(households=1200, months=24, seed=3)
    con = duckdb.connect(str(tmp_path / "analytics.duckdb"))
    write_tables(con, build_tables(meldingen, end, EffectConfig()))
    con.close()
    assert main(["effect", "--out", str(tmp_path), "--gemeente", "0546"]) == 0
    text = capsys.readouterr().out
    assert "Vaker erop af? gemeente 0546" in text
    assert "bereikt tegenover niet bereikt" in text and "poging 1" in text and "geen experiment" in text
    assert main(["effect", "--out", str(tmp_path)]) == 0
    assert "alle gemeenten samen" in capsys.readouterr().out
    assert main(["effect", "--out", str(tmp_path), "--gemeente", "9999"]) == 1
    assert main(["effect", "--out", str(tmp_path / "leeg")]) == 1
