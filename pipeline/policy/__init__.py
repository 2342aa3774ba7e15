"""Policy (werkwijze) engine: per-gemeente YAML rules route each melding to an aanpak.

    policies = load_policies(Path("policies"))          # PolicySet
    routed = route(features, policies)                  # OUTPUT_SCHEMA, same row order
    pickup = route_pickup(same_month_features, policies)  # before history is computed
    workload = workload_per_aanpak(routed)

See policies/README.md for the file format.
"""

from pipeline.policy.engine import route, route_pickup
from pipeline.policy.errors import FeatureSchemaError, PolicyError
from pipeline.policy.frames import (
    AANPAKKEN,
    FEATURE_SCHEMA,
    OUTPUT_SCHEMA,
    PICKUP_SCHEMA,
    SAME_MONTH_COLUMNS,
    WORKLOAD_SCHEMA,
)
from pipeline.policy.loader import load_policies, load_policy, load_policy_text
from pipeline.policy.model import Policy, PolicySet, Rule
from pipeline.policy.schema import parse_policy
from pipeline.policy.workload import workload_per_aanpak

__all__ = [
    "AANPAKKEN",
    "FEATURE_SCHEMA",
    "OUTPUT_SCHEMA",
    "PICKUP_SCHEMA",
    "SAME_MONTH_COLUMNS",
    "WORKLOAD_SCHEMA",
    "FeatureSchemaError",
    "Policy",
    "PolicyError",
    "PolicySet",
    "Rule",
    "load_policies",
    "load_policy",
    "load_policy_text",
    "parse_policy",
    "route",
    "route_pickup",
    "workload_per_aanpak",
]
