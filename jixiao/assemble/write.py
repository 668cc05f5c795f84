"""Write: put every output file into a fresh folder beside the target, then swap it in.

Nothing touches the previous site until everything has been written; a failure
leaves it as it was.  Duplicate paths are refused, so two pages can never silently
overwrite each other.  Worker processes write their own files into the same staging
folder with ``write_files``; files an incremental build can reuse are hard-linked
from the previous output instead of being rendered again (``files.link_files``).

The output folder is owned, not assumed: a build replaces only a folder that is
missing, empty, or marked by a previous build (``MARKER``), never one that holds the
project, its data or its code.  A lock beside the folder keeps two builds from writing
it at once, and whoever holds the lock removes what a killed build left behind.  The
lock is ``filelock``'s: ``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows, so
it holds the same way everywhere and is released by the system when a build is killed.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from jixiao import files

MARKER = ".jixiao-build"
"""Written into every output folder: the proof that a later build may replace it."""
MARKER_TEXT = b"This folder was written by jixiao; the next build replaces all of it.\n"
SIBLING = ".{name}.jixiao-"
"""Prefix of everything a build creates beside the output folder (staging, old copy, scratch, lock)."""


class DuplicatePathError(Exception):
    pass


class OutputError(Exception):
    """The output folder cannot be used; the message says why and what to do."""


def _sibling(out_dir: Path, kind: str) -> str:
    return SIBLING.format(name=out_dir.name) + kind


def check_output(out_dir: Path, protected: Iterable[Path], owned_elsewhere: bool = False) -> None:
    """Refuse an output folder that a build must not replace.

    ``protected`` are folders the build reads (project, data, templates, code): the output
    may be neither one of them, nor a folder that contains one, nor inside data.
    ``owned_elsewhere`` says a previous build here is on record (the site manifest).
    """
    if out_dir.is_symlink():
        raise OutputError(f"输出目录 {out_dir} 是符号链接；请给出真实的文件夹")
    target = out_dir.resolve()
    for folder in protected:
        folder = folder.resolve()
        if target == folder or folder.is_relative_to(target):
            raise OutputError(f"输出目录 {out_dir} 是 {folder} 或包含它；构建会替换整个输出目录，请换一个，如 _site")
    if not target.exists():
        return
    if not target.is_dir():
        raise OutputError(f"输出目录 {out_dir} 是一个文件，不是文件夹；请换一个")
    with os.scandir(target) as scan:
        names = sorted(entry.name for entry in scan)
    if not names or MARKER in names or owned_elsewhere:
        return
    shown = "、".join(names[:3]) + (f" 等 {len(names)} 项" if len(names) > 3 else "")
    raise OutputError(
        f"输出目录 {out_dir} 不是 jixiao 生成的（没有 {MARKER} 标记），其中有 {shown}；"
        "构建会替换整个文件夹，为免误删，请换一个空的或新的文件夹"
    )


@contextmanager
def output_lock(out_dir: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock on an output folder; remove what killed builds left beside it.

    A second build into the same folder waits, after telling ``on_wait`` why; without
    ``on_wait`` it is refused.  The lock file (``.<out>.jixiao-lock``, empty) stays beside
    the site on Linux and macOS: removing it there would let a waiting build and a new one
    lock two different files at once.
    """
    out_dir = out_dir.resolve()
    path = out_dir.parent / _sibling(out_dir, "lock")
    lock = FileLock(path, thread_local=False)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        _probe_writable(out_dir)
        _acquire(lock, out_dir, on_wait)
    except OSError as error:
        raise OutputError(f"无法在 {out_dir.parent} 中写入：{error.strerror}；请检查权限或换一个输出目录") from None
    try:
        recover_moves(out_dir)
        remove_leftovers(out_dir)
        yield
    finally:
        lock.release()


def _probe_writable(out_dir: Path) -> None:
    """Raise OSError now if nothing can be written beside ``out_dir``.

    filelock treats a lock file it cannot create as a lock held by someone else and waits
    forever.  The probe is a scratch file of its own, not the lock file: where filelock
    falls back to a soft lock (no ``fcntl``), an existing lock file *is* the lock.
    """
    handle, probe = tempfile.mkstemp(prefix=_sibling(out_dir, "tmp-probe-"), dir=out_dir.parent)
    os.close(handle)
    os.unlink(probe)


def _acquire(lock: FileLock, out_dir: Path, on_wait: Callable[[str], None] | None) -> None:
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait is None:
            raise OutputError(f"另一个构建正在写入 {out_dir}；请等它结束后再运行") from None
        on_wait(f"另一个构建正在写入 {out_dir}，等待它结束…")
        lock.acquire()


def remove_leftovers(out_dir: Path) -> list[str]:
    """Staging, old and scratch folders of builds that were killed (call only while holding the lock)."""
    removed = []
    prefixes = tuple(_sibling(out_dir, kind) for kind in ("new-", "old-", "tmp-"))
    journal = _journal_path(out_dir).name
    with os.scandir(out_dir.parent) as scan:
        for entry in scan:
            if entry.name.startswith(prefixes) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(entry.name)
            elif files.is_temporary(entry.name, journal) and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)  # a journal half written by a killed build: no move had started
                removed.append(entry.name)
    return sorted(removed)


def owned_roots(files_by_unit: dict[str, Iterable[str]]) -> dict[str, list[str]]:
    """Each unit's files as the fewest paths that hold only its files: its own folders, else single files.

    ``units/a/…`` and ``downloads/a-2024/…`` become two folders; a file in a folder shared
    with other units (``api/units/a.json``) stays a file.  Moving these paths moves the unit.
    (Folders by ``rpartition`` and each folder walked once: a national manifest has 200,000 files.)
    """
    owner: dict[str, str | None] = {}
    parents: dict[str, dict[str, list[str]]] = {}
    for unit, paths in files_by_unit.items():
        by_folder: dict[str, list[str]] = {}
        for path in paths:
            by_folder.setdefault(path.rpartition("/")[0], []).append(path)
        parents[unit] = by_folder
        folders: set[str] = set()
        for folder in by_folder:
            while folder and folder not in folders:
                folders.add(folder)
                folder = folder.rpartition("/")[0]
        for folder in folders:
            owner[folder] = unit if owner.get(folder, unit) == unit else None
    roots: dict[str, list[str]] = {}
    for unit, by_folder in parents.items():
        found: set[str] = set()
        for folder, paths in by_folder.items():
            highest, walk = None, folder
            while walk and owner.get(walk) == unit:
                highest, walk = walk, walk.rpartition("/")[0]
            if highest is None:
                found.update(paths)
            else:
                found.add(highest)
        roots[unit] = sorted(found)
    return roots


def write_files(root: Path, files: Iterable[tuple[str, bytes]], written: set[str] | None = None) -> tuple[int, int]:
    """Write (path, bytes) pairs under root; returns (files, bytes).  Refuses a path seen before."""
    seen = written if written is not None else set()
    made_dirs: set[Path] = set()
    count = size = 0
    for path, data in files:
        if path in seen:
            raise DuplicatePathError(f"两个输出文件使用了同一路径：{path}")
        seen.add(path)
        target = root / path
        if target.parent not in made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(target.parent)
        target.write_bytes(data)
        count += 1
        size += len(data)
    return count, size


class Staging:
    """A fresh folder beside out_dir that becomes out_dir on ``commit``; ``abort`` removes it.

    ``scratch`` is a second folder beside it for temporary files (the datasets' parts), so
    everything a build writes stays on one file system and is removed on every way out.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        made: list[Path] = []
        try:
            self.out_dir.parent.mkdir(parents=True, exist_ok=True)
            for kind in ("new-", "tmp-"):
                _make_sibling_folder(self.out_dir, kind, made)
            self.root, self.scratch = made
            (self.root / MARKER).write_bytes(MARKER_TEXT)
        except BaseException as error:  # a SIGTERM here too: the caller has no Staging to abort yet
            for folder in made:
                shutil.rmtree(folder, ignore_errors=True)
            if isinstance(error, OSError):
                raise OutputError(f"无法在 {self.out_dir.parent} 中写入：{error.strerror}") from None
            raise
        self.written: set[str] = {MARKER}

    def write(self, files: Iterable[tuple[str, bytes]]) -> tuple[int, int]:
        return write_files(self.root, files, self.written)

    def claim(self, paths: Iterable[str]) -> None:
        """Record paths written by worker processes, refusing any already written."""
        for path in paths:
            if path in self.written:
                raise DuplicatePathError(f"两个输出文件使用了同一路径：{path}")
            self.written.add(path)

    def commit(self, adopt: Iterable[str] = ()) -> Path | None:
        """Move ``adopt`` (site paths: unchanged units' folders) from the current site into this one, then swap.

        The moves are journaled beside the site before the first one: a failure puts them
        back here, a killed build's are put back by the next build (``recover_moves``), so
        the previous site stays whole.  Returns the previous site's folder, renamed aside,
        for the caller to remove once the lock is released (``remove_tree``); None if there
        was none.
        """
        shutil.rmtree(self.scratch, ignore_errors=True)
        os.chmod(self.root, 0o755)
        adopt = sorted(adopt)
        if not self.out_dir.exists():
            if adopt:
                raise FileNotFoundError(f"{self.out_dir} 不存在，无法沿用其中的 {adopt[0]}")
            self.root.rename(self.out_dir)
            return None
        old = Path(tempfile.mkdtemp(prefix=_sibling(self.out_dir, "old-"), dir=self.out_dir.parent))
        old.rmdir()
        journal = _journal_path(self.out_dir)
        _write_journal(journal, {"staging": str(self.root), "old": str(old), "moves": adopt})
        try:
            _move_all(self.out_dir, self.root, adopt)
            _swap(self.root, self.out_dir, old)
        except BaseException:
            _undo(self.out_dir, self.root, old, adopt)
            journal.unlink(missing_ok=True)
            raise
        journal.unlink(missing_ok=True)
        return old

    def abort(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)
        shutil.rmtree(self.root, ignore_errors=True)


def _make_sibling_folder(out_dir: Path, kind: str, made: list[Path]) -> None:
    """Create a fresh folder beside ``out_dir``, its name in ``made`` *before* it exists.

    ``tempfile.mkdtemp`` returns only after more Python code has run, so a SIGTERM that
    unwinds the build there left a folder nobody knew of (seen as a flaky leftover in
    tests/test_hygiene.py).  Here the name is recorded first: whatever removes ``made``
    removes it; a name that already exists (someone else's) is dropped, never removed.
    """
    while True:
        folder = out_dir.parent / (_sibling(out_dir, kind) + secrets.token_hex(8))
        made.append(folder)
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            made.pop()
            continue
        return  # any other failure leaves the name in ``made``: removing a folder never made is a no-op


def remove_tree(path: Path | None) -> None:
    """The previous site, renamed aside by ``Staging.commit``: by then it holds only what changed."""
    if path is not None:
        shutil.rmtree(path, ignore_errors=True)


def _journal_path(out_dir: Path) -> Path:
    return out_dir.parent / _sibling(out_dir, "moves.json")


def _write_journal(path: Path, entry: dict) -> None:
    """Durable: after a crash the next build reads it to put the moved folders back."""
    files.write_atomic(path, json.dumps(entry).encode("utf-8"), durable=True)


def _move_all(source_root: Path, target_root: Path, paths: list[str]) -> None:
    """Rename each path from one tree into the other; a path already in the target is an error, never overwritten."""
    made: set[Path] = set()
    for path in paths:
        target = target_root / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if os.path.lexists(target):
            raise DuplicatePathError(f"两个输出文件使用了同一路径：{path}")
        os.rename(source_root / path, target)


def _undo(out_dir: Path, staging: Path, old: Path, moves: list[str]) -> None:
    """Put the previous site back as it was: its folder in place, every moved path back in it."""
    if staging.exists():
        if not out_dir.exists() and old.exists():
            old.rename(out_dir)
        for path in reversed(moves):
            source, target = staging / path, out_dir / path
            if os.path.lexists(source) and not os.path.lexists(target):
                target.parent.mkdir(parents=True, exist_ok=True)
                os.rename(source, target)


def recover_moves(out_dir: Path) -> bool:
    """Undo the moves of a build killed before its swap (call only while holding the lock); True if there were any."""
    journal = _journal_path(out_dir)
    if not os.path.lexists(journal):
        return False
    entry = _read_journal(out_dir, journal)
    if entry is not None:
        _undo(out_dir, *entry)
    journal.unlink(missing_ok=True)
    return True


def _read_journal(out_dir: Path, journal: Path) -> tuple[Path, Path, list[str]] | None:
    """(staging, old, moves) as ``commit`` wrote them; None for a journal it could not have written.

    Read as data (``files.read_regular``: never through a link): both folders must be this
    output's siblings and every move a plain relative name (``files.plain_name``), so a
    planted journal can move nothing from elsewhere into the site or out of it.
    """
    data = files.read_regular(journal)
    if data is None:
        return None
    try:
        entry = json.loads(data)
        staging, old, moves = Path(entry["staging"]), Path(entry["old"]), list(entry["moves"])
    except (ValueError, KeyError, TypeError, RecursionError):
        return None
    prefix = _sibling(out_dir, "")
    beside = all(folder.parent == out_dir.parent and folder.name.startswith(prefix) for folder in (staging, old))
    return (staging, old, moves) if beside and all(map(files.plain_name, moves)) else None


def _swap(staging: Path, out_dir: Path, old: Path) -> None:
    """Rename the current site aside to ``old`` and the new folder into place."""
    out_dir.rename(old)
    try:
        staging.rename(out_dir)
    except BaseException:
        old.rename(out_dir)
        raise
