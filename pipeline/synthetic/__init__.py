"""Seeded synthetic landing data for vroegsignaal: signal exports per month and gemeenten.

    from pipeline.synthetic import generate
    summary = generate(Path("demo/landing"), start="2023-01", months=24, seed=42)

Modules, in data-flow order: calibration (the numbers), gemeenten (registry), keyed
(counter-based randomness), population (households and their meldingen), identifiers
(BSN, klantnummer, address), persons (who lives there), signals (melding -> signals),
world (all of it as arrays), frame (typed polars rows), defects, layout (file per signal and
format per signaalpartner), writers, generate. traits exposes hidden household traits.
"""

from pipeline.synthetic.generate import GenerateSummary, generate
from pipeline.synthetic.identifiers import is_valid_bsn
from pipeline.synthetic.traits import household_traits

__all__ = ["GenerateSummary", "generate", "household_traits", "is_valid_bsn"]
