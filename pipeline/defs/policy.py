"""The Python steps inside the model graph (policy table, pick-up decision, approach list): their
descriptions and groups. They run inside the models' multi_asset (pipeline/defs/models.py), in
graph order, on the run's range: the monthly steps get `since` = run_bereik.vanaf."""

import dagster as dg


DESCRIPTIONS = {
    "raw_beleid": "The policy timeline: per gemeente the policy version (policies/*.yaml, by sha256) in force "
    "from geldig_vanaf up to geldig_tot and its signal-level drempelbedrag; gemeentecode '*' is the default "
    "policy for gemeenten without a file of their own. Every version used is kept in beleid_versies.",
    "melding_opname": "Which candidate meldingen the gemeente's policy picks up: the leading pick-up rules "
    "(such as Leiden's melding-level drempel) on same-month facts, and residents already known at "
    "schuldhulpverlening. Kept decisions: made once per melding under the version of its month.",
    "aanpaklijst": "The approach list: per melding the aanpak, channels, letter template, priority, "
    "consultant, recurrence flags, the deciding rule and one Dutch sentence saying why. Kept decisions: "
    "made once per melding under the policy version of its month (beleid_hash).",
}

GROUPS = {"raw_beleid": "beleid", "melding_opname": "beleid", "aanpaklijst": "marts"}


#: The steps run inside the models' multi_asset (pipeline/defs/models.py), in graph order.
policy_assets: list[dg.AssetsDefinition] = []
