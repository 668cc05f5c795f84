"""The swap's journal (jixiao/assemble/write.py): a killed build's moves are put back, a planted journal moves nothing.

Each case lays out by hand what a build killed between its moves and its swap leaves
beside the site, then runs the next build's recovery.
"""

from __future__ import annotations

import json
from pathlib import Path

from jixiao.assemble.write import recover_moves, remove_leftovers


def _killed_build(tmp_path: Path) -> tuple[Path, Path]:
    """A site whose units/a was moved into a staging folder by a build killed before its swap."""
    site = tmp_path / "site"
    (site / "units" / "b").mkdir(parents=True)
    (site / "units" / "b" / "index.html").write_bytes(b"<p>b</p>")
    staging = tmp_path / ".site.jixiao-new-k1ll3d"
    (staging / "units" / "a").mkdir(parents=True)
    (staging / "units" / "a" / "index.html").write_bytes(b"<p>a</p>")
    return site, staging


def _journal(tmp_path: Path, staging: Path, moves: list[str]) -> Path:
    journal = tmp_path / ".site.jixiao-moves.json"
    entry = {"staging": str(staging), "old": str(tmp_path / ".site.jixiao-old-k1ll3d"), "moves": moves}
    journal.write_text(json.dumps(entry), "utf-8")
    return journal


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_moves_of_a_killed_build_are_put_back(tmp_path):
    site, staging = _killed_build(tmp_path)
    journal = _journal(tmp_path, staging, ["units/a"])
    assert recover_moves(site) is True
    assert _tree(site) == {"units/a/index.html": b"<p>a</p>", "units/b/index.html": b"<p>b</p>"}
    assert not journal.exists()
    assert recover_moves(site) is False  # nothing left to recover


def test_a_journal_naming_a_folder_elsewhere_moves_nothing(tmp_path):
    site, _ = _killed_build(tmp_path)
    elsewhere = tmp_path / "home" / ".site.jixiao-new-x"  # the right prefix, not beside the site
    (elsewhere / "units" / "a").mkdir(parents=True)
    (elsewhere / "units" / "a" / "index.html").write_bytes(b"<p>not the site's</p>")
    journal = _journal(tmp_path, elsewhere, ["units/a"])
    assert recover_moves(site) is True
    assert _tree(site) == {"units/b/index.html": b"<p>b</p>"}
    assert _tree(elsewhere) == {"units/a/index.html": b"<p>not the site's</p>"}
    assert not journal.exists()


def test_a_journal_with_a_move_that_climbs_out_moves_nothing(tmp_path):
    site, staging = _killed_build(tmp_path)
    (tmp_path / "victim.txt").write_bytes(b"keep")
    _journal(tmp_path, staging, ["units/a", "../victim.txt"])
    recover_moves(site)
    assert _tree(site) == {"units/b/index.html": b"<p>b</p>"}
    assert (tmp_path / "victim.txt").read_bytes() == b"keep"


def test_a_journal_that_is_a_symlink_is_not_followed(tmp_path):
    site, staging = _killed_build(tmp_path)
    real = _journal(tmp_path, staging, ["units/a"])
    planted = tmp_path / "planted.json"
    real.rename(planted)
    real.symlink_to(planted)
    assert recover_moves(site) is True
    assert _tree(site) == {"units/b/index.html": b"<p>b</p>"}  # the link's journal was not acted on
    assert not real.is_symlink() and not real.exists()  # the link itself is removed
    assert planted.is_file()


def test_what_a_killed_build_left_beside_the_site_is_removed_and_nothing_else(tmp_path):
    site, staging = _killed_build(tmp_path)
    half_written = tmp_path / "..site.jixiao-moves.json.0a1b2c3d4e5f.tmp"  # files.write_atomic's temporary
    half_written.write_bytes(b'{"stag')
    (tmp_path / ".site.jixiao-tmp-x1").mkdir()
    (tmp_path / "notes.txt").write_bytes(b"the user's")
    (tmp_path / ".other.jixiao-new-y").mkdir()  # another output folder's staging: not this build's to remove
    removed = remove_leftovers(site)
    assert removed == ["..site.jixiao-moves.json.0a1b2c3d4e5f.tmp", ".site.jixiao-new-k1ll3d", ".site.jixiao-tmp-x1"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.jixiao-new-y", "notes.txt", "site"]
