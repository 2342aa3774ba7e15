"""The DDAS v1.2 enumerations, read from the shipped exchange schema: one source for the ingestion,
the policy engine, the contracts' tests and the DDAS delivery."""

from pipeline.common.ddas_schema import enum_values

SIGNAALPARTNER_TYPES: tuple[str, ...] = enum_values("EnumSignaalpartner")
SIGNAALSTATUSSEN: tuple[str, ...] = enum_values("EnumSignaalstatus")
EINDRESULTATEN: tuple[str, ...] = enum_values("EnumEindresultaat")
CONTACTSOORTEN: tuple[str, ...] = enum_values("EnumContactsoort")
DAGDELEN: tuple[str, ...] = enum_values("EnumDagdeel")
GESLACHTEN: tuple[str, ...] = enum_values("geslacht")
