"""generate(): the synthetic landing folder (signal exports per month + gemeenten reference)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from pipeline.synthetic import calibration as cal
from pipeline.synthetic import defects, layout, writers
from pipeline.synthetic import gemeenten as gm
from pipeline.synthetic import world as wd
from pipeline.synthetic.frame import signal_frame
from pipeline.synthetic.keyed import Keyed
from pipeline.synthetic.population import month_index, month_label


@dataclass
class GenerateSummary:
    """What generate() wrote."""

    out: Path
    files: list[str]  # relative to out, posix, sorted
    signals: pl.DataFrame  # gemeentecode, maand (YYYY-MM), signalen (rows written, defects included)
    defects: dict[str, int]  # planted defects by kind (every kind present, 0 when none)
    defect_rows: pl.DataFrame = field(repr=False)  # bestand, rij (1-based data row), signaal_id, soort, kolom

    @property
    def total_signals(self) -> int:
        return int(self.signals["signalen"].sum())

    def describe(self) -> str:
        """A few lines for the command line."""
        per = self.signals.group_by("gemeentecode").agg(pl.col("signalen").mean()).sort("gemeentecode")
        months = self.signals["maand"].n_unique()
        lines = [f"{len(self.files)} files, {self.total_signals} signals, {months} months, {per.height} gemeenten in {self.out}"]
        if per.height <= 5:
            lines += [f"  {code}: {mean:.0f} signals a month" for code, mean in per.iter_rows()]
        planted = {k: v for k, v in self.defects.items() if v}
        if planted:
            lines.append("  defects: " + ", ".join(f"{k} {v}" for k, v in planted.items()))
        return "\n".join(lines)

    def signals_per_month(self) -> dict[str, dict[str, int]]:
        """{gemeentecode: {YYYY-MM: signals}}."""
        out: dict[str, dict[str, int]] = {}
        for code, maand, n in self.signals.iter_rows():
            out.setdefault(code, {})[maand] = n
        return out


def _validate(start: str, months: int, seed: int, defect_rate: float) -> None:
    if not re.fullmatch(r"\d{4}-\d{2}", start):
        raise ValueError(f"start must look like 2023-01, got {start!r}")
    if months < 1:
        raise ValueError("months must be at least 1")
    if seed < 0:
        raise ValueError("seed must be a non-negative integer")
    if not 0.0 <= defect_rate <= 1.0:
        raise ValueError("defect_rate must be between 0 and 1")


def _month_order(world: wd.World, national: bool) -> np.ndarray:
    """Signals by month, then file (gemeente x type, or type for national), then signaal_id."""
    s, g = world.signals, world.signal_gemeente
    if national:
        return np.lexsort((s.seq, g, s.type, s.month))
    return np.lexsort((s.seq, s.type, g, s.month))


def _with_files(df: pl.DataFrame, world: wd.World, label: str, national: bool) -> pl.DataFrame:
    """Add the file each row goes to, its 0-based row in that file, and the file's date order."""
    key = pl.col("_g").cast(pl.Int64) * 8 + pl.col("_type").cast(pl.Int64)
    paths, day_first = {}, {}
    for k in df.select(key.unique()).to_series().to_list():
        g, t = divmod(k, 8)
        paths[k] = layout.file_path(label, t, world.gemeenten[g].code, national)
        day_first[k] = layout.style_for(t, national).day_first
    return df.with_columns(
        key.replace_strict(paths, return_dtype=pl.String).alias("_file"),
        key.replace_strict(day_first, return_dtype=pl.Boolean).alias("_day_first"),
    ).with_columns(pl.int_range(pl.len(), dtype=pl.Int64).over("_file").alias("_row"))


def generate(
    out: Path,
    *,
    start: str = "2023-01",
    months: int = 24,
    gemeenten: list[str] | None = None,
    national: bool = False,
    seed: int = 42,
    defect_rate: float = 0.0,
) -> GenerateSummary:
    """Write synthetic signal exports for `months` months from `start` into `out`.

    Same arguments give byte-identical files. Existing files with the same names are
    overwritten; nothing else in `out` is touched.
    """
    _validate(start, months, seed, defect_rate)
    out = Path(out)
    selected = gm.select(gemeenten, national)
    first = month_index(start)
    last = first + months
    world = wd.build(selected, first=first, last=last, seed=seed)
    keyed = Keyed(seed)

    order = _month_order(world, national)
    bounds = np.searchsorted(world.signals.month[order], np.arange(first, last + 1))
    files: list[str] = []
    counts: list[tuple[str, str, int]] = []
    logs: list[pl.DataFrame] = []
    for i, month in enumerate(range(first, last)):
        label = month_label(month)
        created = dt.datetime(month // 12 + (month % 12 == 11), (month + 1) % 12 + 1, 1, 6, 0, 0)
        df = _with_files(signal_frame(world, order[bounds[i]: bounds[i + 1]]), world, label, national)
        df, log = defects.plant(df, keyed, defect_rate)
        logs.append(log)
        for (g, n) in df.group_by("_g").len().sort("_g").iter_rows():
            counts.append((world.gemeenten[g].code, label, n))
        for part in df.partition_by("_file", maintain_order=True):
            rel = part["_file"][0]
            style = layout.style_for(int(part["_type"][0]), national)
            writers.write(part, out / rel, style, created)
            files.append(rel)

    years = sorted({m // 12 for m in range(first, last)})
    ref = "referentie/gemeenten.csv"
    gm.write_reference(out / ref, selected, years)
    files.append(ref)

    log = pl.concat(logs) if logs else pl.DataFrame(schema=defects.LOG_SCHEMA)
    found = dict(log.group_by("soort").len().iter_rows())
    signals = pl.DataFrame(counts, schema={"gemeentecode": pl.String, "maand": pl.String, "signalen": pl.Int64},
                           orient="row").sort("gemeentecode", "maand")
    return GenerateSummary(
        out=out,
        files=sorted(files),
        signals=signals,
        defects={k: int(found.get(k, 0)) for k in cal.DEFECT_KINDS},
        defect_rows=log,
    )
