"""The package page words its list of evaluations by what is there: "其他" only beside a main one."""

from __future__ import annotations

import shutil
from pathlib import Path

from site_fixtures import DATA, build_site, packages, parse_html, read_csv, shared_site, write_csv

KEYED = ("evaluations", "budget", "indicators", "stated_scores", "narrative", "quality")
"""The tables whose rows belong to one evaluation (column evaluation_id)."""


def _only(package: Path, evaluation_id: str) -> None:
    """Cut a package down to one evaluation, dropping the other evaluations' rows and narrative files."""
    for table in KEYED:
        path = package / f"{table}.csv"
        rows = read_csv(path)
        kept = [row for row in rows if row["evaluation_id"] == evaluation_id]
        if kept:
            write_csv(path, kept)
        else:
            path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    listed = {row["file"] for row in read_csv(package / "narrative.csv")}
    for file in (package / "narrative").iterdir():
        if f"narrative/{file.name}" not in listed:
            file.unlink()


def _heading(page: Path) -> str | None:
    section = parse_html(page.read_text(encoding="utf-8")).by_id("projects")
    return None if section is None else section.text()


def test_a_unit_with_one_project_form_has_no_other(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA / "rugao-sif/2024", data / "rugao-sif/2024")
    project = read_csv(data / "rugao-sif/2024/evaluations.csv")[0]
    assert project["kind"] == "project"
    _only(data / "rugao-sif/2024", project["evaluation_id"])
    site = build_site(tmp_path / "site", data_dir=data)
    page = (site / "units/rugao-sif/2024/index.html").read_text(encoding="utf-8")
    assert "其他" not in page
    assert _heading(site / "units/rugao-sif/2024/index.html") == "本年度的自评"
    listed = parse_html(page).by_id("projects").parent.find_all("a")
    assert [a.text() for a in listed][:1] == [project["title"]]


def test_every_package_page_says_other_only_beside_its_main_evaluation(tmp_path_factory) -> None:
    site = shared_site(tmp_path_factory)
    for package in packages():
        evaluations = read_csv(package.path / "evaluations.csv")
        has_main = any(e["kind"] in ("department", "report") for e in evaluations)
        listed = len(evaluations) - 1 if has_main else len(evaluations)
        heading = _heading(site / f"units/{package.unit_id}/{package.year}/index.html")
        if listed == 0:
            assert heading is None, package.path
        elif has_main:
            assert heading == "本年度的其他自评", package.path
        else:
            assert heading == ("本年度的自评" if listed == 1 else f"本年度的 {listed} 份自评"), package.path
