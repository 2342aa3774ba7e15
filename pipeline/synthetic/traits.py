"""Hidden household traits for later simulation steps (contact attempts, help accepted).

They are stored nowhere in the landing data; they are derived from the seed and the
household, so a later step rebuilds them with the same arguments generate() got and joins
on the address (gemeentecode, postcode, huisnummer, huisnummertoevoeging).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from pipeline.synthetic import calibration as cal
from pipeline.synthetic import gemeenten as gm
from pipeline.synthetic import identifiers as ids
from pipeline.synthetic import world as wd
from pipeline.synthetic.keyed import Keyed
from pipeline.synthetic.persons import month_start_days
from pipeline.synthetic.population import month_index, month_label

F_REACH, F_LETTER, F_ACCEPT = 400, 401, 402
#: log-odds of being reached per personal contact attempt, per household kind
_REACH_LOGIT = np.array([0.3, -0.2, -0.8])


def _logistic(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def household_traits(
    *,
    start: str = "2023-01",
    months: int = 24,
    gemeenten: list[str] | None = None,
    national: bool = False,
    seed: int = 42,
) -> pl.DataFrame:
    """One row per household with a signal in the window, keyed by its address.

    soort: eenmalig / incidenteel / chronisch (the recurrence kind);
    bereikbaarheid: P(reached) per phone call or home visit (chronic and young households are
    harder to reach); reageert_op_brief: P(responds to a letter or e-mail alone, ~6%);
    hulpbereidheid: P(accepts help once reached, ~35%); heeft_telefoon / heeft_email: whether
    creditors deliver a phone number / e-mail address for the household.
    """
    first = month_index(start)
    world = wd.build(gm.select(gemeenten, national), first=first, last=first + months, seed=seed)
    keyed = Keyed(seed)
    hh = world.households
    uid = np.concatenate([p.uid for p in world.populations])
    kind = np.concatenate([p.kind for p in world.populations]).astype(np.int64)
    start_month = np.concatenate([p.start for p in world.populations])
    age = (month_start_days(start_month) - hh.main.geboortedatum) / 365.25
    young = age < 27
    reach = _logistic(_REACH_LOGIT[kind] - 0.3 * young + 0.8 * keyed.normal(uid, F_REACH))
    letter = _logistic(-2.8 + 0.6 * keyed.normal(uid, F_LETTER))
    accept = _logistic(-0.65 + 0.8 * keyed.normal(uid, F_ACCEPT))
    toevoeging = pl.Series([None, *cal.TOEVOEGINGEN], dtype=pl.String).gather(hh.toevoeging + 1)
    codes = pl.Series([g.code for g in world.gemeenten], dtype=pl.String)
    return pl.DataFrame(
        {
            "gemeentecode": codes.gather(world.household_gemeente),
            "postcode": pl.Series(hh.postcode_prefix.astype(str)) + pl.Series(ids.LETTER_PAIRS).gather(hh.letters),
            "huisnummer": pl.Series(hh.huisnummer, dtype=pl.Int32),
            "huisnummertoevoeging": toevoeging,
            "soort": pl.Series(cal.KINDS).gather(kind),
            "eerste_melding": [month_label(int(m)) for m in start_month],
            "bereikbaarheid": np.round(reach, 4),
            "reageert_op_brief": np.round(letter, 4),
            "hulpbereidheid": np.round(accept, 4),
            "heeft_telefoon": hh.has_phone,
            "heeft_email": hh.has_email,
        }
    )
