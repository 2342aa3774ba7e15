"""Property: whatever mix of deliveries arrives (repeats, conflicting ids, files in any order),
every parsed row ends exactly once as accepted, duplicate or quarantined, and every blocking SQL
check passes."""

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.defs.checks import CHECKS_DIR, run_check_query
from tests.sql.chain import new_chain

MONTHS = [dt.date(2024, m, 1) for m in (1, 2, 3)]

rows = st.lists(
    st.tuples(
        st.sampled_from(["S1", "S2", "S3", "S4", "S5"]),  # few ids: many repeats and conflicts
        st.sampled_from([0, 1, 2]),  # month
        st.sampled_from(["a.csv", "b.csv"]),  # file
        st.sampled_from([10.0, 60.0, 600.0]),  # amount
        st.sampled_from(["1111AA", "2222BB"]),  # address
        st.sampled_from(["Zorg", "Huur"]),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows)
def test_every_row_ends_once_and_the_checks_pass(deliveries):
    chain = new_chain()
    raw, files = [], {}
    for i, (signaal_id, m, name, bedrag, postcode, partner) in enumerate(deliveries):
        month = MONTHS[m]
        bestand = f"signalen/{month:%Y-%m}/{name}"
        files[(month, bestand)] = files.get((month, bestand), 0) + 1
        raw.append({
            "partitie": month, "bestand": bestand, "rij": i + 2, "signaal_id": signaal_id,
            "gemeentecode": "0999", "signaalpartner_type": partner, "signaalpartner_naam": partner + " NV",
            "signaaldatum": month + dt.timedelta(days=3), "bedrag": bedrag, "postcode": postcode, "huisnummer": 1,
        })
    chain.insert("raw_signalen", raw)
    chain.insert("raw_bestanden", [
        {"soort": "signalen", "partitie": month, "bestand": bestand, "rijen_gelezen": n}
        for (month, bestand), n in files.items()
    ])
    chain.build()
    totals = chain.one("select sum(rijen_gelezen) as r, sum(geaccepteerd) as a, sum(duplicaten) as d, "
                       "sum(quarantaine) as q from bestanden")
    assert totals["r"] == totals["a"] + totals["d"] + totals["q"] == len(deliveries)
    assert totals["a"] == len({d[0] for d in deliveries})
    for path in sorted(Path(CHECKS_DIR).glob("*.sql")):
        count, _ = run_check_query(chain.con, path.read_text(encoding="utf-8"))
        assert count == 0, path.name
