"""Ingestion: landing files (CSV/TXT, XLSX, Parquet) -> typed rows + quarantine.

    from pipeline.ingest import ingest_file, SIGNALEN
    result = ingest_file(path, SIGNALEN, today=date(2024, 2, 1))
    result.rows, result.quarantine, result.rows_read, result.sha256

See schema.py for the fields and rules of each input.
"""

from .core import IngestResult, ingest_file
from .errors import FileProblem
from .schema import CONTACTPOGINGEN, GEMEENTEN, SIGNALEN, Field, InputSchema

__all__ = [
    "ingest_file",
    "IngestResult",
    "FileProblem",
    "SIGNALEN",
    "CONTACTPOGINGEN",
    "GEMEENTEN",
    "InputSchema",
    "Field",
]
