"""Stored state is data, checked before use: a poisoned cache or shard runs no code and publishes nothing foreign.

Each case builds a small portal, then plants what someone with write access to
``.jixiao-cache/`` or to a shard folder could plant, and builds again.  The oracle is a
clean build of the same data into a fresh folder with a fresh cache: the poisoned build
either gives exactly those bytes (the planted entry was a miss and was made again) or
refuses with a located message and leaves the previous site byte for byte as it was.
Nothing may run (a marker file a pickle would create stays absent), nothing outside the
output may be written or deleted, and no secret file may reach the site.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from site_fixtures import DATA, REPO, tree_bytes

from jixiao import stored
from jixiao.assemble import pipeline
from jixiao.config import Config

UNITS = {"rugao-landloss": "2023", "qingshen-drc": "2023"}
"""Two small real packages (one with narrative): enough for shards, reuse and the pages across units."""
SECRET = "JIXIAO_TRUST_SECRET_VALUE"


def _config(root: Path, site: Path | None = None, **options) -> Config:
    settings = {"quiet": True, "templates_dir": REPO / "templates", "assets_dir": REPO / "site_src", **options}
    settings.setdefault("cache_dir", (root / "cache").resolve())
    return Config(data_dir=(root / "data").resolve(), out_dir=(site or root / "site").resolve(), **settings)


def _build(root: Path, site: Path | None = None, **options) -> pipeline.BuildSummary:
    with contextlib.chdir(REPO):
        return pipeline.build(_config(root, site, **options))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A portal of two units built once, with its cache beside it: root holding data/, site/ and cache/."""
    root = tmp_path_factory.mktemp("trust")
    for unit, year in UNITS.items():
        shutil.copytree(DATA / unit / year, root / "data" / unit / year)
    _build(root)
    return root


@pytest.fixture
def case(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built portal (data, site, cache) to poison; a secret and a victim file beside it."""
    root = tmp_path / "portal"
    shutil.copytree(built, root, symlinks=True)
    (tmp_path / "secret.txt").write_text(SECRET, "utf-8")
    (tmp_path / "victim.txt").write_text("must survive", "utf-8")
    return root


@pytest.fixture(scope="module")
def edited(built: Path, tmp_path_factory) -> dict[str, bytes]:
    """The oracle after ``_edit_narrative``: the edited data built from nothing, with its own cache."""
    root = tmp_path_factory.mktemp("trust-oracle")
    shutil.copytree(built / "data", root / "data")
    _edit_narrative(root)
    _build(root, incremental=False)
    return tree_bytes(root / "site")


def _edit_narrative(root: Path) -> None:
    """A change to one unit, so the next build reuses the other one from the site and the cache."""
    narrative = sorted((root / "data" / "rugao-landloss").glob("*/narrative/*.md"))[0]
    narrative.write_text(narrative.read_text("utf-8") + "\n补充说明：本段为测试所加。\n", "utf-8")


class _Plant:
    """What a pickle planted in the cache would do when loaded: create the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _assert_safe(tmp_path: Path, site: Path) -> None:
    assert not (tmp_path / "ran").exists(), "code from the cache ran"
    assert (tmp_path / "victim.txt").read_text("utf-8") == "must survive", "a file outside the output was deleted"
    assert not any(SECRET.encode() in data for data in tree_bytes(site).values()), "a foreign file was published"


# --------------------------------------------------------------------------- records


def test_stored_records_refuse_damage_and_other_kinds(tmp_path):
    """The format itself: a flipped byte, a cut, another kind or a pickle read back as None (a miss)."""
    path = tmp_path / "record"
    stored.write(path, "thing-1", {"a": [1, "二"]})
    assert stored.read(path, "thing-1") == {"a": [1, "二"]}
    assert stored.read(path, "thing-2") is None
    data = path.read_bytes()
    flipped = data.replace(b"[1,", b"[2,")
    assert flipped != data
    for damaged in (data[:-1], flipped, pickle.dumps({"a": 1}), b""):
        path.write_bytes(damaged)
        assert stored.read(path, "thing-1") is None
    (tmp_path / "link").symlink_to(path)
    path.write_bytes(data)
    assert stored.read(tmp_path / "link", "thing-1") is None, "a record is never read through a symlink"


def test_a_record_of_the_wrong_shape_does_not_decode():
    """The typed decode refuses what the dataclass would not hold: a wrong type, a field too many or too few."""
    from jixiao.assemble import units
    from jixiao.ingest.findings import Finding

    good = stored.encode(Finding("E-SUM", "data/a/2023/budget.csv", "合计不符", line=3))
    assert stored.decode(Finding, good) == Finding("E-SUM", "data/a/2023/budget.csv", "合计不符", line=3)
    for bad in (good[:-1], [*good, "extra"], [*good[:3], "3", *good[4:]], [*good[:-1], "no-such-severity"], {}):
        with pytest.raises(stored.StoredError):
            stored.decode(Finding, bad)
    with pytest.raises(stored.StoredError):
        stored.decode(units.UnitRecord, ["a", "b", ["x"], [], [], [], [], "d", "surplus"])


def test_a_dataclass_with_keyword_only_fields_decodes_by_name():
    """Records decode their fields by position; a class with keyword-only fields still gets each by its name."""

    @dataclasses.dataclass(frozen=True)
    class Cell:
        label: str
        _: dataclasses.KW_ONLY
        count: int = 0
        note: str = ""

    assert stored.decode(Cell, ["甲", 3, "备注"]) == Cell("甲", count=3, note="备注")
    with pytest.raises(stored.StoredError):
        stored.decode(Cell, ["甲", "3", "备注"])
    with pytest.raises(stored.StoredError):
        stored.decode(Cell, ["甲", 3])


def test_a_planted_pickle_runs_nothing_and_is_made_again(edited, case, tmp_path):
    """Every unit record and fragment replaced by a pickle (under the old and the new names): no code runs."""
    poison = pickle.dumps(_Plant(tmp_path / "ran"))
    units = case / "cache" / "units"
    for path in list(units.iterdir()):
        path.write_bytes(poison)
        path.with_suffix(".pickle").write_bytes(poison)
    for folder in ("validation", "datasets"):
        (case / "cache" / folder).mkdir(exist_ok=True)
        (case / "cache" / folder / "planted.pickle").write_bytes(poison)
    _edit_narrative(case)
    summary = _build(case)
    assert summary.rendered == len(UNITS), "a record that is not data is a miss: the unit is rendered again"
    _assert_safe(tmp_path, case / "site")
    assert tree_bytes(case / "site") == edited


def test_a_well_formed_record_of_another_unit_or_with_foreign_paths_is_a_miss(edited, case, tmp_path):
    """Records that pass the format check but do not describe this unit's planned output are not used."""
    from jixiao.assemble import units

    records = sorted((case / "cache" / "units").glob("*.json"))
    assert len(records) == len(UNITS)
    for path in records:
        record = stored.decode(units.UnitRecord, stored.loads(units.RECORD_KIND, path.read_bytes()))
        forged = units.UnitRecord(
            record.unit_id,
            record.key,
            (*record.files, "../../../victim.txt"),
            record.outlines,
            record.package_dirs,
            record.findings,
            record.rows_digests,
            record.outline_digest,
        )
        units.write_record(path, forged)
    _edit_narrative(case)
    summary = _build(case)
    assert summary.rendered == len(UNITS)
    _assert_safe(tmp_path, case / "site")
    assert tree_bytes(case / "site") == edited


def test_a_forged_verdict_cannot_publish_a_package_with_an_error(case, tmp_path):
    """Verdicts are computed from the bytes read, never read back: "no findings" planted anywhere changes nothing."""
    budget = case / "data" / "rugao-landloss" / "2023" / "budget.csv"
    lines = budget.read_text("utf-8").split("\n")
    header = lines[0].split(",")
    column = header.index("actual")
    parent = header.index("parent_id")
    for number, line in enumerate(lines[1:], start=1):
        cells = line.split(",")
        if len(cells) == len(header) and cells[column] and cells[parent]:
            cells[column] = str(Decimal(cells[column]) + 1000)
            lines[number] = ",".join(cells)
            break
    else:
        raise AssertionError("no child budget line with an amount to break")
    budget.write_text("\n".join(lines), "utf-8")
    for folder in ("validation", "units"):
        (case / "cache" / folder).mkdir(exist_ok=True)
        for name in ("verdict.json", "verdict.pickle"):
            (case / "cache" / folder / name).write_bytes(stored.dumps("verdict", []))
    before = tree_bytes(case / "site")
    with pytest.raises(pipeline.BuildError) as refused:
        _build(case)
    assert "E-SUM" in {finding.code for finding in refused.value.findings}
    assert tree_bytes(case / "site") == before, "the previous site stays as it was"


# --------------------------------------------------------------------------- cache folders


def _entries(case: Path, kind: str) -> list[Path]:
    entries = [p for p in (case / "cache" / kind).iterdir() if (p / "done").is_file()]
    assert entries, f"no {kind} entries were cached"
    return entries


@pytest.mark.parametrize("kind", ["pages", "datasets", "search"])
def test_a_cache_listing_naming_files_outside_deletes_and_links_nothing(edited, case, tmp_path, kind):
    """``../`` and absolute names in an entry's list: never linked into the site, never removed by the cleanup."""
    for entry in _entries(case, kind):
        with (entry / "done").open("a", encoding="utf-8") as listing:
            listing.write(f"\n../../../../victim.txt\n{tmp_path / 'victim.txt'}\nunits/../../../victim.txt")
    _edit_narrative(case)
    _build(case)
    _assert_safe(tmp_path, case / "site")
    assert tree_bytes(case / "site") == edited


@pytest.mark.parametrize("kind", ["pages", "datasets", "search"])
def test_a_symlink_inside_a_cache_entry_is_not_published(edited, case, tmp_path, kind):
    """Each entry's first file replaced by a link to a secret: the entry is a miss and is made again."""
    for entry in _entries(case, kind):
        name = (entry / "done").read_text("utf-8").split("\n")[0]
        (entry / name).unlink()
        (entry / name).symlink_to(tmp_path / "secret.txt")
    _edit_narrative(case)
    _build(case)
    _assert_safe(tmp_path, case / "site")
    assert tree_bytes(case / "site") == edited


def test_a_symlinked_cache_entry_is_not_followed(edited, case, tmp_path):
    """A whole entry replaced by a link to a folder elsewhere: removed as a link, the folder untouched."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep", "utf-8")
    for entry in _entries(case, "pages"):
        shutil.rmtree(entry)
        entry.symlink_to(elsewhere, target_is_directory=True)
    _edit_narrative(case)
    _build(case)
    assert (elsewhere / "keep.txt").read_text("utf-8") == "keep"
    _assert_safe(tmp_path, case / "site")
    assert tree_bytes(case / "site") == edited


def test_a_site_manifest_naming_paths_outside_moves_nothing(edited, case, tmp_path):
    """The site manifest is in the cache too: file lists with ``../`` discard it (every unit rendered)."""
    manifests = list((case / "cache" / "sites").glob("*.json"))
    assert len(manifests) == 1
    text = manifests[0].read_text("utf-8")
    manifests[0].write_text(text.replace('"files": [', '"files": [\n  "../../victim.txt",'), "utf-8")
    _edit_narrative(case)
    summary = _build(case)
    assert summary.rendered == len(UNITS)
    _assert_safe(tmp_path, case / "site")
    assert tree_bytes(case / "site") == edited


# --------------------------------------------------------------------------- shards


@pytest.fixture(scope="module")
def built_shards(built: Path, tmp_path_factory) -> Path:
    """The unedited portal built as two shards, once: a folder holding shard-1 and shard-2."""
    root = tmp_path_factory.mktemp("trust-shards")
    for index in (1, 2):
        _build(built, root / f"shard-{index}", shard=f"{index}/2", cache_dir=root / f"cache-{index}")
    return root


@pytest.fixture
def shards(built_shards: Path, tmp_path: Path) -> list[Path]:
    """A fresh copy of the two shard folders to poison."""
    folders = [tmp_path / f"shard-{i}" for i in (1, 2)]
    for folder in folders:
        shutil.copytree(built_shards / folder.name, folder, symlinks=True)
    return folders


def _merge(case: Path, tmp_path: Path, shards: list[Path]) -> pipeline.BuildSummary:
    return _build(case, tmp_path / "merged", merge=tuple(shards), cache_dir=tmp_path / "merge-cache")


def test_a_merge_of_honest_shards_renders_nothing(built, case, tmp_path, shards):
    assert _merge(case, tmp_path, shards).rendered == 0
    assert tree_bytes(tmp_path / "merged") == tree_bytes(built / "site")


@pytest.mark.parametrize("poisons", [("pickle", "symlink"), ("foreign-path", "other-unit")])
def test_a_malicious_shard_is_checked_on_merge(built, case, tmp_path, shards, poisons):
    """A shard's records and files are checked like cache entries: its units are rendered again, nothing runs.

    Each case poisons the first shard one way and the second another (two merges instead of four).
    """
    from jixiao.assemble import plan

    for shard, poison in zip(shards, poisons, strict=True):
        records = sorted(plan.shard_records_dir(shard).glob("*.json"))
        assert records
        if poison == "pickle":
            for path in plan.shard_records_dir(shard).iterdir():
                path.write_bytes(pickle.dumps(_Plant(tmp_path / "ran")))
        elif poison == "foreign-path":
            manifest = plan.shard_manifest_path(shard)
            text = manifest.read_text("utf-8")
            manifest.write_text(text.replace('"files": [', '"files": [\n  "../../victim.txt",'), "utf-8")
        elif poison == "symlink":
            page = next((shard / "units").rglob("*.html"))
            page.unlink()
            page.symlink_to(tmp_path / "secret.txt")
        else:  # a well-formed record of the other shard's unit, under this one's key
            other = next(plan.shard_records_dir(shards[0]).glob("*.json"))
            shutil.copyfile(other, records[0])
    summary = _merge(case, tmp_path, shards)
    assert summary.rendered == len(UNITS), "no unit of a poisoned shard is taken"
    _assert_safe(tmp_path, tmp_path / "merged")
    assert tree_bytes(tmp_path / "merged") == tree_bytes(built / "site")


# --------------------------------------------------------------------------- keys from the bytes read


def test_a_file_saved_between_plan_and_read_is_keyed_by_what_was_read(edited, case, tmp_path, monkeypatch):
    """The plan hashes version A, the worker reads B: the manifest keys the unit by B, so going back to A rebuilds."""
    from jixiao.assemble import units

    narrative = sorted((case / "data" / "rugao-landloss").glob("*/narrative/*.md"))[0]
    original = narrative.read_bytes()
    real_read = units.read_package

    def save_meanwhile(directory, data_dir, limit):
        if directory.parent.name == "rugao-landloss":
            narrative.write_bytes(original + "\n保存于计划之后。\n".encode())
        return real_read(directory, data_dir, limit)

    _edit_narrative(case)  # the build must run (not "no change") for the race to matter
    monkeypatch.setattr(units, "read_package", save_meanwhile)
    _build(case)
    monkeypatch.undo()
    assert any("保存于计划之后".encode() in data for data in tree_bytes(case / "site").values()), "B was published"
    narrative.write_bytes(original + "\n补充说明：本段为测试所加。\n".encode())  # back to what the plan hashed
    again = _build(case)
    assert not again.unchanged and again.rendered == 1, "the site holds B, the data says A: it must be rebuilt"
    assert tree_bytes(case / "site") == edited


def test_a_package_digest_is_the_digest_of_its_bytes_read():
    """The plan's folder hash and the worker's hash of the bytes it read are one function of the same files."""
    from jixiao.files import tree_digest
    from jixiao.ingest.load import read_package

    for unit, year in UNITS.items():
        folder = DATA / unit / year
        assert read_package(folder, DATA).digest == tree_digest(folder)


def test_no_pickle_is_left_in_the_code():
    """No module of the build imports pickle, marshal or shelve (stored state is data)."""
    modules = list((REPO / "jixiao").rglob("*.py"))
    assert len(modules) > 50
    for path in modules:
        text = path.read_text("utf-8")
        for module in ("pickle", "marshal", "shelve", "dill"):
            assert f"import {module}" not in text, f"{path}: imports {module}"


# --------------------------------------------------------------------------- the Vega bundle and the portal's folders


def test_the_vega_bundle_is_the_vendored_files_whatever_the_cache_holds(built, case, tmp_path):
    """A bundle planted in the cache (where vl-convert's used to be) is not read: vega.js is the pinned npm files."""
    import hashlib

    from jixiao.site import vendored

    (case / "cache").mkdir(exist_ok=True)
    for name in ("vega-bundle-1.9.0.post1.js", "vega.js"):
        (case / "cache" / name).write_text("document.title='pwned';", "utf-8")
    _edit_narrative(case)
    _build(case)
    bundle = (case / "site" / "assets" / "vega.js").read_bytes()
    assert b"pwned" not in bundle
    folder = REPO / "site_src" / "vendor" / "vega"
    for name, licence, package, digest in vendored.VEGA_FILES:
        code = (folder / name).read_bytes()
        assert hashlib.sha256(code).hexdigest() == digest, f"{name} is not the pinned file"
        assert code.split(b"\n//# sourceMappingURL=")[0].rstrip(b"\n") in bundle, f"{package} is published as vendored"
        assert (folder / licence).read_bytes().strip() in bundle, f"{package}'s licence travels with it"
    assert b"vega 6.2.0" in bundle
    # Vega alone: the chart templates are compiled to Vega beforehand, so no Vega-Lite and no vega-embed
    assert b"vega-lite" not in bundle and b"vega-embed" not in bundle and b"vegaEmbed" not in bundle


def test_a_poisoned_vendored_bundle_stops_the_build(case, tmp_path):
    """A changed copy of a vendored file (a theme folder, an installed wheel) is refused by its pinned digest."""
    theme = tmp_path / "theme-assets"
    shutil.copytree(REPO / "site_src", theme)
    target = theme / "vendor" / "vega" / "vega.min.js"
    target.write_bytes(target.read_bytes() + b"\ndocument.title='pwned';\n")
    _edit_narrative(case)
    before = tree_bytes(case / "site")
    with pytest.raises(pipeline.BuildError) as refused:
        _build(case, assets_dir=theme)
    assert "vega.min.js" in str(refused.value) and "SHA-256" in str(refused.value)
    assert tree_bytes(case / "site") == before


@pytest.mark.parametrize(
    "where",
    [
        "assets/env.txt",
        "templates/base.html",
        "assets",
        "templates/partials/x.html",
        pytest.param("assets/fifo", marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")),
    ],
)
def test_a_symlink_or_special_file_in_a_portal_folder_is_refused(case, tmp_path, where):
    """The portal's assets/ and templates/ follow the rules of data/: a located E-SYMLINK, the site unchanged."""
    portal = tmp_path / "portal-folder"
    (portal / "assets").mkdir(parents=True)
    (portal / "templates").mkdir()
    (portal / "assets" / "extra.css").write_text("p{}", "utf-8")
    target = portal / where
    target.parent.mkdir(parents=True, exist_ok=True)
    if where == "assets":
        shutil.rmtree(target)
        target.symlink_to(tmp_path, target_is_directory=True)
    elif where.endswith("fifo"):
        os.mkfifo(target)
    else:
        target.symlink_to(tmp_path / "secret.txt")
    before = tree_bytes(case / "site")
    with pytest.raises(pipeline.BuildError) as refused:
        _build(case, custom_dir=portal)
    (finding,) = refused.value.findings
    assert finding.code == "E-SYMLINK" and finding.file.endswith(where), finding
    assert "data/" in finding.message and "secret" not in finding.message
    assert tree_bytes(case / "site") == before
    assert not any(SECRET.encode() in data for data in before.values())


@pytest.mark.skipif(not Path("/dev/zero").exists() or not hasattr(os, "mkfifo"), reason="needs /dev/zero and FIFOs")
def test_a_manifest_or_digest_cache_that_is_no_regular_file_is_not_read(tmp_path):
    """A shard's manifest linked to /dev/zero, or a FIFO, would hang or fill memory: it is no manifest at all."""
    from jixiao.assemble import plan

    (tmp_path / "zero.json").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "fifo.json")
    for name in ("zero.json", "fifo.json"):
        assert plan.Manifest.read(tmp_path / name) is None
        assert plan.DigestCache(tmp_path / name).known == {}


def test_a_cache_folder_planted_as_a_symlink_is_not_written_through(edited, case, tmp_path):
    """``.jixiao-cache/units`` (and the others) linked elsewhere: the link is removed, the folder there untouched."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep", "utf-8")
    for name in ("units", "pages", "digests"):
        shutil.rmtree(case / "cache" / name)
        (case / "cache" / name).symlink_to(elsewhere, target_is_directory=True)
    _edit_narrative(case)
    _build(case)
    assert [p.name for p in elsewhere.iterdir()] == ["keep.txt"], "the build wrote through a planted link"
    _assert_safe(tmp_path, case / "site")
    assert tree_bytes(case / "site") == edited
