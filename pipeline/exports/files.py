"""Private folders and atomic private files for exports that hold personal data."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create `path` and any missing parents with mode 0700; existing folders are left alone."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:  # created concurrently: leave it as it is
            continue
        folder.chmod(DIR_MODE)  # mkdir's mode is filtered by the umask; make it exact
    if not path.is_dir():
        raise NotADirectoryError(f"geen map: {path}")
    return path


def write_private(path: Path, data: bytes) -> Path:
    """Write `data` to `path` with mode 0600, atomically (temporary file + rename).

    A reader never sees a half-written file; on failure the old file (if any) stays.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
