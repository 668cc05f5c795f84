"""Files: the file-system layer below every stage: atomic writes, reading back, linking, the cache.

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

What a build reads back from its cache or a shard (written by anyone who could write
there) is opened without following links (``open_no_follow``, ``read_regular``), named by
plain relative names only (``plain_name``, ``regular_file``, ``listed_files``) and
linked into the site whole or not at all (``link_files``).  ``FileCache`` is the one
content-addressed cache of files (pages, datasets, search slices), with one pruning rule.
``walk`` and ``tree_digest`` list and hash a folder without following links (a package's
content key, the code and templates in the build fingerprint).

This module imports nothing from the rest of jixiao, so every stage can use it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
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


# --------------------------------------------------------------------------- reading back without following links


class LinkRefused(OSError):
    """A symlink, junction or other redirection where a regular file was expected."""


class NotRegularFile(OSError):
    """Something other than a regular file or folder (a FIFO, a device)."""


class FileSwapped(OSError):
    """The file opened is not the one ``lstat`` saw: it was replaced in between."""


REPARSE_POINT = getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0x400)
"""Windows: symlinks, junctions and other redirections all carry this attribute."""


def open_no_follow(path: Path) -> int:
    """A read-only descriptor of ``path`` itself, never of what a link there points to.

    Where the system has ``O_NOFOLLOW`` (Linux, macOS, BSD) the kernel refuses a link in
    one step, and ``O_NONBLOCK`` keeps a FIFO from hanging the open.  Elsewhere (Windows)
    the same guarantee comes in two: ``lstat`` refuses a link, a junction or anything but
    a regular file before opening, and the opened file must be the one ``lstat`` saw
    (device and file number), so a file swapped for a link in between is refused too.
    ``O_BINARY`` keeps Windows from translating line ends in what is read.  Raises
    ``LinkRefused``, ``IsADirectoryError``, ``NotRegularFile``, ``FileSwapped``,
    ``FileNotFoundError`` or another OSError.
    """
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    no_follow = getattr(os, "O_NOFOLLOW", None)
    before = None
    if no_follow is None:
        before = os.lstat(path)
        if stat.S_ISLNK(before.st_mode) or getattr(before, "st_file_attributes", 0) & REPARSE_POINT:
            raise LinkRefused(errno.ELOOP, "is a link", str(path))
        if stat.S_ISDIR(before.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        if not stat.S_ISREG(before.st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
    else:
        flags |= no_follow | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as error:
        if os.path.islink(path):
            raise LinkRefused(errno.ELOOP, "is a link", str(path)) from None
        raise error from None
    if before is not None:
        after = os.fstat(descriptor)
        if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
            os.close(descriptor)
            raise FileSwapped(errno.EAGAIN, "replaced while being opened", str(path))
    return descriptor


MAX_READ_BYTES = 1 << 30
"""A file read back (a record, an entry's listing) larger than this is a miss: nothing jixiao writes comes near it."""


def read_regular(path: Path, limit: int = MAX_READ_BYTES) -> bytes | None:
    """A regular file's bytes, never through a symlink (checked on the open file too); None otherwise."""
    try:
        descriptor = open_no_follow(path)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)


def plain_name(name: object) -> bool:
    """A relative POSIX path of plain parts: no ``..``, ``.``, empty part, absolute path, backslash or NUL."""
    if not isinstance(name, str) or not name or name.startswith("/") or "\\" in name or "\0" in name:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/")) and ":" not in name.split("/")[0]


def regular_file(root: Path, name: str) -> os.stat_result | None:
    """The stat of ``root/name`` if it is a regular file reached through real folders only, else None.

    Every part is ``lstat``-ed: a symlink anywhere on the way (or at the end) is refused,
    so a cache entry can never bring a file from elsewhere into the site.
    """
    if not plain_name(name):
        return None
    path = root
    try:
        parts = name.split("/")
        for part in parts[:-1]:
            path = path / part
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                return None
        info = os.lstat(path / parts[-1])
    except (OSError, ValueError):
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def listed_files(entry: Path, listing: str) -> list[str] | None:
    """The files a folder lists in its ``listing`` file (one name a line, written last), all checked.

    None (a miss) unless the listing is a regular file and every name in it is plain and
    a regular file of the folder: an entry naming ``../../x`` or holding a symlink is
    never linked, published or cleaned up by name.
    """
    data = read_regular(entry / listing)
    try:
        names = [name for name in data.decode("utf-8").split("\n") if name] if data is not None else None
    except UnicodeDecodeError:
        return None
    if names is None or not all(regular_file(entry, name) is not None for name in names):
        return None
    return names


def remove(path: Path) -> None:
    """Remove something that will not be used: a link or file is unlinked (never followed), a folder removed."""
    if os.path.islink(path) or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


# --------------------------------------------------------------------------- linking


def link_files(source_root: Path, target_root: Path, names: Iterable[str]) -> tuple[int, int]:
    """Hard-link (or copy, across file systems) named files of one folder into another; returns (files, bytes).

    Each source must be a plain relative name and a regular file reached without a symlink
    (``regular_file``), and no target may exist yet; else OSError, and everything this call
    made (files and folders) is removed again, so a set of files is never taken in part.
    """
    made_files: list[Path] = []
    made_folders: list[Path] = []
    size = 0
    try:
        for name in names:
            info = regular_file(source_root, name)
            if info is None:
                raise FileNotFoundError(errno.ENOENT, "not a plain regular file", str(source_root / name))
            source, target = source_root / name, target_root / name
            _make_folders(target.parent, made_folders)
            try:
                os.link(source, target, follow_symlinks=False)
            except FileExistsError:
                raise
            except (OSError, NotImplementedError):  # another file system; or no linkat (follow_symlinks) here
                _copy_new(source, target)
            made_files.append(target)
            size += info.st_size
    except BaseException:
        for path in made_files:
            with contextlib.suppress(OSError):
                os.unlink(path)
        for folder in reversed(made_folders):
            with contextlib.suppress(OSError):
                os.rmdir(folder)
        raise
    return len(made_files), size


def _make_folders(folder: Path, made: list[Path]) -> None:
    """``mkdir -p``, recording the folders it created (outermost first) so they can be removed again."""
    missing = []
    while not os.path.isdir(folder):
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        made.append(path)


def _copy_new(source: Path, target: Path) -> None:
    """Copy a file to a name that must not exist yet (so a link planted there is never written through)."""
    with open(source, "rb") as reading, open(target, "xb") as writing:
        shutil.copyfileobj(reading, writing)


# --------------------------------------------------------------------------- the content-addressed cache


class FileCache:
    """Folders of files by key (a hash of everything that made them), each stored whole or not at all.

    An entry is ``<root>/<key>/``: its files under their relative paths and ``done``, the
    list of them, written last, so a half-written entry is never used.  Entries are read
    back as data (``listed_files``): a listing naming ``../x`` or a symlink in an entry
    is a miss, and the entry is made again.  Files are hard-linked out of an entry, so a
    hit costs no copy.

    One pruning rule for every cache: ``prune`` removes the entries a build did not use,
    and the scratch folders of killed builds, once untouched for ``KEEP_SECONDS``;
    another build sharing the cache may be about to link an entry it just found
    (``names`` touches it).
    """

    LISTING = "done"
    KEEP_SECONDS = 600

    def __init__(self, root: Path) -> None:
        self.root = root
        self.used: set[str] = set()

    def path(self, key: str) -> Path:
        return self.root / key

    def names(self, key: str) -> list[str] | None:
        """The entry's files, or None if it is missing or not as ``store`` writes it; a hit is marked in use."""
        entry = self.root / key
        if not plain_name(key) or "/" in key or os.path.islink(entry):
            return None
        names = listed_files(entry, self.LISTING)
        if names is None:
            return None
        try:
            os.utime(entry)  # in use: another build's ``prune`` leaves it alone
        except OSError:
            return None
        self.used.add(key)
        return names

    def link(self, key: str, names: list[str], target: Path) -> tuple[int, int] | None:
        """Link an entry's files into ``target``: (files, bytes); None, with nothing left behind, if any is missing.

        An entry that cannot be linked whole (damaged, or removed meanwhile by another
        build's pruning) is discarded, so the caller makes and stores it again.
        """
        try:
            return link_files(self.root / key, target, names)
        except OSError:
            self.discard(key)
            return None

    def discard(self, key: str) -> None:
        """Remove an unusable entry before it is made again (a symlink is removed, never followed)."""
        self.used.discard(key)
        remove(self.root / key)

    def scratch(self) -> Path:
        """A new folder inside the cache to make an entry in (``store`` moves it into place)."""
        self.root.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".new-", dir=self.root))

    def store(self, key: str, folder: Path, names: list[str]) -> None:
        """Make ``folder`` (from ``scratch``, holding ``names``) the entry for ``key``, or remove it.

        A rename, so the entry appears whole; if another build stored the same key first,
        its entry (the same files) is kept and ``folder`` removed.
        """
        try:
            (folder / self.LISTING).write_text("\n".join(names), "utf-8")
            os.replace(folder, self.root / key)
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)
        self.used.add(key)

    def prune(self) -> None:
        """Entries this build did not use, and scratch folders of killed builds, untouched for ``KEEP_SECONDS``."""
        if not self.root.is_dir():
            return
        stale = time.time() - self.KEEP_SECONDS
        for entry in self.root.iterdir():
            try:
                if entry.name not in self.used and entry.lstat().st_mtime < stale:
                    self.discard(entry.name)
            except OSError:
                pass


# --------------------------------------------------------------------------- walking and hashing trees


def walk(directory: Path, prefix: str = "") -> Iterator[tuple[str, os.DirEntry]]:
    """Every entry under a folder as (relative POSIX path, entry), sorted, never following symlinks."""
    with os.scandir(directory) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        relative = f"{prefix}{entry.name}"
        yield relative, entry
        if entry.is_dir(follow_symlinks=False):
            yield from walk(Path(entry.path), relative + "/")


def tree_digest(directory: Path, pattern: str = "*") -> str:
    """A content hash of the files under a folder that match pattern (names and bytes; __pycache__ skipped).

    Used for packages (their content key) and for the code, templates and assets (the build
    fingerprint).  Symlinks are hashed by their target text, never followed; special files by name.
    """
    hasher = hashlib.sha256()
    # sorted by the whole path, as ``ingest/load._digest`` sorts a package's files: a package's tree digest
    # and the digest of the bytes read from it are the same hash (the build compares them)
    for relative, entry in sorted(walk(directory), key=lambda item: item[0]):
        if "__pycache__" in relative.split("/") or entry.is_dir(follow_symlinks=False):
            continue
        if not Path(relative).match(pattern) and pattern != "*":
            continue
        hasher.update(relative.encode() + b"\0")
        if entry.is_symlink():
            hasher.update(b"symlink:" + os.readlink(entry.path).encode("utf-8", "surrogateescape"))
        elif entry.is_file(follow_symlinks=False):
            try:
                with open(entry.path, "rb") as handle:
                    hasher.update(hashlib.file_digest(handle, "sha256").digest())
            except FileNotFoundError:  # removed since the listing (an editor's swap file): hashed as gone
                hasher.update(b"vanished")
        hasher.update(b"\0")
    return hasher.hexdigest()
