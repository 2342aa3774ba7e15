"""Simulated caseworkers for the demo: contact attempts on the approach list, written as a case
system export (<landing>/contactpogingen/<YYYY-MM>/zaaksysteem_<gemeente>.csv).

Whether an attempt reaches the resident follows the household's hidden traits (see traits.py):
personal channels use `bereikbaarheid`, letters and e-mail `reageert_op_brief`; a reached
resident accepts help with probability `hulpbereidheid`. Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import polars as pl

SOORT = {"huisbezoek": "Huisbezoek", "telefoon": "Telefoon", "sms_whatsapp": "SMS/Whatsapp", "mail": "Mail", "brief": "Brief"}
PERSONAL = {"huisbezoek", "telefoon", "sms_whatsapp"}
CONSULENTEN = ("Consulent A", "Consulent B", "Consulent C", "Consulent D")
DAGDELEN = ("Ochtend", "Middag", "Avond")
HULP = ("(Budget)advies en/of quick fix", "Vervolghulp en/of verwijzing financieel", "Vervolghulp en/of verwijzing niet financieel")


def _uniform(seed: int, *parts: object) -> float:
    digest = hashlib.blake2b("|".join(map(str, (seed, *parts))).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def attempts_for(row: dict, seed: int) -> list[dict]:
    """The attempts on one melding: its channels in order (a letter first when a template is set),
    at most four, stopping once the resident is reached; then the result."""
    if row["aanpak"] in ("geen", "uitgesteld"):
        return []
    channels = list(row["kanalen"] or [row["aanpak"]])
    if row["brief_sjabloon"] and "brief" not in channels:
        channels.insert(0, "brief")
    melding, maand = row["melding_id"], row["maand"]
    consulent = row["consulent"] or CONSULENTEN[int(_uniform(seed, melding, "consulent") * len(CONSULENTEN))]
    attempts, day, reached = [], 2, False
    for n, channel in enumerate(channels[:4], start=1):
        day += 1 + int(_uniform(seed, melding, n, "dag") * 8)
        chance = row["bereikbaarheid"] if channel in PERSONAL else row["reageert_op_brief"]
        reached = _uniform(seed, melding, n, "bereikt") < (chance or 0.0)
        attempts.append({
            "melding_id": melding,
            "contactdatum": maand + dt.timedelta(days=day),
            "soort": SOORT[channel],
            "bereikt": "ja" if reached else "nee",
            "dagdeel": DAGDELEN[int(_uniform(seed, melding, n, "dagdeel") * 3)] if channel in PERSONAL else None,
            "medewerker": consulent,
            "resultaat": None,
            "resultaatdatum": None,
        })
        if reached:
            break
    last = attempts[-1]
    if reached:
        accepts = _uniform(seed, melding, "hulp") < (row["hulpbereidheid"] or 0.0)
        last["resultaat"] = HULP[int(_uniform(seed, melding, "soort_hulp") * 3)] if accepts else (
            "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering")
    else:
        last["resultaat"] = "Definitief geen contact kunnen krijgen"
    last["resultaatdatum"] = last["contactdatum"] + dt.timedelta(days=7)
    return attempts


def simulate_contactpogingen(meldingen: pl.DataFrame, traits: pl.DataFrame, landing: Path, *, seed: int) -> list[Path]:
    """Write the attempts for `meldingen` (melding_id, gemeentecode, maand, adres, aanpak, kanalen,
    brief_sjabloon, consulent) whose household is in `traits`; one CSV per gemeente per month."""
    traits = traits.with_columns(
        adres=pl.col("postcode") + "|" + pl.col("huisnummer").cast(pl.Utf8) + "|" + pl.col("huisnummertoevoeging").fill_null("")
    ).select("adres", "bereikbaarheid", "reageert_op_brief", "hulpbereidheid")
    rows = meldingen.join(traits, on="adres", how="left").sort("melding_id")
    attempts = [a | {"gemeentecode": r["gemeentecode"]} for r in rows.iter_rows(named=True) for a in attempts_for(r, seed)]
    if not attempts:
        return []
    frame = pl.DataFrame(attempts).with_columns(map=pl.col("contactdatum").dt.strftime("%Y-%m"))
    written = []
    for (gemeente, month), part in frame.sort("contactdatum", "melding_id").group_by(["gemeentecode", "map"], maintain_order=True):
        folder = landing / "contactpogingen" / month
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"zaaksysteem_{gemeente}.csv"
        part.drop("gemeentecode", "map").write_csv(path, separator=";", date_format="%d-%m-%Y")
        written.append(path)
    return written
