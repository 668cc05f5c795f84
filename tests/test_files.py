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


# --------------------------------------------------------------------------- link_files


def _tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _folders(folder) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir())


def test_link_files_links_every_named_file_as_the_same_file(tmp_path):
    source, target = tmp_path / "entry", tmp_path / "site"
    (source / "units" / "a").mkdir(parents=True)
    (source / "units" / "a" / "index.html").write_bytes(b"<p>a</p>")
    (source / "sitemap.xml").write_bytes(b"<urlset/>")
    assert files.link_files(source, target, ["units/a/index.html", "sitemap.xml"]) == (2, 8 + 9)
    assert _tree(target) == {"sitemap.xml": b"<urlset/>", "units/a/index.html": b"<p>a</p>"}
    assert os.stat(target / "sitemap.xml").st_ino == os.stat(source / "sitemap.xml").st_ino


@pytest.mark.parametrize("bad", ["missing.html", "../outside.txt", "/etc/hostname", "link.html", "units"])
def test_link_files_takes_a_set_whole_or_not_at_all(tmp_path, bad):
    """The third name is unusable (missing, outside, absolute, a symlink, a folder): nothing stays in the target."""
    source, target = tmp_path / "entry", tmp_path / "site"
    (source / "units" / "a").mkdir(parents=True)
    (source / "units" / "a" / "index.html").write_bytes(b"<p>a</p>")
    (source / "units" / "b.html").write_bytes(b"<p>b</p>")
    (tmp_path / "outside.txt").write_bytes(b"secret")
    (source / "link.html").symlink_to(tmp_path / "outside.txt")
    target.mkdir()
    (target / "kept.txt").write_bytes(b"was here before")
    with pytest.raises(OSError):
        files.link_files(source, target, ["units/a/index.html", "units/b.html", bad])
    assert _tree(target) == {"kept.txt": b"was here before"}
    assert _folders(target) == []


def test_link_files_never_replaces_a_file_already_in_the_target(tmp_path):
    source, target = tmp_path / "entry", tmp_path / "site"
    source.mkdir()
    target.mkdir()
    (source / "index.html").write_bytes(b"new")
    (target / "index.html").write_bytes(b"written by this build")
    with pytest.raises(FileExistsError):
        files.link_files(source, target, ["index.html"])
    assert (target / "index.html").read_bytes() == b"written by this build"


# --------------------------------------------------------------------------- FileCache


def _entry(cache: files.FileCache, key: str, contents: dict[str, bytes]) -> None:
    folder = cache.scratch()
    for name, data in contents.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    cache.store(key, folder, sorted(contents))


def test_a_stored_entry_is_found_and_linked_by_a_later_build(tmp_path):
    root = tmp_path / "cache" / "pages"
    _entry(files.FileCache(root), "k1", {"years/2022/index.html": b"<h1>2022</h1>"})
    assert sorted(os.listdir(root)) == ["k1"]  # the scratch folder became the entry
    assert (root / "k1" / "done").read_text("utf-8") == "years/2022/index.html"
    later = files.FileCache(root)
    assert later.names("k1") == ["years/2022/index.html"]
    assert later.link("k1", ["years/2022/index.html"], tmp_path / "site") == (1, 13)
    assert _tree(tmp_path / "site") == {"years/2022/index.html": b"<h1>2022</h1>"}
    assert later.used == {"k1"}


def test_an_entry_that_cannot_be_linked_whole_is_discarded(tmp_path):
    root = tmp_path / "cache"
    cache = files.FileCache(root)
    _entry(cache, "k1", {"a.html": b"a", "b.html": b"b"})
    (root / "k1" / "b.html").unlink()  # another build's pruning, or damage
    assert cache.link("k1", ["a.html", "b.html"], tmp_path / "site") is None
    assert not (root / "k1").exists()
    assert not (tmp_path / "site" / "a.html").exists()


def test_an_entry_listing_a_name_outside_or_a_symlink_is_a_miss(tmp_path):
    root = tmp_path / "cache"
    cache = files.FileCache(root)
    _entry(cache, "outside", {"a.html": b"a"})
    (root / "outside" / "done").write_text("a.html\n../../victim.txt", "utf-8")
    _entry(cache, "linked", {"a.html": b"a"})
    (root / "linked" / "a.html").unlink()
    (root / "linked" / "a.html").symlink_to(tmp_path / "victim.txt")
    (tmp_path / "victim.txt").write_bytes(b"victim")
    assert cache.names("outside") is None and cache.names("linked") is None
    assert cache.names("../victim.txt") is None


def test_pruning_removes_only_entries_unused_and_untouched_for_the_grace_period(tmp_path):
    root = tmp_path / "cache"
    earlier = files.FileCache(root)
    for key in ("used-old", "unused-old", "unused-new"):
        _entry(earlier, key, {"a.html": key.encode()})
    killed = earlier.scratch()  # a scratch folder a killed build left
    hour_ago = os.stat(root).st_mtime - 3600
    for name in ("used-old", "unused-old", killed.name):
        os.utime(root / name, (hour_ago, hour_ago))
    cache = files.FileCache(root)
    assert cache.names("used-old") == ["a.html"]  # this build uses it (and touches it)
    cache.prune()
    assert sorted(os.listdir(root)) == ["unused-new", "used-old"]
    # "unused-new" was stored moments ago: another build sharing the cache may be about to link it
