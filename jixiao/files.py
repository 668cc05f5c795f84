"""Files: the one way jixiao replaces a file, below every stage.

Every stage writes files a later run reads back (records, manifests, the swap journal)
or that a person owns (a draft's review.csv, an upgraded table).  Each of them is
replaced whole or not at all, by the one helper here, so the rules hold everywhere:

* the new bytes go to a temporary file in the target's own folder (one naming scheme,
  ``TEMPORARY``: same file system, so the final rename is atomic), created exclusively,
  so nothing already there (a planted symlink) is opened or written through;
* the temporary file is renamed over the target: a symlink at the target is replaced,
  never followed;
* any error on the way removes the temporary file and leaves the target as it was;
* ``durable`` writes (what a later build acts on after a crash, and people's files)
  are flushed to disk before the rename and the folder after it.

This module imports nothing from the rest of jixiao, so every stage can use it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

TEMPORARY = ".{name}.{tag}.tmp"
"""A temporary file beside ``name``: hidden, named after its target, ``tag`` random hex."""

_CREATE = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL  # with O_CREAT: fails on anything already there, a symlink included (never followed)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)  # Windows: bytes as they are, no line-end translation
)


def is_temporary(name: str, target: str) -> bool:
    """Whether ``name`` is a temporary file ``write_atomic`` makes beside ``target`` (left by a killed run)."""
    return name.startswith(f".{target}.") and name.endswith(".tmp")


def write_atomic(path: Path, data: bytes, durable: bool = False) -> None:
    """Replace ``path`` with ``data`` in one step: a reader sees the old file or the new one, never a part.

    The folder is made if missing.  A new file gets the mode ``open`` would give it (0o666
    less the umask).  With ``durable`` the data reaches the disk before the rename, and the
    rename before the return (where the system can sync a folder).
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    temporary, descriptor = _create_temporary(path)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if durable:
        _sync_folder(folder)


def _create_temporary(path: Path) -> tuple[Path, int]:
    """A new, empty temporary file beside ``path`` and its open descriptor (a name taken is tried again)."""
    for _ in range(100):
        temporary = path.with_name(TEMPORARY.format(name=path.name, tag=secrets.token_hex(6)))
        try:
            return temporary, os.open(temporary, _CREATE, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the rename) to disk; Windows has no such call and needs none."""
    directory = getattr(os, "O_DIRECTORY", None)
    if directory is None:
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | directory)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
