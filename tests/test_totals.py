"""The totals rule (jixiao/structure/totals.py) against figures read off the forms by hand.

The expectations are the forms' own figures: 弋阳 2022's three project forms print
全年预算数 43, 28.0921 and 49.4731 万元 and its report restates them as 120.56; 普陀 2022
prints 250000.00 元; 永德 2022 and 稷山 2020 print two figures under three columns.
The downloaded files are checked against the built site in tests/test_journalist.py.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.ingest.load import find_packages, read_package
from jixiao.ingest.model import Package, build_package
from jixiao.structure import totals

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def by_id() -> dict[str, Package]:
    packages = [build_package(read_package(folder, DATA), ()) for folder in find_packages(DATA)]
    return {package.package_id: package for package in packages}


def test_a_report_that_restates_its_forms_is_not_added(by_id: dict[str, Package]) -> None:
    money = totals.package_money(by_id["yiyang-si-2022"])
    assert not money["report"].in_totals and money["report"].left_out == "project"
    assert money["report"].budget_wan == Decimal("120.56")  # its own figure stays published
    assert [money[e].in_totals for e in ("retiree-allowance", "soe-retiree-management", "teacher-allowance")] == [
        True,
        True,
        True,
    ]
    assert totals.totals([by_id["yiyang-si-2022"]]).budget == Decimal("120.5652")  # 43 + 28.0921 + 49.4731


def test_yuan_is_converted_exactly(by_id: dict[str, Package]) -> None:
    money = totals.package_money(by_id["putuo-sports-centre-2022"])["operator-settlement"]
    assert (str(money.budget_wan), str(money.actual_wan), str(money.rate_computed)) == ("25.00", "21.54576", "86.18")


def test_ambiguous_amounts_are_unknown_not_zero(by_id: dict[str, Package]) -> None:
    for package_id, evaluation_id in (
        ("yongde-minglang-school-2022", "nutrition"),
        ("jishan-medical-insurance-2020", "poverty-contribution"),
    ):
        money = totals.package_money(by_id[package_id])[evaluation_id]
        assert (money.budget_wan, money.total_known, money.in_totals, money.left_out) == (None, False, False, "unknown")
    year_2020 = totals.totals([p for p in by_id.values() if p.year == 2020])
    assert (year_2020.budget, year_2020.counted, year_2020.unknown) == (None, 0, 2)


def test_2022_total(by_id: dict[str, Package]) -> None:
    """34.64 (保山) + 25.00 (普陀, 元) + 880 (天长水利) + 120.5652 (弋阳 forms) + 20 (中江水利) = 1080.2052;
    永德 unknown."""
    year = totals.totals([p for p in by_id.values() if p.year == 2022])
    assert (year.budget, year.counted, year.unknown) == (Decimal("1080.2052"), 7, 1)


def test_a_department_form_covers_its_projects(by_id: dict[str, Package]) -> None:
    """A package with a department form and a project form adds the department form only."""
    department = by_id["rugao-pension-2024"]
    project = replace(by_id["rugao-sif-2024"].evaluations[0], unit_id=department.unit.unit_id)
    both = replace(department, evaluations=(*department.evaluations, project))
    money = totals.package_money(both)
    assert money["department"].in_totals and not money[project.evaluation_id].in_totals
    assert money[project.evaluation_id].left_out == "department"
    assert totals.totals([both]).budget == Decimal("989.34")
