"""The file-system layer (jixiao/files.py): a file is replaced whole or not at all, never through a link.

Every expected state is written out by hand: the folder's listing, the bytes, the mode.
"""

from __future__ import annotations

import os
import stat

import pytest

from jixiao import files


def _listing(folder) -> list[str]:
    return sorted(os.listdir(folder))


def test_a_new_file_is_written_with_the_mode_open_gives(tmp_path):
    previous = os.umask(0o022)
    try:
        files.write_atomic(tmp_path / "sub" / "record.json", b'{"a": 1}')
    finally:
        os.umask(previous)
    assert _listing(tmp_path / "sub") == ["record.json"]
    assert (tmp_path / "sub" / "record.json").read_bytes() == b'{"a": 1}'
    assert stat.S_IMODE(os.stat(tmp_path / "sub" / "record.json").st_mode) == 0o644


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "manifest.json"
    target.write_bytes(b"old contents\n")

    def disk_full(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)  # after the bytes went out, before the rename
    with pytest.raises(OSError, match="No space left"):
        files.write_atomic(target, b"new contents that never arrive\n", durable=True)
    assert _listing(tmp_path) == ["manifest.json"]
    assert target.read_bytes() == b"old contents\n"


def test_an_interrupt_at_the_rename_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "review.csv"
    target.write_bytes(b"status\nunreviewed\n")

    def interrupted(source, destination):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(target, b"status\nreviewed\n")
    assert _listing(tmp_path) == ["review.csv"]
    assert target.read_bytes() == b"status\nunreviewed\n"


def test_a_symlink_at_the_target_is_replaced_not_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"not the build's\n")
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "digests.json").symlink_to(outside)
    files.write_atomic(folder / "digests.json", b"{}")
    assert not (folder / "digests.json").is_symlink()
    assert (folder / "digests.json").read_bytes() == b"{}"
    assert outside.read_bytes() == b"not the build's\n"
    assert _listing(folder) == ["digests.json"]


def test_a_link_planted_at_the_temporary_name_is_not_written_through(tmp_path, monkeypatch):
    """Someone who guesses the next temporary name gets nothing: the file is created exclusively elsewhere."""
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me\n")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / ".journal.json.aaaaaaaaaaaa.tmp").symlink_to(victim)
    tags = iter(["aaaaaaaaaaaa", "bbbbbbbbbbbb"])
    monkeypatch.setattr(files.secrets, "token_hex", lambda size: next(tags))
    files.write_atomic(folder / "journal.json", b'{"moves": []}', durable=True)
    assert victim.read_bytes() == b"keep me\n"
    assert (folder / "journal.json").read_bytes() == b'{"moves": []}'
    assert _listing(folder) == [".journal.json.aaaaaaaaaaaa.tmp", "journal.json"]


def test_a_durable_write_reaches_the_disk_before_the_rename(tmp_path, monkeypatch):
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: events.append("fsync") or real_fsync(fd))
    monkeypatch.setattr(os, "replace", lambda a, b: events.append("replace") or real_replace(a, b))
    files.write_atomic(tmp_path / "journal.json", b"{}", durable=True)
    assert events == ["fsync", "replace", "fsync"]  # the file, the rename, the folder's entry
    events.clear()
    files.write_atomic(tmp_path / "digests.json", b"{}")
    assert events == ["replace"]


def test_temporary_names_are_recognised_beside_their_target_only():
    assert files.is_temporary(".moves.json.0123456789ab.tmp", "moves.json")
    assert not files.is_temporary(".moves.json.0123456789ab.tmp", "other.json")
    assert not files.is_temporary("moves.json", "moves.json")
